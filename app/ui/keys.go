package ui

import "charm.land/bubbles/v2/key"

// KeyMap holds every key binding of the TUI, with help text in the current
// language. Screens match keys with key.Matches against these bindings and
// list the ones they use in their help line. Nothing needs a chord: every
// action has a plain key, and Ctrl+C, q and Esc never leave the app.
type KeyMap struct {
	Up, Down       key.Binding
	Prev, Next     key.Binding // ←/→: previous/next page, button or option
	PageUp, PageDn key.Binding
	Enter          key.Binding
	Back           key.Binding // Esc: one screen back, never out of the app
	Tab, ShiftTab  key.Binding
	Toggle         key.Binding // space: tick a choice in a multiple question
	Choose         key.Binding // 1–9: pick a numbered choice or button
	Quiz           key.Binding // start the quiz of the highlighted module
	Lang           key.Binding // switch Tiếng Việt / English
	Trainer        key.Binding // the trainer's entry from the welcome screen
	Scroll         key.Binding // ↑/↓ shown as "scroll" where text scrolls
}

// NewKeyMap builds the key map with help text from cat.
func NewKeyMap(cat Catalog) KeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, cat.T(desc)))
	}
	return KeyMap{
		Up:       b("↑", "key.up", "up"),
		Down:     b("↓", "key.down", "down"),
		Prev:     b("←", "key.prev", "left"),
		Next:     b("→", "key.next", "right"),
		PageUp:   b("PgUp", "key.pageup", "pgup"),
		PageDn:   b("PgDn", "key.pagedown", "pgdown"),
		Enter:    b("Enter", "key.enter", "enter"),
		Back:     b("Esc", "key.back", "esc"),
		Tab:      b("Tab", "key.tab", "tab"),
		ShiftTab: b("Shift+Tab", "key.shifttab", "shift+tab"),
		Toggle:   b("Space", "key.toggle", "space"),
		Choose:   b("1-4", "key.choose", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
		Quiz:     b("k", "key.quiz", "k", "K"),
		Lang:     b("l", "key.lang", "l", "L"),
		Trainer:  b("F2/t", "key.trainer", "f2", "t", "T"),
		Scroll:   b("↑↓", "key.scroll", "up", "down"),
	}
}

// With returns a copy of b whose help description is desc; screens use it to
// say what Enter or Esc does right here ("Enter: start", "Esc: back to the list").
func With(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}

// Relabel returns a copy of b shown as keyText with desc in the help line.
func Relabel(b key.Binding, keyText, desc string) key.Binding {
	b.SetHelp(keyText, desc)
	return b
}

// ShortHelp lists the keys shown when no screen is active; it makes KeyMap a
// help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Enter, k.Back} }

// FullHelp lists every key in groups; it makes KeyMap a help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Prev, k.Next, k.PageUp, k.PageDn},
		{k.Enter, k.Back, k.Tab, k.ShiftTab, k.Toggle, k.Choose},
		{k.Quiz, k.Lang, k.Trainer},
	}
}

// Digit returns the number typed (1–9) and true when msg is a number key.
func Digit(s string) (int, bool) {
	if len(s) == 1 && s[0] >= '1' && s[0] <= '9' {
		return int(s[0] - '0'), true
	}
	return 0, false
}
