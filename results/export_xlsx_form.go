package results

import (
	"context"
	"math"
	"time"

	"github.com/xuri/excelize/v2"
)

// The sign-in sheet's sizes, in points: a row tall enough to sign in (about
// 8 mm), the height of one line of 11 pt text, the signature space of
// the sign-off block (about 20 mm) and the blank rows.
const (
	formRowPt     = 22.0
	formLinePt    = 15.0
	formSignPt    = 50.0
	formSignMinPt = 24.0
	formGapPt     = 6.0
	formFontPt    = 11.0
	formTitlePt   = 14.0
)

// formStyles are the styles of the sign-in sheet: its title and header
// block, the bordered table, and the sign-off block.
type formStyles struct {
	title, label, value, valueDate                   int
	head, text, center, id, clock, dateTime          int
	total, signTitle, signHint, placeDate, signSpace int
}

func newFormStyles(f *excelize.File) (formStyles, error) {
	var fs formStyles
	var err error
	border := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	font := func(bold, italic bool, size float64) *excelize.Font {
		return &excelize.Font{Family: xlsxFont, Size: size, Bold: bold, Italic: italic}
	}
	align := func(h, v string) *excelize.Alignment {
		return &excelize.Alignment{Horizontal: h, Vertical: v, WrapText: true}
	}
	mk := func(dst *int, s excelize.Style) {
		if err == nil {
			*dst, err = f.NewStyle(&s)
		}
	}
	cell := func(h string, numFmt int, custom string) excelize.Style {
		s := excelize.Style{Font: font(false, false, formFontPt), Border: border, Alignment: align(h, "center"), NumFmt: numFmt}
		if custom != "" {
			s.CustomNumFmt = &custom
		}
		return s
	}
	mk(&fs.title, excelize.Style{Font: font(true, false, formTitlePt), Alignment: align("center", "center")})
	mk(&fs.label, excelize.Style{Font: font(true, false, formFontPt), Alignment: align("left", "top")})
	mk(&fs.value, excelize.Style{Font: font(false, false, formFontPt), Alignment: align("left", "top")})
	dateFmt := "dd/mm/yyyy"
	mk(&fs.valueDate, excelize.Style{Font: font(false, false, formFontPt), Alignment: align("left", "top"), CustomNumFmt: &dateFmt})
	head := cell("center", 0, "")
	head.Font = font(true, false, formFontPt)
	head.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EDEDED"}}
	mk(&fs.head, head)
	mk(&fs.text, cell("left", 0, ""))
	mk(&fs.center, cell("center", 0, ""))
	mk(&fs.id, cell("left", 49, "")) // "@": a phone keeps its leading zero
	mk(&fs.clock, cell("center", 0, "hh:mm"))
	mk(&fs.dateTime, cell("center", 0, "dd/mm/yyyy hh:mm"))
	mk(&fs.total, excelize.Style{Font: font(true, false, formFontPt), Alignment: align("left", "center")})
	mk(&fs.signTitle, excelize.Style{Font: font(true, false, formFontPt), Alignment: align("center", "center")})
	mk(&fs.signHint, excelize.Style{Font: font(false, true, formFontPt-1), Alignment: align("center", "top")})
	mk(&fs.placeDate, excelize.Style{Font: font(false, true, formFontPt), Alignment: align("center", "center")})
	mk(&fs.signSpace, excelize.Style{Font: font(false, false, formFontPt)})
	return fs, err
}

// formWriter writes the sign-in sheet: the stream, its styles, and where
// its rows fall on printed pages.
type formWriter struct {
	f     *excelize.File
	sw    *excelize.StreamWriter
	t     exportTable
	fs    formStyles
	pages *pager
	row   int // the last row written
}

// writeFormSheet streams the sign-in sheet: title and header block, the
// bordered table with its header row repeated on every page, the total and
// the sign-off block. It returns the number of data rows.
func writeFormSheet(ctx context.Context, f *excelize.File, t exportTable, fs formStyles, lang string) (int, error) {
	headRow := formHeadRow(t)
	sw, err := startSheet(f, t, headRow, lang)
	if err != nil {
		return 0, err
	}
	width := 0.0
	for _, c := range t.cols {
		width += c.width
	}
	w := &formWriter{f: f, sw: sw, t: t, fs: fs, pages: newPager(width, headHeight(t))}
	if err := w.header(); err != nil {
		return 0, err
	}
	n, err := w.table(ctx)
	if err != nil {
		return 0, err
	}
	if err := w.signOff(lang); err != nil {
		return 0, err
	}
	return n, sw.Flush()
}

// setRow writes the next row (after the last one written) and places it on
// the pages.
func (w *formWriter) setRow(vals []any, height float64, data bool) error {
	w.row++
	cell, _ := excelize.CoordinatesToCellName(1, w.row)
	if w.pages.add(height, data) {
		if err := w.f.InsertPageBreak(w.t.sheet, cell); err != nil {
			return err
		}
	}
	return w.sw.SetRow(cell, vals, excelize.RowOpts{Height: height})
}

// headerRows lays the header block out: the index of the line of each row,
// and of a second line sharing it (-1 for none). Two short lines in a row
// share one ("Ngày: …  Xã/phường: …"), which leaves room for the list; the
// first line (the class) and one that wraps have a row of their own.
func headerRows(t exportTable) [][2]int {
	half := halfColumn(t.cols)
	left, right := spanWidth(t.cols, 3, half), spanWidth(t.cols, half+3, len(t.cols))
	var rows [][2]int
	for i := 0; i < len(t.header); i++ {
		if i > 0 && i+1 < len(t.header) && fitsOneLine(t.header[i], left) && fitsOneLine(t.header[i+1], right) {
			rows = append(rows, [2]int{i, i + 1})
			i++
			continue
		}
		rows = append(rows, [2]int{i, -1})
	}
	return rows
}

// formHeadRow is the row of the sign-in sheet's column headers: after the
// title, the header block and a blank row.
func formHeadRow(t exportTable) int { return len(headerRows(t)) + 3 }

// header writes the title across the page and the header block, then a
// blank row. Each line has its label over two columns and its value beside
// it, wrapped, the row as tall as its text.
func (w *formWriter) header() error {
	last := len(w.t.cols)
	if err := w.setRow([]any{excelize.Cell{StyleID: w.fs.title, Value: w.t.title}}, 24, false); err != nil {
		return err
	}
	if err := merge(w.sw, w.row, 1, last); err != nil {
		return err
	}
	half, full := halfColumn(w.t.cols), spanWidth(w.t.cols, 3, last)
	for _, r := range headerRows(w.t) {
		vals := make([]any, last)
		w.headerCell(vals, w.t.header[r[0]], 1)
		if r[1] >= 0 {
			w.headerCell(vals, w.t.header[r[1]], half+1)
			if err := w.headerRow(vals, 1, half, last, formLinePt+2); err != nil {
				return err
			}
			continue
		}
		text, _ := w.t.header[r[0]].value.(string)
		if err := w.headerRow(vals, 1, last, last, float64(wrapLines(text, full))*formLinePt+2); err != nil {
			return err
		}
	}
	return w.setRow(nil, formGapPt, false)
}

// headerCell puts a header line's label at column col (1-based) and its
// value two columns further: a date as a real date cell.
func (w *formWriter) headerCell(vals []any, h headerLine, col int) {
	value := excelize.Cell{StyleID: w.fs.value, Value: h.value}
	if d, ok := h.value.(time.Time); ok {
		value = excelize.Cell{StyleID: w.fs.valueDate, Value: d}
	}
	vals[col-1] = excelize.Cell{StyleID: w.fs.label, Value: h.label + ":"}
	vals[min(col+1, len(vals)-1)] = value
}

// headerRow writes a header row whose first line spans columns from..to
// (label over two, value over the rest) and whose second, if any, runs
// from to+1 to last.
func (w *formWriter) headerRow(vals []any, from, to, last int, height float64) error {
	if err := w.setRow(vals, height, false); err != nil {
		return err
	}
	for _, span := range [][2]int{{from, from + 1}, {from + 2, to}, {to + 1, to + 2}, {to + 3, last}} {
		if span[0] > last || span[1] > last {
			continue
		}
		if err := merge(w.sw, w.row, span[0], span[1]); err != nil {
			return err
		}
	}
	return nil
}

// halfColumn is the last column of the left half of the header block: the
// first after which the columns from the third hold 45 characters.
func halfColumn(cols []column) int {
	for j := 3; j <= len(cols); j++ {
		if spanWidth(cols, 3, j) >= 45 {
			return j
		}
	}
	return len(cols)
}

// spanWidth is the width of columns from..to (1-based, inclusive).
func spanWidth(cols []column, from, to int) float64 {
	w := 0.0
	for j := from; j <= to && j <= len(cols); j++ {
		w += cols[j-1].width
	}
	return w
}

// fitsOneLine reports whether a header line's value takes one line in a
// span of width characters.
func fitsOneLine(h headerLine, width float64) bool {
	text, ok := h.value.(string)
	return !ok || wrapLines(text, width) == 1
}

// table writes the column header row and the bordered data rows.
func (w *formWriter) table(ctx context.Context) (int, error) {
	head := make([]any, len(w.t.cols))
	for j, c := range w.t.cols {
		head[j] = excelize.Cell{StyleID: w.fs.head, Value: c.label}
	}
	if err := w.setRow(head, headHeight(w.t), false); err != nil {
		return 0, err
	}
	w.pages.started = true
	n := 0
	vals := make([]any, len(w.t.cols))
	err := w.t.rows(func(in []any) error {
		n++
		if n%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		for j, c := range w.t.cols {
			var v any
			if j < len(in) {
				v = in[j]
			}
			vals[j] = formValue(v, c, w.fs)
		}
		return w.setRow(vals, formRowHeight(in, w.t.cols), true)
	})
	return n, err
}

// merge joins columns from..to of row into one cell.
func merge(sw *excelize.StreamWriter, row, from, to int) error {
	if to <= from {
		return nil
	}
	a, _ := excelize.CoordinatesToCellName(from, row)
	b, _ := excelize.CoordinatesToCellName(to, row)
	return sw.MergeCell(a, b)
}

// formValue is a bordered cell of the sign-in sheet; an empty value is
// still a bordered cell, so the grid is whole where people write by hand.
func formValue(v any, c column, fs formStyles) excelize.Cell {
	style := fs.text
	switch c.kind {
	case colInt, colShort:
		style = fs.center
	case colID:
		style = fs.id
	case colClock:
		style = fs.clock
	case colDateTime, colDate:
		style = fs.dateTime
	}
	switch x := v.(type) {
	case time.Time:
		if x.IsZero() {
			return excelize.Cell{StyleID: style}
		}
		return excelize.Cell{StyleID: style, Value: excelTime(x)}
	case string, int, float64:
		return excelize.Cell{StyleID: style, Value: x}
	}
	return excelize.Cell{StyleID: style}
}

// formRowHeight is a data row's height: tall enough to sign in, and taller
// when a name or a village wraps onto more lines.
func formRowHeight(vals []any, cols []column) float64 {
	lines := 1
	for j, v := range vals {
		if s, ok := v.(string); ok && j < len(cols) {
			lines = max(lines, wrapLines(s, cols[j].width))
		}
	}
	return math.Max(formRowPt, float64(lines)*formLinePt+6)
}

// headHeight is the column header row's height: its labels wrap.
func headHeight(t exportTable) float64 {
	lines := 2
	for _, c := range t.cols {
		lines = max(lines, wrapLines(c.label, c.width))
	}
	return float64(lines)*formLinePt + 4
}

// signOffLine is one line of the sign-off block: the left and right texts.
type signOffLine struct {
	left, right string
	style       int
}

// signOff writes, under the table, the total (with the place and date line
// on its right), then "prepared by" on the left and the commune's
// confirmation on the right, each with its hint and room to sign. When the
// block would not fit on the page, a page break carries the last two rows
// of the list over with it, so it is never alone on a page.
func (w *formWriter) signOff(lang string) error {
	last := len(w.t.cols)
	rightFrom := max(1, last-2)
	width := spanWidth(w.t.cols, rightFrom, last)
	lines := []signOffLine{
		{w.t.total(), Label(lang, "place_date"), w.fs.total},
		{Label(lang, "prepared_by"), Label(lang, "confirmed_by"), w.fs.signTitle},
		{Label(lang, "sign_name"), Label(lang, "sign_seal"), w.fs.signHint},
	}
	heights := make([]float64, len(lines))
	// The room to sign may run into the bottom margin, which is paper too.
	block := formGapPt + formSignMinPt
	for i, l := range lines {
		heights[i] = float64(wrapLines(l.right, width))*formLinePt + 4
		block += heights[i]
	}
	if w.pages.carry(block) {
		cell, _ := excelize.CoordinatesToCellName(1, w.row-1)
		if err := w.f.InsertPageBreak(w.t.sheet, cell); err != nil {
			return err
		}
	}
	for i, l := range lines {
		vals := make([]any, last)
		vals[0] = excelize.Cell{StyleID: l.style, Value: l.left}
		rstyle := l.style
		if i == 0 {
			rstyle = w.fs.placeDate
		}
		vals[rightFrom-1] = excelize.Cell{StyleID: rstyle, Value: l.right}
		if err := w.setRow(vals, heights[i], false); err != nil {
			return err
		}
		leftTo := min(4, last)
		if i == 0 { // the total runs under the list as far as the date line
			leftTo = rightFrom - 1
		}
		if err := merge(w.sw, w.row, 1, leftTo); err != nil {
			return err
		}
		if err := merge(w.sw, w.row, rightFrom, last); err != nil {
			return err
		}
		if i == 0 {
			if err := w.setRow(nil, formGapPt, false); err != nil {
				return err
			}
		}
	}
	// The room to sign ends the sheet; it never pushes an empty row onto a
	// page of its own.
	room := min(formSignPt, w.pages.room()-1)
	if room < formGapPt {
		return nil
	}
	return w.setRow([]any{excelize.Cell{StyleID: w.fs.signSpace}}, room, false)
}
