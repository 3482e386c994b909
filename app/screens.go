package app

// ScreenID names the main screens. Dialogs are not screens: they stack on
// top of one (see Model.stack).
type ScreenID int

// The main screens. The trainer engineer adds the trainer screens after
// ScreenTrainer.
const (
	ScreenWelcome ScreenID = iota
	ScreenCheckin
	ScreenRegister
	ScreenConsent
	ScreenMenu
	ScreenLesson
	ScreenQuiz
	ScreenResult
	ScreenFinish
	ScreenTrainer
	ScreenReview // the look back at what a person missed, after check-in
)

// Participant reports whether id is a screen a participant uses, where the
// idle timeout applies.
func (id ScreenID) Participant() bool {
	return id != ScreenWelcome && id != ScreenTrainer
}
