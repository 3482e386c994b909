package app

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"kynangso/app/apptest"
	"kynangso/app/ui"
	"kynangso/lessons"
	"kynangso/quiz"
	"kynangso/results"
)

// sixPack has the built-in pack's six modules, titles and skills as they
// are (module 0, the foundation module, first), each with two pages and
// two questions, so the menu's goldens follow the menu, not content edits.
func sixPack() *lessons.Pack {
	titles := []struct{ id, vi, en string }{
		{"dienthoai", "Làm quen với điện thoại", "Getting to know your phone"},
		{"dichvucong", "Dịch vụ công trực tuyến", "Online public services"},
		{"muasam", "Mua sắm trực tuyến", "Online shopping"},
		{"thanhtoan", "Thanh toán trực tuyến", "Online payment"},
		{"antoan", "Tự bảo vệ mình trên không gian mạng", "Protecting yourself online"},
		{"nentang", "Nền tảng số ở địa phương", "Local digital platforms"},
	}
	p := &lessons.Pack{ID: "six", Version: "test-6", Languages: []string{"vi", "en"}, Title: apptest.Vi("Thử", "Test"),
		Rule: apptest.Vi("Chậm lại – Hỏi người mình tin – Rồi mới bấm.", "Slow down – Ask someone you trust – Then tap.")}
	for i, t := range titles {
		q := func(id string) quiz.Question {
			return quiz.Question{ID: id, Type: quiz.TypeSingle, Prompt: apptest.Vi("Câu "+id+"?", "Question "+id+"?"),
				Choices: []quiz.Choice{{ID: "a", Text: apptest.Vi("Đúng", "Right"), Correct: true}, {ID: "b", Text: apptest.Vi("Sai", "Wrong")}}}
		}
		p.Modules = append(p.Modules, &lessons.Module{ID: t.id, Skill: i, Order: i, Title: apptest.Vi(t.vi, t.en), PassPercent: 70,
			Pages:       map[string][]lessons.Page{"vi": {{Title: "Một", Body: "Trang một."}, {Title: "Hai", Body: "Trang hai."}}},
			Questions:   []quiz.Question{q("q1"), q("q2")},
			PackVersion: "test-6"})
	}
	return p
}

// sixEnv is the app on sixPack, on a real SQLite store, with H'Nia Êban
// registered and a class open that planned planned.
func sixEnv(t *testing.T, w, h int, lang string, planned ...string) *apptest.Env {
	t.Helper()
	e := apptest.NewEnv(t, w, h, func(s *results.Store, now func() time.Time) tea.Model {
		return New(Config{Store: s, Pack: sixPack(), Lang: lang, Now: now, Seed: func() uint64 { return 42 }})
	})
	ctx := context.Background()
	if _, err := e.Store.OpenSession(ctx, results.ClassSession{Title: "Lớp buôn Ako Dhông", Date: "2026-03-14",
		Villages: []string{"Buôn Ako Dhông"}, PlannedModules: planned}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Store.CreateParticipant(ctx, results.Participant{FullName: "H'Nia Êban", BirthYear: 1958, Village: "Buôn Ako Dhông",
		ConsentVersion: results.ConsentVersion, ConsentAt: fixedNow}); err != nil {
		t.Fatal(err)
	}
	e.Open(w, h) // the class is read at start
	return e
}

// sixCheckin finds H'Nia and checks her in.
func sixCheckin(t *testing.T, e *apptest.Env) *Model {
	t.Helper()
	m := e.M.(*Model)
	press(t, m, enter)
	typeText(t, m, "nia")
	press(t, m, enter)
	if m.Screen() != ScreenMenu {
		t.Fatalf("check-in failed:\n%s", screen(m))
	}
	return m
}

func menuOf(m *Model) *menuScreen { return m.stack.Base().(*menuScreen) }

// cursorTitle is the title of the module the menu's cursor is on.
func cursorTitle(m *Model) string {
	e, _ := menuOf(m).entry()
	return e.Module.Title.In("vi")
}

// Someone with no activity yet starts on module 0, which says who it is
// for; the six modules and the finish row fit at 80×24 and 60×20 in both
// languages, and the keys 1–6 open the six modules.
func TestGoldenMenuSixModules(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		for _, lang := range []string{ui.LangVI, ui.LangEN} {
			e := sixEnv(t, size[0], size[1], lang)
			m := sixCheckin(t, e)
			got := screen(m)
			note := map[string]string{"vi": "dành cho người mới dùng điện thoại", "en": "for people new to smartphones"}[lang]
			if cursorTitle(m) != "Làm quen với điện thoại" || !strings.Contains(got, note) {
				t.Errorf("%s %dx%d: a new person's cursor is on %q:\n%s", lang, size[0], size[1], cursorTitle(m), got)
			}
			finish := map[string]string{"vi": "Học xong, kết thúc lượt", "en": "I'm done: finish"}[lang]
			if menuOf(m).scroll.CanScroll() || !strings.Contains(got, finish) || !strings.Contains(got, "6. ") {
				t.Errorf("%s %dx%d: the menu does not fit:\n%s", lang, size[0], size[1], got)
			}
			if lang == ui.LangVI {
				golden(t, fmt.Sprintf("menu-six-%dx%d", size[0], size[1]), got)
			}
		}
	}
	e := sixEnv(t, 80, 24, ui.LangVI)
	for n := 1; n <= 6; n++ {
		m := sixCheckin(t, e)
		press(t, m, num(n))
		ls, ok := m.stack.Base().(*lessonScreen)
		if !ok || ls.mod.ID != sixPack().Modules[n-1].ID {
			t.Fatalf("key %d did not open module %d:\n%s", n, n, screen(m))
		}
		press(t, m, esc, esc, num(1)) // back to the menu, finish the turn
		press(t, m, enter)            // the thank-you screen, then welcome
	}
}

// The class's planned modules come first, marked "Bài hôm nay", numbered
// from 1; a returning person whose quiz was left half-way lands on it,
// told to carry on, and Enter resumes it.
func TestGoldenMenuTodayAndResume(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		e := sixEnv(t, size[0], size[1], ui.LangVI, "antoan", "thanhtoan")
		m := sixCheckin(t, e)
		got := screen(m)
		for _, want := range []string{"1. Thanh toán trực tuyến · Bài hôm nay", "2. Tự bảo vệ mình trên không gian mạng · Bài hôm nay", "3. Làm quen với điện thoại"} {
			if !strings.Contains(got, want) {
				t.Errorf("%dx%d: no %q:\n%s", size[0], size[1], want, got)
			}
		}
		// From module 0 (a new person's start), go up to the second of
		// today's lessons, start its quiz, answer one question, leave it and
		// end the turn.
		press(t, m, up, keyK, num(1), enter)
		press(t, m, esc)
		press(t, m, esc, num(1), enter)
		m = sixCheckin(t, e)
		if cursorTitle(m) != "Tự bảo vệ mình trên không gian mạng" {
			t.Fatalf("%dx%d: a returning person's cursor is on %q:\n%s", size[0], size[1], cursorTitle(m), screen(m))
		}
		got = screen(m)
		if !strings.Contains(got, "Tiếp tục bài đang làm dở: bấm Enter.") || !strings.Contains(got, "Đang làm bài kiểm tra") {
			t.Errorf("%dx%d: no word about carrying on:\n%s", size[0], size[1], got)
		}
		golden(t, fmt.Sprintf("menu-today-%dx%d", size[0], size[1]), got)
		press(t, m, enter)
		q, ok := m.stack.Base().(*quizScreen)
		if !ok || q.moduleID != "antoan" || !q.att.Resumed {
			t.Fatalf("%dx%d: Enter did not resume the quiz:\n%s", size[0], size[1], screen(m))
		}
	}
}

// The whole built-in pack's menu fits at both sizes for a new person: six
// modules, the note under module 0 and the finish row, no scrolling.
func TestBuiltinMenuFits(t *testing.T) {
	pack, err := lessons.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		for _, lang := range pack.Languages {
			m := pageFitModel(t, pack, lang)
			m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			if menuOf(m).scroll.CanScroll() || len(menuOf(m).plan.Entries) != len(pack.Modules) {
				t.Errorf("%s %dx%d: the menu scrolls:\n%s", lang, size[0], size[1], screen(m))
			}
			if e, _ := menuOf(m).entry(); !e.Module.Foundation() {
				t.Errorf("%s %dx%d: a new person starts on %s", lang, size[0], size[1], e.Module.ID)
			}
		}
	}
}
