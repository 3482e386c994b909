package app

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"kynangso/lessons"
	"kynangso/results"
)

// statusKind is where a person stands with one module.
type statusKind int

const (
	statusNew statusKind = iota
	statusReading
	statusRead
	statusInProgress
	statusFailed
	statusPassed
)

// moduleStatus is one module's status for the menu.
type moduleStatus struct {
	kind            statusKind
	page, pages     int
	score, maxScore int
	// resume is the page to open the lesson at: the page reached in an
	// unfinished reading, or 0 (the first page) once it was read to the end.
	resume int
}

// statusOf works out a module's status from lesson progress and attempts
// (newest first): a quiz in progress shows first, then the best passed
// score, then the latest finished try, then reading.
func statusOf(moduleID string, prog map[string]results.LessonProgress, atts []results.Attempt) moduleStatus {
	st := readingStatus(prog[moduleID])
	st.resume = resumePage(prog[moduleID])
	var best, latest *results.Attempt
	for i := range atts {
		a := &atts[i]
		if a.ModuleID != moduleID {
			continue
		}
		switch a.State {
		case results.StateInProgress:
			return moduleStatus{kind: statusInProgress, resume: st.resume}
		case results.StateFinished:
			if latest == nil {
				latest = a
			}
			if a.Passed && (best == nil || a.Score*best.MaxScore > best.Score*a.MaxScore) {
				best = a
			}
		}
	}
	switch {
	case best != nil:
		return moduleStatus{kind: statusPassed, score: best.Score, maxScore: best.MaxScore, resume: st.resume}
	case latest != nil:
		return moduleStatus{kind: statusFailed, score: latest.Score, maxScore: latest.MaxScore, resume: st.resume}
	}
	return st
}

// readingStatus is the status from lesson progress alone.
func readingStatus(p results.LessonProgress) moduleStatus {
	switch {
	case p.LastPage <= 0:
		return moduleStatus{}
	case !p.CompletedAt.IsZero():
		return moduleStatus{kind: statusRead}
	}
	return moduleStatus{kind: statusReading, page: p.LastPage, pages: p.PageCount}
}

// resumePage is where reading picks up again: the page the menu shows as
// "Đang đọc (trang 7/10)", or the first page once the lesson was read to
// the end (reading it again starts from the beginning).
func resumePage(p results.LessonProgress) int {
	if p.LastPage <= 1 || !p.CompletedAt.IsZero() || p.LastPage >= p.PageCount {
		return 0
	}
	return p.LastPage
}

// text says the status in words (never colour alone).
func (m moduleStatus) text(cat Catalog) string {
	switch m.kind {
	case statusReading:
		return cat.F("status.reading", m.page, m.pages)
	case statusRead:
		return cat.T("status.read")
	case statusInProgress:
		return cat.T("status.progress")
	case statusFailed:
		return cat.F("status.failed", m.score, m.maxScore)
	case statusPassed:
		return cat.F("status.passed", m.score, m.maxScore)
	}
	return cat.T("status.new")
}

// menuScreen lists the pack's modules with this person's status, plus a
// "finish" row. Enter reads the lesson from the page reached (or resumes a
// quiz in progress), and the help line says which; k goes straight to the
// quiz.
type menuScreen struct {
	c      *Common
	w, h   int
	cursor int // len(modules) is the finish row
	status map[string]moduleStatus
	loaded bool
	err    string
	scroll scroller
}

func newMenuScreen(c *Common, highlight string) *menuScreen {
	s := &menuScreen{c: c, status: map[string]moduleStatus{}}
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

func (s *menuScreen) Init() tea.Cmd { return loadProgress(s.c) }

func (s *menuScreen) SetSize(w, h int) { s.w, s.h = w, h }

func (s *menuScreen) HelpKeys() []key.Binding {
	k, cat := s.c.Keys, s.c.Cat
	keys := []key.Binding{k.Up, k.Down, with(k.Enter, s.enterHelp())}
	if m := s.selected(); m != nil && len(m.Questions) > 0 && s.status[m.ID].kind != statusInProgress {
		keys = append(keys, k.Quiz)
	}
	return append(keys, with(k.Back, cat.T("help.finish")))
}

// selected is the highlighted module, or nil on the finish row.
func (s *menuScreen) selected() *lessons.Module {
	if mods := s.modules(); s.cursor < len(mods) {
		return mods[s.cursor]
	}
	return nil
}

// enterHelp says what Enter does for the highlighted row.
func (s *menuScreen) enterHelp() string {
	cat := s.c.Cat
	m := s.selected()
	switch {
	case m == nil:
		return cat.T("help.finish")
	case s.status[m.ID].kind == statusInProgress && len(m.Questions) > 0:
		return cat.T("menu.enterquiz")
	case s.status[m.ID].resume > 0:
		return cat.T("menu.enterresume")
	}
	return cat.T("menu.enterhelp")
}

func (s *menuScreen) Update(msg tea.Msg) (Component, tea.Cmd) {
	k := s.c.Keys
	n := len(s.modules())
	switch msg := msg.(type) {
	case progressLoadedMsg:
		s.loaded = true
		if msg.err != nil {
			s.err = s.c.Cat.T("menu.loaderr")
			return s, nil
		}
		for _, m := range s.modules() {
			s.status[m.ID] = statusOf(m.ID, msg.progress, msg.attempts)
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
			if d, _ := digit(msg.String()); d <= n {
				s.cursor = d - 1
				return s, s.open(false)
			}
		case key.Matches(msg, k.Back):
			return s, s.confirmFinish()
		}
	case tea.MouseClickMsg:
		if id, ok := s.scroll.hit(msg.X, msg.Y-2); ok && msg.Button == tea.MouseLeft {
			s.cursor = id
			return s, s.open(false)
		}
	case tea.MouseWheelMsg:
		if msg.Button == tea.MouseWheelUp {
			s.cursor = max(0, s.cursor-1)
		} else if msg.Button == tea.MouseWheelDown {
			s.cursor = min(n, s.cursor+1)
		}
	}
	return s, nil
}

// open reads the highlighted module's lesson, or takes its quiz when quiz is
// set or a quiz is already in progress; the last row finishes the turn.
func (s *menuScreen) open(quiz bool) tea.Cmd {
	mods := s.modules()
	if s.cursor >= len(mods) {
		return send(showFinishMsg{})
	}
	m := mods[s.cursor]
	if quiz || s.status[m.ID].kind == statusInProgress {
		if len(m.Questions) > 0 {
			return send(openQuizMsg{moduleID: m.ID})
		}
	}
	return send(openLessonMsg{moduleID: m.ID, page: s.status[m.ID].resume})
}

// confirmFinish asks before ending the turn, since Esc is easy to press.
func (s *menuScreen) confirmFinish() tea.Cmd {
	cat := s.c.Cat
	d := newConfirmDialog(s.c, cat.T("menu.quitq"), cat.T("menu.quitbody"), showFinishMsg{})
	return send(pushDialogMsg{dialog: d})
}

func (s *menuScreen) View() string {
	st, cat := s.c.Styles, s.c.Cat
	hello := cat.T("menu.helloguest")
	if p := s.c.Visit.Participant; !p.Anonymous && p.FullName != "" {
		hello = cat.F("menu.hello", cleanLine(p.FullName))
	}
	head := []string{truncate(st.Title.Render(hello+" "+cat.T("menu.title")), s.w), ""}
	var lines []string
	var zones []zone
	lang := s.c.Lang()
	for i, m := range s.modules() {
		y := len(lines)
		title := fmt.Sprintf("%d. %s", i+1, clean(m.Title.In(lang)))
		status := "   " + s.status[m.ID].text(cat)
		if !s.loaded {
			status = "   …"
		}
		lines = append(lines, s.row(i, title, status)...)
		zones = append(zones, zone{id: i, y0: y, y1: len(lines)})
	}
	if len(s.modules()) == 0 {
		lines = append(lines, wrap(st.Error.Render(cat.T("menu.empty")), s.w)...)
	}
	lines = append(lines, "")
	y := len(lines)
	n := len(s.modules())
	lines = append(lines, s.row(n, cat.T("menu.finish"), "")...)
	zones = append(zones, zone{id: n, y0: y, y1: len(lines)})
	if s.err != "" {
		lines = append(lines, "")
		lines = append(lines, wrap(st.Error.Render("✗ "+s.err), s.w)...)
	}
	s.scroll.set(lines, zones)
	s.scroll.setHeight(s.h - len(head))
	for _, z := range zones {
		if z.id == s.cursor {
			s.scroll.show(z.y0, z.y1)
		}
	}
	return strings.Join(head, "\n") + "\n" + s.scroll.view(st, cat)
}

// row renders a menu entry: a title line and a status line under it.
func (s *menuScreen) row(i int, title, status string) []string {
	st := s.c.Styles
	mark, style := "  ", st.Unselected
	if i == s.cursor {
		mark, style = "▶ ", st.Selected
	}
	lines := hang(mark, title, s.w)
	for j := range lines {
		lines[j] = style.Render(lines[j])
	}
	if status != "" {
		sty := st.Subtle
		if strings.Contains(status, "✓") {
			sty = st.Correct
		}
		for _, l := range hang("  ", status, s.w) {
			lines = append(lines, sty.Render(l))
		}
	}
	return lines
}
