package app

import (
	"fmt"
	"kynangso/app/ui"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"kynangso/flow"
)

// statusText says a module's status in words (never colour alone).
func statusText(cat ui.Catalog, m flow.ModuleStatus) string {
	switch m.Kind {
	case flow.StatusReading:
		return cat.F("status.reading", m.Page, m.Pages)
	case flow.StatusRead:
		return cat.T("status.read")
	case flow.StatusInProgress:
		return cat.T("status.progress")
	case flow.StatusFailed:
		return cat.F("status.failed", m.Score, m.MaxScore)
	case flow.StatusPassed:
		return cat.F("status.passed", m.Score, m.MaxScore)
	}
	return cat.T("status.new")
}

// menuScreen lists the pack's modules with this person's status, plus a
// "finish" row: the open class's lessons of the day first, marked, and the
// cursor on the module left unfinished (or, for someone with no activity
// yet, on the foundation module). Enter reads the lesson from the page
// reached (or resumes a quiz in progress), and the help line says which; k
// goes straight to the quiz.
type menuScreen struct {
	ui.Page
	frame     string // the frame layout made, which View shows
	c         *ui.Common
	w, h      int
	cursor    int // len(entries) is the finish row
	highlight string
	moved     bool // the person moved the cursor before the menu loaded
	plan      flow.MenuPlan
	loaded    bool
	err       string
	scroll    ui.Scroller
}

// newMenuScreen shows the modules in the order the plan will have (the
// class's lessons of the day first) while the statuses load, with the
// cursor on highlight, the module the person comes back from.
func newMenuScreen(c *ui.Common, highlight string) *menuScreen {
	s := &menuScreen{c: c, highlight: highlight}
	var entries []flow.MenuEntry
	if c.Pack != nil {
		for _, m := range c.Pack.Modules {
			entries = append(entries, flow.MenuEntry{Module: m})
		}
	}
	var planned []string
	if c.Visit.HasClass {
		planned = c.Visit.Class.PlannedModules
	}
	s.plan = flow.PlanMenu(entries, planned)
	s.plan.Start, s.plan.Why = 0, flow.StartFirst // nothing is known yet
	s.cursorTo(highlight)
	return s
}

// cursorTo puts the cursor on the module with id, if it is listed.
func (s *menuScreen) cursorTo(id string) bool {
	for i, e := range s.plan.Entries {
		if id != "" && e.Module.ID == id {
			s.cursor = i
			return true
		}
	}
	return false
}

func (s *menuScreen) Init() tea.Cmd { return s.Cmd(loadMenu(s.c)) }

func (s *menuScreen) SetSize(w, h int) { s.w, s.h = w, h; s.layout() }

func (s *menuScreen) HelpKeys() []key.Binding {
	k, cat := s.c.Keys, s.c.Cat
	keys := []key.Binding{k.Up, k.Down, ui.With(k.Enter, s.enterHelp())}
	if e, ok := s.entry(); ok && e.HasQuiz() && !e.OpensQuiz() {
		keys = append(keys, k.Quiz)
	}
	return append(keys, ui.With(k.Back, cat.T("help.finish")))
}

// entry is the highlighted module and its status; false on the finish row.
func (s *menuScreen) entry() (flow.MenuEntry, bool) {
	if s.cursor < len(s.plan.Entries) {
		return s.plan.Entries[s.cursor], true
	}
	return flow.MenuEntry{}, false
}

// enterHelp says what Enter does for the highlighted row.
func (s *menuScreen) enterHelp() string {
	cat := s.c.Cat
	e, ok := s.entry()
	switch {
	case !ok:
		return cat.T("help.finish")
	case e.OpensQuiz():
		return cat.T("menu.enterquiz")
	case e.Status.Resume > 0:
		return cat.T("menu.enterresume")
	}
	return cat.T("menu.enterhelp")
}

func (s *menuScreen) update(msg tea.Msg) (ui.Component, tea.Cmd) {
	k := s.c.Keys
	n := len(s.plan.Entries)
	switch msg := msg.(type) {
	case menuLoadedMsg:
		s.loaded = true
		if msg.err != nil {
			s.err = s.c.Cat.T("menu.loaderr")
			return s, nil
		}
		s.setPlan(msg.plan)
	case tea.KeyPressMsg:
		s.moved = true
		switch {
		case key.Matches(msg, k.Up):
			s.cursor = max(0, s.cursor-1)
		case key.Matches(msg, k.Down):
			s.cursor = min(n, s.cursor+1)
		case key.Matches(msg, k.Enter):
			return s, s.open(false)
		case key.Matches(msg, k.Quiz):
			return s, s.open(true)
		case key.Matches(msg, k.Choose):
			if d, _ := ui.Digit(msg.String()); d <= n {
				s.cursor = d - 1
				return s, s.open(false)
			}
		case key.Matches(msg, k.Back):
			return s, s.confirmFinish()
		}
	case tea.MouseClickMsg:
		if id, ok := s.scroll.Hit(msg.X, msg.Y-2); ok && msg.Button == tea.MouseLeft {
			s.cursor = id
			return s, s.open(false)
		}
	case tea.MouseWheelMsg:
		s.moved = true
		s.cursor = max(0, min(n, s.cursor+ui.WheelStep(msg)))
	}
	return s, nil
}

// setPlan takes the loaded menu. The cursor stays on the module the person
// comes back from, or where they moved it while the menu loaded; otherwise
// it goes where the plan starts: the unfinished module, or the foundation
// module for someone new.
func (s *menuScreen) setPlan(p flow.MenuPlan) {
	e, onModule := s.entry()
	s.plan = p
	switch {
	case s.cursorTo(s.highlight):
	case s.moved && !onModule:
		s.cursor = len(p.Entries) // still on the finish row
	case s.moved && s.cursorTo(e.Module.ID):
	default:
		s.cursor = min(p.Start, len(p.Entries))
	}
}

// open reads the highlighted module's lesson, or takes its quiz when quiz is
// set or a quiz is already in progress; the last row finishes the turn.
func (s *menuScreen) open(quiz bool) tea.Cmd {
	e, ok := s.entry()
	if !ok {
		return ui.Send(showFinishMsg{})
	}
	if e.OpensQuiz() || (quiz && e.HasQuiz()) {
		return ui.Send(openQuizMsg{moduleID: e.Module.ID})
	}
	return ui.Send(openLessonMsg{moduleID: e.Module.ID, page: e.Status.Resume})
}

// confirmFinish asks before ending the turn, since Esc is easy to press.
func (s *menuScreen) confirmFinish() tea.Cmd {
	cat := s.c.Cat
	d := ui.NewConfirmDialog(s.c, cat.T("menu.quitq"), cat.T("menu.quitbody"), showFinishMsg{})
	return ui.Open(d)
}

func (s *menuScreen) layout() {
	st, cat := s.c.Styles, s.c.Cat
	hello := cat.T("menu.helloguest")
	if p := s.c.Visit.Participant; !p.Anonymous && p.FullName != "" {
		hello = cat.F("menu.hello", ui.CleanLine(p.FullName))
	}
	head := ui.Wrap(st.Title.Render(hello+" "+cat.T("menu.title")), s.w)
	// The line under the greeting says "carry on" while the cursor is on
	// the module left unfinished; it is blank otherwise, so the list does
	// not move when the cursor does.
	note := ""
	if s.plan.Why == flow.StartResume && s.cursor == s.plan.Start && s.loaded {
		note = ui.Truncate(st.Hint.Render(cat.T("menu.resume")), s.w)
	}
	head = append(head, note)
	lines, zones := s.rows()
	s.scroll.Set(lines, zones)
	s.scroll.SetHeight(s.h - len(head))
	for _, z := range zones {
		if z.ID == s.cursor {
			s.scroll.Show(z.Y0, z.Y1)
		}
	}
	s.frame = strings.Join(head, "\n") + "\n" + s.scroll.View(st, cat)
}

// rows lays out the modules, the finish row and any error, with a click
// zone per row.
func (s *menuScreen) rows() ([]string, []ui.Zone) {
	st, cat, lang := s.c.Styles, s.c.Cat, s.c.Lang()
	var lines []string
	var zones []ui.Zone
	for i, e := range s.plan.Entries {
		y := len(lines)
		title := fmt.Sprintf("%d. %s", i+1, ui.Clean(e.Module.Title.In(lang)))
		if s.plan.Planned(i) {
			title += " · " + cat.T("menu.today")
		}
		lines = append(lines, s.row(i, title, "   "+s.statusLine(e))...)
		zones = append(zones, ui.Zone{ID: i, Y0: y, Y1: len(lines)})
	}
	n := len(s.plan.Entries)
	if n == 0 {
		lines = append(lines, ui.Wrap(st.Error.Render(cat.T("menu.empty")), s.w)...)
	}
	lines = append(lines, "")
	y := len(lines)
	lines = append(lines, s.row(n, cat.T("menu.finish"), "")...)
	zones = append(zones, ui.Zone{ID: n, Y0: y, Y1: len(lines)})
	if s.err != "" {
		lines = append(lines, "")
		lines = append(lines, ui.Wrap(st.Error.Render("✗ "+s.err), s.w)...)
	}
	return lines, zones
}

// statusLine is the line under a module's title: its status in words, and
// for the foundation module who it is for, until its quiz has been taken
// (then the score says more).
func (s *menuScreen) statusLine(e flow.MenuEntry) string {
	cat := s.c.Cat
	if !s.loaded {
		return "…"
	}
	line := statusText(cat, e.Status)
	if e.Module.Foundation() && e.Status.Kind != flow.StatusFailed && e.Status.Kind != flow.StatusPassed {
		line += " · " + cat.T("menu.foundation")
	}
	return line
}

// row renders a menu entry: a title line and a status line under it.
func (s *menuScreen) row(i int, title, status string) []string {
	st := s.c.Styles
	mark, style := "  ", st.Unselected
	if i == s.cursor {
		mark, style = "▶ ", st.Selected
	}
	lines := ui.Hang(mark, title, s.w)
	for j := range lines {
		lines[j] = style.Render(lines[j])
	}
	if status != "" {
		sty := st.Subtle
		if strings.Contains(status, "✓") {
			sty = st.Correct
		}
		for _, l := range ui.Hang("  ", status, s.w) {
			lines = append(lines, sty.Render(l))
		}
	}
	return lines
}

// Update handles msg, then lays the page out again.
func (s *menuScreen) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	c, cmd := s.update(msg)
	s.layout()
	return c, cmd
}

// View shows the frame layout made.
func (s *menuScreen) View() string { return s.frame }
