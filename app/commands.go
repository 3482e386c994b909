package app

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	tea "charm.land/bubbletea/v2"

	"kynangso/quiz"
	"kynangso/results"
)

// Commands: every store call happens here, off the Update loop, and comes
// back as a message.

// searchLimit is how many names check-in lists at most.
const searchLimit = 20

// loadClass reads today's open class and the idle timeout setting.
func loadClass(c *Common) tea.Cmd {
	st, ctx := c.Store, c.Ctx
	return func() tea.Msg {
		if st == nil {
			return classLoadedMsg{}
		}
		class, ok, err := st.CurrentSession(ctx)
		if err != nil {
			return classLoadedMsg{err: fmt.Errorf("read open class: %w", err)}
		}
		msg := classLoadedMsg{class: class, ok: ok}
		if v, found, err := st.Setting(ctx, SettingIdleMinutes); err == nil && found {
			if n, err := strconv.Atoi(v); err == nil && n > 0 {
				msg.idle = time.Duration(n) * time.Minute
			}
		}
		return msg
	}
}

// searchPeople finds registered people whose name matches query.
func searchPeople(c *Common, query string) tea.Cmd {
	st, ctx := c.Store, c.Ctx
	return func() tea.Msg {
		people, err := st.SearchParticipants(ctx, query, searchLimit)
		if err != nil {
			err = fmt.Errorf("search participants: %w", err)
		}
		return searchDoneMsg{query: query, people: people, err: err}
	}
}

// checkIn records attendance for the open class, if there is one.
func checkIn(c *Common, p results.Participant) tea.Cmd {
	st, ctx, class, has := c.Store, c.Ctx, c.Visit.Class, c.Visit.HasClass
	return func() tea.Msg {
		if has {
			if _, err := st.CheckIn(ctx, class.ID, p.ID); err != nil {
				return checkinFailedMsg{participant: p, err: fmt.Errorf("check in: %w", err)}
			}
		}
		return checkedInMsg{participant: p}
	}
}

// registerPerson stores a new participant (named when consent is given,
// anonymous otherwise) and checks them in.
func registerPerson(c *Common, draft results.Participant, consent bool) tea.Cmd {
	st, ctx, now := c.Store, c.Ctx, c.Now
	return func() tea.Msg {
		p := draft
		if consent {
			p.ConsentVersion, p.ConsentAt = results.ConsentVersion, now()
		} else {
			p = results.Participant{Anonymous: true}
		}
		saved, err := st.CreateParticipant(ctx, p)
		if err != nil {
			return checkinFailedMsg{err: fmt.Errorf("create participant: %w", err)}
		}
		return checkIn(c, saved)()
	}
}

// loadProgress reads what the visitor has read and tried.
func loadProgress(c *Common) tea.Cmd {
	st, ctx, id := c.Store, c.Ctx, c.Visit.Participant.ID
	return func() tea.Msg {
		prog, err := st.LessonProgress(ctx, id)
		if err != nil {
			return progressLoadedMsg{err: fmt.Errorf("lesson progress: %w", err)}
		}
		atts, err := st.Attempts(ctx, id)
		if err != nil {
			return progressLoadedMsg{err: fmt.Errorf("attempts: %w", err)}
		}
		return progressLoadedMsg{progress: prog, attempts: atts}
	}
}

// savePage records the page just shown.
func savePage(c *Common, moduleID string, page, count int) tea.Cmd {
	st, ctx, id := c.Store, c.Ctx, c.Visit.Participant.ID
	return func() tea.Msg {
		err := st.SaveLessonPage(ctx, id, moduleID, page, count)
		if err != nil {
			err = fmt.Errorf("save lesson page: %w", err)
		}
		return pageSavedMsg{page: page, err: err}
	}
}

// prepareQuiz resumes the visitor's unfinished attempt at the module, or
// starts a new one with a fresh random seed.
func prepareQuiz(c *Common, moduleID string) tea.Cmd {
	st, ctx, v, newSeed := c.Store, c.Ctx, c.Visit, c.Seed
	mod := c.Pack.Module(moduleID)
	return func() tea.Msg {
		if mod == nil || len(mod.Questions) == 0 {
			return quizReadyMsg{err: errNoQuestions}
		}
		a, answers, ok, err := st.InProgressAttempt(ctx, v.Participant.ID, moduleID)
		if err != nil {
			return quizReadyMsg{err: fmt.Errorf("find unfinished attempt: %w", err)}
		}
		if ok {
			drawn, _ := quiz.Arrange(mod.Questions, a.QuestionIDs, a.Seed)
			if len(drawn) > 0 {
				got := make(map[string][]string, len(answers))
				for _, an := range answers {
					got[an.QuestionID] = an.Chosen
				}
				return quizReadyMsg{attempt: a, drawn: drawn, answers: got, resumed: true}
			}
		}
		seed := newSeed()
		drawn := quiz.Draw(mod.Questions, mod.AttemptSize(), seed)
		a = results.Attempt{
			ParticipantID: v.Participant.ID, ModuleID: moduleID, PackVersion: mod.PackVersion,
			Seed: seed, QuestionIDs: quiz.IDs(drawn),
		}
		if v.HasClass {
			a.SessionID = v.Class.ID
		}
		a, err = st.StartAttempt(ctx, a)
		if err != nil {
			return quizReadyMsg{err: fmt.Errorf("start attempt: %w", err)}
		}
		return quizReadyMsg{attempt: a, drawn: drawn, answers: map[string][]string{}}
	}
}

// errNoQuestions means the module has nothing to ask.
var errNoQuestions = errors.New("module has no questions")

// recordAnswer commits one answer; the quiz shows "saved" only after this returns.
func recordAnswer(c *Common, a results.Answer) tea.Cmd {
	st, ctx := c.Store, c.Ctx
	return func() tea.Msg {
		_, err := st.RecordAnswer(ctx, a)
		if errors.Is(err, results.ErrAlreadyAnswered) {
			err = nil // committed earlier (for example just before a crash)
		}
		if err != nil {
			err = fmt.Errorf("record answer: %w", err)
		}
		return answerSavedMsg{questionID: a.QuestionID, err: err}
	}
}

// finishAttempt stores the attempt's score.
func finishAttempt(c *Common, attemptID string, r quiz.Result) tea.Cmd {
	st, ctx := c.Store, c.Ctx
	return func() tea.Msg {
		err := st.FinishAttempt(ctx, attemptID, r.Score, r.Max, r.Passed)
		if err != nil {
			err = fmt.Errorf("finish attempt: %w", err)
		}
		return attemptFinishedMsg{err: err}
	}
}

// abandonAttempt ends an attempt left before any answer, so the menu does not
// show a quiz "in progress" that the person never really began. A failure
// changes nothing for the person: the attempt simply resumes next time.
func abandonAttempt(c *Common, attemptID string) tea.Cmd {
	st, ctx := c.Store, c.Ctx
	return func() tea.Msg {
		_ = st.AbandonAttempt(ctx, attemptID) // best effort, see above
		return nil
	}
}
