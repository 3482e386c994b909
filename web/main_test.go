package web

import (
	"os"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"kynangso/app"
)

// TestMain switches the laptop app's timers off for the class test, which
// drives the keyboard seat by hand.
func TestMain(m *testing.M) {
	app.SetTimersForTest(func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil })
	os.Exit(m.Run())
}
