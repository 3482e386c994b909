package ui

import tea "charm.land/bubbletea/v2"

// Messages every part of the TUI sends to the root model.

// ShowWelcomeMsg ends the visit and shows the welcome screen for the next person.
type ShowWelcomeMsg struct{}

// ShowTrainerMsg opens the trainer's entry: the PIN page. Setup is set by
// the first start on a laptop without a PIN, to create it; the trainer
// key on a participant's screen never sets it, so no participant can.
type ShowTrainerMsg struct{ Setup bool }

// QuitAppMsg leaves the program; only the trainer area sends it.
type QuitAppMsg struct{}

// ClassChangedMsg says a class was opened, closed or reopened: the root
// reads the open class again for the header and the participants' screens.
type ClassChangedMsg struct{}

// Open returns the command that opens page over the front one.
func Open(page Component) tea.Cmd { return Send(PushMsg{Page: page}) }
