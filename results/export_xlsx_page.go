package results

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"
)

// pageSetup is how a sheet prints: its width in column units (the chart of
// the summary sheet counts as columns), the footer's left part and the row
// repeated at the top of every page (0 for none).
type pageSetup struct {
	width   float64
	footer  string
	headRow int
}

// A4 in points, the margins setupPage sets, in inches, and the width of a
// column unit when printed: 7 pixels in Excel, a little more in
// LibreOffice, so the wider is used.
const (
	a4LongPt       = 842.0
	a4ShortPt      = 595.3
	marginTopIn    = 0.4
	marginBottomIn = 0.5
	marginSidePt   = 0.4 * 72
	printUnitPt    = 5.6
	minPrintScale  = 10
	fullPrintScale = 100
)

// printScale is the zoom that fits width column units across the page.
// The sheet says it as a fixed zoom rather than "fit to one page wide":
// LibreOffice, asked to fit the width with any number of pages down, drops
// the rows that fall past the pages it first counted, which lost the
// sign-off block's last lines.
func printScale(width float64) uint {
	if width <= 0 {
		return fullPrintScale
	}
	scale := math.Floor((a4LongPt - 2*marginSidePt) / (width * printUnitPt) * 100)
	return uint(max(minPrintScale, min(fullPrintScale, scale)))
}

// setupPage prepares a sheet for printing on A4 landscape, one page wide,
// with the column header row repeated on every page (print titles) and what
// the sheet is and the page number in the footer. It must run before the
// sheet's stream starts.
func setupPage(f *excelize.File, sheet string, p pageSetup, lang string) error {
	size, orient, scale := 9, "landscape", printScale(p.width) // 9 = A4
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient,
		AdjustTo: &scale}); err != nil {
		return err
	}
	side := marginSidePt / 72
	m := excelize.PageLayoutMarginsOptions{Left: &side, Right: &side, Top: ptr(marginTopIn), Bottom: ptr(marginBottomIn),
		Header: ptr(0.2), Footer: ptr(0.25), Horizontally: ptr(true)}
	if err := f.SetPageMargins(sheet, &m); err != nil {
		return err
	}
	left := []rune(strings.ReplaceAll(p.footer, "&", "&&"))
	if len(left) > 150 { // a header or footer holds at most 255 characters
		left = append(left[:149], '…')
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddFooter: "&L&9" + string(left) + "&R&9" + Label(lang, "page")}); err != nil {
		return err
	}
	if p.headRow == 0 {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", strings.ReplaceAll(sheet, "'", "''"), p.headRow, p.headRow)})
}

// pager lays the sign-in sheet's rows out on printed pages, from the
// heights the sheet sets on every row and the zoom it prints at, and the
// sheet puts a page break wherever it starts a page. Excel and LibreOffice
// then print exactly these pages (each has a little room to spare, so
// neither breaks earlier), and the sign-off block can be kept on a page
// with the last rows of the list instead of alone under a repeated header
// row.
type pager struct {
	body, head float64    // a page's printable height and the repeated header row's, in points of the sheet
	used       float64    // on the current page
	onPage     int        // data rows on the current page
	started    bool       // the header row has been placed: later pages repeat it
	last       [2]float64 // the heights of the last two data rows
	breaks     int
}

// maxPageBreaks stays under Excel's limit of 1,026 manual page breaks per
// sheet; a list longer than that many pages breaks where Excel chooses.
const maxPageBreaks = 1000

// newPager measures the printable height of an A4 landscape page between
// the margins setupPage sets, at the zoom the sheet prints at, keeping 2 %
// to spare for rounding.
func newPager(width, head float64) *pager {
	scale := float64(printScale(width)) / 100
	return &pager{body: (a4ShortPt - (marginTopIn+marginBottomIn)*72) / scale * 0.98, head: head}
}

// add places a row of height h and says whether the sheet needs a page
// break before it (a data row that starts a page).
func (p *pager) add(h float64, data bool) bool {
	brk := false
	if p.used+h > p.body && p.used > 0 {
		p.used, p.onPage = 0, 0
		if p.started {
			p.used = p.head
		}
		brk = data && p.breaks < maxPageBreaks
	}
	if brk {
		p.breaks++
	}
	p.used += h
	if data {
		p.onPage++
		p.last = [2]float64{p.last[1], h}
	}
	return brk
}

// room is the height left on the current page.
func (p *pager) room() float64 { return p.body - p.used }

// carry says whether a block of height h fits under the rows placed so
// far; when it does not, it moves the last two data rows to a new page and
// says so, so the sheet puts a break before them and the block goes with
// them. A page that starts with those rows already is left as it is.
func (p *pager) carry(h float64) bool {
	if p.used+h <= p.body || p.onPage <= 2 || p.breaks >= maxPageBreaks {
		return false
	}
	p.breaks++
	p.used, p.onPage = p.head+p.last[0]+p.last[1], 2
	return true
}

// wrapLines estimates how many lines s takes in a column width characters
// wide, at the sheet's 11 pt, wrapping between words as a spreadsheet does.
// It errs on the high side, because a row too short hides text.
func wrapLines(s string, width float64) int {
	// A width unit is the 7-pixel digit of the 11 pt default font plus 5
	// pixels of margin per column; the cell keeps about 3 pixels each side.
	capacity := (width*7 + 5 - 6) / (formFontPt * 96 / 72)
	if capacity <= 0 || s == "" {
		return 1
	}
	lines, used := 1, 0.0
	for s != "" { // word by word; a cell's text is one line
		s = strings.TrimLeft(s, " ")
		word := s
		if i := strings.IndexByte(s, ' '); i >= 0 {
			word, s = s[:i], s[i:]
		} else {
			s = ""
		}
		if word == "" {
			continue
		}
		n := emWidth(word)
		switch {
		case used == 0:
			used = n
		case used+spaceEm+n <= capacity:
			used += spaceEm + n
		default:
			lines++
			used = n
		}
		for used > capacity { // a word longer than the column breaks
			lines++
			used -= capacity
		}
	}
	return lines
}

// spaceEm is the width of a space in a serif font, in ems.
const spaceEm = 0.25

// emWidth is the width of s in a serif font such as Times New Roman, in
// ems, from the widths of its letters without their marks (ộ is as wide
// as o), with 2 % to spare. It runs for every cell of a sign-in sheet, so
// Latin and Vietnamese letters come from a table.
func emWidth(s string) float64 {
	table := latinEm()
	w := 0.0
	for _, r := range s {
		switch {
		case r < rune(len(table)):
			w += float64(table[r])
		case unicode.Is(unicode.Mn, r):
			// a combining mark sits over its letter
		default:
			w += runeEm(r)
		}
	}
	return w * 1.02
}

// latinEm is the width of every character up to the end of Latin Extended
// Additional, the block of Vietnamese letters: that of its letter without
// marks; 0 for a combining mark.
var latinEm = sync.OnceValue(func() []float32 {
	table := make([]float32, 0x1F00)
	for r := range rune(len(table)) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		base, _ := utf8.DecodeRuneInString(norm.NFD.String(string(r)))
		table[r] = float32(runeEm(base))
	}
	return table
})

// serifEm is the width in ems of the letters and signs of Times New Roman
// (and the metric-compatible Liberation Serif) that differ from the usual
// half em of digits and most lower-case letters.
var serifEm = map[rune]float64{
	' ': 0.25, '.': 0.25, ',': 0.25, ';': 0.28, ':': 0.28, '\'': 0.18, '’': 0.33, '!': 0.33, '|': 0.2,
	'(': 0.33, ')': 0.33, '-': 0.33, '/': 0.28, '"': 0.41, '“': 0.44, '”': 0.44, '—': 1, '…': 1,
	'a': 0.44, 'c': 0.44, 'e': 0.44, 'z': 0.44, 's': 0.39, 'r': 0.33, 'f': 0.33,
	'i': 0.28, 'j': 0.28, 'l': 0.28, 't': 0.28, 'm': 0.78, 'w': 0.72,
	'I': 0.33, 'J': 0.39, 'E': 0.61, 'F': 0.56, 'L': 0.61, 'P': 0.56, 'S': 0.56, 'T': 0.61, 'Z': 0.61,
	'B': 0.67, 'C': 0.67, 'R': 0.67, 'M': 0.89, 'W': 0.94, 'Đ': 0.72, 'đ': 0.5,
}

func runeEm(r rune) float64 {
	if w, ok := serifEm[r]; ok {
		return w
	}
	if unicode.IsUpper(r) {
		return 0.72
	}
	return 0.5
}
