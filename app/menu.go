package app

import (
	"fmt"
	"kynangso/app/ui"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"kynangso/flow"
	"kynangso/lessons"
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
// "finish" row. Enter reads the lesson from the page reached (or resumes a
// quiz in progress), and the help line says which; k goes straight to the
// quiz.
type menuScreen struct {
	ui.Page
	frame  string // the frame layout made, which View shows
	c      *ui.Common
	w, h   int
	cursor int // len(modules) is the finish row
	status map[string]flow.ModuleStatus
	loaded bool
	err    string
	scroll ui.Scroller
}

func newMenuScreen(c *ui.Common, highlight string) *menuScreen {
	s := &menuScreen{c: c, status: map[string]flow.ModuleStatus{}}
	for i, m := range s.modules() {
		if m.ID == highlight {
			s.cursor = i
		}
	}
	return s
}

func (s *menuScreen) modules() []*lessons.Module {
	if s.c.Pack == nil {
		return nil
	}
	return s.c.Pack.Modules
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
	if mods := s.modules(); s.cursor < len(mods) {
		return flow.MenuEntry{Module: mods[s.cursor], Status: s.status[mods[s.cursor].ID]}, true
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
	n := len(s.modules())
	switch msg := msg.(type) {
	case menuLoadedMsg:
		s.loaded = true
		if msg.err != nil {
			s.err = s.c.Cat.T("menu.loaderr")
			return s, nil
		}
		for _, e := range msg.entries {
			s.status[e.Module.ID] = e.Status
		}
	case tea.KeyPressMsg:
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
		s.cursor = max(0, min(n, s.cursor+ui.WheelStep(msg)))
	}
	return s, nil
}

// open reads the highlighted module's lesson, or takes its quiz when quiz is
// set or a quiz is already in progress; the last row finishes the turn.
func (s *menuScreen) open(quiz bool) tea.Cmd {
	mods := s.modules()
	if s.cursor >= len(mods) {
		return ui.Send(showFinishMsg{})
	}
	e, _ := s.entry()
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
	head := []string{ui.Truncate(st.Title.Render(hello+" "+cat.T("menu.title")), s.w), ""}
	var lines []string
	var zones []ui.Zone
	lang := s.c.Lang()
	for i, m := range s.modules() {
		y := len(lines)
		title := fmt.Sprintf("%d. %s", i+1, ui.Clean(m.Title.In(lang)))
		status := "   " + statusText(cat, s.status[m.ID])
		if !s.loaded {
			status = "   …"
		}
		lines = append(lines, s.row(i, title, status)...)
		zones = append(zones, ui.Zone{ID: i, Y0: y, Y1: len(lines)})
	}
	if len(s.modules()) == 0 {
		lines = append(lines, ui.Wrap(st.Error.Render(cat.T("menu.empty")), s.w)...)
	}
	lines = append(lines, "")
	y := len(lines)
	n := len(s.modules())
	lines = append(lines, s.row(n, cat.T("menu.finish"), "")...)
	zones = append(zones, ui.Zone{ID: n, Y0: y, Y1: len(lines)})
	if s.err != "" {
		lines = append(lines, "")
		lines = append(lines, ui.Wrap(st.Error.Render("✗ "+s.err), s.w)...)
	}
	s.scroll.Set(lines, zones)
	s.scroll.SetHeight(s.h - len(head))
	for _, z := range zones {
		if z.ID == s.cursor {
			s.scroll.Show(z.Y0, z.Y1)
		}
	}
	s.frame = strings.Join(head, "\n") + "\n" + s.scroll.View(st, cat)
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
