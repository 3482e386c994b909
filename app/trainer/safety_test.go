package trainer

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"kynangso/app"
	"kynangso/results"
)

// Without a PIN, the trainer key on a participant's screen never offers
// to create one: whoever sits down cannot set the PIN (issue 20 item 4).
func TestNoPINParticipantCannotSetOne(t *testing.T) {
	ctx := context.Background()
	e := newTrainerEnv(t, 80, 24)
	e.SetPIN("2468")
	// The PIN is removed on the command line while the app runs.
	if err := e.Store.ResetPIN(ctx); err != nil {
		t.Fatal(err)
	}
	e.Press(tea.KeyPressMsg{Code: 't', Text: "t"})
	e.Want("Máy này chưa có mã PIN", "kynangso trainer set-pin")
	e.Lacks("Mã PIN mới")
	e.Goldens("trainer_pin_none")
	e.Typ("7391")
	e.Press(enter)
	e.Typ("7391")
	e.Press(enter)
	if has, _ := e.Store.HasPIN(ctx); has {
		t.Fatal("a PIN was created from a participant's screen")
	}
	e.Press(esc)
	if e.m().Screen() != app.ScreenWelcome {
		t.Fatalf("Esc did not go back to the welcome screen: %v", e.m().Screen())
	}
}

// After the right PIN, the trainer learns how many wrong ones were typed
// since they last came in.
func TestPINTellsWrongTries(t *testing.T) {
	e := newTrainerEnv(t, 80, 24)
	e.SetPIN("2468")
	e.Press(tea.KeyPressMsg{Code: tea.KeyF2})
	for range 3 {
		e.Typ("1111")
		e.Press(enter)
	}
	e.Press(esc)
	e.unlock("2468")
	e.Want("có 3 lần nhập sai mã PIN kể từ lần vào trước")
	e.Press(esc)
	e.unlock("2468")
	e.Lacks("lần nhập sai")
}

// An erasure held back by a long read is said to finish by itself, not
// reported as a failure to save; the "where is my data" page counts it.
func TestErasurePendingIsSaidPlainly(t *testing.T) {
	ctx := context.Background()
	e := newTrainerEnv(t, 80, 24)
	e.SetPIN("2468")
	p, err := e.Store.CreateParticipant(ctx, results.Participant{FullName: "Hờ Zyquất Niê", BirthYear: 1970,
		Village: "Buôn Đôn", ConsentVersion: results.ConsentVersion, ConsentAt: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 100 {
		if _, err := e.Store.CreateParticipant(ctx, results.Participant{FullName: fmt.Sprintf("Người %d", i), BirthYear: 1980,
			Village: "Thôn 1", ConsentVersion: results.ConsentVersion, ConsentAt: fixedNow}); err != nil {
			t.Fatal(err)
		}
	}
	e.Open(80, 24)
	e.unlock("2468")
	e.pick(actPeople)
	e.Typ("zyquat")
	e.Press(down, tpressKey('x'))
	e.Want("Xóa dữ liệu của Hờ Zyquất Niê?")
	// A report still reading its rows holds the file.
	rows, err := e.Store.DB().Query(`SELECT full_name FROM participants`)
	if err != nil || !rows.Next() {
		t.Fatalf("hold a read: %v", err)
	}
	defer rows.Close()
	e.Press(num(1))
	e.Want("Đã xóa khỏi danh sách. Việc xóa hẳn khỏi máy sẽ tự xong", "việc đang dở.")
	e.Lacks("Chưa lưu được")
	if got, _ := e.Store.Participant(ctx, p.ID); got.FullName != "" {
		t.Fatal("the erasure is not committed")
	}
	e.Press(esc) // nobody is left in the list: the search field has the keys, Esc leaves
	e.pick(actWhere)
	e.Want("Có 1 yêu cầu xóa dữ liệu đang chờ xóa hẳn khỏi tệp")
}

// The "where is the data" page shows the laptop's name and sets it, with
// the command line's rule (at most 60 characters, never empty).
func TestWherePageNamesTheLaptop(t *testing.T) {
	ctx := context.Background()
	e := newTrainerEnv(t, 80, 24)
	e.SetPIN("2468")
	e.unlock("2468")
	e.pick(actWhere)
	e.Want("Tên máy: (chưa đặt tên; bấm n để đặt")
	e.Press(tpressKey('n'))
	e.Want("Đặt tên cho máy này")
	e.Press(down, enter)                 // save with nothing typed
	e.Want("Xin gõ tên máy")             // and the field has the focus again
	long := strings.Repeat("Máy tổ ", 9) // 62 characters once trimmed, kept to say how long
	e.Typ(long)
	e.Press(down, enter)
	e.Want("Tên máy dài 62 chữ; tối đa 60")
	for range len([]rune(long)) {
		e.Press(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	e.Typ("Máy tổ 3, xã Ea Tu")
	e.Press(down, enter)
	e.Want("Nơi lưu dữ liệu", "Tên máy: Máy tổ 3, xã Ea Tu")
	if name, _ := e.Store.DeviceName(ctx); name != "Máy tổ 3, xã Ea Tu" {
		t.Fatalf("stored laptop name %q", name)
	}
}
