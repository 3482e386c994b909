package app

import (
	"context"
	"flag"
	"kynangso/internal/testclock"
	"kynangso/results"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// quits counts tea.QuitMsg seen by run; kiosk tests check it stays 0.
var quits int

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fixedNow is the clock of every screen test: a Saturday morning class in
// Vietnam, whatever the machine's date and zone.
var fixedNow = time.Date(2026, 3, 14, 9, 30, 0, 0, testclock.Zone)

// newTestModel builds a root model on store and the test pack at w×h.
func newTestModel(t testing.TB, store Store, w, h int) *Model {
	t.Helper()
	m := New(Config{Store: store, Pack: testPack(), Now: func() time.Time { return fixedNow }, Seed: func() uint64 { return 42 }})
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	run(t, m, m.Init())
	return m
}

// TestMain switches the app's timers (rootTick, trainerTick) off for every
// test: tests deliver timer messages by hand. Every other command then
// returns soon, so run waits for each one to the end.
func TestMain(m *testing.M) {
	never := func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }
	trainerTick, rootTick = never, never
	os.Exit(m.Run())
}

// openTestStore opens a real store at path whose clock is now and whose
// zone is Vietnam's, so that the store and the app agree on "today".
func openTestStore(t testing.TB, path string, now func() time.Time) *results.Store {
	t.Helper()
	s, err := results.Open(context.Background(), path, results.WithClock(now), results.WithZone(testclock.Zone))
	if err != nil {
		t.Fatalf("open the store: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// commandTimeout is how long run waits for one command. The timers are off
// (TestMain), so a command that takes this long is a bug, not a timer.
const commandTimeout = 10 * time.Second

// run executes cmd to the end and feeds its messages back into m, as the
// program would.
func run(t testing.TB, m *Model, cmd tea.Cmd) {
	t.Helper()
	msg := await(t, cmd)
	switch msg := msg.(type) {
	case nil:
		return
	case tea.BatchMsg:
		for _, c := range msg {
			run(t, m, c)
		}
		return
	case idleTickMsg:
		return
	}
	if cmds, ok := sequence(msg); ok {
		for _, c := range cmds {
			run(t, m, c)
		}
		return
	}
	if _, ok := msg.(tea.QuitMsg); ok {
		quits++
		return
	}
	if isTerminalRequest(msg) {
		return
	}
	_, next := m.Update(msg)
	run(t, m, next)
}

// await runs cmd (nil gives nil) and returns its message, failing the test
// if it does not return within commandTimeout.
func await(t testing.TB, cmd tea.Cmd) tea.Msg {
	t.Helper()
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		return msg
	case <-time.After(commandTimeout):
		t.Fatalf("a command did not return within %v", commandTimeout)
		return nil
	}
}

// sequence unpacks the message of tea.Sequence (an unexported slice of
// commands).
func sequence(msg tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeOf(tea.Cmd(nil)) {
		return nil, false
	}
	cmds := make([]tea.Cmd, v.Len())
	for i := range cmds {
		cmds[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return cmds, true
}

// isTerminalRequest spots the requests Bubble Tea sends to the terminal
// (background colour, window size); they have no effect in these tests.
func isTerminalRequest(msg tea.Msg) bool {
	name := reflect.TypeOf(msg).String()
	return strings.HasPrefix(name, "tea.") && !strings.HasSuffix(name, "KeyPressMsg")
}

// press sends keys one after another, running the commands they return.
func press(t testing.TB, m *Model, keys ...tea.Msg) {
	t.Helper()
	for _, k := range keys {
		_, cmd := m.Update(k)
		run(t, m, cmd)
	}
}

// typeText sends one key press per rune, as a terminal does.
func typeText(t testing.TB, m *Model, s string) {
	t.Helper()
	for _, r := range s {
		press(t, m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

var (
	enter = tea.KeyPressMsg{Code: tea.KeyEnter}
	esc   = tea.KeyPressMsg{Code: tea.KeyEscape}
	tab   = tea.KeyPressMsg{Code: tea.KeyTab}
	down  = tea.KeyPressMsg{Code: tea.KeyDown}
	up    = tea.KeyPressMsg{Code: tea.KeyUp}
	left  = tea.KeyPressMsg{Code: tea.KeyLeft}
	right = tea.KeyPressMsg{Code: tea.KeyRight}
	space = tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	ctrlC = tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
)

func num(n int) tea.KeyPressMsg {
	r := rune('0' + n)
	return tea.KeyPressMsg{Code: r, Text: string(r)}
}

func click(x, y int) tea.MouseClickMsg {
	return tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft}
}

// screen is the plain text on screen.
func screen(m *Model) string { return ansi.Strip(m.View().Content) }

// golden compares the screen with testdata/<name>.golden (-update rewrites it).
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test ./app -update to create it): %v", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file:\n--- got ---\n%s\n--- want ---\n%s", name, got, want)
	}
}

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
