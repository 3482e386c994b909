package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"kynangso/internal/safetext"
)

// reportWidth is how wide `kynangso report` prints by default: a Windows
// console's 80 columns. --wide prints the tables at their natural width.
const reportWidth = 80

// layout is how the report is printed: Markdown, or text fitted to width
// columns (0: as wide as the tables are).
type layout struct {
	md    bool
	width int
}

// narrow reports whether tables are fitted to a width.
func (l layout) narrow() bool { return !l.md && l.width > 0 }

// printable is a part of the report: a table or a block of lines.
type printable interface {
	print(w io.Writer, l layout) error
}

// textTable is a titled table printed as padded columns (fitted to the
// width, long cells wrapped onto more lines) or Markdown.
type textTable struct {
	title string
	head  []string
	rows  [][]string
	// groups, when set, names each row's group (a village); the rows of a
	// group are printed under a heading line instead of a column.
	groups []string
}

// textLines is a titled block of lines, each wrapped to the width with its
// own indent kept (the item analysis, one question after another).
type textLines struct {
	title string
	lines []string
}

func (b textLines) print(w io.Writer, l layout) error {
	fmt.Fprintln(w, b.title)
	for _, line := range b.lines {
		fmt.Fprintln(w, wrapIndented(line, l.width))
	}
	return nil
}

// wrapIndented wraps line to width, indenting the lines it adds as far as
// the line itself is indented, plus two.
func wrapIndented(line string, width int) string {
	if width <= 0 || ansi.StringWidth(line) <= width {
		return line
	}
	indent := len(line) - len(strings.TrimLeft(line, " "))
	pad := strings.Repeat(" ", indent+2)
	wrapped := strings.Split(ansi.Wrap(strings.TrimLeft(line, " "), width-indent-2, ""), "\n")
	for i, s := range wrapped {
		s = strings.TrimRight(s, " ")
		if i == 0 {
			wrapped[i] = strings.Repeat(" ", indent) + s
		} else {
			wrapped[i] = pad + s
		}
	}
	return strings.Join(wrapped, "\n")
}

// print writes the table; widths are display widths, so Vietnamese with
// combining marks and wide characters lines up in a Windows console too.
func (t textTable) print(w io.Writer, l layout) error {
	if l.md {
		return t.markdown(w)
	}
	for _, line := range strings.Split(t.title, "\n") {
		fmt.Fprintln(w, wrapIndented(line, l.width))
	}
	widths := t.naturalWidths()
	if l.narrow() {
		widths = t.dataWidths()
		if !fitWidths(widths, t.minWidths(), l.width) {
			return t.records(w, l.width)
		}
		growToHeads(widths, t.naturalWidths(), l.width)
	}
	t.line(w, widths, t.head)
	rule := make([]string, len(t.head))
	for i := range rule {
		rule[i] = strings.Repeat("-", widths[i])
	}
	t.line(w, widths, rule)
	for i, r := range t.rows {
		t.heading(w, i)
		t.line(w, widths, r)
	}
	return nil
}

// heading prints the group heading before row i when a group starts there,
// after a blank line unless it is the first.
func (t textTable) heading(w io.Writer, i int) {
	if len(t.groups) <= i || (i > 0 && t.groups[i] == t.groups[i-1]) {
		return
	}
	if i > 0 {
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, t.groups[i])
}

// naturalWidths are the widths the columns need on one line.
func (t textTable) naturalWidths() []int {
	widths := make([]int, len(t.head))
	for _, r := range append([][]string{t.head}, t.rows...) {
		for i, c := range r {
			if i < len(widths) {
				widths[i] = max(widths[i], ansi.StringWidth(c))
			}
		}
	}
	return widths
}

// dataWidths are the widths the rows need on one line, or what the header
// needs on two lines where that is wider: headers wrap before data does.
func (t textTable) dataWidths() []int {
	widths := (textTable{head: make([]string, len(t.head)), rows: t.rows}).naturalWidths()
	for i, h := range t.head {
		widths[i] = max(widths[i], twoLineWidth(h))
	}
	return widths
}

// twoLineWidth is the narrowest a header can be on at most two lines.
func twoLineWidth(h string) int {
	for w := 1; w < ansi.StringWidth(h); w++ {
		if strings.Count(ansi.Wrap(h, w, ""), "\n") < 2 {
			return w
		}
	}
	return ansi.StringWidth(h)
}

// growToHeads widens, a character at a time in turn, the columns whose
// header would wrap, while the table stays within width.
func growToHeads(widths, natural []int, width int) {
	total := 2 * (len(widths) - 1)
	for _, w := range widths {
		total += w
	}
	for grown := true; grown && total < width; {
		grown = false
		for i := range widths {
			if widths[i] < natural[i] && total < width {
				widths[i]++
				total++
				grown = true
			}
		}
	}
}

// minWidths are the narrowest the columns can be without breaking a word.
func (t textTable) minWidths() []int {
	mins := make([]int, len(t.head))
	for _, r := range append([][]string{t.head}, t.rows...) {
		for i, c := range r {
			for _, word := range strings.Fields(c) {
				if i < len(mins) {
					mins[i] = max(mins[i], ansi.StringWidth(word))
				}
			}
		}
	}
	return mins
}

// fitWidths narrows the columns until they and the gaps between them fit
// width, taking a column at a time from the one with most room to give;
// it reports false when they cannot fit without breaking words.
func fitWidths(widths, mins []int, width int) bool {
	total := 2 * (len(widths) - 1)
	for _, w := range widths {
		total += w
	}
	for total > width {
		j, slack := -1, 0
		for i := range widths {
			if s := widths[i] - mins[i]; s > slack || (s == slack && s > 0 && widths[i] > widths[j]) {
				j, slack = i, s
			}
		}
		if j < 0 {
			return false
		}
		widths[j]--
		total--
	}
	return true
}

// line prints one row, each cell wrapped to its column, as many lines as
// its tallest cell needs.
func (t textTable) line(w io.Writer, widths []int, cells []string) {
	wrapped := make([][]string, len(cells))
	height := 1
	for i, c := range cells {
		wrapped[i] = []string{c}
		if i < len(widths) && ansi.StringWidth(c) > widths[i] {
			wrapped[i] = strings.Split(ansi.Wrap(c, widths[i], ""), "\n")
		}
		height = max(height, len(wrapped[i]))
	}
	for k := range height {
		var b strings.Builder
		for i := range cells {
			if i > 0 {
				b.WriteString("  ")
			}
			s := ""
			if k < len(wrapped[i]) {
				s = strings.TrimRight(wrapped[i][k], " ")
			}
			b.WriteString(s)
			if i < len(cells)-1 {
				b.WriteString(strings.Repeat(" ", max(0, widths[i]-ansi.StringWidth(s))))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

// records prints each row as "label: value" lines, for a table too wide
// for the width even with its cells wrapped.
func (t textTable) records(w io.Writer, width int) error {
	for i, r := range t.rows {
		t.heading(w, i)
		for j, c := range r {
			prefix := "  "
			if j == 0 {
				prefix = "- "
			}
			if j < len(t.head) && c != "" {
				fmt.Fprintln(w, wrapIndented(prefix+t.head[j]+": "+c, width))
			}
		}
	}
	return nil
}

// markdown prints the table as a Markdown table under a heading.
func (t textTable) markdown(w io.Writer) error {
	fmt.Fprintf(w, "## %s\n\n", t.title)
	line := func(cells []string) {
		esc := make([]string, len(cells))
		for i, c := range cells {
			esc[i] = strings.ReplaceAll(c, "|", `\|`)
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(esc, " | "))
	}
	line(t.head)
	sep := make([]string, len(t.head))
	for i := range sep {
		sep[i] = "---"
	}
	line(sep)
	for _, r := range t.rows {
		line(r)
	}
	_, err := fmt.Fprintln(w)
	return err
}

// cell cleans text from the database for the terminal.
func cell(s string) string { return safetext.Line(s) }

func itoa(n int) string { return strconv.Itoa(n) }

func pct(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }

func tr(lang, vi, en string) string {
	if lang == "en" {
		return en
	}
	return vi
}
