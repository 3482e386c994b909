// Package ui is the kit every part of kynangso's TUI shares: the Common
// state handed to every page, the Component contract, the overlay of pages
// with ids, styles, keys, the catalog of strings, text and button helpers,
// the scroller, the confirm dialog and the small store interfaces the
// trainer's area uses. It imports neither the root model (package app) nor
// the trainer's area.
package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Component is the contract every screen, page and dialog follows. Update
// returns the component itself so the root can keep it in a single field.
// View returns the content area only, as laid out by Update and SetSize
// (it changes nothing); the root adds the header and the help line.
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

// Blocking is a page that must be done before the laptop is handed on
// (creating the first trainer PIN): the idle lock leaves it showing while
// Blocking reports true.
type Blocking interface{ Blocking() bool }

// Send wraps a message in a command.
func Send(msg tea.Msg) tea.Cmd {
	return func() tea.Msg { return msg }
}
