package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Component is the contract every screen and dialog follows. Update returns
// the component itself so the root can keep it in a single field. View
// returns the content area only; the root adds the header and the help line.
// Mouse messages reach a component in content coordinates (0,0 is its
// top-left cell).
type Component interface {
	Init() tea.Cmd
	Update(msg tea.Msg) (Component, tea.Cmd)
	View() string
	// SetSize is called when the content area changes size.
	SetSize(width, height int)
	// HelpKeys are the keys shown in the help line for this component.
	HelpKeys() []key.Binding
}

// Send wraps a message in a command.
func Send(msg tea.Msg) tea.Cmd {
	return func() tea.Msg { return msg }
}
