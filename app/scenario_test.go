package app

import (
	"kynangso/app/ui"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"kynangso/lessons"
	"kynangso/results"
)

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
		golden(t, "quiz-scenario-"+ui.Itoa(size[0])+"x"+ui.Itoa(size[1]), got)
	}
}
