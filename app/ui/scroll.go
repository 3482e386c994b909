package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
)

// Zone is a clickable area of scrolled content: lines Y0 ≤ y < Y1 of the
// content, and columns X0 ≤ x < X1 (X1 == 0 means the whole line).
type Zone struct {
	ID     int
	Y0, Y1 int
	X0, X1 int
}

// Scroller shows content taller than the screen a window at a time, with a
// visible hint line when more is above or below, and maps clicks on the
// window back to content zones. Screens build their content as lines, so
// nothing is ever cut off without a way to reach it. The offset and its
// limits are a bubbles viewport's; the Scroller adds the hint line and the
// zones, and draws the window itself (a viewport pads every line to its
// width, which the screens' layout does not want).
type Scroller struct {
	vp     viewport.Model
	lines  []string
	zones  []Zone
	height int
	// blank stands for the content in the viewport: it counts lines for
	// the offset, and blank lines cost nothing to measure.
	blank []string
}

// Set replaces the content, keeping the offset where possible.
func (s *Scroller) Set(lines []string, zones []Zone) {
	s.lines, s.zones = lines, zones
	if n := len(lines); n != s.vp.TotalLineCount() {
		// The viewport only counts the lines (the window is drawn here):
		// give it as many blank ones, which it measures for nothing.
		for len(s.blank) < n {
			s.blank = append(s.blank, "")
		}
		s.vp.SetContentLines(s.blank[:n:n])
	}
	s.sync()
}

// SetHeight sets the window height.
func (s *Scroller) SetHeight(h int) {
	s.height = max(1, h)
	s.sync()
}

// sync gives the viewport the lines it shows, which clamps the offset.
func (s *Scroller) sync() {
	off := s.vp.YOffset()
	s.vp.SetHeight(s.Window())
	s.vp.SetWidth(1) // only the offset is used; the window is drawn here
	s.vp.SetYOffset(off)
}

// Window is how many content lines fit: one line is kept for the hint when
// the content does not fit.
func (s *Scroller) Window() int {
	if len(s.lines) <= s.height {
		return max(1, s.height)
	}
	return max(1, s.height-1)
}

// Height is the window height.
func (s *Scroller) Height() int { return s.height }

// Len is how many lines the content has.
func (s *Scroller) Len() int { return len(s.lines) }

// Scroll moves the window by n lines (negative: up).
func (s *Scroller) Scroll(n int) {
	if n < 0 {
		s.vp.ScrollUp(-n)
	} else {
		s.vp.ScrollDown(n)
	}
}

// Wheel scrolls step lines for a mouse wheel turn.
func (s *Scroller) Wheel(msg tea.MouseWheelMsg, step int) { s.Scroll(WheelStep(msg) * step) }

// Key scrolls for ↑/↓ (a line) and PgUp/PgDn (a window less a line); it
// reports whether msg was one of them.
func (s *Scroller) Key(msg tea.KeyPressMsg, k KeyMap) bool {
	page := max(1, s.Window()-1)
	switch {
	case key.Matches(msg, k.Up):
		s.Scroll(-1)
	case key.Matches(msg, k.Down):
		s.Scroll(1)
	case key.Matches(msg, k.PageUp):
		s.Scroll(-page)
	case key.Matches(msg, k.PageDn):
		s.Scroll(page)
	default:
		return false
	}
	return true
}

// WheelStep is -1 for the wheel turned up, 1 for down, 0 otherwise.
func WheelStep(msg tea.MouseWheelMsg) int {
	switch msg.Button {
	case tea.MouseWheelUp:
		return -1
	case tea.MouseWheelDown:
		return 1
	}
	return 0
}

// Top moves the window to the first line.
func (s *Scroller) Top() { s.vp.SetYOffset(0) }

// CanScroll reports whether the content is taller than the window.
func (s *Scroller) CanScroll() bool { return len(s.lines) > s.height }

// AtBottom reports whether the last line is showing.
func (s *Scroller) AtBottom() bool { return s.vp.YOffset()+s.Window() >= len(s.lines) }

// Show scrolls the least needed to make lines y0 ≤ y < y1 visible,
// preferring the first line when they do not all fit.
func (s *Scroller) Show(y0, y1 int) {
	w, off := s.Window(), s.vp.YOffset()
	if y1-y0 > w {
		y1 = y0 + w
	}
	if y1 > off+w {
		off = y1 - w
	}
	if y0 < off {
		off = y0
	}
	s.vp.SetYOffset(off)
}

// View renders exactly height lines.
func (s *Scroller) View(st *Styles, cat Catalog) string {
	w, off := s.Window(), s.vp.YOffset()
	end := min(len(s.lines), off+w)
	out := make([]string, 0, s.height)
	out = append(out, s.lines[off:end]...)
	if s.CanScroll() {
		out = PadLines(out, w)
		if !s.AtBottom() {
			out = append(out, st.Hint.Render(cat.T("help.more")))
		} else {
			out = append(out, st.Hint.Render(cat.T("help.above")))
		}
	}
	return strings.Join(PadLines(out, s.height), "\n")
}

// Hit returns the zone under the window cell (x, y), if any.
func (s *Scroller) Hit(x, y int) (int, bool) {
	if y < 0 || y >= s.Window() {
		return 0, false
	}
	line := s.vp.YOffset() + y
	for _, z := range s.zones {
		if line >= z.Y0 && line < z.Y1 && (z.X1 == 0 || (x >= z.X0 && x < z.X1)) {
			return z.ID, true
		}
	}
	return 0, false
}
