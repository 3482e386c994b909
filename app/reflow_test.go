package app

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"kynangso/lessons"
	"kynangso/results"
)

func TestReflow(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"prose joins", "Bạn bán cơm ở chợ xã. Khách nói đã quét mã trên bàn trả 40.000đ,\nnhưng điện thoại bạn không báo tiền vào.",
			"Bạn bán cơm ở chợ xã. Khách nói đã quét mã trên bàn trả 40.000đ, nhưng điện thoại bạn không báo tiền vào."},
		{"header stays", "[SMS từ 0865xxx102]\nCHUC MUNG! So thue bao cua ban trung thuong xe may\nSH. Bam link de nhan giai",
			"[SMS từ 0865xxx102]\nCHUC MUNG! So thue bao cua ban trung thuong xe may SH. Bam link de nhan giai"},
		{"labels stay", "Chuyển tiền\nNgười nhận: NGUYEN VAN A\nSố tiền: 45.000đ\nNội dung: tien hoc",
			"Chuyển tiền\nNgười nhận: NGUYEN VAN A\nSố tiền: 45.000đ\nNội dung: tien hoc"},
		{"label value carries on in lower case", "Nội dung: chuyen tien hoc phi\ncho con", "Nội dung: chuyen tien hoc phi cho con"},
		{"list stays", "Bạn cần:\n- căn cước\n- sổ hộ khẩu", "Bạn cần:\n- căn cước\n- sổ hộ khẩu"},
		{"blank line is a paragraph", "Một.\n\nHai\nba.", "Một.\n\nHai ba."},
		{"times and links are not labels", "Hẹn lúc\n10:30 ở xã, xem\nhttp://xa.gov.vn", "Hẹn lúc 10:30 ở xã, xem http://xa.gov.vn"},
	} {
		if got := reflow(c.in); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

// The built-in payment module's question q14 is a scenario whose author
// broke lines for the editor: in the quiz its box is reflowed, without a
// short line in the middle, at both screen sizes.
func TestGoldenScenarioBox(t *testing.T) {
	pack, err := lessons.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	mod := pack.Module("thanhtoan")
	for _, q := range mod.Questions {
		if q.ID == "q14" {
			mod.Questions = append(mod.Questions[:0:0], q)
		}
	}
	mod.QuestionsPerAttempt = 1
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		st := newFakeStore()
		st.people = []results.Participant{{ID: "p1", FullName: "Nguyễn Thị Lan", BirthYear: 1958}}
		m := New(Config{Store: st, Pack: &lessons.Pack{ID: "t", Languages: []string{"vi", "en"}, Modules: []*lessons.Module{mod}},
			Now: func() time.Time { return fixedNow }, Seed: func() uint64 { return 42 }})
		m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		run(t, m, m.Init())
		checkin(t, m)
		press(t, m, keyK)
		got := screen(m)
		if !strings.Contains(got, "40.000đ, nhưng") {
			t.Errorf("%dx%d: the box still breaks where the author did:\n%s", size[0], size[1], got)
		}
		golden(t, "quiz-scenario-"+itoa(size[0])+"x"+itoa(size[1]), got)
	}
}
