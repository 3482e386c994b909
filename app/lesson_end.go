package app

import (
	"kynangso/app/ui"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// The end of a lesson is a choice, not a slide into the quiz: after the last
// page the lesson screen says "you have finished reading" and offers the
// quiz (when the module has one) and the list of lessons. The quiz is
// focused, so Enter, the key people have just been taught, takes it (issue
// 18); the lessons are one key away (2, →, Esc), and a quiz left before its
// first answer leaves no attempt behind.

// showEnd switches to the end-of-lesson choice, the first button focused.
func (s *lessonScreen) showEnd() {
	s.done, s.endFocus = true, 0
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
		// k still takes the quiz, but Enter says so now.
		keys = append(keys, ui.Relabel(k.Choose, "1/2", cat.T("key.choose")))
	}
	enter := cat.T("help.menu")
	if s.hasQuiz() && s.endFocus == 0 {
		enter = cat.T("key.quiz")
	}
	return append(keys, ui.With(k.Enter, enter), ui.With(k.Back, cat.T("help.menu")))
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
		return s.endAct(s.endFocus)
	}
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
	ask := cat.T("lesson.doneenter")
	if !s.hasQuiz() {
		ask = cat.T("lesson.donenoquiz")
	}
	lines = append(lines, ui.Wrap(st.Text.Render(ask), s.w)...)
	lines = append(lines, "")
	btn, pos := ui.Buttons(s.endLabels(), s.endFocus, s.w, st)
	s.hits = ui.Hits{Top: len(lines), Buttons: pos}
	lines = append(lines, btn...)
	return strings.Join(ui.PadLines(lines, s.h), "\n")
}
