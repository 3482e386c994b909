package results

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"
)

// xlsxFont is the workbook's font: the one Vietnamese administrative
// papers are printed in, present on every Windows laptop; LibreOffice
// substitutes the metric-compatible Liberation Serif.
const xlsxFont = "Times New Roman"

// xlsxStyles are the cell styles of an export workbook: the plain ones of
// the results and summary sheets and the bordered ones of the sign-in sheet
// (form).
type xlsxStyles struct {
	title, bold, text, date, dateTime, pct, right int
	form                                          formStyles
}

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	var st xlsxStyles
	var err error
	mk := func(dst *int, s *excelize.Style) {
		if err == nil {
			*dst, err = f.NewStyle(s)
		}
	}
	dateFmt, dateTimeFmt := "dd/mm/yyyy", "dd/mm/yyyy hh:mm"
	mk(&st.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	mk(&st.bold, &excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	mk(&st.text, &excelize.Style{NumFmt: 49}) // "@": typed values stay text
	mk(&st.date, &excelize.Style{CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Horizontal: "left"}})
	mk(&st.dateTime, &excelize.Style{CustomNumFmt: &dateTimeFmt})
	mk(&st.pct, &excelize.Style{NumFmt: 2}) // 0.00
	mk(&st.right, &excelize.Style{Alignment: &excelize.Alignment{Horizontal: "right"}})
	if err != nil {
		return st, err
	}
	st.form, err = newFormStyles(f)
	return st, err
}

// writeXLSX writes one streamed sheet per table and the summary sheet with
// its chart. User text is only ever written as string cells (inline or
// shared strings), never as formulas, so a name such as "=HYPERLINK(...)"
// is shown as typed and never run; unlike CSV, where a reader guesses the
// type of every field, no leading apostrophe is needed, and the cell holds
// exactly the stored text. It returns the main table's row count.
func writeXLSX(ctx context.Context, w io.Writer, b *exportBook) (int, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDefaultFont(xlsxFont); err != nil {
		return 0, err
	}
	if err := setDocProps(f, b); err != nil {
		return 0, fmt.Errorf("document properties: %w", err)
	}
	st, err := newXLSXStyles(f)
	if err != nil {
		return 0, err
	}
	n := 0
	for i, t := range b.tables {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", t.sheet); err != nil {
				return 0, err
			}
		} else if _, err := f.NewSheet(t.sheet); err != nil {
			return 0, err
		}
		rows, err := writeSheet(ctx, f, t, st, b.lang)
		if err != nil {
			return 0, fmt.Errorf("sheet %s: %w", t.sheet, err)
		}
		if t.main {
			n = rows
		}
	}
	if err := writeSummarySheet(f, b.summary, b.lang, st); err != nil {
		return 0, fmt.Errorf("summary sheet: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return 0, err
	}
	return n, nil
}

// setDocProps replaces the library's defaults (creator "xuri", created in
// 2006, application "Go Excelize") with ours: who made the file, what it
// is, when (the store's clock) and in which language.
func setDocProps(f *excelize.File, b *exportBook) error {
	when := b.created.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator: "kynangso", LastModifiedBy: "kynangso", Title: b.title, Subject: b.subject,
		Language: Label(b.lang, "doc_language"),
		Created:  when, Modified: when,
	}); err != nil {
		return err
	}
	return f.SetAppProps(&excelize.AppProperties{Application: "kynangso"})
}

// headRowOf is the row of a table's column headers: after the title, the
// header block and a blank line.
func headRowOf(t exportTable) int {
	row := 1 + len(t.header)
	if t.title != "" {
		row++
	}
	if row > 1 {
		row++ // a blank line before the table
	}
	return row
}

// writeSheet streams one table into its sheet: page setup, title, header
// block, frozen header row (repeated on every printed page), typed data
// rows, then the total. The sign-in sheet has its own writer (formWriter).
func writeSheet(ctx context.Context, f *excelize.File, t exportTable, st xlsxStyles, lang string) (int, error) {
	if t.form {
		return writeFormSheet(ctx, f, t, st.form, lang)
	}
	headRow := headRowOf(t)
	sw, err := startSheet(f, t, headRow, lang)
	if err != nil {
		return 0, err
	}
	if err := writePlainHeader(sw, t, st); err != nil {
		return 0, err
	}
	head := make([]any, len(t.cols))
	for j, c := range t.cols {
		head[j] = excelize.Cell{StyleID: st.bold, Value: c.label}
	}
	cell, _ := excelize.CoordinatesToCellName(1, headRow)
	if err := sw.SetRow(cell, head, excelize.RowOpts{Height: headHeight(t)}); err != nil {
		return 0, err
	}
	row, n := headRow, 0
	vals := make([]any, len(t.cols))
	err = t.rows(func(in []any) error {
		row++
		n++
		if n%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		for j, c := range t.cols {
			vals[j] = nil
			if j < len(in) {
				vals[j] = xlsxValue(in[j], c.kind, st)
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, row)
		return sw.SetRow(cell, vals)
	})
	if err != nil {
		return 0, err
	}
	if t.total != nil {
		cell, _ := excelize.CoordinatesToCellName(1, row+2)
		if err := sw.SetRow(cell, []any{excelize.Cell{StyleID: st.title, Value: t.total()}}); err != nil {
			return 0, err
		}
	}
	return n, sw.Flush()
}

// startSheet sets up a table's sheet for printing and starts its stream
// with the column widths and the frozen header row.
func startSheet(f *excelize.File, t exportTable, headRow int, lang string) (*excelize.StreamWriter, error) {
	width := 0.0
	for _, c := range t.cols {
		width += c.width
	}
	// Page setup and sheet properties are read when the stream starts.
	if err := setupPage(f, t.sheet, pageSetup{width: width, footer: docTitle(t.title, t.header), headRow: headRow},
		lang); err != nil {
		return nil, fmt.Errorf("page setup: %w", err)
	}
	sw, err := f.NewStreamWriter(t.sheet)
	if err != nil {
		return nil, err
	}
	for j, c := range t.cols {
		if err := sw.SetColWidth(j+1, j+1, c.width); err != nil {
			return nil, err
		}
	}
	// The frozen pane must be declared before the first row is written.
	err = sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: headRow, TopLeftCell: "A" + fmt.Sprint(headRow+1),
		ActivePane: "bottomLeft"})
	return sw, err
}

// writePlainHeader writes the title and the "label | value" lines of a
// results sheet.
func writePlainHeader(sw *excelize.StreamWriter, t exportTable, st xlsxStyles) error {
	row := 1
	if t.title != "" {
		if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: st.title, Value: t.title}}); err != nil {
			return err
		}
		row++
	}
	for _, h := range t.header {
		cell, _ := excelize.CoordinatesToCellName(1, row)
		value := h.value
		if d, ok := value.(time.Time); ok {
			value = excelize.Cell{StyleID: st.date, Value: d}
		}
		if err := sw.SetRow(cell, []any{excelize.Cell{StyleID: st.bold, Value: h.label}, value}); err != nil {
			return err
		}
		row++
	}
	return nil
}

// xlsxValue turns a row value into a typed cell: strings as text (inline
// strings, never formulas, so they are not prefixed like CSV cells),
// numbers as numbers, times as real dates.
func xlsxValue(v any, kind colKind, st xlsxStyles) any {
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		if kind == colID {
			return excelize.Cell{StyleID: st.text, Value: x}
		}
		return x
	case int:
		return x
	case float64:
		return x
	case time.Time:
		if x.IsZero() {
			return nil
		}
		style := st.date
		if kind == colDateTime || kind == colClock {
			style = st.dateTime
		}
		return excelize.Cell{StyleID: style, Value: excelTime(x)}
	}
	return fmt.Sprint(v)
}

// excelTime is t's local date and time as a zone-less value: Excel has no
// time zones, so a cell holds the time as read on the laptop's clock.
func excelTime(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}
