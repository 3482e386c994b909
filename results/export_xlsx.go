package results

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"
)

// xlsxStyles are the cell styles of an export workbook.
type xlsxStyles struct {
	title, bold, text, date, dateTime, pct int
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
	mk(&st.date, &excelize.Style{CustomNumFmt: &dateFmt})
	mk(&st.dateTime, &excelize.Style{CustomNumFmt: &dateTimeFmt})
	mk(&st.pct, &excelize.Style{NumFmt: 2}) // 0.00
	return st, err
}

// writeXLSX writes one streamed sheet per table and the summary sheet with
// its chart. User text is only ever written as string cells (inline or
// shared strings), never as formulas, so a name such as "=HYPERLINK(...)"
// is shown as typed and never run; unlike CSV, where a reader guesses the
// type of every field, no leading apostrophe is needed, and the cell holds
// exactly the stored text. It returns the main table's row count.
func writeXLSX(ctx context.Context, w io.Writer, b *exportBook, lang string) (int, error) {
	f := excelize.NewFile()
	defer f.Close()
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
		rows, err := writeSheet(ctx, f, t, st)
		if err != nil {
			return 0, fmt.Errorf("sheet %s: %w", t.sheet, err)
		}
		if t.main {
			n = rows
		}
	}
	if err := writeSummarySheet(f, b.summary, lang, st); err != nil {
		return 0, fmt.Errorf("summary sheet: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return 0, err
	}
	return n, nil
}

// writeSheet streams one table into its sheet: title, header block, bold
// frozen header row, then typed data rows.
func writeSheet(ctx context.Context, f *excelize.File, t exportTable, st xlsxStyles) (int, error) {
	sw, err := f.NewStreamWriter(t.sheet)
	if err != nil {
		return 0, err
	}
	for j, c := range t.cols {
		if err := sw.SetColWidth(j+1, j+1, c.width); err != nil {
			return 0, err
		}
	}
	// The frozen pane must be declared before the first row is written.
	headRow := 1 + len(t.header)
	if t.title != "" {
		headRow++
	}
	if headRow > 1 {
		headRow++ // a blank line before the table
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: headRow, TopLeftCell: "A" + fmt.Sprint(headRow+1),
		ActivePane: "bottomLeft"}); err != nil {
		return 0, err
	}
	row := 1
	if t.title != "" {
		if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: st.title, Value: t.title}}); err != nil {
			return 0, err
		}
		row++
	}
	for _, h := range t.header {
		cell, _ := excelize.CoordinatesToCellName(1, row)
		if err := sw.SetRow(cell, []any{excelize.Cell{StyleID: st.bold, Value: h[0]},
			h[1]}); err != nil {
			return 0, err
		}
		row++
	}
	row = headRow
	head := make([]any, len(t.cols))
	for j, c := range t.cols {
		head[j] = excelize.Cell{StyleID: st.bold, Value: c.label}
	}
	cell, _ := excelize.CoordinatesToCellName(1, row)
	if err := sw.SetRow(cell, head, excelize.RowOpts{Height: 32}); err != nil {
		return 0, err
	}
	n := 0
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
	return n, sw.Flush()
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
		// Excel has no time zones: write the local wall-clock time.
		wall := time.Date(x.Year(), x.Month(), x.Day(), x.Hour(), x.Minute(), x.Second(), 0, time.UTC)
		style := st.date
		if kind == colDateTime {
			style = st.dateTime
		}
		return excelize.Cell{StyleID: style, Value: wall}
	}
	return fmt.Sprint(v)
}

// writeSummarySheet writes the "Tổng hợp" sheet: the module table of the
// class summary and a bar chart of the pass rate per module.
func writeSummarySheet(f *excelize.File, mods []ModuleSummary, lang string, st xlsxStyles) error {
	sheet := Label(lang, "sheet_summary")
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	heads := []string{"module", "tried", "people_pass", "pass_rate", "avg_best", "attempts"}
	widths := []float64{40, 16, 16, 16, 20, 12}
	for j, h := range heads {
		cell, _ := excelize.CoordinatesToCellName(j+1, 1)
		if err := f.SetCellStr(sheet, cell, Label(lang, h)); err != nil {
			return err
		}
		col, _ := excelize.ColumnNumberToName(j + 1)
		if err := f.SetColWidth(sheet, col, col, widths[j]); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheet, "A1", "F1", st.bold); err != nil {
		return err
	}
	for i, m := range mods {
		r := i + 2
		vals := []any{m.Tried, m.Passed, m.PassRate, m.AverageBest, m.Attempts}
		if err := f.SetCellStr(sheet, fmt.Sprintf("A%d", r), clean(m.Title)); err != nil {
			return err
		}
		for j, v := range vals {
			cell, _ := excelize.CoordinatesToCellName(j+2, r)
			if err := f.SetCellValue(sheet, cell, v); err != nil {
				return err
			}
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if len(mods) == 0 {
		return nil
	}
	ref := fmt.Sprintf("'%s'!", sheet)
	last := len(mods) + 1
	return f.AddChart(sheet, "H2", &excelize.Chart{
		Type: excelize.Bar,
		Series: []excelize.ChartSeries{{
			Name:       ref + "$D$1",
			Categories: fmt.Sprintf("%s$A$2:$A$%d", ref, last),
			Values:     fmt.Sprintf("%s$D$2:$D$%d", ref, last),
		}},
		Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: Label(lang, "chart_title")}}},
		Legend: excelize.ChartLegend{Position: "none"},
		YAxis:  excelize.ChartAxis{Maximum: ptr(100.0), Minimum: ptr(0.0)},
		Format: excelize.GraphicOptions{ScaleX: 1.3, ScaleY: 1.2},
	})
}

func ptr[T any](v T) *T { return &v }
