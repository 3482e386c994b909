package app

import (
	"kynangso/app/ui"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// The end of a lesson is a choice, not a slide into the quiz: after the last
// page the lesson screen says "you have finished reading" and offers the
// quiz (when the module has one) and the list of lessons. Nothing is
// focused at first when there are two ways on, so a reader who keeps
// pressing Enter to turn pages is asked to choose instead of finding
// themselves in a test.

// showEnd switches to the end-of-lesson choice.
func (s *lessonScreen) showEnd() {
	s.done, s.endNote = true, ""
	s.endFocus = -1
	if !s.hasQuiz() {
		s.endFocus = 0 // one way on: nothing to choose
	}
}

// endLabels are the end buttons, numbered for the number keys.
func (s *lessonScreen) endLabels() []string {
	cat := s.c.Cat
	if !s.hasQuiz() {
		return []string{"1 " + cat.T("lesson.menu")}
	}
	return []string{"1 " + cat.T("lesson.quiz"), "2 " + cat.T("lesson.menu")}
}

func (s *lessonScreen) endHelpKeys() []key.Binding {
	k, cat := s.c.Keys, s.c.Cat
	keys := []key.Binding{ui.With(k.Prev, cat.T("lesson.backpage"))}
	if s.hasQuiz() {
		keys = append(keys, ui.Relabel(k.Choose, "1/2", cat.T("key.choose")), k.Quiz)
	}
	return append(keys, ui.With(k.Enter, cat.T("key.enter")), ui.With(k.Back, cat.T("help.menu")))
}

// endKey handles a key on the end-of-lesson choice.
func (s *lessonScreen) endKey(msg tea.KeyPressMsg) tea.Cmd {
	k := s.c.Keys
	n := len(s.endLabels())
	switch {
	case key.Matches(msg, k.Back):
		return ui.Send(showMenuMsg{})
	case key.Matches(msg, k.Prev, k.PageUp):
		s.done = false // back to the last page
		s.rendered = ""
		return nil
	case key.Matches(msg, k.Quiz):
		if s.hasQuiz() {
			return s.endAct(0)
		}
	case key.Matches(msg, k.Next, k.Tab, k.Down):
		s.endFocus = min(n-1, s.endFocus+1)
	case key.Matches(msg, k.ShiftTab, k.Up):
		s.endFocus = max(0, s.endFocus-1)
	case key.Matches(msg, k.Choose):
		if d, _ := ui.Digit(msg.String()); d <= n {
			return s.endAct(d - 1)
		}
	case key.Matches(msg, k.Enter):
		if s.endFocus < 0 {
			s.endNote = s.c.Cat.T("lesson.pick")
			return nil
		}
		return s.endAct(s.endFocus)
	}
	s.endNote = ""
	return nil
}

// endAct follows end button i.
func (s *lessonScreen) endAct(i int) tea.Cmd {
	if s.hasQuiz() && i == 0 {
		return ui.Send(openQuizMsg{moduleID: s.mod.ID})
	}
	return ui.Send(showMenuMsg{})
}

// endView draws the end-of-lesson choice.
func (s *lessonScreen) endView() string {
	st, cat := s.c.Styles, s.c.Cat
	title := ui.Clean(s.mod.Title.In(s.c.Lang()))
	lines := []string{ui.Truncate(st.Subtle.Render(title), s.w), ""}
	lines = append(lines, ui.Wrap(st.Title.Render(cat.T("lesson.done")), s.w)...)
	lines = append(lines, "")
	ask := cat.T("lesson.doneask")
	if !s.hasQuiz() {
		ask = cat.T("lesson.donenoquiz")
	}
	lines = append(lines, ui.Wrap(st.Text.Render(ask), s.w)...)
	lines = append(lines, "")
	btn, pos := ui.Buttons(s.endLabels(), s.endFocus, s.w, st)
	s.hits = ui.Hits{Top: len(lines), Buttons: pos}
	lines = append(lines, btn...)
	if s.endNote != "" {
		lines = append(lines, "")
		lines = append(lines, ui.Wrap(st.Hint.Render(s.endNote), s.w)...)
	}
	return strings.Join(ui.PadLines(lines, s.h), "\n")
}
