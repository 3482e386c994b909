// Package trainer is the trainer's area of the TUI: the PIN, the home menu
// and one page per task (open and close a class, the live dashboard, the
// summaries, the follow-up list, people, duplicates, exports, backups,
// where the data is). Pages open over each other on the root's overlay
// (ui.Overlay); every store call runs in a command whose answer is
// addressed to the page that asked.
package trainer

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"kynangso/app/ui"
)

// TrainerIdleTimeout is how long the trainer's area may sit without a key
// before it locks back to the welcome screen, so a laptop left open in the
// village hall does not stay unlocked.
const TrainerIdleTimeout = 5 * time.Minute

// Area is the trainer's area as the root model takes it (app.Config.Trainer).
type Area struct{}

// Entry is the page the trainer key opens: the PIN, then the home menu.
func (Area) Entry(c *ui.Common) ui.Component { return newPinScreen(c) }

// Setup is the first start's page on a laptop without a PIN: create it.
func (Area) Setup(c *ui.Common) ui.Component { return newPinSetup(c) }

// AtStart opens the area when the laptop has no trainer PIN yet.
func (Area) AtStart(c *ui.Common) tea.Cmd { return firstStart(c) }

// Idle is how long the area may sit without a key before it locks.
func (Area) Idle() time.Duration { return TrainerIdleTimeout }

// trainerTick is tea.Tick for the trainer's timers (PIN wait, dashboard
// refresh); tests replace it to drive the timers by hand.
var trainerTick = tea.Tick

// SetTimersForTest replaces the trainer's timers in tests of other
// packages, which drive them by hand.
func SetTimersForTest(tick func(time.Duration, func(time.Time) tea.Msg) tea.Cmd) { trainerTick = tick }
