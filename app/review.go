package app

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"kynangso/app/ui"
	"kynangso/flow"
)

// reviewPhase is where the review screen is.
type reviewPhase int

const (
	reviewLoading   reviewPhase = iota
	reviewLoadErr               // the round could not be opened: Enter goes on
	reviewIntro                 // the kind offer: look again now, or another time
	reviewAsk                   // the questions, asked by the quiz's own screen
	reviewFinishing             // the round's attempts are being ended
	reviewFinishErr             // not ended: Enter tries again, answers are kept
	reviewDone                  // how it went; Enter goes to the menu
)

// reviewReadyMsg carries the round opened for the person.
type reviewReadyMsg struct {
	review *flow.Review
	err    error
}

// reviewFinishedMsg carries how the round went.
type reviewFinishedMsg struct {
	result flow.ReviewResult
	err    error
}

// reviewScreen is the look back after check-in at questions the person
// missed on an earlier visit. The questions are asked by a quiz screen
// (the same view, keys and saving of each answer), given the round's
// questions as one attempt; each question is its own review attempt, so
// the screen points the quiz at the current item's attempt id before every
// message, and ends the round itself instead of scoring a quiz.
type reviewScreen struct {
	ui.Page
	c      *ui.Common
	w, h   int
	phase  reviewPhase
	review *flow.Review
	quiz   *quizScreen
	result flow.ReviewResult
}

func newReviewScreen(c *ui.Common) *reviewScreen {
	return &reviewScreen{c: c, phase: reviewLoading}
}

// SetPageID gives the quiz inside the same page id, so the answers it
// saves come back to this screen.
func (s *reviewScreen) SetPageID(id ui.PageID) {
	s.Page.SetPageID(id)
	if s.quiz != nil {
		s.quiz.SetPageID(id)
	}
}

func (s *reviewScreen) Init() tea.Cmd { return s.Cmd(openReview(s.c)) }

func (s *reviewScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	if s.quiz != nil {
		s.quiz.SetSize(w, h)
	}
}

func (s *reviewScreen) HelpKeys() []key.Binding {
	k, cat := s.c.Keys, s.c.Cat
	switch s.phase {
	case reviewIntro:
		return []key.Binding{ui.With(k.Enter, cat.T("help.reviewnow")), ui.With(k.Back, cat.T("help.later"))}
	case reviewAsk:
		return s.quiz.HelpKeys()
	case reviewLoadErr, reviewDone:
		return []key.Binding{ui.With(k.Enter, cat.T("help.continue"))}
	case reviewFinishErr:
		return []key.Binding{ui.With(k.Enter, cat.T("help.retry"))}
	}
	return nil
}

// Update handles msg.
func (s *reviewScreen) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case reviewReadyMsg:
		return s, s.ready(msg)
	case reviewFinishedMsg:
		if s.phase == reviewFinishing {
			if msg.err != nil {
				s.phase = reviewFinishErr
				return s, nil
			}
			s.result, s.phase = msg.result, reviewDone
		}
		return s, nil
	case tea.KeyPressMsg:
		if s.phase != reviewAsk {
			return s, s.key(msg)
		}
	}
	if s.phase == reviewAsk {
		return s, s.ask(msg)
	}
	return s, nil
}

// ready shows the offer, or goes straight to the menu with nothing to
// review.
func (s *reviewScreen) ready(msg reviewReadyMsg) tea.Cmd {
	if msg.err != nil {
		s.phase = reviewLoadErr
		return nil
	}
	if len(msg.review.Items) == 0 {
		return ui.Send(showMenuMsg{})
	}
	s.review, s.phase = msg.review, reviewIntro
	if _, ok := s.review.Next(-1); !ok { // all answered before a restart
		return s.finish()
	}
	return nil
}

func (s *reviewScreen) key(msg tea.KeyPressMsg) tea.Cmd {
	k := s.c.Keys
	switch s.phase {
	case reviewIntro:
		switch {
		case key.Matches(msg, k.Enter):
			return s.begin()
		case key.Matches(msg, k.Back):
			return ui.Send(showMenuMsg{}) // the round stays in progress for next time
		}
	case reviewLoadErr, reviewDone:
		if key.Matches(msg, k.Enter) {
			return ui.Send(showMenuMsg{})
		}
	case reviewFinishErr:
		if key.Matches(msg, k.Enter) {
			return s.finish()
		}
	}
	return nil
}

// begin hands the round's questions to a quiz screen, at the first one not
// yet answered.
func (s *reviewScreen) begin() tea.Cmd {
	att := &flow.Attempt{Answers: map[string][]string{}, Resumed: s.review.Resumed}
	for _, it := range s.review.Items {
		att.Questions = append(att.Questions, it.Question)
		if it.Answered {
			att.Answers[it.Question.ID] = it.Answer.Chosen
		}
	}
	moduleID := s.review.Items[0].ModuleID
	s.quiz = newQuizScreen(s.c, moduleID)
	s.quiz.SetPageID(s.PageID())
	s.quiz.SetSize(s.w, s.h)
	s.phase = reviewAsk
	return s.ask(quizReadyMsg{attempt: att})
}

// ask passes msg to the quiz, pointed at the current question's attempt;
// when the quiz would score itself, the round is ended instead.
func (s *reviewScreen) ask(msg tea.Msg) tea.Cmd {
	s.point()
	_, cmd := s.quiz.Update(msg)
	s.point()
	if s.quiz.phase == phaseFinishing {
		return s.finish() // the quiz's own finishAttempt is dropped
	}
	return cmd
}

// point sets the quiz's attempt id to the current item's.
func (s *reviewScreen) point() {
	if q := s.quiz; q.idx >= 0 && q.idx < len(s.review.Items) {
		q.att.ID = s.review.Items[q.idx].AttemptID
	}
}

func (s *reviewScreen) finish() tea.Cmd {
	s.phase = reviewFinishing
	return s.Cmd(finishReview(s.c, s.review.AttemptIDs()))
}

// View draws the screen.
func (s *reviewScreen) View() string {
	if s.phase == reviewAsk {
		return s.quiz.View()
	}
	st, cat := s.c.Styles, s.c.Cat
	var lines []string
	add := func(text string) { lines = append(lines, ui.Wrap(text, s.w)...) }
	switch s.phase {
	case reviewLoading:
		add(st.Subtle.Render(cat.T("review.loading")))
	case reviewLoadErr:
		add(st.Error.Render("✗ " + cat.T("review.loaderr")))
	case reviewFinishing:
		add(st.Subtle.Render(cat.T("review.finishing")))
	case reviewFinishErr:
		add(st.Error.Render("✗ " + cat.T("review.finisherr")))
	case reviewIntro:
		lines = s.introLines()
	case reviewDone:
		lines = s.doneLines()
	}
	return strings.Join(ui.PadLines(lines, s.h), "\n")
}
