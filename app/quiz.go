package app

import (
	"kynangso/app/ui"
	"slices"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"kynangso/flow"
	"kynangso/lessons"
	"kynangso/quiz"
	"kynangso/results"
)

// quizPhase is where the quiz screen is in asking one question.
type quizPhase int

const (
	phaseLoading   quizPhase = iota
	phaseLoadErr             // the attempt could not be opened
	phaseAsk                 // choosing
	phaseSaving              // the answer is being committed
	phaseSaveErr             // not committed: Enter tries again, nothing is lost
	phaseFeedback            // saved: right/wrong, the right answer, the explanation
	phaseFinishing           // storing the score
	phaseFinishErr           // the score could not be stored: Enter tries again
)

// zoneAction is the click zone id of the action button under the choices.
const zoneAction = 100

// quizScreen asks an attempt's questions one at a time. Every confirmed
// answer is committed through the store before "saved" shows; a failed save
// keeps the answer on screen to retry. Leaving with Esc keeps the attempt in
// progress, and it resumes at the first unanswered question.
type quizScreen struct {
	ui.Page
	frame    string // the frame layout made, which View shows
	c        *ui.Common
	w, h     int
	moduleID string
	mod      *lessons.Module

	phase   quizPhase
	att     *flow.Attempt // the attempt: its questions and committed answers
	resumed bool          // shows "carrying on" until the first question is passed
	idx     int           // current question in att.Questions

	cursor  int          // highlighted choice, -1 = none yet
	ticked  map[int]bool // multiple: ticked choices
	note    string       // a gentle hint, e.g. "choose an answer first"
	pending results.Answer
	shownAt time.Time

	scroll    ui.Scroller
	top       int // the screen line the scrolled part starts at
	lastShown int // phase+idx the scroll was last positioned for
}

func newQuizScreen(c *ui.Common, moduleID string) *quizScreen {
	s := &quizScreen{c: c, moduleID: moduleID, phase: phaseLoading, cursor: -1, ticked: map[int]bool{}, lastShown: -1,
		att: &flow.Attempt{Answers: map[string][]string{}}}
	if c.Pack != nil {
		s.mod = c.Pack.Module(moduleID)
	}
	return s
}

// ModuleID is the module on screen, so the menu can highlight it.
func (s *quizScreen) ModuleID() string { return s.moduleID }

func (s *quizScreen) Init() tea.Cmd { return s.Cmd(prepareQuiz(s.c, s.moduleID)) }

func (s *quizScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	s.lastShown = -1
	s.layout()
}

func (s *quizScreen) HelpKeys() []key.Binding {
	k, cat := s.c.Keys, s.c.Cat
	switch s.phase {
	case phaseAsk:
		// The number keys are the real range of this question: "1-2" on a
		// true/false question, never a "4" that does nothing.
		keys := []key.Binding{ui.Relabel(k.Choose, "1-"+ui.Itoa(len(s.current().Choices)), cat.T("key.choose")), k.Up, k.Down}
		if s.multiple() {
			keys = append(keys, k.Toggle)
		}
		return append(keys, ui.With(k.Enter, cat.T("help.answer")), ui.With(k.Back, cat.T("help.menu")))
	case phaseFeedback:
		return []key.Binding{ui.With(k.Enter, cat.T("help.continue")), k.Scroll, ui.With(k.Back, cat.T("help.menu"))}
	case phaseSaveErr, phaseFinishErr:
		return []key.Binding{ui.With(k.Enter, cat.T("help.retry"))}
	case phaseLoadErr:
		return []key.Binding{ui.With(k.Back, cat.T("help.menu"))}
	}
	return nil
}

func (s *quizScreen) current() quiz.Drawn { return s.att.Questions[s.idx] }

func (s *quizScreen) multiple() bool {
	return len(s.att.Questions) > 0 && s.current().Type == quiz.TypeMultiple
}

func (s *quizScreen) update(msg tea.Msg) (ui.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case quizReadyMsg:
		return s, s.ready(msg)
	case answerSavedMsg:
		if s.phase == phaseSaving && msg.questionID == s.pending.QuestionID {
			if msg.err != nil {
				s.phase = phaseSaveErr
			} else {
				// The stored answer is the one that counts (the first one,
				// if this question was answered before a crash).
				s.pending = msg.answer
				s.att.Answers[msg.questionID] = msg.answer.Chosen
				s.phase = phaseFeedback
			}
		}
	case attemptFinishedMsg:
		if s.phase == phaseFinishing {
			if msg.err != nil {
				s.phase = phaseFinishErr
				return s, nil
			}
			return s, ui.Send(showResultMsg{moduleID: s.moduleID, result: msg.result})
		}
	case tea.KeyPressMsg:
		return s, s.key(msg)
	case tea.MouseClickMsg:
		if id, ok := s.scroll.Hit(msg.X, msg.Y-s.top); ok && msg.Button == tea.MouseLeft {
			return s, s.click(id)
		}
	case tea.MouseWheelMsg:
		s.scroll.Wheel(msg, 2)
	}
	return s, nil
}

// ready shows a new or resumed attempt at its first unanswered question.
func (s *quizScreen) ready(msg quizReadyMsg) tea.Cmd {
	if msg.err != nil {
		s.phase = phaseLoadErr
		return nil
	}
	s.att, s.resumed = msg.attempt, msg.attempt.Resumed
	s.idx = -1
	return s.next()
}

// next moves to the next unanswered question, or finishes the attempt.
func (s *quizScreen) next() tea.Cmd {
	if s.idx >= 0 { // "carrying on" belongs to the first question after a resume only
		s.resumed = false
	}
	if i, ok := s.att.Next(s.idx); ok {
		s.idx, s.phase, s.cursor, s.note = i, phaseAsk, -1, ""
		s.ticked = map[int]bool{}
		s.shownAt = s.c.Now()
		s.scroll.Top()
		return nil
	}
	s.phase = phaseFinishing
	return s.Cmd(finishAttempt(s.c, s.att.ID))
}

func (s *quizScreen) key(msg tea.KeyPressMsg) tea.Cmd {
	k := s.c.Keys
	switch s.phase {
	case phaseLoadErr:
		if key.Matches(msg, k.Back) {
			return ui.Send(showMenuMsg{})
		}
	case phaseSaveErr:
		if key.Matches(msg, k.Enter) {
			s.phase = phaseSaving
			return s.Cmd(recordAnswer(s.c, s.pending))
		}
	case phaseFinishErr:
		if key.Matches(msg, k.Enter) {
			s.phase = phaseFinishing
			return s.Cmd(finishAttempt(s.c, s.att.ID))
		}
	case phaseFeedback:
		switch {
		case key.Matches(msg, k.Enter):
			if !s.scroll.AtBottom() { // let the explanation be read first
				s.scroll.Scroll(max(1, s.scroll.Window()-1))
				return nil
			}
			return s.next()
		case key.Matches(msg, k.Next):
			return s.next()
		case key.Matches(msg, k.Up, k.Down):
			s.scroll.Key(msg, k)
		case key.Matches(msg, k.Back):
			return ui.Send(showMenuMsg{})
		}
	case phaseAsk:
		return s.askKey(msg)
	}
	return nil
}

func (s *quizScreen) askKey(msg tea.KeyPressMsg) tea.Cmd {
	k := s.c.Keys
	n := len(s.current().Choices)
	switch {
	case key.Matches(msg, k.Back):
		return tea.Sequence(s.leave(), ui.Send(showMenuMsg{}))
	case key.Matches(msg, k.Up):
		if s.cursor <= 0 {
			s.cursor = 0
		} else {
			s.cursor--
		}
	case key.Matches(msg, k.Down):
		s.cursor = min(n-1, s.cursor+1)
	case key.Matches(msg, k.Toggle):
		if s.multiple() && s.cursor >= 0 {
			s.ticked[s.cursor] = !s.ticked[s.cursor]
		}
	case key.Matches(msg, k.Choose):
		if d, _ := ui.Digit(msg.String()); d <= n {
			s.pick(d - 1)
		}
	case key.Matches(msg, k.Enter):
		return s.confirm()
	}
	s.note = ""
	return nil
}

// leave is what leaving the quiz needs first: an attempt with no answer yet
// is abandoned (there is nothing to resume), one with answers stays in
// progress to resume at the first unanswered question.
func (s *quizScreen) leave() tea.Cmd {
	if s.att.ID == "" || len(s.att.Answers) > 0 || s.phase != phaseAsk {
		return nil
	}
	return s.Cmd(leaveAttempt(s.c, s.att.ID))
}

// pick selects choice i (single) or ticks/unticks it (multiple).
func (s *quizScreen) pick(i int) {
	s.cursor = i
	if s.multiple() {
		s.ticked[i] = !s.ticked[i]
	}
	s.note = ""
}

func (s *quizScreen) click(id int) tea.Cmd {
	switch {
	case s.phase == phaseAsk && id < zoneAction:
		s.pick(id)
	case id == zoneAction:
		return s.key(tea.KeyPressMsg{Code: tea.KeyEnter})
	}
	return nil
}

// chosenIDs is what the participant has selected, as sorted choice ids.
func (s *quizScreen) chosenIDs() []string {
	q := s.current()
	var ids []string
	if s.multiple() {
		for i, c := range q.Choices {
			if s.ticked[i] {
				ids = append(ids, c.ID)
			}
		}
	} else if s.cursor >= 0 {
		ids = []string{q.Choices[s.cursor].ID}
	}
	slices.Sort(ids)
	return ids
}

// confirm commits the answer; the quiz moves on only once it is saved.
func (s *quizScreen) confirm() tea.Cmd {
	ids := s.chosenIDs()
	if len(ids) == 0 {
		s.note = s.c.Cat.T("quiz.pickfirst")
		return nil
	}
	s.pending = flow.NewAnswer(s.att.ID, s.current(), ids, s.shownAt, s.c.Now())
	s.phase = phaseSaving
	return s.Cmd(recordAnswer(s.c, s.pending))
}

// Update handles msg, then lays the page out again.
func (s *quizScreen) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	c, cmd := s.update(msg)
	s.layout()
	return c, cmd
}
