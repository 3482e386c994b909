package app

import (
	"time"

	"kynangso/flow"
	"kynangso/quiz"
	"kynangso/results"
)

// Navigation messages: screens ask the root to move on by returning one of
// these from a command; the root alone builds screens.

// showCheckinMsg opens the "find your name" screen.
type showCheckinMsg struct{}

// showRegisterMsg opens the registration form, prefilled with a name typed in search.
type showRegisterMsg struct{ name string }

// showConsentMsg opens the consent screen for a filled-in form.
type showConsentMsg struct{ draft results.Participant }

// backToRegisterMsg returns from consent to the form, keeping what was typed.
type backToRegisterMsg struct{}

// checkedInMsg says the person is known (and their attendance recorded).
type checkedInMsg struct{ participant results.Participant }

// showMenuMsg opens the module menu for the current visit.
type showMenuMsg struct{}

// openLessonMsg opens a module's lesson at page (1-based; 0 = first page).
type openLessonMsg struct {
	moduleID string
	page     int
}

// openQuizMsg opens (or resumes) a module's quiz.
type openQuizMsg struct{ moduleID string }

// showResultMsg shows a graded, finished attempt.
type showResultMsg struct {
	moduleID string
	result   quiz.Result
}

// showFinishMsg shows the thank-you screen.
type showFinishMsg struct{}

// IdleTickMsg is the periodic check for an idle participant screen or
// trainer's area; tests send it by hand.
type IdleTickMsg struct{ At time.Time }

// finishShownMsg moves from the thank-you screen to the welcome screen.
type finishShownMsg struct{ visit int }

// Store results. Each carries err; a screen renders a failure as a state
// with a plain sentence and a way to retry.

// classLoadedMsg carries the open class session, if any.
type classLoadedMsg struct {
	class flow.Class
	err   error
}

// searchDoneMsg carries the names found for query.
type searchDoneMsg struct {
	query  string
	people []results.Participant
	err    error
}

// checkinFailedMsg reports that a check-in or registration could not be
// saved. participant is set when the person was created but the attendance
// was not recorded, so a retry does not create them twice.
type checkinFailedMsg struct {
	participant results.Participant
	err         error
}

// menuLoadedMsg carries the modules, where the person stands with each,
// in the order shown and with where the cursor starts.
type menuLoadedMsg struct {
	plan flow.MenuPlan
	err  error
}

// pageSavedMsg reports the outcome of saving a lesson page.
type pageSavedMsg struct {
	page int
	err  error
}

// quizReadyMsg carries an attempt ready to show: new or resumed.
type quizReadyMsg struct {
	attempt *flow.Attempt
	err     error
}

// answerSavedMsg reports that the answer to question was committed; answer
// is the one stored.
type answerSavedMsg struct {
	questionID string
	answer     results.Answer
	err        error
}

// attemptFinishedMsg reports that the attempt's score was stored.
type attemptFinishedMsg struct {
	result quiz.Result
	err    error
}
