package ui

import (
	tea "charm.land/bubbletea/v2"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"kynangso/internal/safetext"
)

// Wrap breaks s (which may carry styles) into lines at most width cells
// wide, at spaces where it can. It never returns an empty slice.
//
// A hyphen never ends a line: a web address or a code such as
// "p0stmart-qua.cc" is what people are taught to read, and must stay in
// one piece. (lipgloss wraps after every "-", so the hyphen is a
// non-breaking one while wrapping, one cell wide as well.)
func Wrap(s string, width int) []string {
	if width < 1 {
		width = 1
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		w := lipgloss.Wrap(strings.ReplaceAll(para, "-", nbHyphen), width, "")
		for _, l := range strings.Split(strings.ReplaceAll(w, nbHyphen, "-"), "\n") {
			out = append(out, strings.TrimRight(l, " "))
		}
	}
	if len(out) == 0 {
		out = []string{""}
	}
	return out
}

// nbHyphen is U+2011 NON-BREAKING HYPHEN, which Wrap puts for "-".
const nbHyphen = "\u2011"

// Hang wraps text to width with first as the first line's prefix and the
// following lines indented to line up under the text (numbered steps,
// bullets, choices).
func Hang(first, text string, width int) []string {
	pw := lipgloss.Width(first)
	lines := Wrap(text, max(1, width-pw))
	pad := strings.Repeat(" ", pw)
	for i := range lines {
		if i == 0 {
			lines[i] = first + lines[i]
		} else {
			lines[i] = pad + lines[i]
		}
	}
	return lines
}

// Box draws body as a phone message: a rounded frame width cells wide with
// title set into the top edge. Prose is reflowed to the frame (reflow), so
// an author's line breaks never leave half-empty lines inside it.
func Box(title, body string, width int, st *Styles) []string {
	width = max(width, 8)
	inner := width - 4
	var out []string
	top := st.Box.Render("╭─")
	used := 2
	if title != "" {
		t := ansi.Truncate(" "+title+" ", inner, "…")
		top += st.BoxTitle.Render(t)
		used += lipgloss.Width(t)
	}
	top += st.Box.Render(strings.Repeat("─", max(0, width-1-used)) + "╮")
	out = append(out, top)
	for _, l := range Wrap(reflow(body), inner) {
		pad := strings.Repeat(" ", max(0, inner-lipgloss.Width(l)))
		out = append(out, st.Box.Render("│")+" "+st.Text.Render(l)+pad+" "+st.Box.Render("│"))
	}
	out = append(out, st.Box.Render("╰"+strings.Repeat("─", width-2)+"╯"))
	return out
}

// Clean makes untrusted text (names, pack text) safe for the terminal.
func Clean(s string) string { return safetext.Text(s) }

// CleanLine is clean for one-line fields such as names and villages.
func CleanLine(s string) string { return safetext.Line(s) }

// PadLines makes lines exactly height long, cutting or adding blank lines.
func PadLines(lines []string, height int) []string {
	if len(lines) > height {
		return lines[:max(0, height)]
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	return lines
}

// Button is where one rendered button sits, relative to the first line of
// the block buttons returned.
type Button struct{ Y, X0, X1 int }

// Buttons renders labelled buttons side by side, or one per line when they
// do not fit in width. The focused one is reversed and marked ▶ … ◀, the
// others bracketed, so focus shows without colour. It returns the lines and
// where each button sits, for mouse clicks.
func Buttons(labels []string, focus, width int, st *Styles) ([]string, []Button) {
	render := func(i int) string {
		if i == focus {
			return st.ButtonOn.Render("▶ " + labels[i] + " ◀")
		}
		return st.Button.Render("[ " + labels[i] + " ]")
	}
	pos := make([]Button, len(labels))
	var line strings.Builder
	x := 0
	for i := range labels {
		s := render(i)
		if i > 0 {
			line.WriteString("  ")
			x += 2
		}
		pos[i] = Button{0, x, x + lipgloss.Width(s)}
		x += lipgloss.Width(s)
		line.WriteString(s)
	}
	if x <= width {
		return []string{line.String()}, pos
	}
	lines := make([]string, len(labels))
	for i := range labels {
		lines[i] = render(i)
		pos[i] = Button{i, 0, lipgloss.Width(lines[i])}
	}
	return lines, pos
}

// ansiTruncate cuts styled text to width cells, ending with "…".
func ansiTruncate(s string, width int) string { return ansi.Truncate(s, width, "…") }

// WidthOf is the display width of s in cells.
func WidthOf(s string) int { return lipgloss.Width(s) }

// Truncate cuts s to width cells with an ellipsis.
func Truncate(s string, width int) string {
	if lipgloss.Width(s) <= width {
		return s
	}
	return ansiTruncate(s, width)
}

// Itoa is strconv.Itoa, short for views.
func Itoa(n int) string { return strconv.Itoa(n) }

// NonEmpty returns the non-empty strings of ss.
func NonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// Hits is where a block of buttons sits on a page, kept by the page's
// layout for mouse clicks: the block's first row and each button's place
// in it. It is the one hit test of every page with buttons.
type Hits struct {
	Top     int
	Buttons []Button
}

// Hit returns the button a left click at content cell (msg.X, msg.Y) is on.
func (h Hits) Hit(msg tea.MouseClickMsg) (int, bool) {
	if msg.Button != tea.MouseLeft {
		return 0, false
	}
	for i, b := range h.Buttons {
		if msg.Y-h.Top == b.Y && msg.X >= b.X0 && msg.X < b.X1 {
			return i, true
		}
	}
	return 0, false
}
