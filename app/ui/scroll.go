package ui

import "strings"

// zone is a clickable area of scrolled content: lines y0 ≤ y < y1 of the
// content, and columns x0 ≤ x < x1 (x1 == 0 means the whole line).
type Zone struct {
	ID     int
	Y0, Y1 int
	X0, X1 int
}

// scroller shows content taller than the screen a window at a time, with a
// visible hint line when more is above or below, and maps clicks on the
// window back to content zones. Screens build their content as lines, so
// nothing is ever cut off without a way to reach it.
type Scroller struct {
	lines  []string
	zones  []Zone
	off    int
	height int
}

// set replaces the content, keeping the offset where possible.
func (s *Scroller) Set(lines []string, zones []Zone) {
	s.lines, s.zones = lines, zones
	s.clamp()
}

// setHeight sets the window height.
func (s *Scroller) SetHeight(h int) {
	s.height = max(1, h)
	s.clamp()
}

// window is how many content lines fit: one line is kept for the hint when
// the content does not fit.
func (s *Scroller) Window() int {
	if len(s.lines) <= s.height {
		return s.height
	}
	return max(1, s.height-1)
}

func (s *Scroller) clamp() {
	s.off = min(s.off, max(0, len(s.lines)-s.Window()))
	s.off = max(0, s.off)
}

// scroll moves the window by n lines (negative: up).
func (s *Scroller) Scroll(n int) {
	s.off += n
	s.clamp()
}

// top moves the window to the first line.
func (s *Scroller) Top() { s.off = 0 }

// canScroll reports whether the content is taller than the window.
func (s *Scroller) CanScroll() bool { return len(s.lines) > s.height }

// atBottom reports whether the last line is showing.
func (s *Scroller) AtBottom() bool { return s.off+s.Window() >= len(s.lines) }

// show scrolls the least needed to make lines y0 ≤ y < y1 visible, preferring
// the first line when they do not all fit.
func (s *Scroller) Show(y0, y1 int) {
	w := s.Window()
	if y1-y0 > w {
		y1 = y0 + w
	}
	if y1 > s.off+w {
		s.off = y1 - w
	}
	if y0 < s.off {
		s.off = y0
	}
	s.clamp()
}

// view renders exactly height lines.
func (s *Scroller) View(st *Styles, cat Catalog) string {
	w := s.Window()
	end := min(len(s.lines), s.off+w)
	out := make([]string, 0, s.height)
	out = append(out, s.lines[s.off:end]...)
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

// hit returns the zone under the window cell (x, y), if any.
func (s *Scroller) Hit(x, y int) (int, bool) {
	if y < 0 || y >= s.Window() {
		return 0, false
	}
	line := s.off + y
	for _, z := range s.zones {
		if line >= z.Y0 && line < z.Y1 && (z.X1 == 0 || (x >= z.X0 && x < z.X1)) {
			return z.ID, true
		}
	}
	return 0, false
}

// Height is the window height.
func (s *Scroller) Height() int { return s.height }

// Len is how many lines the content has.
func (s *Scroller) Len() int { return len(s.lines) }
