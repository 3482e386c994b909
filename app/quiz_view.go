package app

import (
	"fmt"
	"kynangso/app/ui"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
)

// layout draws the question number and progress bar (fixed), then the
// message, prompt, choices and feedback, scrolling when they do not fit.
// Once an answer is given the question (the message's first lines and the
// prompt) stays pinned under the progress bar, and the choices, the
// verdict and the explanation scroll under it, so the feedback never
// pushes the question out of view.
func (s *quizScreen) layout() {
	st, cat := s.c.Styles, s.c.Cat
	var body []string
	switch s.phase {
	case phaseLoading:
		body = ui.Wrap(st.Subtle.Render(cat.T("quiz.loading")), s.w)
	case phaseLoadErr:
		body = ui.Wrap(st.Error.Render("✗ "+cat.T("quiz.loaderr")), s.w)
	case phaseFinishing:
		body = ui.Wrap(st.Subtle.Render(cat.T("quiz.finishing")), s.w)
	case phaseFinishErr:
		body = ui.Wrap(st.Error.Render("✗ "+cat.T("quiz.finisherr")), s.w)
	}
	if body != nil {
		s.frame = strings.Join(ui.PadLines(body, s.h), "\n")
		return
	}
	head := s.progress() + "\n\n"
	avail := max(2, s.h-2)
	var pinned []string
	if s.phase != phaseAsk {
		// The question keeps at most about half the height: the verdict
		// and the start of the explanation need the rest.
		pinned = s.pinnedQuestion(avail/2 + 1)
		head += strings.Join(pinned, "\n") + "\n"
	}
	s.top = 2 + len(pinned)
	lines, zones, focus := s.questionLines()
	s.scroll.Set(lines, zones)
	s.scroll.SetHeight(max(2, avail-len(pinned)))
	if at := int(s.phase)*1000 + s.idx; at != s.lastShown || s.phase == phaseAsk {
		// Keep the highlighted choice, or the feedback's first lines, in view.
		s.scroll.Show(focus[0], focus[1])
		s.lastShown = at
	}
	s.frame = head + s.scroll.View(st, cat)
}

// messageBox is the question's message drawn as a phone message, or nil.
func (s *quizScreen) messageBox() []string {
	msg := strings.TrimRight(ui.Clean(s.current().Message.In(s.c.Lang())), "\n")
	if msg == "" {
		return nil
	}
	return ui.Box("", msg, min(s.w, 60), s.c.Styles)
}

// promptLines is the question itself, wrapped.
func (s *quizScreen) promptLines() []string {
	return ui.Wrap(s.c.Styles.Bold.Render(ui.Clean(s.current().Prompt.In(s.c.Lang()))), s.w)
}

// pinnedQuestion is the question as it stays above the feedback, in at
// most budget lines: the message, a blank line and the prompt; then
// without the blank; then with the message cut to its first lines and a
// line "…"; at the least the prompt alone.
func (s *quizScreen) pinnedQuestion(budget int) []string {
	box, prompt := s.messageBox(), s.promptLines()
	if box == nil {
		return prompt
	}
	switch keep := budget - len(prompt); {
	case len(box)+1 <= keep:
		box = append(box, "")
	case len(box) <= keep:
	case keep >= 4: // the top edge, a line of text at least, "…" and the bottom edge
		more := ui.Box("", "…", min(s.w, 60), s.c.Styles)
		box = append(box[:keep-2:keep-2], more[1:]...)
	default:
		box = nil
	}
	return append(box, prompt...)
}

// progress is "Câu 3/10" and a bar of answered questions.
func (s *quizScreen) progress() string {
	st := s.c.Styles
	label := s.c.Cat.F("quiz.q", s.idx+1, len(s.att.Questions))
	barW := max(5, min(30, s.w-len([]rune(label))-3))
	done := 0
	for _, d := range s.att.Questions {
		if _, ok := s.att.Answers[d.ID]; ok {
			done++
		}
	}
	full := barW * done / max(1, len(s.att.Questions))
	bar := st.ProgressFull.Render(strings.Repeat("█", full)) + st.ProgressEmpty.Render(strings.Repeat("░", barW-full))
	return st.Bold.Render(label) + "  " + bar
}

// questionLines builds the scrolled part and the line range to keep in
// view: while asking the whole question, choices and the Answer button;
// once answered (the question pinned above) the choices with their marks
// and the feedback.
func (s *quizScreen) questionLines() ([]string, []ui.Zone, [2]int) {
	st, cat, lang := s.c.Styles, s.c.Cat, s.c.Lang()
	q := s.current()
	var lines []string
	var zones []ui.Zone
	if s.phase == phaseAsk {
		if s.resumed {
			lines = append(lines, ui.Wrap(st.Subtle.Render(cat.T("quiz.resumed")), s.w)...)
		}
		if box := s.messageBox(); box != nil {
			lines = append(append(lines, box...), "")
		}
		lines = append(lines, s.promptLines()...)
		lines = append(lines, s.howLines()...)
	} else {
		lines = append(lines, "") // under the pinned prompt
	}
	focus := [2]int{0, 1}
	for i, c := range q.Choices {
		y := len(lines)
		lines = append(lines, s.choiceLines(i, ui.Clean(c.Text.In(lang)), c.Correct)...)
		zones = append(zones, ui.Zone{ID: i, Y0: y, Y1: len(lines)})
		if i == max(0, s.cursor) {
			focus = [2]int{y, len(lines)}
		}
	}
	lines = append(lines, "")
	if s.note != "" {
		lines = append(lines, ui.Wrap(st.Error.Render(s.note), s.w)...)
	}
	if s.phase == phaseAsk {
		btn, pos := ui.Buttons([]string{cat.T("quiz.answerbtn")}, 0, s.w, st)
		zones = append(zones, ui.Zone{ID: zoneAction, Y0: len(lines), Y1: len(lines) + 1, X0: pos[0].X0, X1: pos[0].X1})
		lines = append(lines, btn...)
		return lines, zones, focus
	}
	y := len(lines)
	fb, btn := s.feedback()
	lines = append(lines, fb...)
	if btn != "" {
		zones = append(zones, ui.Zone{ID: zoneAction, Y0: len(lines), Y1: len(lines) + 1})
		lines = append(lines, btn)
	}
	return lines, zones, [2]int{y - 1, len(lines)} // from the blank line above the verdict
}

// howLines says how to answer, then a blank line before the choices.
func (s *quizScreen) howLines() []string {
	st, cat := s.c.Styles, s.c.Cat
	how := cat.T("quiz.single")
	if s.multiple() {
		how = cat.T("quiz.multi")
	}
	return append(ui.Wrap(st.Subtle.Render(how), s.w), "")
}

// choiceLines draws one choice: cursor ▶, number, a box or circle showing
// whether it is ticked, and after answering ✓ on right choices and ✗ on
// wrong ones the person chose.
func (s *quizScreen) choiceLines(i int, text string, correct bool) []string {
	st := s.c.Styles
	chosen := s.isChosen(i)
	mark := "( ) "
	if s.multiple() {
		mark = "[ ] "
		if chosen {
			mark = "[x] "
		}
	} else if chosen {
		mark = "(•) "
	}
	cur := "  "
	style := st.Unselected
	if s.phase == phaseAsk && i == s.cursor {
		cur, style = "▶ ", st.Selected
	}
	if s.phase != phaseAsk {
		switch {
		case correct:
			cur, style = "✓ ", st.Correct
		case chosen:
			cur, style = "✗ ", st.Wrong
		}
	}
	lines := ui.Hang(fmt.Sprintf("%s%d. %s", cur, i+1, mark), text, s.w)
	for j := range lines {
		lines[j] = style.Render(lines[j])
	}
	return lines
}

// isChosen reports whether choice i is selected (before answering) or was
// part of the answer (after).
func (s *quizScreen) isChosen(i int) bool {
	if s.phase == phaseAsk {
		if s.multiple() {
			return s.ticked[i]
		}
		return i == s.cursor
	}
	return slices.Contains(s.pending.Chosen, s.current().Choices[i].ID) ||
		(s.pending.QuestionID != s.current().ID && slices.Contains(s.att.Answers[s.current().ID], s.current().Choices[i].ID))
}

// feedback says right or wrong in words and marks, the right answer, the
// explanation and whether the answer is saved.
func (s *quizScreen) feedback() ([]string, string) {
	st, cat, lang := s.c.Styles, s.c.Cat, s.c.Lang()
	q := s.current()
	var lines []string
	if s.pending.Correct {
		lines = append(lines, st.Correct.Render(cat.T("quiz.right")))
	} else {
		lines = append(lines, st.Wrong.Render(cat.T("quiz.wrong")))
	}
	var right []string
	for i, c := range q.Choices {
		if c.Correct {
			right = append(right, fmt.Sprintf("%d. %s", i+1, ui.Clean(c.Text.In(lang))))
		}
	}
	one := func(r string) string { return cat.F("quiz.answer", r) }
	lines = append(lines, answerLines(right, one, cat.T("quiz.answerlist"), "", st.Bold, s.w)...)
	if ex := ui.Clean(q.Explanation.In(lang)); ex != "" {
		lines = append(lines, ui.Wrap(st.Text.Render(ex), s.w)...)
	}
	lines = append(lines, "")
	switch s.phase {
	case phaseSaving:
		lines = append(lines, st.Subtle.Render(cat.T("quiz.saving")))
	case phaseSaveErr:
		lines = append(lines, ui.Wrap(st.Error.Render("✗ "+cat.T("quiz.saveerr")), s.w)...)
	case phaseFeedback:
		lines = append(lines, st.Saved.Render(cat.T("quiz.saved")))
		nextKey := "quiz.next"
		if s.lastUnanswered() {
			nextKey = "quiz.last"
		}
		return lines, st.Bold.Render("▶ " + cat.T(nextKey))
	}
	return lines, ""
}

// lastUnanswered reports whether no question after this one is unanswered.
func (s *quizScreen) lastUnanswered() bool {
	for i := s.idx + 1; i < len(s.att.Questions); i++ {
		if _, ok := s.att.Answers[s.att.Questions[i].ID]; !ok {
			return false
		}
	}
	return true
}

// View shows the frame layout made.
func (s *quizScreen) View() string { return s.frame }

// answerLines says the right answer after prefix, in style: on one line
// for one choice (one formats it), else under head as a list, one choice a
// line, since joining choices that end in a full stop printed "…bị
// lừa.; Giữ tin nhắn…".
func answerLines(right []string, one func(string) string, head, prefix string, style lipgloss.Style, w int) []string {
	if len(right) == 1 {
		return ui.Hang(prefix, style.Render(one(right[0])), w)
	}
	lines := ui.Hang(prefix, style.Render(head), w)
	pad := strings.Repeat(" ", ui.WidthOf(prefix))
	for _, r := range right {
		lines = append(lines, ui.Hang(pad+"  • ", style.Render(r), w)...)
	}
	return lines
}
