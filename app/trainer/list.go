package trainer

import (
	"kynangso/app/ui"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// pickList is a scrolling list with a cursor, used by the trainer's menus
// and pickers. Items are one line each; the cursor row is marked ▶ and
// highlighted so it shows without colour. It is a helper that pages embed,
// not a Component.
type pickList struct {
	items  []string
	cursor int
	scroll ui.Scroller
	// head are lines shown above the items (a title, a filter bar); they
	// scroll with the list.
	head []string
}

// setItems replaces the items, keeping the cursor in range.
func (l *pickList) setItems(items []string) {
	l.items = items
	l.cursor = max(0, min(l.cursor, len(items)-1))
}

// update moves the cursor on ↑/↓/PgUp/PgDn, picks with Enter, a number key
// (1–9) or a click. It returns the index picked, or -1.
func (l *pickList) update(msg tea.Msg, k ui.KeyMap) int {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Up):
			l.cursor = max(0, l.cursor-1)
		case key.Matches(msg, k.Down):
			l.cursor = min(len(l.items)-1, l.cursor+1)
		case key.Matches(msg, k.PageUp):
			l.cursor = max(0, l.cursor-max(1, l.scroll.Window()-1))
		case key.Matches(msg, k.PageDn):
			l.cursor = min(len(l.items)-1, l.cursor+max(1, l.scroll.Window()-1))
		case key.Matches(msg, k.Enter):
			if len(l.items) > 0 {
				return l.cursor
			}
		case key.Matches(msg, k.Choose):
			if n, ok := ui.Digit(msg.String()); ok && n <= len(l.items) {
				l.cursor = n - 1
				return l.cursor
			}
		}
	case tea.MouseClickMsg:
		if id, ok := l.scroll.Hit(msg.X, msg.Y); ok && msg.Button == tea.MouseLeft {
			l.cursor = id
			return id
		}
	case tea.MouseWheelMsg:
		l.cursor = max(0, min(len(l.items)-1, l.cursor+ui.WheelStep(msg)))
	}
	return -1
}

// view renders the head and the items in h lines of width w, numbering the
// first nine when numbered is set.
func (l *pickList) view(c *ui.Common, w, h int, numbered bool) string {
	st := c.Styles
	lines := append([]string{}, l.head...)
	zones := make([]ui.Zone, 0, len(l.items))
	for i, it := range l.items {
		prefix := "  "
		if numbered && i < 9 {
			prefix += ui.Itoa(i+1) + ". "
		} else if numbered {
			prefix += "   "
		}
		text := ui.Truncate(prefix+it, max(4, w-2))
		if i == l.cursor {
			text = st.Selected.Render("▶" + text[1:])
		} else {
			text = st.Unselected.Render(text)
		}
		zones = append(zones, ui.Zone{ID: i, Y0: len(lines), Y1: len(lines) + 1})
		lines = append(lines, text)
	}
	l.scroll.Set(lines, zones)
	l.scroll.SetHeight(h)
	y := len(l.head) + l.cursor
	if l.cursor == 0 {
		l.scroll.Show(0, y+1) // keep the head in view at the top
	} else {
		l.scroll.Show(y, y+1)
	}
	return l.scroll.View(st, c.Cat)
}

// joinCols lays out cells in columns of the given widths, truncating each
// cell and padding it, separated by two spaces.
func joinCols(cells []string, widths []int) string {
	var b strings.Builder
	for i, c := range cells {
		if i > 0 {
			b.WriteString("  ")
		}
		w := widths[i]
		c = ui.Truncate(c, w)
		b.WriteString(c)
		if i < len(cells)-1 {
			b.WriteString(strings.Repeat(" ", max(0, w-ui.WidthOf(c))))
		}
	}
	return strings.TrimRight(b.String(), " ")
}
