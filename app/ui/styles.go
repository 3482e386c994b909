package ui

import (
	"image/color"

	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"
)

// Styles holds every style the TUI uses, built for a dark or light terminal
// background. Screens never build styles of their own; they read them from
// Common so a background change restyles everything at once.
type Styles struct {
	IsDark bool

	App        lipgloss.Style // the app name in the header
	Header     lipgloss.Style // the rest of the header line
	Rule       lipgloss.Style // the line under the header
	Title      lipgloss.Style // a screen's main title
	Heading    lipgloss.Style // "# " in lessons
	Subheading lipgloss.Style // "## " in lessons
	Text       lipgloss.Style
	Bold       lipgloss.Style
	Subtle     lipgloss.Style
	Remember   lipgloss.Style // "Ghi nhớ:" lines
	Box        lipgloss.Style // border colour of message boxes
	BoxTitle   lipgloss.Style

	Selected   lipgloss.Style // the row under the cursor
	Unselected lipgloss.Style
	Button     lipgloss.Style
	ButtonOn   lipgloss.Style // the focused button

	Correct lipgloss.Style
	Wrong   lipgloss.Style
	Error   lipgloss.Style
	Saved   lipgloss.Style
	Hint    lipgloss.Style // "more below" hints

	ProgressFull  lipgloss.Style
	ProgressEmpty lipgloss.Style

	HelpKey  lipgloss.Style
	HelpDesc lipgloss.Style
	HelpSep  lipgloss.Style

	Input textinput.Styles
}

// NewStyles builds the styles for a dark (isDark) or light background. Every
// state also carries a non-colour mark (bold, brackets, ✓/✗, ▶) in the
// screens themselves, so monochrome terminals lose nothing.
func NewStyles(isDark bool) *Styles {
	ld := lipgloss.LightDark(isDark)
	c := func(light, dark string) color.Color { return ld(lipgloss.Color(light), lipgloss.Color(dark)) }
	accent := c("#005f87", "#5fd7ff")
	subtle := c("#5f5f5f", "#a8a8a8")
	green := c("#005f00", "#87d787")
	red := c("#af0000", "#ff8787")
	yellow := c("#875f00", "#ffd75f")
	fg := c("#1c1c1c", "#eeeeee")
	selBg := c("#d7efff", "#264f78")

	s := &Styles{IsDark: isDark}
	s.App = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.Header = lipgloss.NewStyle().Foreground(subtle)
	s.Rule = lipgloss.NewStyle().Foreground(subtle)
	s.Title = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.Heading = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.Subheading = lipgloss.NewStyle().Bold(true).Underline(true).Foreground(fg)
	s.Text = lipgloss.NewStyle().Foreground(fg)
	s.Bold = lipgloss.NewStyle().Bold(true).Foreground(fg)
	s.Subtle = lipgloss.NewStyle().Foreground(subtle)
	s.Remember = lipgloss.NewStyle().Bold(true).Foreground(yellow)
	s.Box = lipgloss.NewStyle().Foreground(accent)
	s.BoxTitle = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.Selected = lipgloss.NewStyle().Bold(true).Foreground(fg).Background(selBg)
	s.Unselected = lipgloss.NewStyle().Foreground(fg)
	s.Button = lipgloss.NewStyle().Foreground(fg)
	s.ButtonOn = lipgloss.NewStyle().Bold(true).Reverse(true)
	s.Correct = lipgloss.NewStyle().Bold(true).Foreground(green)
	s.Wrong = lipgloss.NewStyle().Bold(true).Foreground(red)
	s.Error = lipgloss.NewStyle().Bold(true).Foreground(red)
	s.Saved = lipgloss.NewStyle().Foreground(green)
	s.Hint = lipgloss.NewStyle().Italic(true).Foreground(subtle)
	s.ProgressFull = lipgloss.NewStyle().Foreground(accent)
	s.ProgressEmpty = lipgloss.NewStyle().Foreground(subtle)
	s.HelpKey = lipgloss.NewStyle().Bold(true).Foreground(fg)
	s.HelpDesc = lipgloss.NewStyle().Foreground(subtle)
	s.HelpSep = lipgloss.NewStyle().Foreground(subtle)

	in := textinput.DefaultStyles(isDark)
	in.Cursor.Blink = false // a steady cursor: deterministic views and calmer for new users
	in.Focused.Prompt = lipgloss.NewStyle().Bold(true).Foreground(accent)
	in.Focused.Text = lipgloss.NewStyle().Foreground(fg)
	in.Blurred.Text = lipgloss.NewStyle().Foreground(fg)
	// A placeholder must never pass for a typed value, even without colour:
	// it is faint and italic here, and its wording starts with "ví dụ:" or
	// sits in brackets.
	ph := lipgloss.NewStyle().Faint(true).Italic(true).Foreground(subtle)
	in.Focused.Placeholder, in.Blurred.Placeholder = ph, ph
	s.Input = in
	return s
}
