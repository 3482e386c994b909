package app

import (
	"fmt"
	"kynangso/app/ui"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"kynangso/results"
)

// Golden views of every participant screen at 80×24 and 60×20, ANSI
// stripped (styles carry no information that the text lacks).
// Regenerate with: go test ./app -run TestGolden -update
func TestGoldenScreens(t *testing.T) {
	screens := []struct {
		name string
		to   func(t *testing.T, m *Model)
	}{
		{"welcome", func(t *testing.T, m *Model) {}},
		{"checkin", func(t *testing.T, m *Model) { press(t, m, enter); typeText(t, m, "nguyen") }},
		{"register", func(t *testing.T, m *Model) {
			press(t, m, enter)
			typeText(t, m, "Phạm Thị Mai")
			press(t, m, enter, tab)
			typeText(t, m, "19x")
			press(t, m, tab, tab, tab, tab, tab, enter) // Continue with errors
		}},
		{"consent", func(t *testing.T, m *Model) { register(t, m, "Phạm Thị Mai") }},
		{"menu", func(t *testing.T, m *Model) { checkin(t, m) }},
		{"lesson", func(t *testing.T, m *Model) { checkin(t, m); press(t, m, enter) }},
		{"quiz", func(t *testing.T, m *Model) { checkin(t, m); press(t, m, keyK) }},
		{"quiz-feedback", func(t *testing.T, m *Model) { checkin(t, m); press(t, m, keyK, num(1), enter) }},
		{"result", func(t *testing.T, m *Model) {
			checkin(t, m)
			press(t, m, keyK)
			for range 3 {
				press(t, m, num(1), enter, right)
			}
		}},
		{"lesson-message", func(t *testing.T, m *Model) {
			checkin(t, m)
			press(t, m, enter)
			for !strings.Contains(screen(m), "╰─") { // the whole message box
				if m.stack.Base().(*lessonScreen).scroll.AtBottom() {
					t.Fatalf("no message block on the page:\n%s", screen(m))
				}
				press(t, m, down)
			}
		}},
		{"lesson-end", func(t *testing.T, m *Model) { checkin(t, m); press(t, m, enter, right, right) }},
		{"quiz-multiple", func(t *testing.T, m *Model) {
			checkin(t, m)
			press(t, m, keyK)
			toQuestion(t, m, "q2")
			press(t, m, num(1))
		}},
		{"quiz-message", func(t *testing.T, m *Model) { checkin(t, m); press(t, m, keyK); toQuestion(t, m, "q1") }},
		{"finish-confirm", func(t *testing.T, m *Model) { checkin(t, m); press(t, m, esc) }},
		{"finish", func(t *testing.T, m *Model) { checkin(t, m); press(t, m, esc, num(1)) }},
	}
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		for _, sc := range screens {
			name := fmt.Sprintf("%s-%dx%d", sc.name, size[0], size[1])
			t.Run(name, func(t *testing.T) {
				st := newFakeStore()
				st.class, st.hasClass = results.ClassSession{ID: "c1", Title: "Lớp kỹ năng số buôn Ako Dhông", Commune: "Xã Ea Tu", Villages: []string{"Buôn Ako Dhông", "Thôn 3"}}, true
				st.people = []results.Participant{{ID: "p1", FullName: "Nguyễn Văn Hùng", BirthYear: 1962, Village: "Thôn 3"}, {ID: "p2", FullName: "Nguyễn Thị Lan", BirthYear: 1958, Village: "Buôn Ako Dhông"}}
				m := newTestModel(t, st, size[0], size[1])
				sc.to(t, m)
				golden(t, name, screen(m))
			})
		}
	}
}

// toQuestion answers (with choice 1) until question id is asked.
func toQuestion(t *testing.T, m *Model, id string) {
	t.Helper()
	for range 5 {
		if quizOf(m).current().ID == id {
			return
		}
		press(t, m, num(1), enter, enter)
	}
	t.Fatalf("question %s never came:\n%s", id, screen(m))
}

var keyK = tea.KeyPressMsg{Code: 'k', Text: "k"}

// checkin checks in the second stored person (Nguyễn Thị Lan).
func checkin(t *testing.T, m *Model) {
	t.Helper()
	press(t, m, enter)
	typeText(t, m, "lan")
	press(t, m, enter)
	if m.Screen() != ScreenMenu {
		t.Fatalf("check-in failed:\n%s", screen(m))
	}
}

func TestResizeRelaysOut(t *testing.T) {
	m := newTestModel(t, newFakeStore(), 80, 24)
	for _, sz := range [][2]int{{60, 20}, {120, 40}, {80, 24}} {
		m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		lines := splitLines(screen(m))
		if len(lines) != sz[1] {
			t.Fatalf("%dx%d: %d lines", sz[0], sz[1], len(lines))
		}
		for i, l := range lines {
			if w := ui.WidthOf(l); w > sz[0] {
				t.Fatalf("%dx%d: line %d is %d wide: %q", sz[0], sz[1], i, w, l)
			}
		}
	}
}
