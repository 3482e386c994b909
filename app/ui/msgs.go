package ui

// Messages every part of the TUI sends to the root model.

// showWelcomeMsg ends the visit and shows the welcome screen for the next person.
type ShowWelcomeMsg struct{}

// showTrainerMsg opens the trainer's entry (the PIN dialog, once it exists).
type ShowTrainerMsg struct{}

// quitAppMsg leaves the program; only the trainer area sends it.
type QuitAppMsg struct{}

// pushDialogMsg puts a dialog on top of the current screen.
type PushDialogMsg struct{ Dialog Component }

// popDialogMsg closes the top dialog.
type PopDialogMsg struct{}

// ClassChangedMsg says a class was opened, closed or reopened: the root
// reads the open class again for the header and the participants' screens.
type ClassChangedMsg struct{}
