package trainer

import (
	"context"
	"kynangso/app"
	"kynangso/app/apptest"
	"kynangso/app/ui"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"kynangso/results"
)

// trainerEnv is the root model with the trainer's area on a real store
// in a temporary folder (apptest.Env), with the trainer's timers switched
// off (tests deliver them by hand).
type trainerEnv struct{ *apptest.Env }

func newTrainerEnv(t *testing.T, w, h int) *trainerEnv {
	t.Helper()
	return &trainerEnv{apptest.NewEnv(t, w, h, buildApp)}
}

// buildApp is the root model with the trainer's area on s.
func buildApp(s *results.Store, now func() time.Time) tea.Model {
	return app.New(app.Config{Store: s, Pack: apptest.TestPack(), Now: now, Seed: func() uint64 { return 42 }, Trainer: Area{}})
}

// m is the root model.
func (e *trainerEnv) m() *app.Model { return e.M.(*app.Model) }

// unlock opens the trainer's area with the PIN from the welcome screen.
func (e *trainerEnv) unlock(pin string) {
	e.T.Helper()
	e.Press(tea.KeyPressMsg{Code: tea.KeyF2})
	e.Typ(pin)
	e.Press(enter)
	if _, ok := e.m().Front().(*trainerHome); !ok {
		e.T.Fatalf("not unlocked:\n%s", e.Screen())
	}
}

func TestFirstStartCreatesPIN(t *testing.T) {
	e := newTrainerEnv(t, 80, 24)
	if e.m().Screen() != app.ScreenTrainer {
		t.Fatalf("first start shows %v, want the trainer's PIN setup", e.m().Screen())
	}
	e.Goldens("trainer_pin_create")
	// Creating the PIN cannot be skipped: Esc stays, and so does the
	// trainer's idle lock, which would hand the laptop on without a PIN.
	e.Press(esc)
	e.Want("Cần tạo mã PIN trước khi cho người học dùng máy")
	e.Clk.Add(TrainerIdleTimeout + time.Minute)
	e.Press(app.IdleTickMsg{})
	if e.m().Screen() != app.ScreenTrainer {
		t.Fatalf("the PIN creation was left: %v\n%s", e.m().Screen(), e.Screen())
	}
	e.Typ("12")
	e.Press(enter)
	e.Want("Mã PIN gồm 4 đến 8 chữ số")
	e.Typ("ab34") // letters never reach a PIN field
	if v := e.m().Front().(*pinScreen).input.Value(); v != "1234" {
		t.Fatalf("PIN field holds %q, want 1234", v)
	}
	// A PIN anyone could guess is refused before it is typed again.
	e.Press(enter)
	e.Want("Mã PIN này dễ đoán quá")
	e.Lacks("Gõ lại mã PIN")
	e.Typ("7391")
	e.Press(enter)
	e.Want("Gõ lại mã PIN")
	if strings.Contains(e.Screen(), "7391") {
		t.Fatal("the PIN is shown in clear")
	}
	e.Typ("7392")
	e.Press(enter)
	e.Want("Hai lần gõ không giống nhau")
	e.Typ("2468")
	e.Press(enter)
	e.Typ("2468")
	e.Press(enter)
	if _, ok := e.m().Front().(*trainerHome); !ok {
		t.Fatalf("after creating the PIN: %s", e.Screen())
	}
	h, ok, err := e.Store.Setting(context.Background(), results.SettingPINHash)
	if err != nil || !ok {
		t.Fatalf("no PIN stored: %v", err)
	}
	p, _, _, err := results.DecodePINHash(h)
	if err != nil || p.Memory < 19456 || p.Time < 2 {
		t.Fatalf("stored hash parameters %+v (%v); want memory ≥ 19456 KiB, time ≥ 2", p, err)
	}
	// The next start goes to the welcome screen, and F2 asks for the PIN.
	e.Open(80, 24)
	if e.m().Screen() != app.ScreenWelcome {
		t.Fatalf("second start shows %v, want welcome", e.m().Screen())
	}
	e.unlock("2468")
}

func TestPINBackoffSurvivesRestart(t *testing.T) {
	e := newTrainerEnv(t, 80, 24)
	e.SetPIN("2468")
	e.Press(tea.KeyPressMsg{Code: tea.KeyF2})
	e.Goldens("trainer_pin_enter")
	for i := 1; i <= 4; i++ {
		e.Typ("1111")
		e.Press(enter)
		e.Want("Mã PIN chưa đúng. Còn " + ui.Itoa(5-i) + " lần thử")
	}
	e.Typ("1111")
	e.Press(enter)
	e.Want("Xin đợi 1 giây")
	// Restart: the wait is still there, even for the right PIN.
	e.Open(80, 24)
	e.Press(tea.KeyPressMsg{Code: tea.KeyF2})
	e.Want("Xin đợi 1 giây")
	e.Typ("2468")
	e.Press(enter)
	pin, ok := e.m().Front().(*pinScreen)
	if !ok {
		t.Fatal("a PIN was accepted during the wait")
	}
	// The refused PIN does not stay in the field for the next digits to
	// join: the field is empty, and digits typed during the wait are ignored.
	if v := pin.input.Value(); v != "" {
		t.Fatalf("PIN field after a refused early try = %q, want empty", v)
	}
	e.Typ("13")
	if v := pin.input.Value(); v != "" {
		t.Fatalf("digits typed during the wait reached the field: %q", v)
	}
	// After the wait, wrong PINs double it: 2 s, 4 s, …
	e.Clk.Add(time.Second)
	e.Press(esc, tea.KeyPressMsg{Code: tea.KeyF2})
	e.Typ("1111")
	e.Press(enter)
	e.Want("Xin đợi 2 giây")
	e.Clk.Add(2 * time.Second)
	e.Typ("1111")
	e.Press(enter)
	e.Want("Xin đợi 4 giây")
	// Jump to a long wait: it is said in minutes and seconds.
	for n := 8; n < 13; n++ {
		e.Clk.Add(results.PINWait(n - 1))
		e.Typ("1111")
		e.Press(enter)
	}
	e.Want("Xin đợi 2 phút 8 giây") // 2^7 s after 12 wrong PINs
	e.Goldens("trainer_pin_wait")
	e.Clk.Add(128 * time.Second)
	e.Open(80, 24)
	e.unlock("2468")
	if n, _, _ := e.Store.PINState(context.Background()); n != 0 {
		t.Fatalf("failures after the right PIN = %d", n)
	}
}

func TestTrainerQuitNeedsPINAndConfirmation(t *testing.T) {
	e := newTrainerEnv(t, 80, 24)
	e.SetPIN("2468")
	before := apptest.Quits
	e.Press(ctrlC, tpressKey('q'), esc, tea.KeyPressMsg{Code: tea.KeyF2}, ctrlC, esc)
	if apptest.Quits != before || e.m().Screen() != app.ScreenWelcome {
		t.Fatalf("kiosk keys left the app or the screen (%v, apptest.Quits %d)", e.m().Screen(), apptest.Quits-before)
	}
	e.unlock("2468")
	e.Goldens("trainer_home")
	home := e.m().Front().(*trainerHome)
	e.Press(num(0)) // not an item: nothing happens
	for i, a := range home.actions {
		if a == actQuit {
			home.list.cursor = i
		}
	}
	e.Press(enter)
	e.Want("Thoát ứng dụng?")
	e.Press(enter) // "No" has the focus first
	if apptest.Quits != before {
		t.Fatal("Enter on the confirmation quit: No must be the default")
	}
	e.Press(enter, num(1))
	if apptest.Quits != before+1 {
		t.Fatalf("confirmed quit did not end the program (apptest.Quits %d)", apptest.Quits-before)
	}
}

func TestTrainerAreaLocksWhenIdle(t *testing.T) {
	e := newTrainerEnv(t, 80, 24)
	e.SetPIN("2468")
	e.unlock("2468")
	e.Clk.Add(TrainerIdleTimeout - time.Second)
	e.Press(app.IdleTickMsg{})
	if e.m().Screen() != app.ScreenTrainer {
		t.Fatal("locked before the idle time")
	}
	e.Press(down) // a key resets the idle clock
	e.Clk.Add(TrainerIdleTimeout - time.Second)
	e.Press(app.IdleTickMsg{})
	if e.m().Screen() != app.ScreenTrainer {
		t.Fatal("a key did not reset the idle clock")
	}
	e.Clk.Add(time.Second)
	e.Press(app.IdleTickMsg{})
	if e.m().Screen() != app.ScreenWelcome {
		t.Fatalf("not locked after %v idle: %v", TrainerIdleTimeout, e.m().Screen())
	}
	// Back in, the PIN is asked again.
	e.Press(tea.KeyPressMsg{Code: tea.KeyF2})
	if _, ok := e.m().Front().(*pinScreen); !ok {
		t.Fatal("the trainer's area opened without the PIN after locking")
	}
}

// pick moves the home menu's cursor to action a and presses Enter.
func (e *trainerEnv) pick(a homeAction) {
	e.T.Helper()
	home, ok := e.m().Front().(*trainerHome)
	if !ok {
		e.T.Fatalf("not on the home menu:\n%s", e.Screen())
	}
	for i, x := range home.actions {
		if x == a {
			home.list.cursor = i
			e.Press(enter)
			return
		}
	}
	e.T.Fatalf("action %v not in the menu:\n%s", a, e.Screen())
}

func TestOpenCloseReopenClass(t *testing.T) {
	ctx := context.Background()
	e := newTrainerEnv(t, 80, 24)
	e.SetPIN("2468")
	e.unlock("2468")
	e.pick(actOpenClass)
	e.Goldens("trainer_class_form")
	for range 6 { // to the button, title left empty (Tab skips the modules' column)
		e.Press(tab)
	}
	e.Press(enter)
	e.Want("Xin gõ tên lớp.")
	e.Typ("Lớp buôn Đôn")
	e.Press(down)
	for range 10 {
		e.Press(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	e.Typ("31/02/2026")
	e.Press(tab, tab, tab, tab, tab, enter)
	e.Want("Ngày chưa đúng")
	for range 10 {
		e.Press(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	e.Typ("27/11/2026")
	e.Press(down)
	e.Typ("Ea Tu")
	e.Press(down)
	e.Typ("Buôn Đôn, Buôn Ko Tam ,")
	e.Press(down)
	e.Typ("Y Bih, H'Hen")
	e.Press(down, space) // ↓ enters the modules at the first; untick it
	e.Press(tab, enter)  // Tab leaves the column for the button
	c, open, err := e.Store.CurrentSession(ctx)
	if err != nil || !open {
		t.Fatalf("no open class: %v\n%s", err, e.Screen())
	}
	want := results.ClassSession{Title: "Lớp buôn Đôn", Date: "2026-11-27", Commune: "Ea Tu",
		Villages: []string{"Buôn Đôn", "Buôn Ko Tam"}, Trainers: []string{"Y Bih", "H'Hen"}, PlannedModules: []string{"muasam"}}
	if c.Title != want.Title || c.Date != want.Date || c.Commune != want.Commune ||
		!reflect.DeepEqual(c.Villages, want.Villages) || !reflect.DeepEqual(c.Trainers, want.Trainers) ||
		!reflect.DeepEqual(c.PlannedModules, want.PlannedModules) {
		t.Fatalf("class stored as %+v, want %+v", c, want)
	}
	if _, ok := e.m().Front().(*dashboard); !ok || !e.m().Common().Visit.HasClass {
		t.Fatalf("after opening: dashboard and class header expected:\n%s", e.Screen())
	}
	e.Want("Lớp: Lớp buôn Đôn", "Chưa có ai điểm danh")

	// A second class while one is open: a clear message.
	e.Press(esc)
	e.Press(ui.PushMsg{Page: newClassForm(e.m().Common())})
	e.Typ("Lớp khác")
	for range 6 {
		e.Press(tab)
	}
	e.Press(enter)
	e.Want("Máy này đang có một lớp mở")
	e.Press(esc)

	e.pick(actCloseClass)
	e.Want("Đóng lớp học?")
	e.Press(num(1))
	if _, open, _ := e.Store.CurrentSession(ctx); open {
		t.Fatal("class still open after confirming")
	}
	e.Want("Đã đóng lớp", "Mở lớp học mới")
	if e.m().Common().Visit.HasClass {
		t.Fatal("the header still shows the closed class")
	}

	e.pick(actReopenClass)
	e.Goldens("trainer_reopen")
	e.Press(enter)
	e.Want("Mở lại lớp này?")
	e.Press(num(1))
	if c2, open, _ := e.Store.CurrentSession(ctx); !open || c2.ID != c.ID {
		t.Fatal("class not reopened")
	}
	e.Want("Lớp đang mở: Lớp buôn Đôn · 27/11/2026")
}

func TestDashboardShowsWhereEachPersonIs(t *testing.T) {
	ctx := context.Background()
	e := newTrainerEnv(t, 80, 24)
	e.SetPIN("2468")
	s := e.Store
	class, err := s.OpenSession(ctx, results.ClassSession{Title: "Lớp Ea Tu", Date: "2026-03-14", Villages: []string{"Buôn Đôn"}})
	if err != nil {
		t.Fatal(err)
	}
	mk := func(name string, year int) results.Participant {
		p, err := s.CreateParticipant(ctx, results.Participant{FullName: name, BirthYear: year, Village: "Buôn Đôn",
			ConsentVersion: results.ConsentVersion, ConsentAt: fixedNow})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CheckIn(ctx, class.ID, p.ID); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := mk("Nguyễn Thị Hoa", 1958)
	b := mk("Y Bih Niê", 1970)
	mk("H'Hen Êban", 1990)
	e.Clk.Add(time.Minute) // activity after check-in
	if err := s.SaveLessonPage(ctx, a.ID, "antoan", 2, 2); err != nil {
		t.Fatal(err)
	}
	att, err := s.StartAttempt(ctx, results.Attempt{ParticipantID: b.ID, SessionID: class.ID, ModuleID: "antoan", QuestionIDs: []string{"q1", "q2", "q3"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordAnswer(ctx, results.Answer{AttemptID: att.ID, QuestionID: "q1", Chosen: []string{"b"}, Correct: true}); err != nil {
		t.Fatal(err)
	}
	e.Open(80, 24)
	s = e.Store
	e.unlock("2468")
	e.pick(actDashboard)
	e.Want("Nguyễn Thị Hoa (1958)", "B1 trang 2/2", "Y Bih Niê (1970)", "B1 câu 2/3", "vừa điểm danh", "Đã điểm danh: 3 người")

	// The next refresh shows a finished quiz and its score.
	if err := s.FinishAttempt(ctx, att.ID, 3, 3, true); err != nil {
		t.Fatal(err)
	}
	d := e.m().Front().(*dashboard)
	e.Press(d.To(dashTickMsg{}))
	e.Want("B1 vừa làm xong", "B1 ✓3/3")
	// Check-in times come from the store's own clock: mask them.
	e.Goldens("trainer_dashboard")
	// Stale ticks of a closed dashboard do nothing.
	e.Press(esc)
	e.Press(d.To(dashTickMsg{}))
	if _, ok := e.m().Front().(*trainerHome); !ok {
		t.Fatal("a stale dashboard tick changed the page")
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{
		"27/11/2026": "2026-11-27", "2026-11-27": "2026-11-27", "1/2/2026": "2026-02-01",
		"27-11-2026": "2026-11-27", "27.11.2026": "2026-11-27", " 27/11/2026 ": "2026-11-27",
		"31/02/2026": "", "27/11": "", "hôm nay": "", "27/11/26": "", "27/11/2026x": "",
	} {
		got, ok := parseDate(in)
		if ok != (want != "") || got != want {
			t.Errorf("parseDate(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// The trainer's forms answer to the mouse (a reason they are not huh's,
// which handles no mouse message): a click on the button submits.
func TestClassFormClicks(t *testing.T) {
	e := newTrainerEnv(t, 80, 24)
	e.SetPIN("2468")
	e.unlock("2468")
	e.pick(actOpenClass)
	at := func(s string) (int, int) {
		for y, l := range splitLines(e.Screen()) {
			if x := strings.Index(l, s); x >= 0 {
				return len([]rune(l[:x])), y
			}
		}
		e.T.Fatalf("%q is not on screen:\n%s", s, e.Screen())
		return 0, 0
	}
	for range 6 {
		e.Press(tab) // scroll the button into view
	}
	x, y := at("▶ Mở lớp ◀")
	// Screen rows to content rows: the header is two lines; columns start
	// at the left margin (2 at 80 columns).
	e.Press(tea.MouseClickMsg{X: x + 2, Y: y, Button: tea.MouseLeft})
	e.Want("Xin gõ tên lớp.")
}
