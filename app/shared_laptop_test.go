package app

import (
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"kynangso/app/apptest"
	"kynangso/app/trainer"
	"kynangso/app/ui"
	"kynangso/results"
)

// clockModel is a root model on st whose clock the test moves.
func clockModel(t *testing.T, st Store, w, h int) (*Model, *apptest.Clock) {
	t.Helper()
	clk := apptest.NewClock()
	m := New(Config{Store: st, Pack: testPack(), Now: clk.Fn(), Seed: func() uint64 { return 42 }, Trainer: trainer.Area{}})
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	run(t, m, m.Init())
	return m, clk
}

var keyL = tea.KeyPressMsg{Code: 'l', Text: "l"}

// tryWithoutName takes the check-in list's last row, "try without a
// name", with nobody listed.
func tryWithoutName(t *testing.T, m *Model) {
	t.Helper()
	press(t, m, enter, down, enter)
	if m.Screen() != ScreenMenu {
		t.Fatalf("the walk-in did not reach the menu:\n%s", screen(m))
	}
}

// The language one person chooses does not carry over to the next: the
// welcome screen after a visit, or after the screen was left alone, is in
// the laptop's language. Going back from the search keeps the choice.
func TestNextPersonGetsLaptopLanguage(t *testing.T) {
	m, clk := clockModel(t, newFakeStore(), 80, 24)
	press(t, m, keyL)
	if !strings.Contains(screen(m), "Welcome to") {
		t.Fatalf("l did not switch to English:\n%s", screen(m))
	}
	press(t, m, enter, esc) // the search and back: still the same person
	if !strings.Contains(screen(m), "Welcome to") {
		t.Fatalf("back from the search lost the language:\n%s", screen(m))
	}
	tryWithoutName(t, m)
	press(t, m, esc, num(1)) // finish
	if !strings.Contains(screen(m), "Thank you") {
		t.Fatalf("the thank-you is not in the person's language:\n%s", screen(m))
	}
	press(t, m, enter)
	if m.Screen() != ScreenWelcome || !strings.Contains(screen(m), "Chào mừng bạn") {
		t.Fatalf("the next person's welcome is not in Vietnamese:\n%s", screen(m))
	}
	// Someone switches and walks away without starting.
	press(t, m, keyL)
	clk.Add(ui.DefaultIdleTimeout)
	press(t, m, IdleTickMsg{})
	if !strings.Contains(screen(m), "Chào mừng bạn") {
		t.Fatalf("an idle welcome screen kept English:\n%s", screen(m))
	}
	// Someone switches and leaves half-way: the idle reset brings Vietnamese.
	press(t, m, keyL)
	tryWithoutName(t, m)
	clk.Add(ui.DefaultIdleTimeout)
	press(t, m, IdleTickMsg{})
	if m.Screen() != ScreenWelcome || !strings.Contains(screen(m), "Chào mừng bạn") {
		t.Fatalf("after an idle reset: %v\n%s", m.Screen(), screen(m))
	}
}

// The last IdleWarning before an idle reset shows a countdown; a key
// answers it and does nothing else (Enter does not open a lesson).
func TestIdleCountdown(t *testing.T) {
	m, clk := clockModel(t, newFakeStore(), 80, 24)
	tryWithoutName(t, m)
	clk.Add(ui.DefaultIdleTimeout - IdleWarning - time.Second)
	press(t, m, IdleTickMsg{})
	if strings.Contains(screen(m), "Bạn còn đó không?") {
		t.Fatalf("the countdown came too early:\n%s", screen(m))
	}
	clk.Add(time.Second)
	press(t, m, IdleTickMsg{})
	if !strings.Contains(screen(m), "Bạn còn đó không?") || !strings.Contains(screen(m), "sau 30 giây") {
		t.Fatalf("no countdown %v before the reset:\n%s", IdleWarning, screen(m))
	}
	for _, sz := range [][2]int{{60, 20}, {80, 24}} {
		m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		golden(t, "idle-countdown-"+ui.Itoa(sz[0])+"x"+ui.Itoa(sz[1]), screen(m))
	}
	clk.Add(10 * time.Second)
	press(t, m, IdleTickMsg{})
	if !strings.Contains(screen(m), "sau 20 giây") {
		t.Fatalf("the countdown does not count:\n%s", screen(m))
	}
	press(t, m, enter)
	if m.Screen() != ScreenMenu || strings.Contains(screen(m), "Bạn còn đó không?") {
		t.Fatalf("a key should close the question and stay on the menu: %v\n%s", m.Screen(), screen(m))
	}
	// Left alone again, the countdown runs out and the next person gets
	// the welcome screen.
	clk.Add(ui.DefaultIdleTimeout - time.Second)
	press(t, m, IdleTickMsg{})
	if !strings.Contains(screen(m), "sau 1 giây") {
		t.Fatalf("no countdown at the last second:\n%s", screen(m))
	}
	clk.Add(time.Second)
	press(t, m, IdleTickMsg{})
	if m.Screen() != ScreenWelcome || strings.Contains(screen(m), "Bạn còn đó không?") {
		t.Fatalf("not reset after the countdown: %v\n%s", m.Screen(), screen(m))
	}
}

// "Học thử, không lưu tên": a walk-in tries the lessons without typing
// anything and without a consent question; nothing names them.
func TestWalkInTriesWithoutAName(t *testing.T) {
	ctx := context.Background()
	e := newTrainerEnv(t, 80, 24)
	class, err := e.Store.OpenSession(ctx, results.ClassSession{Title: "Lớp Ea Tu", Date: "2026-03-14", Villages: []string{"Buôn Đôn"}})
	if err != nil {
		t.Fatal(err)
	}
	e.SetPIN("2468")
	e.Press(enter)
	e.Want("Học thử, không lưu tên")
	e.Press(down, enter)
	if e.m().Screen() != ScreenMenu {
		t.Fatalf("the walk-in did not reach the menu:\n%s", e.Screen())
	}
	e.Want("Khách (không lưu tên)")
	rows, err := e.Store.Dashboard(ctx, class.ID)
	if err != nil || len(rows) != 1 || !rows[0].Anonymous || rows[0].Name != "" {
		t.Fatalf("the walk-in's attendance: %+v %v", rows, err)
	}
}

// registerLan registers Nguyễn Thị Lan, born 1958, of the class's first
// village, from the welcome screen up to the consent screen or the
// "is this you?" question.
func registerLan(e *trainerEnv) {
	e.T.Helper()
	e.Press(enter)
	e.Typ("Nguyễn Thị Lan")
	for e.m().Current().(*checkinScreen).cursor < len(e.m().Current().(*checkinScreen).people) {
		e.Press(down) // past anyone listed, to "register as new"
	}
	e.Press(enter, tab)
	e.Typ("1958")
	e.Press(tab, tab, down) // gender left unsaid; ↓ picks the first village
	e.Press(tab, tab, tab, enter)
}

// Registering again with the same name, birth year and village asks "Are
// you …?" before a second record is made; Yes checks in the one stored,
// No goes on to register someone else.
func TestRegisteringAgainAsksIsThisYou(t *testing.T) {
	ctx := context.Background()
	e := newTrainerEnv(t, 80, 24)
	if _, err := e.Store.OpenSession(ctx, results.ClassSession{Title: "Lớp Ea Tu", Date: "2026-03-14", Villages: []string{"Buôn Ako Dhông", "Thôn 3"}}); err != nil {
		t.Fatal(err)
	}
	e.SetPIN("2468")
	count := func() int {
		var n int
		if err := e.Store.DB().QueryRow(`SELECT count(*) FROM participants WHERE anonymous = 0`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	registerLan(e)
	e.Want("Đồng ý lưu thông tin")
	e.Press(num(1))
	first := e.m().Common().Visit.Participant
	e.Press(esc, num(1), enter) // finish, next person
	registerLan(e)
	e.Want("Có phải bạn là Nguyễn Thị Lan (sinh 1958, Buôn Ako Dhông)?", "1 Đúng, là tôi", "2 Không, tôi là người khác")
	e.Goldens("register-same-person")
	e.Press(num(1))
	if e.m().Screen() != ScreenMenu || e.m().Common().Visit.Participant.ID != first.ID || count() != 1 {
		t.Fatalf("Yes: screen %v, visit %+v, %d people; want the stored Lan checked in", e.m().Screen(), e.m().Common().Visit.Participant, count())
	}
	e.Press(esc, num(1), enter)
	registerLan(e)
	e.Press(num(2))
	e.Want("Đồng ý lưu thông tin")
	e.Press(num(1))
	if id := e.m().Common().Visit.Participant.ID; id == first.ID || count() != 2 {
		t.Fatalf("No: %d people, visit %s; want a second Lan", count(), id)
	}
}

// The villages of the class are a list: nothing is chosen for the person,
// Enter goes on without choosing, ↑/↓ move through the villages and out of
// the list past either end.
func TestRegisterVillageList(t *testing.T) {
	st := newFakeStore()
	st.class, st.hasClass = results.ClassSession{ID: "c1", Title: "Lớp", Villages: []string{"Buôn Ako Dhông", "Thôn 3"}}, true
	m := newTestModel(t, st, 80, 24)
	press(t, m, enter, enter) // register, nothing typed
	r := m.register
	press(t, m, tab, tab, tab)
	if r.focus != fieldVillage || r.village != noVillage || strings.Contains(screen(m), "(•) Buôn Ako Dhông") {
		t.Fatalf("a village was chosen for the person: focus %d, village %d\n%s", r.focus, r.village, screen(m))
	}
	if !strings.Contains(screen(m), "↑/↓ chọn") {
		t.Fatalf("the help line does not say ↑/↓ choose:\n%s", screen(m))
	}
	press(t, m, enter)
	if r.focus != fieldHousehold || r.village != noVillage {
		t.Fatalf("Enter on the villages: focus %d, village %d; want the next field, nothing chosen", r.focus, r.village)
	}
	press(t, m, up) // back into the list, still nothing chosen
	for i, want := range []int{0, 1, 2} {
		press(t, m, down)
		if r.focus != fieldVillage || r.village != want {
			t.Fatalf("↓ %d: focus %d, village %d; want %d", i+1, r.focus, r.village, want)
		}
	}
	typeText(t, m, "Thôn 9") // the last row takes a typed name
	press(t, m, down)
	if r.focus != fieldHousehold {
		t.Fatalf("↓ past the last village: focus %d", r.focus)
	}
	press(t, m, up, up, up, up)
	if r.focus != fieldGender || r.village != 0 {
		t.Fatalf("↑ past the first village: focus %d, village %d", r.focus, r.village)
	}
}

// The name rule is the store's (results.CheckName), on the screen: a name
// typed past 80 characters is kept whole and refused with its length;
// marks, invisible characters or emoji alone are not a name.
func TestRegisterNameRule(t *testing.T) {
	for _, c := range []struct {
		name, want string
		paste      bool
	}{
		{strings.Repeat("Lan ", 20) + "A", "Tên quá dài: 81 chữ, tối đa 80", false},
		{"\u0301\u0303\u0309", "Tên cần ít nhất hai chữ cái", false},
		{"\u200b\u200c\u2060", "Tên cần ít nhất hai chữ cái", true},
		{"😀🙏", "Tên cần ít nhất hai chữ cái", false},
	} {
		m := newTestModel(t, newFakeStore(), 80, 24)
		press(t, m, enter, enter) // register
		if c.paste {
			press(t, m, tea.PasteMsg{Content: c.name})
		} else {
			typeText(t, m, c.name)
		}
		if got := m.register.inputs[fieldName].Value(); utf8.RuneCountInString(got) < utf8.RuneCountInString(c.name) && !c.paste {
			t.Fatalf("%q was cut to %q", c.name, got)
		}
		for m.register.focus != fieldSubmit {
			press(t, m, tab)
		}
		press(t, m, enter)
		if m.Screen() != ScreenRegister || !strings.Contains(screen(m), c.want) {
			t.Errorf("%q: screen %v, want %q:\n%s", c.name, m.Screen(), c.want, screen(m))
		}
	}
}
