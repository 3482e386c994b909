package app

import (
	"kynangso/app/apptest"
	"kynangso/app/ui"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"kynangso/lessons"
	"kynangso/quiz"
	"kynangso/results"
)

// scenarioQ14 is the built-in payment module's question q14 as it was when
// issue 17 was filed: a scenario whose author broke lines for the editor
// ("…trả 40.000đ," / "nhưng điện thoại…"). It is copied here so that the
// golden files follow the reflow, not later edits of the content.
func scenarioQ14() *lessons.Module {
	return &lessons.Module{ID: "thanhtoan", Title: apptest.Vi("Thanh toán trực tuyến", "Online payment"), PassPercent: 70,
		Pages: map[string][]lessons.Page{"vi": {{Title: "Một", Body: "x"}}},
		Questions: []quiz.Question{{ID: "q14", Type: quiz.TypeSingle,
			Message: apptest.Vi("Bạn bán cơm ở chợ xã. Khách nói đã quét mã trên bàn trả 40.000đ,\nnhưng điện thoại bạn không báo tiền vào.\n"+
				"Khách đưa app: tiền đã chuyển cho \"LE THI MAI\", không phải bạn.\n", "A customer says they paid."),
			Prompt: apptest.Vi("Chủ quán nên làm gì?", "What should the shop owner do?"),
			Choices: []quiz.Choice{{ID: "a", Text: apptest.Vi("Bắt khách trả lại tiền vì khách nói dối", "Make them pay again")},
				{ID: "b", Text: apptest.Vi("Xem mã QR ở bàn, bóc mã lạ, từ nay mỗi ngày tự quét lại", "Check the QR"), Correct: true},
				{ID: "c", Text: apptest.Vi("In thêm nhiều mã, dán khắp quán cho tiện", "Print more codes")}}}},
	}
}

// In the quiz the scenario's box is reflowed, without a short line in the
// middle, at both screen sizes.
func TestGoldenScenarioBox(t *testing.T) {
	mod := scenarioQ14()
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
		golden(t, "quiz-scenario-"+ui.Itoa(size[0])+"x"+ui.Itoa(size[1]), got)
	}
}
