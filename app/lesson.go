package app

import (
	"kynangso/app/ui"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"kynangso/lessons"
)

// lessonScreen shows a module's lesson one page at a time ("Trang 2/7").
// ←/PgUp and →/PgDn turn pages; Enter scrolls a long page, then turns it.
// Turning past the last page never starts the quiz by itself: it shows the
// end-of-lesson choice (lesson_end.go), where the person picks the quiz or
// the list of lessons. Each page shown is saved as progress in a command.
type lessonScreen struct {
	ui.Page
	frame    string // the frame layout made, which View shows
	c        *ui.Common
	w, h     int
	mod      *lessons.Module
	pages    []lessons.Page
	page     int // 0-based
	scroll   ui.Scroller
	rendered string // cache key: page, width, dark, language
	saveErr  bool
	hits     ui.Hits // where the buttons are

	// done is the end-of-lesson choice shown after the last page.
	done     bool
	endFocus int // focused end button
}

func newLessonScreen(c *ui.Common, moduleID string, page int) *lessonScreen {
	s := &lessonScreen{c: c}
	if c.Pack != nil {
		s.mod = c.Pack.Module(moduleID)
	}
	if s.mod != nil {
		s.pages = s.mod.PagesIn(c.Lang())
	}
	s.page = max(0, min(page-1, len(s.pages)-1))
	return s
}

// ModuleID is the module on screen, so the menu can highlight it.
func (s *lessonScreen) ModuleID() string {
	if s.mod == nil {
		return ""
	}
	return s.mod.ID
}

func (s *lessonScreen) Init() tea.Cmd { return s.save() }

func (s *lessonScreen) save() tea.Cmd {
	if s.mod == nil || len(s.pages) == 0 || !s.c.Visit.Active() {
		return nil
	}
	return s.Cmd(savePage(s.c, s.mod.ID, s.page+1, len(s.pages)))
}

func (s *lessonScreen) SetSize(w, h int) { s.w, s.h = w, h; s.layout() }

func (s *lessonScreen) HelpKeys() []key.Binding {
	k := s.c.Keys
	if s.done {
		return s.endHelpKeys()
	}
	keys := []key.Binding{k.Prev, k.Next}
	if s.scroll.CanScroll() {
		keys = append(keys, k.Scroll)
	}
	return append(keys, ui.With(k.Enter, s.c.Cat.T("help.continue")), ui.With(k.Back, s.c.Cat.T("help.menu")))
}

func (s *lessonScreen) last() bool    { return s.page >= len(s.pages)-1 }
func (s *lessonScreen) hasQuiz() bool { return s.mod != nil && len(s.mod.Questions) > 0 }

func (s *lessonScreen) update(msg tea.Msg) (ui.Component, tea.Cmd) {
	k := s.c.Keys
	switch msg := msg.(type) {
	case pageSavedMsg:
		s.saveErr = msg.err != nil
	case tea.KeyPressMsg:
		if s.done {
			return s, s.endKey(msg)
		}
		switch {
		case key.Matches(msg, k.Back):
			return s, ui.Send(showMenuMsg{})
		case key.Matches(msg, k.Prev, k.PageUp):
			return s, s.turn(-1)
		case key.Matches(msg, k.Next, k.PageDn):
			return s, s.turn(1)
		case key.Matches(msg, k.Up, k.Down):
			s.scroll.Key(msg, k)
		case key.Matches(msg, k.Enter):
			if !s.scroll.AtBottom() {
				s.scroll.Scroll(max(1, s.scroll.Window()-1))
				return s, nil
			}
			return s, s.turn(1)
		}
	case tea.MouseWheelMsg:
		s.scroll.Wheel(msg, 2)
	case tea.MouseClickMsg:
		if i, ok := s.hits.Hit(msg); ok {
			if s.done {
				return s, s.endAct(i)
			}
			return s, s.turn(2*i - 1)
		}
	}
	return s, nil
}

// turn moves d pages; past the last page it shows the end-of-lesson choice.
func (s *lessonScreen) turn(d int) tea.Cmd {
	next := s.page + d
	switch {
	case next < 0:
		return nil
	case next >= len(s.pages):
		s.showEnd()
		return nil
	}
	s.page = next
	s.rendered = ""
	s.scroll.Top()
	return s.save()
}

func (s *lessonScreen) layout() {
	st, cat := s.c.Styles, s.c.Cat
	if len(s.pages) == 0 {
		s.frame = strings.Join(ui.PadLines(ui.Wrap(st.Error.Render(cat.T("lesson.empty")), s.w), s.h), "\n")
		return
	}
	if s.done {
		s.frame = s.endView()
		return
	}
	p := s.pages[s.page]
	title := ui.Clean(s.mod.Title.In(s.c.Lang()))
	pageNo := cat.F("lesson.page", s.page+1, len(s.pages))
	head := ui.Truncate(st.Subtle.Render(title), max(1, s.w-len([]rune(pageNo))-2))
	gap := max(1, s.w-ui.WidthOf(head)-ui.WidthOf(pageNo))
	header := head + strings.Repeat(" ", gap) + st.Bold.Render(pageNo)

	s.renderPage(p)
	labels := []string{cat.T("lesson.prev"), cat.T("lesson.next")}
	if s.last() {
		labels[1] = cat.T("lesson.end")
	}
	focus := 1
	btn, pos := ui.Buttons(labels, focus, s.w, st)
	var foot []string
	if s.saveErr {
		foot = append(foot, ui.Truncate(st.Error.Render("✗ "+cat.T("lesson.saveerr")), s.w))
	}
	foot = append(foot, btn...)
	s.scroll.SetHeight(max(2, s.h-1-len(foot)))
	s.hits = ui.Hits{Top: 1 + s.scroll.Height() + len(foot) - len(btn), Buttons: pos}
	if s.page == 0 {
		s.hits.Buttons[0] = ui.Button{Y: -100} // no page before the first
	}
	s.frame = header + "\n" + s.scroll.View(st, cat) + "\n" + strings.Join(foot, "\n")
}

// renderPage rebuilds the page's lines when the page, width, colours or
// language changed; rendering is cached so key presses stay cheap.
func (s *lessonScreen) renderPage(p lessons.Page) {
	keyS := strings.Join([]string{ui.Itoa(s.page), ui.Itoa(s.w), boolStr(s.c.Styles.IsDark), s.c.Lang()}, "|")
	if keyS == s.rendered {
		return
	}
	s.rendered = keyS
	st, cat := s.c.Styles, s.c.Cat
	blocks := append([]block{{kind: blockHeading, text: ui.Clean(p.Title)}}, parseMarkdown(ui.Clean(p.Body))...)
	lines := renderMarkdown(blocks, s.w, st)
	lines = append(lines, "")
	end := cat.T("lesson.nextpage")
	if s.last() {
		end = cat.T("lesson.lastpage")
	}
	lines = append(lines, ui.Wrap(st.Hint.Render(end), s.w)...)
	s.scroll.Set(lines, nil)
}

func boolStr(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// Update handles msg, then lays the page out again.
func (s *lessonScreen) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	c, cmd := s.update(msg)
	s.layout()
	return c, cmd
}

// View shows the frame layout made.
func (s *lessonScreen) View() string { return s.frame }
