package app

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"kynangso/lessons"
	"kynangso/results"
)

// Every page of every built-in module, in both languages, fits the 80×24
// terminal of a village-hall laptop without scrolling: an elderly learner
// who does not notice the "more below" hint would miss the end of the page,
// often its "Ghi nhớ" line. The page goes through the real lesson screen,
// header, buttons and key help included, with a person checked in.
func TestBuiltinPagesFit80x24(t *testing.T) {
	pack, err := lessons.Builtin()
	if err != nil {
		t.Fatalf("built-in pack: %v", err)
	}
	for _, lang := range pack.Languages {
		more := map[string]string{"vi": "Còn nữa", "en": "More below"}[lang]
		for _, mod := range pack.Modules {
			pages := mod.Pages[lang]
			if len(pages) == 0 {
				t.Errorf("%s: no %s pages", mod.ID, lang)
			}
			m := pageFitModel(t, pack, lang)
			for i, p := range pages {
				press(t, m, openLessonMsg{moduleID: mod.ID, page: i + 1})
				ls, ok := m.stack.Base().(*lessonScreen)
				if !ok || ls.page != i {
					t.Fatalf("%s %s page %d: lesson screen did not open:\n%s", mod.ID, lang, i+1, screen(m))
				}
				view := screen(m)
				if ls.scroll.CanScroll() || strings.Contains(view, more) {
					t.Errorf("%s %s page %d/%d %q needs scrolling at 80x24 (%d lines for %d rows):\n%s",
						mod.ID, lang, i+1, len(pages), p.Title, ls.scroll.Len(), ls.scroll.Height(), view)
				}
				if want := fmt.Sprintf("%d/%d", i+1, len(pages)); !strings.Contains(view, want) {
					t.Errorf("%s %s page %d: the header does not say %q:\n%s", mod.ID, lang, i+1, want, view)
				}
			}
		}
	}
}

// pageFitModel is the app at 80×24 in lang, on the built-in pack, with a
// participant checked in to today's class, so the header carries a name as
// it does in a real class.
func pageFitModel(t *testing.T, pack *lessons.Pack, lang string) *Model {
	t.Helper()
	st := newFakeStore()
	st.class, st.hasClass = results.ClassSession{ID: "c1", Title: "Lớp kỹ năng số buôn Ako Dhông", Commune: "Xã Ea Tu", Villages: []string{"Buôn Ako Dhông"}}, true
	st.people = []results.Participant{{ID: "p1", FullName: "Nguyễn Thị Lan", BirthYear: 1958, Village: "Buôn Ako Dhông"}}
	m := New(Config{Store: st, Pack: pack, Lang: lang, Now: func() time.Time { return fixedNow }, Seed: func() uint64 { return 42 }})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	run(t, m, m.Init())
	press(t, m, enter)
	typeText(t, m, "lan")
	press(t, m, enter)
	if m.Screen() != ScreenMenu {
		t.Fatalf("check-in failed:\n%s", screen(m))
	}
	return m
}
