package app

import (
	"kynangso/app/ui"
	"time"

	tea "charm.land/bubbletea/v2"
)

// finishDelay is how long the thank-you screen stays before the welcome
// screen comes back by itself.
const finishDelay = 20 * time.Second

// navigate handles the messages that change screen. It reports false for
// any other message.
func (m *Model) navigate(msg tea.Msg) (tea.Cmd, bool) {
	c := m.c
	switch msg := msg.(type) {
	case ui.ShowWelcomeMsg:
		return m.goWelcome(false), true
	case showCheckinMsg:
		return m.open(ScreenCheckin, newCheckinScreen(c)), true
	case showRegisterMsg:
		m.register = newRegisterScreen(c, msg.name)
		return m.open(ScreenRegister, m.register), true
	case backToRegisterMsg:
		if m.register == nil {
			m.register = newRegisterScreen(c, "")
		}
		m.setScreen(ScreenRegister, m.register)
		cmd := m.register.focusCurrent()
		m.layout()
		return cmd, true
	case showConsentMsg:
		return m.open(ScreenConsent, newConsentScreen(c, msg.draft)), true
	case checkedInMsg:
		c.Visit.Participant = msg.participant
		m.register, m.began = nil, true
		// A look back at what the person missed before, if anything waits;
		// the review screen goes on to the menu by itself otherwise.
		return m.open(ScreenReview, newReviewScreen(c)), true
	case showMenuMsg:
		return m.open(ScreenMenu, newMenuScreen(c, m.moduleShowing())), true
	case openLessonMsg:
		return m.open(ScreenLesson, newLessonScreen(c, msg.moduleID, msg.page)), true
	case openQuizMsg:
		return m.open(ScreenQuiz, newQuizScreen(c, msg.moduleID)), true
	case showResultMsg:
		return m.open(ScreenResult, newResultScreen(c, msg.moduleID, msg.result)), true
	case showFinishMsg:
		// The thank-you screen belongs to nobody: forget the person now, so
		// their name leaves the header before the next person sits down.
		ended := endVisit(c, c.Visit)
		m.forgetVisit()
		v := m.visit
		cmd := m.open(ScreenFinish, newFinishScreen(c))
		return tea.Batch(cmd, ended, rootTick(finishDelay, func(time.Time) tea.Msg { return finishShownMsg{visit: v} })), true
	case finishShownMsg:
		if msg.visit == m.visit && m.id == ScreenFinish {
			return m.goWelcome(false), true
		}
		return nil, true
	case ui.ShowTrainerMsg:
		if m.trainer == nil {
			return nil, true
		}
		if msg.Setup {
			return m.open(ScreenTrainer, m.trainer.Setup(c)), true
		}
		return m.open(ScreenTrainer, m.trainer.Entry(c)), true
	}
	return nil, false
}

// open shows a new screen and runs its Init.
func (m *Model) open(id ScreenID, s ui.Component) tea.Cmd {
	m.setScreen(id, s)
	return m.started(s)
}

// moduleShowing is the module of the lesson, quiz or result on screen, so
// the menu comes back with it highlighted.
func (m *Model) moduleShowing() string {
	if s, ok := m.stack.Base().(interface{ ModuleID() string }); ok {
		return s.ModuleID()
	}
	return ""
}
