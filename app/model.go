// Package app is kynangso's terminal interface: the participant's journey on
// a shared laptop (welcome, check-in, registration and consent, module menu,
// lesson reader, quiz, result, finish) and the trainer's entry point.
//
// The root Model alone returns a tea.View. Screens are small ui.Components
// that share one *ui.Common (size, styles, keys, language, the flow, the
// store's parts, clock and the current visit); they ask the root to move on
// by returning navigation messages (msgs.go), and call the flow (package
// flow) only inside commands. Pages and dialogs open over the screen on one
// overlay with ids (ui.Overlay); every answer is addressed to the page that
// asked. See docs/architecture.md.
package app

import (
	"context"
	"kynangso/app/ui"
	"math/rand/v2"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"kynangso/flow"
	"kynangso/lessons"
)

// Config is what the command line hands the TUI.
type Config struct {
	Store Store
	Pack  *lessons.Pack
	// Lang is "vi" (default) or "en".
	Lang string
	// IdleTimeout overrides the store setting and the 10-minute default.
	IdleTimeout time.Duration
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// Seed gives new attempts their seed (math/rand/v2 when nil).
	Seed func() uint64
	// Ctx bounds store calls (context.Background when nil).
	Ctx context.Context
	// Trainer is the trainer's area (package trainer); nil leaves the
	// trainer key without effect (screen tests of participants only).
	Trainer Trainer
}

// Trainer is the trainer's area as the root needs it: the page the trainer
// key opens, and what it does when the program starts.
type Trainer interface {
	// Entry is the page the trainer key opens (the PIN).
	Entry(c *ui.Common) ui.Component
	// Setup is the page AtStart asks for (ui.ShowTrainerMsg{Setup: true})
	// on a laptop without a trainer PIN: creating it.
	Setup(c *ui.Common) ui.Component
	AtStart(c *ui.Common) tea.Cmd
	// Idle is how long the area may sit without a key before it locks.
	Idle() time.Duration
}

// Model is the root of the TUI.
type Model struct {
	c  *ui.Common
	id ScreenID
	// stack holds the screen at the bottom and the pages and dialogs
	// opened over it, each with its id (ui.Overlay).
	stack ui.Overlay

	trainer   Trainer
	register  *registerScreen // kept while consent is shown, to go back to it
	idle      time.Duration
	idleFixed bool
	lastInput time.Time
	visit     int // counts visits so a late finish timer cannot end the next one
	// lang is the laptop's language, which every new person starts in;
	// began says someone checked in since the welcome screen showed, so
	// going back to it ends their visit and their choice of language.
	lang  string
	began bool
	// warnLeft is the seconds left before an untouched participant screen
	// resets, shown as "are you still there?" over the screen; 0 hides it.
	warnLeft int

	width, height int
	helpLines     int
}

// New builds the root model showing the welcome screen.
func New(cfg Config) *Model {
	c := &ui.Common{Store: cfg.Store, Pack: cfg.Pack, Ctx: cfg.Ctx, Now: cfg.Now, Styles: ui.NewStyles(true)}
	if c.Ctx == nil {
		c.Ctx = context.Background()
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	c.Seed = cfg.Seed
	if c.Seed == nil {
		c.Seed = rand.Uint64
	}
	if cfg.Store != nil {
		c.Stores = ui.StoresOf(cfg.Store)
		c.Flow = flow.New(cfg.Store, cfg.Pack, flow.WithClock(c.Now), flow.WithSeed(c.Seed))
	}
	c.SetLang(cfg.Lang)
	m := &Model{c: c, trainer: cfg.Trainer, idle: cfg.IdleTimeout, idleFixed: cfg.IdleTimeout > 0, width: 80, height: 24, lang: c.Lang()}
	if m.idle <= 0 {
		m.idle = ui.DefaultIdleTimeout
	}
	m.lastInput = c.Now()
	m.setScreen(ScreenWelcome, newWelcomeScreen(c))
	return m
}

// Common returns the shared state, for tests and for the trainer mode.
func (m *Model) Common() *ui.Common { return m.c }

// Current is the screen showing (under any page or dialog), for tests.
func (m *Model) Current() ui.Component { return m.stack.Base() }

// Front is the page that has the keys (a dialog, a trainer page or the
// screen), for tests.
func (m *Model) Front() ui.Component { return m.stack.Front() }

// Screen returns the id of the screen showing (under any dialog).
func (m *Model) Screen() ScreenID { return m.id }

// Init loads today's class and starts the idle clock.
func (m *Model) Init() tea.Cmd {
	// The trainer's area opens itself at start-up when no PIN is set yet,
	// so the trainer creates one before anyone else sits down.
	var atStart tea.Cmd
	if m.trainer != nil {
		atStart = m.trainer.AtStart(m.c)
	}
	init := m.stack.Base().Init()
	m.layout()
	return tea.Batch(tea.RequestBackgroundColor, init, loadClass(m.c), m.tick(), atStart)
}

// idleCheckEvery is how often the idle clock is read, outside the last
// IdleWarning before a reset (then it is read every second).
const idleCheckEvery = 15 * time.Second

// IdleWarning is how long before an untouched participant screen resets
// that it asks, with a countdown, whether anyone is still there.
const IdleWarning = 30 * time.Second

func (m *Model) tick() tea.Cmd { return m.tickIn(idleCheckEvery) }

// tickIn schedules the next idle check after d (at least a second).
func (m *Model) tickIn(d time.Duration) tea.Cmd {
	return rootTick(max(time.Second, d), func(t time.Time) tea.Msg { return IdleTickMsg{At: t} })
}

// rootTick is tea.Tick for the root's timers (the idle check and the finish
// screen's pause); tests replace it to drive the timers by hand.
var rootTick = tea.Tick

// Update routes messages: sizes and colours to everyone, input to the top
// dialog or the screen, navigation to the root itself.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
		return m, nil
	case tea.BackgroundColorMsg:
		m.c.Styles = ui.NewStyles(msg.IsDark())
		m.layout()
		return m, nil
	case tea.KeyPressMsg, tea.MouseMsg, tea.PasteMsg:
		m.lastInput = m.c.Now()
		if m.warnLeft > 0 {
			// "Press any key": the key answers the question and does
			// nothing else, so it cannot also answer a quiz question.
			m.warnLeft = 0
			return m, nil
		}
		if mouse, ok := msg.(tea.MouseMsg); ok {
			return m, m.toFront(m.local(mouse))
		}
		return m, m.toFront(msg)
	case IdleTickMsg:
		return m, m.checkIdle()
	case ui.Addressed:
		return m, m.deliver(msg)
	case classLoadedMsg:
		if msg.err == nil {
			m.c.Visit.Class, m.c.Visit.HasClass = msg.class.Session, msg.class.Open
			m.layout() // the welcome screen shows the class
			if !m.idleFixed && msg.class.Idle > 0 {
				m.idle = msg.class.Idle
			}
		}
	case ui.PushMsg:
		m.stack.Push(msg.Page)
		return m, m.started(msg.Page)
	case ui.CloseMsg:
		return m, m.closePage(msg.ID)
	case ui.ReplaceMsg:
		if !m.stack.Replace(msg.ID, msg.Page) {
			return m, nil
		}
		return m, m.started(msg.Page)
	case ui.ClassChangedMsg:
		return m, loadClass(m.c)
	case ui.QuitAppMsg:
		return m, tea.Quit
	}
	if cmd, ok := m.navigate(msg); ok {
		return m, cmd
	}
	// Anything else (a widget's own message) belongs to the front page.
	return m, m.toFront(msg)
}

// toFront sends input to the front page.
func (m *Model) toFront(msg tea.Msg) tea.Cmd {
	cmd := m.stack.Update(msg)
	m.relayoutHelp()
	return cmd
}

// deliver hands an addressed message to its page, and only while that page
// is open: the answer to a page closed since (a search typed by the person
// before, a report of an earlier filter) is dropped, navigation included.
func (m *Model) deliver(msg ui.Addressed) tea.Cmd {
	if !m.stack.Has(msg.To) {
		return nil
	}
	if cmd, ok := m.navigate(msg.Msg); ok {
		return cmd
	}
	cmd := m.stack.Deliver(msg.To, msg.Msg)
	m.relayoutHelp()
	return cmd
}

// closePage closes a page; the page that comes back to the front reads its
// data again, which the closed page may have changed.
func (m *Model) closePage(id ui.PageID) tea.Cmd {
	if !m.stack.Close(id) {
		return nil
	}
	m.layout()
	if r, ok := m.stack.Front().(ui.Reloader); ok {
		return r.Reload()
	}
	return nil
}

// checkIdle returns a participant screen left alone too long to the welcome
// screen, after IdleWarning of countdown; everything is saved as it
// happens, so nothing is lost.
func (m *Model) checkIdle() tea.Cmd {
	idle := m.c.Now().Sub(m.lastInput)
	m.warnLeft = 0
	switch {
	case m.id.Participant():
		left := m.idle - idle
		if left <= 0 {
			return tea.Batch(m.tick(), m.goWelcome(true))
		}
		if left <= IdleWarning {
			m.warnLeft = int((left + time.Second - 1) / time.Second)
			return m.tickIn(time.Second)
		}
		return m.tickIn(min(idleCheckEvery, left-IdleWarning))
	case m.id == ScreenWelcome && idle >= m.idle && m.c.Lang() != m.lang:
		// Whoever switched the language walked away before starting:
		// the next person finds the laptop's language.
		m.c.SetLang(m.lang)
		m.layout()
	case m.id == ScreenTrainer && m.trainer != nil && idle >= m.trainer.Idle() && !m.blocked():
		// The trainer's area locks itself, so a laptop left open in the
		// village hall does not stay unlocked.
		return tea.Batch(m.tick(), m.goWelcome(true))
	}
	return m.tick()
}

// blocked reports whether the front page must be done before the laptop
// is handed on (ui.Blocking), so the idle lock leaves it.
func (m *Model) blocked() bool {
	b, ok := m.stack.Front().(ui.Blocking)
	return ok && b.Blocking()
}

// goWelcome forgets the visit and shows a fresh welcome screen. When a
// visit ends (someone had checked in, or the screen was left untouched)
// the language goes back to the laptop's: the next person starts in it
// whatever the last one chose. Going back from the name search keeps it.
func (m *Model) goWelcome(visitEnded bool) tea.Cmd {
	var leave tea.Cmd
	if q, ok := m.stack.Base().(*quizScreen); ok {
		leave = q.leave() // an untouched quiz is not left "in progress"
	}
	if visitEnded || m.began {
		m.c.SetLang(m.lang)
	}
	m.visit++
	m.began, m.warnLeft = false, 0
	m.forgetVisit()
	m.setScreen(ScreenWelcome, newWelcomeScreen(m.c))
	return tea.Batch(leave, m.started(m.stack.Base()), loadClass(m.c))
}

// forgetVisit drops everything about the person at the keyboard (who they
// are, the form they typed), keeping only today's class.
func (m *Model) forgetVisit() {
	class, has := m.c.Visit.Class, m.c.Visit.HasClass
	m.c.Visit = ui.Visit{Class: class, HasClass: has}
	m.register = nil
}

// started runs a new page's Init, then lays everything out again: Init
// may focus an input, which changes how the page looks.
func (m *Model) started(p ui.Component) tea.Cmd {
	cmd := p.Init()
	m.layout()
	return cmd
}

// setScreen shows a new screen, closing every page and dialog.
func (m *Model) setScreen(id ScreenID, s ui.Component) {
	m.id = id
	m.stack.Reset(s)
	m.layout()
}

// frontKeys are the help keys of whatever has the input.
func (m *Model) frontKeys() []key.Binding {
	return m.stack.Front().HelpKeys()
}

// contentWidth is the width of the centred content column.
func (m *Model) contentWidth() int { return max(20, min(m.width, ui.MaxContentWidth)) }

// leftMargin is where the content column starts.
func (m *Model) leftMargin() int { return max(0, (m.width-m.contentWidth())/2) }

const headerLines = 2

// layout recomputes the content area and tells the screen and dialogs.
//
// The help line's height depends on the front page's keys, and a page
// learns some of its keys from its own layout (a lesson page scrolls once
// its text is laid out): lay out again until the help line keeps its
// height, so it is never cut off at the bottom.
func (m *Model) layout() {
	m.c.Width = m.contentWidth()
	for range 3 {
		m.helpLines = len(helpLines(m.frontKeys(), m.c.Width, m.c.Styles))
		m.c.Height = max(3, m.height-headerLines-m.helpLines)
		m.stack.SetSize(m.c.Width, m.c.Height)
		if len(helpLines(m.frontKeys(), m.c.Width, m.c.Styles)) == m.helpLines {
			return
		}
	}
}

// relayoutHelp re-lays out when the help line changed height.
func (m *Model) relayoutHelp() {
	if len(helpLines(m.frontKeys(), m.contentWidth(), m.c.Styles)) != m.helpLines {
		m.layout()
	}
}

// local moves a mouse message into content coordinates.
func (m *Model) local(msg tea.MouseMsg) tea.Msg {
	dx, dy := m.leftMargin(), headerLines
	switch msg := msg.(type) {
	case tea.MouseClickMsg:
		msg.X, msg.Y = msg.X-dx, msg.Y-dy
		return msg
	case tea.MouseWheelMsg:
		msg.X, msg.Y = msg.X-dx, msg.Y-dy
		return msg
	}
	return msg
}

// View draws the header, the screen or top dialog, and the help line.
func (m *Model) View() tea.View {
	w := m.contentWidth()
	body := m.body()
	help := helpLines(m.frontKeys(), w, m.c.Styles)
	lines := make([]string, 0, m.height)
	lines = append(lines, m.header(w), m.c.Styles.Rule.Render(strings.Repeat("─", w)))
	lines = append(lines, m.warnOver(ui.PadLines(strings.Split(body, "\n"), m.c.Height), w)...)
	lines = append(lines, help...)
	if pad := m.leftMargin(); pad > 0 {
		p := strings.Repeat(" ", pad)
		for i := range lines {
			lines[i] = p + lines[i]
		}
	}
	v := tea.NewView(strings.Join(ui.PadLines(lines, m.height), "\n"))
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = m.c.Cat.T("app.name")
	return v
}

// warnOver draws the "are you still there?" countdown over the middle of
// the body's lines, when it is showing.
func (m *Model) warnOver(body []string, w int) []string {
	if m.warnLeft <= 0 {
		return body
	}
	cat := m.c.Cat
	box := ui.Box(cat.T("idle.title"), cat.F("idle.body", m.warnLeft), w, m.c.Styles)
	out := append([]string{}, body...)
	top := max(0, (len(out)-len(box))/2)
	for i, l := range box {
		if top+i < len(out) {
			out[top+i] = l
		}
	}
	return out
}

// body is the top dialog, or the screen when none is open.
func (m *Model) body() string {
	return m.stack.Front().View()
}

// header is the app name, the class and who is at the keyboard
// (headerLine).
func (m *Model) header(w int) string { return headerLine(m.c, w) }

// helpLines lays out the help keys over as many lines as the width needs
// (at most two), so no key is hidden on a narrow terminal.
func helpLines(keys []key.Binding, width int, st *ui.Styles) []string {
	var lines []string
	var cur strings.Builder
	cw := 0
	for _, k := range keys {
		if !k.Enabled() || k.Help().Key == "" {
			continue
		}
		item := st.HelpKey.Render(k.Help().Key) + " " + st.HelpDesc.Render(k.Help().Desc)
		iw := lipgloss.Width(item)
		if cw > 0 && cw+3+iw > width {
			lines = append(lines, cur.String())
			cur.Reset()
			cw = 0
		}
		if cw > 0 {
			cur.WriteString(st.HelpSep.Render(" · "))
			cw += 3
		}
		cur.WriteString(item)
		cw += iw
	}
	if cw > 0 {
		lines = append(lines, cur.String())
	}
	if len(lines) == 0 {
		lines = []string{""}
	}
	return lines
}

// SetTimersForTest replaces the root's timers (the idle check and the
// finish screen's pause) in tests of other packages, which drive them by
// hand.
func SetTimersForTest(tick func(time.Duration, func(time.Time) tea.Msg) tea.Cmd) { rootTick = tick }
