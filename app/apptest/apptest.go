// Package apptest drives the TUI in tests the way the program would: it runs
// each command to the end and feeds its message back, presses keys, and
// compares screens with golden files. Only tests import it.
package apptest

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"kynangso/internal/testclock"
	"kynangso/results"
)

// Update makes `go test -update` rewrite the golden files in testdata.
var Update = flag.Bool("update", false, "rewrite the golden files in testdata")

// Quits counts tea.QuitMsg seen by Run; kiosk tests check it does not move.
var Quits int

// FixedNow is the clock of every screen test: a Saturday morning class in
// Vietnam, whatever the machine's date and zone.
var FixedNow = time.Date(2026, 3, 14, 9, 30, 0, 0, testclock.Zone)

// OpenStore opens a real store at path whose clock is now and whose zone
// is Vietnam's, so that the store and the app agree on "today".
func OpenStore(t testing.TB, path string, now func() time.Time) *results.Store {
	t.Helper()
	s, err := results.Open(context.Background(), path, results.WithClock(now), results.WithZone(testclock.Zone))
	if err != nil {
		t.Fatalf("open the store: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// CommandTimeout is how long Run waits for one command. Tests switch the
// app's timers off, so a command that takes this long is a bug, not a timer.
const CommandTimeout = 10 * time.Second

// Run executes cmd to the end and feeds its messages back into m, as the
// program would.
func Run(t testing.TB, m tea.Model, cmd tea.Cmd) {
	t.Helper()
	msg := Await(t, cmd)
	switch msg := msg.(type) {
	case nil:
		return
	case tea.BatchMsg:
		for _, c := range msg {
			Run(t, m, c)
		}
		return
	case tea.QuitMsg:
		Quits++
		return
	}
	if cmds, ok := sequence(msg); ok {
		for _, c := range cmds {
			Run(t, m, c)
		}
		return
	}
	if isTerminalRequest(msg) {
		return
	}
	_, next := m.Update(msg)
	Run(t, m, next)
}

// Await runs cmd (nil gives nil) and returns its message, failing the test
// if it does not return within CommandTimeout.
func Await(t testing.TB, cmd tea.Cmd) tea.Msg {
	t.Helper()
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		return msg
	case <-time.After(CommandTimeout):
		t.Fatalf("a command did not return within %v", CommandTimeout)
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

// Press sends keys one after another, running the commands they return.
func Press(t testing.TB, m tea.Model, keys ...tea.Msg) {
	t.Helper()
	for _, k := range keys {
		_, cmd := m.Update(k)
		Run(t, m, cmd)
	}
}

// Type sends one key press per rune, as a terminal does.
func Type(t testing.TB, m tea.Model, s string) {
	t.Helper()
	for _, r := range s {
		Press(t, m, Key(r))
	}
}

// Key is the press of the printable key r.
func Key(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

// Keys used by the tests.
var (
	Enter = tea.KeyPressMsg{Code: tea.KeyEnter}
	Esc   = tea.KeyPressMsg{Code: tea.KeyEscape}
	Tab   = tea.KeyPressMsg{Code: tea.KeyTab}
	Down  = tea.KeyPressMsg{Code: tea.KeyDown}
	Up    = tea.KeyPressMsg{Code: tea.KeyUp}
	Left  = tea.KeyPressMsg{Code: tea.KeyLeft}
	Right = tea.KeyPressMsg{Code: tea.KeyRight}
	Space = tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	CtrlC = tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
)

// Num is the press of the number key n (0–9).
func Num(n int) tea.KeyPressMsg { return Key(rune('0' + n)) }

// Click is a left click at content cell (x, y).
func Click(x, y int) tea.MouseClickMsg {
	return tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft}
}

// Screen is the plain text m shows.
func Screen(m tea.Model) string { return ansi.Strip(m.View().Content) }

// Golden compares got with testdata/<name>.golden (-update rewrites it).
func Golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *Update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test with -update to create it): %v", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file:\n--- got ---\n%s\n--- want ---\n%s", name, got, want)
	}
}
