package app

import (
	"kynangso/app/apptest"
	"kynangso/app/ui"
	"strings"
	"testing"

	"time"

	tea "charm.land/bubbletea/v2"
	"golang.org/x/text/unicode/norm"

	"kynangso/results"
)

// register walks from the welcome screen through the form to consent.
func register(t *testing.T, m *Model, name string) {
	t.Helper()
	press(t, m, enter)
	if m.Screen() != ScreenCheckin {
		t.Fatalf("after Enter on welcome: screen %v, want check-in", m.Screen())
	}
	typeText(t, m, name)
	press(t, m, enter) // no match: the highlighted row is "register"
	if m.Screen() != ScreenRegister {
		t.Fatalf("screen %v, want register", m.Screen())
	}
	press(t, m, tab)
	typeText(t, m, "1958")
	press(t, m, tab, right, right, tab) // gender: Nữ
	if len(m.register.villages) > 0 {
		press(t, m, down) // no village is chosen for the person: ↓ picks the first
	} else {
		typeText(t, m, "Buôn Ako Dhông")
	}
	press(t, m, tab, tab, tab, enter) // household, phone, Continue
	if m.Screen() != ScreenConsent {
		t.Fatalf("screen %v, want consent:\n%s", m.Screen(), screen(m))
	}
}

func TestRegisterAgreeStoresNamedNFC(t *testing.T) {
	st := newFakeStore()
	st.class, st.hasClass = results.ClassSession{ID: "class-1", Title: "Lớp buôn Ako"}, true
	m := newTestModel(t, st, 80, 24)
	decomposed := norm.NFD.String("Nguyễn Thị Lan") // as some input methods send it
	register(t, m, decomposed)
	press(t, m, enter) // nothing is chosen yet: Enter alone must not agree
	if m.Screen() != ScreenConsent || len(st.people) != 0 {
		t.Fatalf("Enter without a choice left screen %v with %d people stored", m.Screen(), len(st.people))
	}
	if !strings.Contains(screen(m), "bấm 1 nếu đồng ý") {
		t.Fatalf("no hint on how to choose:\n%s", screen(m))
	}
	press(t, m, tea.KeyPressMsg{Code: '1', Text: "1"})
	if m.Screen() != ScreenMenu {
		t.Fatalf("screen %v, want menu:\n%s", m.Screen(), screen(m))
	}
	if len(st.people) != 1 {
		t.Fatalf("stored %d people, want 1", len(st.people))
	}
	p := st.people[0]
	if p.FullName != "Nguyễn Thị Lan" || !norm.NFC.IsNormalString(p.FullName) {
		t.Errorf("name %q is not the NFC form", p.FullName)
	}
	if p.ConsentVersion != results.ConsentVersion || p.BirthYear != 1958 || p.Gender != results.GenderFemale || p.Village != "Buôn Ako Dhông" {
		t.Errorf("stored %+v", p)
	}
	if len(st.attend) != 1 || st.attend[0].SessionID != "class-1" || st.attend[0].ParticipantID != p.ID {
		t.Errorf("attendance %+v, want one check-in to class-1", st.attend)
	}
	if !strings.Contains(screen(m), "Xin chào Nguyễn Thị Lan") {
		t.Errorf("menu does not greet by name:\n%s", screen(m))
	}
}

func TestDeclineConsentIsAnonymous(t *testing.T) {
	st := newFakeStore()
	m := newTestModel(t, st, 80, 24)
	register(t, m, "Y Nguôn Niê")
	press(t, m, num(2))
	if m.Screen() != ScreenMenu {
		t.Fatalf("screen %v, want menu", m.Screen())
	}
	if len(st.people) != 1 || !st.people[0].Anonymous || st.people[0].FullName != "" || st.people[0].BirthYear != 0 {
		t.Fatalf("want one anonymous participant without personal data, got %+v", st.people)
	}
	if s := screen(m); strings.Contains(s, "Nguôn") || !strings.Contains(s, "Khách") {
		t.Errorf("anonymous visit must not show the typed name:\n%s", s)
	}
	// An anonymous person can still take a quiz.
	press(t, m, num(1))
	press(t, m, esc)
	if m.Screen() != ScreenMenu {
		t.Fatalf("Esc from the lesson: screen %v, want menu", m.Screen())
	}
}

func TestCheckinFindsReturningPersonWithoutDiacritics(t *testing.T) {
	st := newFakeStore()
	st.people = []results.Participant{
		{ID: "p1", FullName: "Nguyễn Thị Lan", BirthYear: 1958, Village: "Buôn Ako Dhông"},
		{ID: "p2", FullName: "Nguyễn Thị Lan", BirthYear: 1971, Village: "Thôn 3"},
	}
	m := newTestModel(t, st, 80, 24)
	press(t, m, enter)
	if s := screen(m); strings.Contains(s, "sinh 1958") {
		t.Fatalf("names are listed before anyone typed:\n%s", s)
	}
	typeText(t, m, "nguyen lan")
	s := screen(m)
	if !strings.Contains(s, "Nguyễn Thị Lan · sinh 1958 · Buôn Ako Dhông") || !strings.Contains(s, "sinh 1971 · Thôn 3") {
		t.Fatalf("both people should be listed with birth year and village:\n%s", s)
	}
	press(t, m, down, enter) // the second one
	if m.Screen() != ScreenMenu || m.Common().Visit.Participant.ID != "p2" {
		t.Fatalf("checked in %q on screen %v, want p2 on the menu", m.Common().Visit.Participant.ID, m.Screen())
	}
}

func TestCheckinMouseClickChoosesPerson(t *testing.T) {
	st := newFakeStore()
	st.people = []results.Participant{{ID: "p1", FullName: "H'Hen Niê", BirthYear: 1980, Village: "Buôn Tơng Jú"}}
	m := newTestModel(t, st, 80, 24)
	press(t, m, enter)
	typeText(t, m, "hen")
	row, col := findLine(m, "H'Hen Niê")
	if row < 0 {
		t.Fatalf("person not listed:\n%s", screen(m))
	}
	press(t, m, click(col, row))
	if m.Common().Visit.Participant.ID != "p1" {
		t.Fatalf("click did not check in p1:\n%s", screen(m))
	}
}

func TestFinishLeavesNothingOfThePreviousPerson(t *testing.T) {
	st := newFakeStore()
	st.people = []results.Participant{{ID: "p1", FullName: "Trần Văn Bình", BirthYear: 1950, Village: "Thôn 1"}}
	m := newTestModel(t, st, 80, 24)
	press(t, m, enter)
	typeText(t, m, "binh")
	press(t, m, enter)
	press(t, m, esc) // menu: asks before finishing
	if !strings.Contains(screen(m), "Kết thúc lượt học") {
		t.Fatalf("Esc on the menu should ask first:\n%s", screen(m))
	}
	press(t, m, num(1))
	if m.Screen() != ScreenFinish {
		t.Fatalf("screen %v, want finish", m.Screen())
	}
	press(t, m, enter)
	if m.Screen() != ScreenWelcome || m.Common().Visit.Active() {
		t.Fatalf("want a fresh welcome screen, got %v active=%v", m.Screen(), m.Common().Visit.Active())
	}
	press(t, m, enter)
	if s := screen(m); strings.Contains(s, "Bình") || strings.Contains(s, "binh") {
		t.Fatalf("the previous person is still visible:\n%s", s)
	}
}

func TestIdleTimeoutReturnsToWelcome(t *testing.T) {
	st := newFakeStore()
	now := fixedNow
	m := New(Config{Store: st, Pack: testPack(), Now: func() time.Time { return now }})
	press(t, m, enter)
	typeText(t, m, "an")
	press(t, m, IdleTickMsg{})
	if m.Screen() != ScreenCheckin {
		t.Fatalf("returned to welcome too early")
	}
	now = now.Add(ui.DefaultIdleTimeout)
	press(t, m, IdleTickMsg{})
	if m.Screen() != ScreenWelcome {
		t.Fatalf("after %v idle: screen %v, want welcome", ui.DefaultIdleTimeout, m.Screen())
	}
}

func TestKioskKeysNeverQuit(t *testing.T) {
	st := newFakeStore()
	st.people = []results.Participant{{ID: "p1", FullName: "Lê Thị Hoa", BirthYear: 1960, Village: "Thôn 2"}}
	m := newTestModel(t, st, 80, 24)
	apptest.Quits = 0
	q := tea.KeyPressMsg{Code: 'q', Text: "q"}
	press(t, m, ctrlC, q, esc)
	press(t, m, enter, ctrlC, esc) // check-in, Esc goes back to welcome
	if m.Screen() != ScreenWelcome {
		t.Fatalf("Esc on check-in: screen %v, want welcome", m.Screen())
	}
	press(t, m, enter)
	typeText(t, m, "hoa")
	press(t, m, enter, ctrlC, q, enter, ctrlC, q, right, esc, esc) // menu, lesson, back, ask to finish, cancel
	if apptest.Quits != 0 {
		t.Fatalf("a participant key quit the app")
	}
	if m.Screen() != ScreenMenu {
		t.Fatalf("screen %v, want menu", m.Screen())
	}
}

func TestTrainerKeyOpensTrainerArea(t *testing.T) {
	for _, k := range []tea.KeyPressMsg{{Code: tea.KeyF2}, {Code: 't', Text: "t"}} {
		m := newTestModel(t, newFakeStore(), 80, 24)
		press(t, m, k)
		if m.Screen() != ScreenTrainer {
			t.Fatalf("%s: screen %v, want trainer", k, m.Screen())
		}
	}
}

func TestLanguageSwitch(t *testing.T) {
	m := newTestModel(t, newFakeStore(), 80, 24)
	press(t, m, tea.KeyPressMsg{Code: 'l', Text: "l"})
	if s := screen(m); !strings.Contains(s, "Welcome to the digital skills class") || !strings.Contains(s, "Enter start") {
		t.Fatalf("not in English:\n%s", s)
	}
	row, col := findLine(m, "Tiếng Việt")
	press(t, m, click(col+1, row))
	if m.Common().Lang() != ui.LangVI {
		t.Fatalf("clicking Tiếng Việt left language %q", m.Common().Lang())
	}
}

func TestNameControlSequencesAreStripped(t *testing.T) {
	st := newFakeStore()
	st.people = []results.Participant{{ID: "p1", FullName: "Lan\x1b]0;pwned\x07\x1b[2J\u202eEvil", BirthYear: 1960, Village: "Thôn\x1b[31m 2"}}
	m := newTestModel(t, st, 80, 24)
	press(t, m, enter)
	typeText(t, m, "lan")
	raw := m.View().Content
	for _, bad := range []string{"\x1b]0;", "\x1b[2J", "\u202e", "\x07"} {
		if strings.Contains(raw, bad) {
			t.Fatalf("the view carries %q from a name", bad)
		}
	}
	if !strings.Contains(screen(m), "LanEvil") {
		t.Fatalf("cleaned name not shown:\n%s", screen(m))
	}
}
