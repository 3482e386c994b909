package app

import "strings"

// zone is a clickable area of scrolled content: lines y0 ≤ y < y1 of the
// content, and columns x0 ≤ x < x1 (x1 == 0 means the whole line).
type zone struct {
	id     int
	y0, y1 int
	x0, x1 int
}

// scroller shows content taller than the screen a window at a time, with a
// visible hint line when more is above or below, and maps clicks on the
// window back to content zones. Screens build their content as lines, so
// nothing is ever cut off without a way to reach it.
type scroller struct {
	lines  []string
	zones  []zone
	off    int
	height int
}

// set replaces the content, keeping the offset where possible.
func (s *scroller) set(lines []string, zones []zone) {
	s.lines, s.zones = lines, zones
	s.clamp()
}

// setHeight sets the window height.
func (s *scroller) setHeight(h int) {
	s.height = max(1, h)
	s.clamp()
}

// window is how many content lines fit: one line is kept for the hint when
// the content does not fit.
func (s *scroller) window() int {
	if len(s.lines) <= s.height {
		return s.height
	}
	return max(1, s.height-1)
}

func (s *scroller) clamp() {
	s.off = min(s.off, max(0, len(s.lines)-s.window()))
	s.off = max(0, s.off)
}

// scroll moves the window by n lines (negative: up).
func (s *scroller) scroll(n int) {
	s.off += n
	s.clamp()
}

// top moves the window to the first line.
func (s *scroller) top() { s.off = 0 }

// canScroll reports whether the content is taller than the window.
func (s *scroller) canScroll() bool { return len(s.lines) > s.height }

// atBottom reports whether the last line is showing.
func (s *scroller) atBottom() bool { return s.off+s.window() >= len(s.lines) }

// show scrolls the least needed to make lines y0 ≤ y < y1 visible, preferring
// the first line when they do not all fit.
func (s *scroller) show(y0, y1 int) {
	w := s.window()
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
func (s *scroller) view(st *Styles, cat Catalog) string {
	w := s.window()
	end := min(len(s.lines), s.off+w)
	out := make([]string, 0, s.height)
	out = append(out, s.lines[s.off:end]...)
	if s.canScroll() {
		out = padLines(out, w)
		if !s.atBottom() {
			out = append(out, st.Hint.Render(cat.T("help.more")))
		} else {
			out = append(out, st.Hint.Render(cat.T("help.above")))
		}
	}
	return strings.Join(padLines(out, s.height), "\n")
}

// hit returns the zone under the window cell (x, y), if any.
func (s *scroller) hit(x, y int) (int, bool) {
	if y < 0 || y >= s.window() {
		return 0, false
	}
	line := s.off + y
	for _, z := range s.zones {
		if line >= z.y0 && line < z.y1 && (z.x1 == 0 || (x >= z.x0 && x < z.x1)) {
			return z.id, true
		}
	}
	return 0, false
}
