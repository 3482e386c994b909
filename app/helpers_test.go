package app

import (
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"kynangso/app/apptest"
	"kynangso/app/trainer"
	"kynangso/lessons"
	"kynangso/results"
)

// The screen tests drive the root model with the shared helpers of
// apptest; these short names keep the tests readable.

// fixedNow is the clock of every screen test.
var fixedNow = apptest.FixedNow

// newTestModel builds a root model on store and the test pack at w×h.
func newTestModel(t testing.TB, store Store, w, h int) *Model {
	t.Helper()
	m := New(Config{Store: store, Pack: testPack(), Now: func() time.Time { return fixedNow }, Seed: func() uint64 { return 42 }, Trainer: trainer.Area{}})
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	run(t, m, m.Init())
	return m
}

// TestMain switches the app's timers (rootTick, trainerTick) off for every
// test: tests deliver timer messages by hand. Every other command then
// returns soon, so run waits for each one to the end.
func TestMain(m *testing.M) {
	never := func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }
	rootTick = never
	trainer.SetTimersForTest(never)
	os.Exit(m.Run())
}

func testPack() *lessons.Pack { return apptest.TestPack() }

func run(t testing.TB, m *Model, cmd tea.Cmd)       { t.Helper(); apptest.Run(t, m, cmd) }
func press(t testing.TB, m *Model, keys ...tea.Msg) { t.Helper(); apptest.Press(t, m, keys...) }
func typeText(t testing.TB, m *Model, s string)     { t.Helper(); apptest.Type(t, m, s) }
func screen(m *Model) string                        { return apptest.Screen(m) }
func golden(t *testing.T, name, got string)         { t.Helper(); apptest.Golden(t, name, got) }
func num(n int) tea.KeyPressMsg                     { return apptest.Num(n) }
func click(x, y int) tea.MouseClickMsg              { return apptest.Click(x, y) }

var (
	enter = apptest.Enter
	esc   = apptest.Esc
	tab   = apptest.Tab
	down  = apptest.Down
	up    = apptest.Up
	left  = apptest.Left
	right = apptest.Right
	space = apptest.Space
	ctrlC = apptest.CtrlC
)

// findLine returns the row of the first screen line containing s, or -1.
func findLine(m *Model, s string) (row, col int) {
	for i, l := range strings.Split(screen(m), "\n") {
		if j := strings.Index(l, s); j >= 0 {
			return i, len([]rune(l[:j]))
		}
	}
	return -1, -1
}

func splitLines(s string) []string { return strings.Split(s, "\n") }

func stripAll(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = ansi.Strip(l)
	}
	return out
}

func ansiStrip(s string) string { return ansi.Strip(s) }

// trainerEnv is the root model, with the trainer's area, on a real SQLite
// store in a temporary folder.
type trainerEnv struct{ *apptest.Env }

func newTrainerEnv(t *testing.T, w, h int) *trainerEnv {
	t.Helper()
	return &trainerEnv{apptest.NewEnv(t, w, h, func(s *results.Store, now func() time.Time) tea.Model {
		return New(Config{Store: s, Pack: testPack(), Now: now, Seed: func() uint64 { return 42 }, Trainer: trainer.Area{}})
	})}
}

// m is the root model.
func (e *trainerEnv) m() *Model { return e.M.(*Model) }
