package results

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// summaryRows orders the modules of the summary sheet: those someone tried
// first, in pack order, then the others. The chart plots the pass rates of
// the first group only, a block of rows, because a spreadsheet draws a
// text cell ("—") in a chart's range as a bar of 0 %, the very thing a
// module nobody tried must not look like.
func summaryRows(mods []ModuleSummary) (rows []ModuleSummary, charted int) {
	for _, m := range mods {
		if m.HasPassRate() {
			rows = append(rows, m)
		}
	}
	charted = len(rows)
	for _, m := range mods {
		if !m.HasPassRate() {
			rows = append(rows, m)
		}
	}
	return rows, charted
}

// summaryValues is a module's row of the summary sheet after its title:
// people who tried, passed, pass rate, average best, attempts. A module
// nobody tried says "chưa học" and "—", never 0 and 0 %.
func summaryValues(m ModuleSummary, lang string) []any {
	dash := Label(lang, "none")
	switch {
	case m.NotTried():
		return []any{Label(lang, "not_studied"), dash, dash, dash, dash}
	case !m.HasPassRate(): // only anonymous practice: no person to count
		return []any{0, dash, dash, dash, m.Attempts}
	}
	var avg any = m.AverageBest
	if !m.HasAverageBest() {
		avg = dash
	}
	return []any{m.Tried, m.Passed, m.PassRate, avg, m.Attempts}
}

// writeSummarySheet writes the "Tổng hợp" sheet: the module table of the
// class summary and a bar chart of the pass rate per module tried.
func writeSummarySheet(f *excelize.File, mods []ModuleSummary, lang string, st xlsxStyles) error {
	sheet := Label(lang, "sheet_summary")
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	heads := []string{"module", "tried", "people_pass", "pass_rate", "avg_best", "attempts"}
	widths := []float64{40, 16, 16, 16, 20, 12}
	// The chart starts in column H and is about 90 column units wide.
	if err := setupPage(f, sheet, pageSetup{width: 120 + 9 + 90, footer: Label(lang, "chart_title"), headRow: 1},
		lang); err != nil {
		return err
	}
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
	rows, charted := summaryRows(mods)
	for i, m := range rows {
		r := i + 2
		if err := f.SetCellStr(sheet, fmt.Sprintf("A%d", r), clean(m.Title)); err != nil {
			return err
		}
		for j, v := range summaryValues(m, lang) {
			cell, _ := excelize.CoordinatesToCellName(j+2, r)
			if err := f.SetCellValue(sheet, cell, v); err != nil {
				return err
			}
			if _, text := v.(string); text {
				if err := f.SetCellStyle(sheet, cell, cell, st.right); err != nil {
					return err
				}
			}
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if charted == 0 {
		if len(rows) == 0 {
			return nil
		}
		return f.SetCellStr(sheet, "H2", Label(lang, "chart_none"))
	}
	return addPassRateChart(f, sheet, charted, lang)
}

// addPassRateChart draws the pass rate of the first n modules, 0 to 100 %.
func addPassRateChart(f *excelize.File, sheet string, n int, lang string) error {
	ref := fmt.Sprintf("'%s'!", sheet)
	last := n + 1
	return f.AddChart(sheet, "H2", &excelize.Chart{
		Type: excelize.Bar,
		Series: []excelize.ChartSeries{{
			Name:       ref + "$D$1",
			Categories: fmt.Sprintf("%s$A$2:$A$%d", ref, last),
			Values:     fmt.Sprintf("%s$D$2:$D$%d", ref, last),
		}},
		Title:    excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: Label(lang, "chart_title")}}},
		Legend:   excelize.ChartLegend{Position: "none"},
		YAxis:    excelize.ChartAxis{Maximum: ptr(100.0), Minimum: ptr(0.0)},
		Format:   excelize.GraphicOptions{ScaleX: 1.3, ScaleY: 1.2},
		PlotArea: excelize.ChartPlotArea{ShowVal: true},
	})
}

func ptr[T any](v T) *T { return &v }
