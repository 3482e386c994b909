package app

import (
	"fmt"
	"kynangso/app/ui"
	"slices"
	"strings"

	"kynangso/quiz"
)

// View draws the question number and progress bar (fixed), then the
// message, prompt, choices and feedback, scrolling when they do not fit.
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
	head := s.progress()
	lines, zones, focus := s.questionLines()
	s.scroll.Set(lines, zones)
	s.scroll.SetHeight(max(2, s.h-2))
	if at := int(s.phase)*1000 + s.idx; at != s.lastShown || s.phase == phaseAsk {
		// Keep the highlighted choice, or the feedback's first lines, in view.
		s.scroll.Show(focus[0], focus[1])
		s.lastShown = at
	}
	s.frame = head + "\n\n" + s.scroll.View(st, cat)
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

// questionLines builds the scrolled part and the line range to keep in view.
func (s *quizScreen) questionLines() ([]string, []ui.Zone, [2]int) {
	st, cat, lang := s.c.Styles, s.c.Cat, s.c.Lang()
	q := s.current()
	var lines []string
	var zones []ui.Zone
	if s.resumed && s.phase == phaseAsk {
		lines = append(lines, ui.Wrap(st.Subtle.Render(cat.T("quiz.resumed")), s.w)...)
	}
	if msg := strings.TrimRight(ui.Clean(q.Message.In(lang)), "\n"); msg != "" {
		lines = append(lines, ui.Box("", msg, min(s.w, 60), st)...)
		lines = append(lines, "")
	}
	lines = append(lines, ui.Wrap(st.Bold.Render(ui.Clean(q.Prompt.In(lang))), s.w)...)
	how := cat.T("quiz.single")
	if q.Type == quiz.TypeMultiple {
		how = cat.T("quiz.multi")
	}
	if s.phase == phaseAsk { // after answering, the instruction would mislead
		lines = append(lines, ui.Wrap(st.Subtle.Render(how), s.w)...)
	}
	lines = append(lines, "")
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
	return lines, zones, [2]int{y, len(lines)}
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
	ans := "quiz.answer"
	if len(right) > 1 {
		ans = "quiz.answers"
	}
	lines = append(lines, ui.Wrap(st.Bold.Render(cat.F(ans, strings.Join(right, "; "))), s.w)...)
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
