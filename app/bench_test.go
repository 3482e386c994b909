package app

import (
	"context"
	"kynangso/app/ui"
	"path/filepath"
	"testing"

	tea "charm.land/bubbletea/v2"

	"kynangso/lessons"
	"kynangso/results"
)

// BenchmarkQuizKeyPress measures one key press on the quiz screen (Update
// and View), moving the highlight between choices. Target: under 1 ms.
func BenchmarkQuizKeyPress(b *testing.B) {
	for _, sz := range [][2]int{{80, 24}, {200, 60}} {
		b.Run(ui.Itoa(sz[0])+"x"+ui.Itoa(sz[1]), func(b *testing.B) {
			st := newFakeStore()
			st.people = []results.Participant{{ID: "p1", FullName: "Đinh Văn Tâm", BirthYear: 1955}}
			m := newTestModel(b, st, sz[0], sz[1])
			press(b, m, enter)
			typeText(b, m, "tam")
			press(b, m, enter, keyK)
			if m.Screen() != ScreenQuiz {
				b.Fatal("not on the quiz")
			}
			keys := []tea.Msg{down, down, up, up}
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				m.Update(keys[i%len(keys)])
				_ = m.View()
			}
		})
	}
}

// BenchmarkStartToFirstFrame measures loading the built-in pack, opening a
// fresh database and drawing the first frame. Target: under 100 ms.
func BenchmarkStartToFirstFrame(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	for i := 0; b.Loop(); i++ {
		pack, err := lessons.Builtin()
		if err != nil {
			b.Fatal(err)
		}
		st, err := results.Open(ctx, filepath.Join(dir, "k"+ui.Itoa(i)+".db"))
		if err != nil {
			b.Fatal(err)
		}
		m := New(Config{Store: st, Pack: pack})
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		msg := loadClass(m.c)()
		m.Update(msg)
		if v := m.View(); v.Content == "" {
			b.Fatal("empty frame")
		}
		st.Close()
	}
}
