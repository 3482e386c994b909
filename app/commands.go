package app

import (
	"errors"
	"kynangso/app/ui"

	tea "charm.land/bubbletea/v2"

	"kynangso/flow"
	"kynangso/results"
)

// Commands: every call into the participant flow (and so the store)
// happens here, off the Update loop, and comes back as a message. The rules
// themselves live in package flow; these only carry its answers to the
// screens.

// loadClass reads today's open class and the idle timeout setting.
func loadClass(c *ui.Common) tea.Cmd {
	f, ctx := c.Flow, c.Ctx
	return func() tea.Msg {
		if f == nil {
			return classLoadedMsg{}
		}
		class, err := f.OpenClass(ctx)
		return classLoadedMsg{class: class, err: err}
	}
}

// searchPeople finds registered people whose name matches query.
func searchPeople(c *ui.Common, query string) tea.Cmd {
	f, ctx := c.Flow, c.Ctx
	return func() tea.Msg {
		people, err := f.Search(ctx, query)
		return searchDoneMsg{query: query, people: people, err: err}
	}
}

// checkIn records attendance for the open class, if there is one.
func checkIn(c *ui.Common, p results.Participant) tea.Cmd {
	f, ctx, class := c.Flow, c.Ctx, c.ClassNow()
	return func() tea.Msg {
		if _, err := f.CheckIn(ctx, class, p); err != nil {
			return checkinFailedMsg{participant: p, err: err}
		}
		return checkedInMsg{participant: p}
	}
}

// registerPerson stores a new participant (named when consent is given,
// anonymous otherwise) and checks them in.
func registerPerson(c *ui.Common, draft results.Participant, consent bool) tea.Cmd {
	f, ctx, class := c.Flow, c.Ctx, c.ClassNow()
	return func() tea.Msg {
		saved, _, err := f.Register(ctx, class, draft, consent)
		if errors.Is(err, flow.ErrNotCheckedIn) {
			return checkinFailedMsg{participant: saved, err: err}
		}
		if err != nil {
			return checkinFailedMsg{err: err}
		}
		return checkedInMsg{participant: saved}
	}
}

// loadMenu reads where the visitor stands with each module, planned for
// the open class (its lessons of the day first).
func loadMenu(c *ui.Common) tea.Cmd {
	f, ctx, id, class := c.Flow, c.Ctx, c.Visit.Participant.ID, c.ClassNow()
	return func() tea.Msg {
		plan, err := f.MenuFor(ctx, id, class)
		return menuLoadedMsg{plan: plan, err: err}
	}
}

// savePage records the page just shown.
func savePage(c *ui.Common, moduleID string, page, count int) tea.Cmd {
	f, ctx, id := c.Flow, c.Ctx, c.Visit.Participant.ID
	return func() tea.Msg {
		return pageSavedMsg{page: page, err: f.SavePage(ctx, id, moduleID, page, count)}
	}
}

// prepareQuiz resumes the visitor's unfinished attempt at the module, or
// starts a new one.
func prepareQuiz(c *ui.Common, moduleID string) tea.Cmd {
	f, ctx, v := c.Flow, c.Ctx, c.Visit
	return func() tea.Msg {
		a, err := f.OpenQuiz(ctx, v, moduleID)
		return quizReadyMsg{attempt: a, err: err}
	}
}

// recordAnswer commits one answer; the quiz shows "saved" only after this
// returns. The answer that comes back is the one stored, which is the
// first one given if this question was answered before (a crash between
// the commit and the screen).
func recordAnswer(c *ui.Common, a results.Answer) tea.Cmd {
	f, ctx, pid := c.Flow, c.Ctx, c.Visit.Participant.ID
	return func() tea.Msg {
		saved, err := f.Record(ctx, pid, a)
		return answerSavedMsg{questionID: a.QuestionID, answer: saved, err: err}
	}
}

// finishAttempt scores the attempt from its stored answers and keeps the
// score.
func finishAttempt(c *ui.Common, attemptID string) tea.Cmd {
	f, ctx, pid := c.Flow, c.Ctx, c.Visit.Participant.ID
	return func() tea.Msg {
		res, err := f.Finish(ctx, pid, attemptID)
		return attemptFinishedMsg{result: res, err: err}
	}
}

// leaveAttempt ends an attempt left before any answer, so the menu does not
// show a quiz "in progress" that the person never really began. A failure
// changes nothing for the person: the attempt simply resumes next time.
func leaveAttempt(c *ui.Common, attemptID string) tea.Cmd {
	f, ctx, pid := c.Flow, c.Ctx, c.Visit.Participant.ID
	return func() tea.Msg {
		_ = f.Leave(ctx, pid, attemptID) // best effort, see above
		return nil
	}
}
