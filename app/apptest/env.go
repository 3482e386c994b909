package apptest

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"kynangso/internal/testclock"
	"kynangso/results"
)

// Clock is the test clock the app and its store share: it starts at
// FixedNow and steps 1 ms per reading, so records made one after the other
// have different times without any test sleeping.
type Clock struct{ *testclock.Clock }

// NewClock returns a clock at FixedNow.
func NewClock() *Clock { return &Clock{testclock.New(FixedNow)} }

// Fn is the clock as a function.
func (c *Clock) Fn() func() time.Time { return c.Now }

// Add moves the clock forward by d.
func (c *Clock) Add(d time.Duration) { c.Advance(d) }

// Env is a root model on a real store in a temporary folder, with every
// command run to the end, however long (argon2 takes tens of ms). Build
// makes the model (package apptest cannot import the root model's package).
type Env struct {
	T     *testing.T
	Path  string
	Store *results.Store
	Clk   *Clock
	M     tea.Model
	Build func(store *results.Store, now func() time.Time) tea.Model
}

// NewEnv opens a fresh store and model at w×h.
func NewEnv(t *testing.T, w, h int, build func(*results.Store, func() time.Time) tea.Model) *Env {
	t.Helper()
	return NewEnvAt(t, filepath.Join(t.TempDir(), "class.db"), w, h, build)
}

// NewEnvAt opens the store at path (made beforehand, a demo database) and
// a model at w×h.
func NewEnvAt(t *testing.T, path string, w, h int, build func(*results.Store, func() time.Time) tea.Model) *Env {
	t.Helper()
	e := &Env{T: t, Path: path, Clk: NewClock(), Build: build}
	e.Open(w, h)
	return e
}

// Open (re)opens the store and builds a fresh model, as a restart does.
func (e *Env) Open(w, h int) {
	e.T.Helper()
	if e.Store != nil {
		e.Store.Close()
	}
	e.Store = OpenStore(e.T, e.Path, e.Clk.Fn())
	e.M = e.Build(e.Store, e.Clk.Fn())
	e.M.Update(tea.WindowSizeMsg{Width: w, Height: h})
	e.Run(e.M.Init())
}

// Run executes cmd to the end and feeds its messages back into the model.
func (e *Env) Run(cmd tea.Cmd) {
	e.T.Helper()
	Run(e.T, e.M, cmd)
}

// Press sends keys (or any messages) one after another.
func (e *Env) Press(keys ...tea.Msg) {
	e.T.Helper()
	Press(e.T, e.M, keys...)
}

// Typ types s, one key per rune.
func (e *Env) Typ(s string) {
	e.T.Helper()
	Type(e.T, e.M, s)
}

// Screen is the plain text on screen.
func (e *Env) Screen() string { return Screen(e.M) }

// Goldens compares the screen at 60×20 and at 80×24 with
// testdata/<base>_60x20.golden and <base>_80x24.golden, ending at 80×24.
// fix, if given, masks what changes between runs (a temporary folder).
func (e *Env) Goldens(base string, fix ...func(string) string) {
	e.T.Helper()
	for _, sz := range [][2]int{{60, 20}, {80, 24}} {
		e.M.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		got := e.Screen()
		for _, f := range fix {
			got = f(got)
		}
		Golden(e.T, base+"_"+strconv.Itoa(sz[0])+"x"+strconv.Itoa(sz[1]), got)
	}
}

// Want fails unless the screen shows every part.
func (e *Env) Want(parts ...string) {
	e.T.Helper()
	s := e.Screen()
	for _, p := range parts {
		if !strings.Contains(s, p) {
			e.T.Fatalf("screen lacks %q:\n%s", p, s)
		}
	}
}

// Lacks fails if the screen shows any of parts.
func (e *Env) Lacks(parts ...string) {
	e.T.Helper()
	s := e.Screen()
	for _, p := range parts {
		if strings.Contains(s, p) {
			e.T.Fatalf("screen still shows %q:\n%s", p, s)
		}
	}
}

// SetPIN stores a trainer PIN as if created earlier, and restarts the app
// (80×24), so the app starts on the welcome screen.
func (e *Env) SetPIN(pin string) {
	e.T.Helper()
	if err := e.Store.SetPIN(context.Background(), pin); err != nil {
		e.T.Fatal(err)
	}
	e.Open(80, 24)
}
