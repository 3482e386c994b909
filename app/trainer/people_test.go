package trainer

import (
	"context"
	"strings"
	"testing"

	"kynangso/results"
)

// twoNamesakes stores two people called Điểu Bơ (told apart by birth year,
// village and household), checks one in to the open class, and opens the
// trainer's people page searching for them.
func twoNamesakes(t *testing.T) (*trainerEnv, results.Participant, results.Participant) {
	t.Helper()
	ctx := context.Background()
	e := newTrainerEnv(t, 80, 24)
	e.SetPIN("2468")
	mk := func(year int, village, hh string) results.Participant {
		p, err := e.Store.CreateParticipant(ctx, results.Participant{FullName: "Điểu Bơ", BirthYear: year, Village: village,
			Household: hh, ConsentVersion: results.ConsentVersion, ConsentAt: fixedNow})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	a, b := mk(1951, "Bon Bu Dăr", "Hộ Điểu Lơ"), mk(1976, "Bon Ja Lú", "12")
	e.Open(80, 24)
	e.unlock("2468")
	e.pick(actPeople)
	e.Typ("dieu bo")
	e.Want("Điểu Bơ · 1951", "Điểu Bơ · 1976")
	e.Press(down)
	return e, a, b
}

// The delete confirmation says which of two namesakes it is about.
func TestDeleteConfirmationSaysWhichPerson(t *testing.T) {
	e, a, _ := twoNamesakes(t)
	e.Press(tpressKey('x'))
	e.Want("Xóa dữ liệu của Điểu Bơ?", "Người này: Điểu Bơ · 1951 · Bon Bu Dăr · Hộ Điểu Lơ")
	e.Goldens("trainer_delete")
	e.Press(num(2))
	if got, _ := e.Store.Participant(context.Background(), a.ID); got.FullName != "Điểu Bơ" {
		t.Fatalf("No deleted the person: %+v", got)
	}
}

// The join confirmation shows both records in full and which one is kept.
func TestJoinConfirmationShowsBothRecords(t *testing.T) {
	e, a, b := twoNamesakes(t)
	e.Press(tpressKey('g'), down, tpressKey('g'))
	e.Want("Bản ghi trùng (sẽ gộp đi): Điểu Bơ · 1951 · Bon Bu Dăr · Hộ Điểu Lơ",
		"Bản ghi được giữ: Điểu Bơ · 1976 · Bon Ja Lú · hộ 12")
	e.Goldens("trainer_join")
	e.Press(num(1))
	e.Want("Đã gộp hai bản ghi")
	_, _ = a, b
}

// A stored name carrying a terminal title sequence and a right-to-left
// override reaches neither the people list, the edit form, the delete
// question nor the history page; saving the form stores the clean name.
func TestTrainerScreensNeverShowControlCharacters(t *testing.T) {
	ctx := context.Background()
	e, a, _ := twoNamesakes(t)
	evil := "Điểu \x1b]0;pwned\x07Bơ\u202eoạh"
	if _, err := e.Store.DB().ExecContext(ctx, `UPDATE participants SET full_name = ?, village = ? WHERE id = ?`, evil, "Bon\x1b[2JBu", a.ID); err != nil {
		t.Fatal(err)
	}
	raw := func(where string) {
		t.Helper()
		v := e.m().View().Content
		for _, bad := range []string{"\x1b]", "\x07", "\u202e", "\x1b[2J"} {
			if strings.Contains(v, bad) {
				t.Fatalf("%s: the screen carries %q:\n%q", where, bad, v)
			}
		}
	}
	e.Press(esc) // back to the search field; one more key searches again
	e.Typ(" ")
	e.Press(down)
	raw("people list")
	e.Want("Điểu Bơoạh · 1951 · BonBu")
	e.Press(tpressKey('x'))
	raw("delete question")
	e.Press(num(2), tpressKey('e'))
	e.Want("Sửa thông tin người học")
	raw("edit form")
	e.Goldens("trainer_edit")
	for range 6 { // to the Save button
		e.Press(down)
	}
	e.Press(enter)
	got, err := e.Store.Participant(ctx, a.ID)
	if err != nil || got.FullName != "Điểu Bơoạh" || got.Village != "BonBu" {
		t.Fatalf("saved %+v, %v: want the cleaned name and village", got, err)
	}
	e.Press(enter)
	raw("history")
}
