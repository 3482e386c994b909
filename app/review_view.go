package app

import (
	tea "charm.land/bubbletea/v2"

	"kynangso/app/ui"
)

// introLines is the kind offer: how many wait, how many now, and that it
// is not marked.
func (s *reviewScreen) introLines() []string {
	st, cat, r := s.c.Styles, s.c.Cat, s.review
	lines := ui.Wrap(st.Title.Render(cat.T("review.title")), s.w)
	lines = append(lines, "")
	switch {
	case r.Resumed:
		lines = append(lines, ui.Wrap(cat.T("review.again"), s.w)...)
	case r.Waiting <= 1:
		lines = append(lines, ui.Wrap(cat.T("review.introone"), s.w)...)
	default:
		lines = append(lines, ui.Wrap(cat.F("review.intro", r.Waiting, len(r.Items)), s.w)...)
	}
	lines = append(lines, "")
	lines = append(lines, ui.Wrap(st.Subtle.Render(cat.T("review.nomark")), s.w)...)
	return lines
}

// doneLines is how the round went and what is left for another visit.
func (s *reviewScreen) doneLines() []string {
	st, cat, res := s.c.Styles, s.c.Cat, s.result
	lines := ui.Wrap(st.Title.Render(cat.T("review.done")), s.w)
	lines = append(lines, "")
	lines = append(lines, ui.Wrap(cat.F("review.score", res.Right, res.Asked), s.w)...)
	if res.Learnt > 0 {
		lines = append(lines, ui.Wrap(cat.F("review.learnt", res.Learnt), s.w)...)
	}
	lines = append(lines, "")
	if res.Waiting > 0 {
		lines = append(lines, ui.Wrap(cat.F("review.more", res.Waiting), s.w)...)
	} else {
		lines = append(lines, ui.Wrap(st.Correct.Render(cat.T("review.allclear")), s.w)...)
	}
	return lines
}

// openReview opens the person's review round after check-in (a new one,
// or the one in progress).
func openReview(c *ui.Common) tea.Cmd {
	f, ctx, v := c.Flow, c.Ctx, c.Visit
	return func() tea.Msg {
		r, err := f.OpenReview(ctx, v)
		return reviewReadyMsg{review: r, err: err}
	}
}

// finishReview ends the round: answered questions finished, the others
// left in the queue for another visit.
func finishReview(c *ui.Common, attemptIDs []string) tea.Cmd {
	f, ctx, pid := c.Flow, c.Ctx, c.Visit.Participant.ID
	return func() tea.Msg {
		res, err := f.FinishReview(ctx, pid, attemptIDs)
		return reviewFinishedMsg{result: res, err: err}
	}
}
