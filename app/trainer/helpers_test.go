package trainer

import (
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"kynangso/app"
	"kynangso/app/apptest"
	"kynangso/app/ui"
	"kynangso/lessons"
)

// TestMain switches the trainer's and the root's timers off: tests deliver
// timer messages by hand.
func TestMain(m *testing.M) {
	never := func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }
	trainerTick = never
	app.SetTimersForTest(never)
	os.Exit(m.Run())
}

var (
	fixedNow = apptest.FixedNow
	enter    = apptest.Enter
	esc      = apptest.Esc
	down     = apptest.Down
	up       = apptest.Up
	tab      = apptest.Tab
	right    = apptest.Right
	space    = apptest.Space
	ctrlC    = apptest.CtrlC
)

func tpressKey(r rune) tea.KeyPressMsg        { return apptest.Key(r) }
func num(n int) tea.KeyPressMsg               { return apptest.Num(n) }
func await(t testing.TB, cmd tea.Cmd) tea.Msg { t.Helper(); return apptest.Await(t, cmd) }
func ansiStrip(s string) string               { return ansi.Strip(s) }

func testPack() *lessons.Pack { return apptest.TestPack() }

func splitLines(s string) []string { return strings.Split(s, "\n") }

// unwrap is the message inside an addressed one (a page's command run by
// hand in a test).
func unwrap(msg tea.Msg) tea.Msg {
	if a, ok := msg.(ui.Addressed); ok {
		return a.Msg
	}
	return msg
}
