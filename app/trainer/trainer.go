package trainer

import (
	"kynangso/app/ui"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// TrainerIdleTimeout is how long the trainer's area may sit without a key
// before it locks back to the welcome screen, so a laptop left open in the
// village hall does not stay unlocked.
const TrainerIdleTimeout = 5 * time.Minute

// trainerIdleCheck is how often the area checks for idleness.
const trainerIdleCheck = 15 * time.Second

// trainerArea is the screen the trainer key opens (ScreenTrainer). It holds
// a stack of trainer pages: first the PIN page (create or enter), then,
// once unlocked, the trainer's home menu and whatever it opened. Esc on a
// page goes one page back; Esc on the PIN page or the home menu goes back
// to the welcome screen. It locks itself after TrainerIdleTimeout.
type trainerArea struct {
	c       *ui.Common
	tk      trainerKeys
	pages   []ui.Component
	w, h    int
	lastKey time.Time
}

// Messages between trainer pages and the area.
type (
	// trainerPushMsg opens a page on top of the current one.
	trainerPushMsg struct{ page ui.Component }
	// trainerPopMsg closes the top page (the home menu: back to welcome).
	trainerPopMsg struct{}
	// trainerReplaceMsg replaces the top page (a form that became a report).
	trainerReplaceMsg struct{ page ui.Component }
	// trainerUnlockedMsg says the right PIN was given (or a new one set).
	trainerUnlockedMsg struct{}
	// trainerIdleTickMsg checks for idleness; area tells stale ticks apart.
	trainerIdleTickMsg struct{ area *trainerArea }
)

// Area is the trainer's area as the root model takes it (app.Config.Trainer).
type Area struct{}

// Entry is the page the trainer key opens: the PIN, then the home menu.
func (Area) Entry(c *ui.Common) ui.Component { return newTrainerScreen(c) }

// AtStart opens the area when the laptop has no trainer PIN yet.
func (Area) AtStart(c *ui.Common) tea.Cmd { return firstStart(c) }

// newTrainerScreen builds the trainer's area.
func newTrainerScreen(c *ui.Common) ui.Component {
	a := &trainerArea{c: c, tk: newTrainerKeys(c.Cat), lastKey: c.Now()}
	a.pages = []ui.Component{newPinScreen(c)}
	return a
}

func (a *trainerArea) Init() tea.Cmd {
	return tea.Batch(a.top().Init(), a.idleTick())
}

func (a *trainerArea) idleTick() tea.Cmd {
	return trainerTick(trainerIdleCheck, func(time.Time) tea.Msg { return trainerIdleTickMsg{area: a} })
}

func (a *trainerArea) top() ui.Component { return a.pages[len(a.pages)-1] }

func (a *trainerArea) SetSize(w, h int) {
	a.w, a.h = w, h
	for _, p := range a.pages {
		p.SetSize(w, h)
	}
}

func (a *trainerArea) HelpKeys() []key.Binding { return a.top().HelpKeys() }

func (a *trainerArea) View() string { return a.top().View() }

func (a *trainerArea) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg, tea.MouseMsg, tea.PasteMsg:
		a.lastKey = a.c.Now()
		return a, a.toTop(msg)
	case trainerIdleTickMsg:
		if msg.area != a {
			return a, nil // a tick from an earlier visit to the area
		}
		if a.c.Now().Sub(a.lastKey) >= TrainerIdleTimeout {
			return a, ui.Send(ui.ShowWelcomeMsg{})
		}
		return a, a.idleTick()
	case trainerUnlockedMsg:
		a.lastKey = a.c.Now()
		a.pages = []ui.Component{newTrainerHome(a.c)}
		return a, a.opened()
	case trainerPushMsg:
		a.pages = append(a.pages, msg.page)
		return a, a.opened()
	case trainerReplaceMsg:
		a.pages[len(a.pages)-1] = msg.page
		return a, a.opened()
	case trainerPopMsg:
		if len(a.pages) <= 1 {
			return a, ui.Send(ui.ShowWelcomeMsg{})
		}
		a.pages = a.pages[:len(a.pages)-1]
		// The page below may show data the closed page changed.
		if r, ok := a.top().(interface{ Reload() tea.Cmd }); ok {
			return a, r.Reload()
		}
		return a, nil
	case tea.KeyMsg:
		return a, nil
	}
	// Store results and timers go to every page; each keeps its own.
	var cmds []tea.Cmd
	for i := range a.pages {
		var cmd tea.Cmd
		a.pages[i], cmd = a.pages[i].Update(msg)
		cmds = append(cmds, cmd)
	}
	return a, tea.Batch(cmds...)
}

// opened sizes and starts the new top page.
func (a *trainerArea) opened() tea.Cmd {
	a.top().SetSize(a.w, a.h)
	return a.top().Init()
}

func (a *trainerArea) toTop(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	a.pages[len(a.pages)-1], cmd = a.top().Update(msg)
	return cmd
}

// trainerTick is tea.Tick for the trainer's timers (idle lock, PIN wait,
// dashboard refresh); tests replace it to drive the timers by hand.
var trainerTick = tea.Tick

// SetTimersForTest replaces the trainer's timers in tests of other
// packages, which drive them by hand.
func SetTimersForTest(tick func(time.Duration, func(time.Time) tea.Msg) tea.Cmd) { trainerTick = tick }
