package app

import (
	"context"
	"kynangso/app/apptest"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"kynangso/internal/testclock"
	"kynangso/results"
)

// clock is the test clock the app and its store share: it starts at
// fixedNow and steps 1 ms per reading, so records made one after the other
// have different times without any test sleeping.
type clock struct{ *testclock.Clock }

func (c *clock) now() time.Time        { return c.Now() }
func (c *clock) add(d time.Duration)   { c.Advance(d) }
func newClock() *clock                 { return &clock{testclock.New(fixedNow)} }
func tpressKey(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }
func (c *clock) fn() func() time.Time  { return c.now }

// trainerEnv is a root model on a real store in a temporary folder, with
// the trainer's timers switched off (tests deliver them by hand) and every
// command run to the end, however long (argon2 takes tens of ms).
type trainerEnv struct {
	t     *testing.T
	path  string
	store *results.Store
	clk   *clock
	m     *Model
}

func newTrainerEnv(t *testing.T, w, h int) *trainerEnv {
	t.Helper()
	e := &trainerEnv{t: t, path: filepath.Join(t.TempDir(), "class.db"), clk: newClock()}
	e.open(w, h)
	return e
}

// open (re)opens the store and builds a fresh model, as a restart does.
func (e *trainerEnv) open(w, h int) {
	e.t.Helper()
	if e.store != nil {
		e.store.Close()
	}
	s := openTestStore(e.t, e.path, e.clk.fn())
	e.store = s
	e.m = New(Config{Store: s, Pack: testPack(), Now: e.clk.fn(), Seed: func() uint64 { return 42 }})
	e.m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	e.run(e.m.Init())
}

// run executes cmd to the end and feeds its messages back into the model.
func (e *trainerEnv) run(cmd tea.Cmd) {
	e.t.Helper()
	run(e.t, e.m, cmd)
}

func (e *trainerEnv) press(keys ...tea.Msg) {
	e.t.Helper()
	for _, k := range keys {
		_, cmd := e.m.Update(k)
		e.run(cmd)
	}
}

func (e *trainerEnv) typ(s string) {
	e.t.Helper()
	for _, r := range s {
		e.press(tpressKey(r))
	}
}

func (e *trainerEnv) screen() string { return screen(e.m) }

// goldens compares the screen at 80×24 and at 60×20 with
// testdata/<base>_80x24.golden and <base>_60x20.golden, then goes back to
// 80×24. fix, if given, masks what changes between runs (clock times).
func (e *trainerEnv) goldens(base string, fix ...func(string) string) {
	e.t.Helper()
	for _, sz := range [][2]int{{60, 20}, {80, 24}} {
		e.m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		got := e.screen()
		for _, f := range fix {
			got = f(got)
		}
		golden(e.t, base+"_"+itoa(sz[0])+"x"+itoa(sz[1]), got)
	}
}

func (e *trainerEnv) want(parts ...string) {
	e.t.Helper()
	s := e.screen()
	for _, p := range parts {
		if !strings.Contains(s, p) {
			e.t.Fatalf("screen lacks %q:\n%s", p, s)
		}
	}
}

// area is the trainer's area on screen.
func (e *trainerEnv) area() *trainerArea {
	e.t.Helper()
	a, ok := e.m.screen.(*trainerArea)
	if !ok {
		e.t.Fatalf("screen %v is not the trainer's area", e.m.Screen())
	}
	return a
}

// setPIN stores a PIN as if created earlier, and restarts the app.
func (e *trainerEnv) setPIN(pin string) {
	e.t.Helper()
	if err := e.store.SetPIN(context.Background(), pin); err != nil {
		e.t.Fatal(err)
	}
	e.open(80, 24)
}

// unlock opens the trainer's area with the PIN from the welcome screen.
func (e *trainerEnv) unlock(pin string) {
	e.t.Helper()
	e.press(tea.KeyPressMsg{Code: tea.KeyF2})
	e.typ(pin)
	e.press(enter)
	if _, ok := e.area().top().(*trainerHome); !ok {
		e.t.Fatalf("not unlocked:\n%s", e.screen())
	}
}

func TestFirstStartCreatesPIN(t *testing.T) {
	e := newTrainerEnv(t, 80, 24)
	if e.m.Screen() != ScreenTrainer {
		t.Fatalf("first start shows %v, want the trainer's PIN setup", e.m.Screen())
	}
	e.goldens("trainer_pin_create")
	e.typ("12")
	e.press(enter)
	e.want("Mã PIN gồm 4 đến 8 chữ số")
	e.typ("ab34") // letters never reach a PIN field
	if v := e.area().top().(*pinScreen).input.Value(); v != "1234" {
		t.Fatalf("PIN field holds %q, want 1234", v)
	}
	e.press(enter)
	e.want("Gõ lại mã PIN")
	if strings.Contains(e.screen(), "1234") {
		t.Fatal("the PIN is shown in clear")
	}
	e.typ("1235")
	e.press(enter)
	e.want("Hai lần gõ không giống nhau")
	e.typ("2468")
	e.press(enter)
	e.typ("2468")
	e.press(enter)
	if _, ok := e.area().top().(*trainerHome); !ok {
		t.Fatalf("after creating the PIN: %s", e.screen())
	}
	h, ok, err := e.store.Setting(context.Background(), results.SettingPINHash)
	if err != nil || !ok {
		t.Fatalf("no PIN stored: %v", err)
	}
	p, _, _, err := results.DecodePINHash(h)
	if err != nil || p.Memory < 19456 || p.Time < 2 {
		t.Fatalf("stored hash parameters %+v (%v); want memory ≥ 19456 KiB, time ≥ 2", p, err)
	}
	// The next start goes to the welcome screen, and F2 asks for the PIN.
	e.open(80, 24)
	if e.m.Screen() != ScreenWelcome {
		t.Fatalf("second start shows %v, want welcome", e.m.Screen())
	}
	e.unlock("2468")
}

func TestPINBackoffSurvivesRestart(t *testing.T) {
	e := newTrainerEnv(t, 80, 24)
	e.setPIN("2468")
	e.press(tea.KeyPressMsg{Code: tea.KeyF2})
	e.goldens("trainer_pin_enter")
	for i := 1; i <= 4; i++ {
		e.typ("1111")
		e.press(enter)
		e.want("Mã PIN chưa đúng. Còn " + itoa(5-i) + " lần thử")
	}
	e.typ("1111")
	e.press(enter)
	e.want("Xin đợi 1 giây")
	// Restart: the wait is still there, even for the right PIN.
	e.open(80, 24)
	e.press(tea.KeyPressMsg{Code: tea.KeyF2})
	e.want("Xin đợi 1 giây")
	e.typ("2468")
	e.press(enter)
	pin, ok := e.area().top().(*pinScreen)
	if !ok {
		t.Fatal("a PIN was accepted during the wait")
	}
	// The refused PIN does not stay in the field for the next digits to
	// join: the field is empty, and digits typed during the wait are ignored.
	if v := pin.input.Value(); v != "" {
		t.Fatalf("PIN field after a refused early try = %q, want empty", v)
	}
	e.typ("13")
	if v := pin.input.Value(); v != "" {
		t.Fatalf("digits typed during the wait reached the field: %q", v)
	}
	// After the wait, wrong PINs double it: 2 s, 4 s, …
	e.clk.add(time.Second)
	e.press(esc, tea.KeyPressMsg{Code: tea.KeyF2})
	e.typ("1111")
	e.press(enter)
	e.want("Xin đợi 2 giây")
	e.clk.add(2 * time.Second)
	e.typ("1111")
	e.press(enter)
	e.want("Xin đợi 4 giây")
	// Jump to a long wait: it is said in minutes and seconds.
	for n := 8; n < 13; n++ {
		e.clk.add(results.PINWait(n - 1))
		e.typ("1111")
		e.press(enter)
	}
	e.want("Xin đợi 2 phút 8 giây") // 2^7 s after 12 wrong PINs
	e.goldens("trainer_pin_wait")
	e.clk.add(128 * time.Second)
	e.open(80, 24)
	e.unlock("2468")
	if n, _, _ := e.store.PINState(context.Background()); n != 0 {
		t.Fatalf("failures after the right PIN = %d", n)
	}
}

func TestTrainerQuitNeedsPINAndConfirmation(t *testing.T) {
	e := newTrainerEnv(t, 80, 24)
	e.setPIN("2468")
	before := apptest.Quits
	e.press(ctrlC, tpressKey('q'), esc, tea.KeyPressMsg{Code: tea.KeyF2}, ctrlC, esc)
	if apptest.Quits != before || e.m.Screen() != ScreenWelcome {
		t.Fatalf("kiosk keys left the app or the screen (%v, apptest.Quits %d)", e.m.Screen(), apptest.Quits-before)
	}
	e.unlock("2468")
	e.goldens("trainer_home")
	home := e.area().top().(*trainerHome)
	e.press(num(0)) // not an item: nothing happens
	for i, a := range home.actions {
		if a == actQuit {
			home.list.cursor = i
		}
	}
	e.press(enter)
	e.want("Thoát ứng dụng?")
	e.press(enter) // "No" has the focus first
	if apptest.Quits != before {
		t.Fatal("Enter on the confirmation quit: No must be the default")
	}
	e.press(enter, num(1))
	if apptest.Quits != before+1 {
		t.Fatalf("confirmed quit did not end the program (apptest.Quits %d)", apptest.Quits-before)
	}
}

func TestTrainerAreaLocksWhenIdle(t *testing.T) {
	e := newTrainerEnv(t, 80, 24)
	e.setPIN("2468")
	e.unlock("2468")
	a := e.area()
	e.clk.add(TrainerIdleTimeout - time.Second)
	e.press(trainerIdleTickMsg{area: a})
	if e.m.Screen() != ScreenTrainer {
		t.Fatal("locked before the idle time")
	}
	e.press(down) // a key resets the idle clock
	e.clk.add(TrainerIdleTimeout - time.Second)
	e.press(trainerIdleTickMsg{area: a})
	if e.m.Screen() != ScreenTrainer {
		t.Fatal("a key did not reset the idle clock")
	}
	e.clk.add(time.Second)
	e.press(trainerIdleTickMsg{area: a})
	if e.m.Screen() != ScreenWelcome {
		t.Fatalf("not locked after %v idle: %v", TrainerIdleTimeout, e.m.Screen())
	}
	// Back in, the PIN is asked again.
	e.press(tea.KeyPressMsg{Code: tea.KeyF2})
	if _, ok := e.area().top().(*pinScreen); !ok {
		t.Fatal("the trainer's area opened without the PIN after locking")
	}
}

// pick moves the home menu's cursor to action a and presses Enter.
func (e *trainerEnv) pick(a homeAction) {
	e.t.Helper()
	home, ok := e.area().top().(*trainerHome)
	if !ok {
		e.t.Fatalf("not on the home menu:\n%s", e.screen())
	}
	for i, x := range home.actions {
		if x == a {
			home.list.cursor = i
			e.press(enter)
			return
		}
	}
	e.t.Fatalf("action %v not in the menu:\n%s", a, e.screen())
}

func TestOpenCloseReopenClass(t *testing.T) {
	ctx := context.Background()
	e := newTrainerEnv(t, 80, 24)
	e.setPIN("2468")
	e.unlock("2468")
	e.pick(actOpenClass)
	e.goldens("trainer_class_form")
	for range 6 { // to the button, title left empty
		e.press(down)
	}
	e.press(enter)
	e.want("Xin gõ tên lớp.")
	e.typ("Lớp buôn Đôn")
	e.press(down)
	for range 10 {
		e.press(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	e.typ("31/02/2026")
	e.press(down, down, down, down, down, enter)
	e.want("Ngày chưa đúng")
	for range 10 {
		e.press(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	e.typ("27/11/2026")
	e.press(down)
	e.typ("Ea Tu")
	e.press(down)
	e.typ("Buôn Đôn, Buôn Ko Tam ,")
	e.press(down)
	e.typ("Y Bih, H'Hen")
	e.press(down, space) // untick the first module
	e.press(down, enter)
	c, open, err := e.store.CurrentSession(ctx)
	if err != nil || !open {
		t.Fatalf("no open class: %v\n%s", err, e.screen())
	}
	want := results.ClassSession{Title: "Lớp buôn Đôn", Date: "2026-11-27", Commune: "Ea Tu",
		Villages: []string{"Buôn Đôn", "Buôn Ko Tam"}, Trainers: []string{"Y Bih", "H'Hen"}, PlannedModules: []string{"muasam"}}
	if c.Title != want.Title || c.Date != want.Date || c.Commune != want.Commune ||
		!reflect.DeepEqual(c.Villages, want.Villages) || !reflect.DeepEqual(c.Trainers, want.Trainers) ||
		!reflect.DeepEqual(c.PlannedModules, want.PlannedModules) {
		t.Fatalf("class stored as %+v, want %+v", c, want)
	}
	if _, ok := e.area().top().(*dashboard); !ok || !e.m.c.Visit.HasClass {
		t.Fatalf("after opening: dashboard and class header expected:\n%s", e.screen())
	}
	e.want("Lớp: Lớp buôn Đôn", "Chưa có ai điểm danh")

	// A second class while one is open: a clear message.
	e.press(esc)
	e.press(trainerPushMsg{page: newClassForm(e.m.c)})
	e.typ("Lớp khác")
	for range 6 {
		e.press(down)
	}
	e.press(enter)
	e.want("Máy này đang có một lớp mở")
	e.press(esc)

	e.pick(actCloseClass)
	e.want("Đóng lớp học?")
	e.press(num(1))
	if _, open, _ := e.store.CurrentSession(ctx); open {
		t.Fatal("class still open after confirming")
	}
	e.want("Đã đóng lớp", "Mở lớp học mới")
	if e.m.c.Visit.HasClass {
		t.Fatal("the header still shows the closed class")
	}

	e.pick(actReopenClass)
	e.goldens("trainer_reopen")
	e.press(enter)
	e.want("Mở lại lớp này?")
	e.press(num(1))
	if c2, open, _ := e.store.CurrentSession(ctx); !open || c2.ID != c.ID {
		t.Fatal("class not reopened")
	}
	e.want("Lớp đang mở: Lớp buôn Đôn · 27/11/2026")
}

func TestDashboardShowsWhereEachPersonIs(t *testing.T) {
	ctx := context.Background()
	e := newTrainerEnv(t, 80, 24)
	e.setPIN("2468")
	s := e.store
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
	e.clk.add(time.Minute) // activity after check-in
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
	e.open(80, 24)
	s = e.store
	e.unlock("2468")
	e.pick(actDashboard)
	e.want("Nguyễn Thị Hoa (1958)", "B1 trang 2/2", "Y Bih Niê (1970)", "B1 câu 2/3", "vừa điểm danh", "Đã điểm danh: 3 người")

	// The next refresh shows a finished quiz and its score.
	if err := s.FinishAttempt(ctx, att.ID, 3, 3, true); err != nil {
		t.Fatal(err)
	}
	d := e.area().top().(*dashboard)
	e.press(dashTickMsg{d: d})
	e.want("B1 vừa làm xong", "B1 ✓3/3")
	// Check-in times come from the store's own clock: mask them.
	e.goldens("trainer_dashboard")
	// Stale ticks of a closed dashboard do nothing.
	e.press(esc)
	e.press(dashTickMsg{d: d})
	if _, ok := e.area().top().(*trainerHome); !ok {
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
