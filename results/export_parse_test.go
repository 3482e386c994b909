package results

import (
	"kynangso/internal/testclock"

	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// fmtNum renders a number as the CSV export does.
func fmtNum(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// TestCSVResultsEqualStore parses the results CSV back and checks every
// cell of every row against what the store holds, read through other
// paths: the person's record and their history, and the item analysis.
func TestCSVResultsEqualStore(t *testing.T) {
	f := newReportFixture(t)
	ctx := context.Background()
	var buf bytes.Buffer
	info, err := f.s.Export(ctx, &buf, ExportResults, FormatCSV, ExportOptions{Catalog: f.cat, WithPhone: true})
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\uFEFF"))))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// Title, five header lines, the column header, then data until the
	// item table's title (blank lines are skipped by encoding/csv).
	head := recs[6]
	if len(head) != 12 || head[0] != Label("vi", "participant") || head[4] != Label("vi", "phone") {
		t.Fatalf("column header = %q", head)
	}
	var data [][]string
	i := 7
	for ; i < len(recs) && len(recs[i]) == len(head); i++ {
		data = append(data, recs[i])
	}
	if len(data) != 7 || info.Rows != 7 {
		t.Fatalf("%d result rows (info %d); want 7: %q", len(data), info.Rows, data)
	}
	for _, row := range data {
		p, err := f.s.Participant(ctx, row[0])
		if err != nil {
			t.Fatalf("row %q: %v", row, err)
		}
		h, err := f.s.ParticipantHistory(ctx, row[0], f.cat)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(h.Modules, func(m ModuleHistory) bool { return m.ID == row[5] })
		if i < 0 {
			t.Fatalf("row %q: module not in the person's history", row)
		}
		m := h.Modules[i]
		name := p.FullName
		if p.Anonymous {
			name = Label("vi", "anonymous")
		}
		best, last := "", ""
		if m.Finished > 0 {
			best, last = fmtNum(m.BestPercent), fmtNum(m.LastPercent)
		}
		passed := Label("vi", "no")
		if m.Passed {
			passed = Label("vi", "yes")
		}
		want := []string{p.ID, name, p.Village, p.Household, p.Phone, m.ID, m.Title,
			strconv.Itoa(m.Attempts), best, last, passed, m.PassedOn}
		if !slices.Equal(row, want) {
			t.Errorf("row\n %q\nwant (store)\n %q", row, want)
		}
	}
	// The item table: its title, the column header, then one row per item.
	items, err := f.s.ItemAnalysis(ctx, Filter{}, f.cat)
	if err != nil {
		t.Fatal(err)
	}
	rest := recs[i+2:]
	if len(rest) != len(items.Items) {
		t.Fatalf("%d item rows; want %d: %q", len(rest), len(items.Items), rest)
	}
	for k, st := range items.Items {
		want := []string{st.Module.ID, st.Module.Title, st.Question.ID, st.Question.Prompt,
			strconv.Itoa(st.Answered), fmtNum(st.PercentCorrect), "", "", "", st.ChoiceCounts()}
		if w := st.TopWrong; w != nil {
			want[6], want[7], want[8] = strings.Join(w.Choices, ","), w.Text, strconv.Itoa(w.Count)
		}
		if !slices.Equal(rest[k], want) {
			t.Errorf("item row %d\n %q\nwant\n %q", k, rest[k], want)
		}
	}
}

// TestXLSXAttendanceEqualStore parses the attendance workbook of one class
// back: no cell of any sheet holds a formula, and every data cell equals
// what the store holds for the people who checked in.
func TestXLSXAttendanceEqualStore(t *testing.T) {
	f := newReportFixture(t)
	ctx := context.Background()
	var buf bytes.Buffer
	if _, err := f.s.Export(ctx, &buf, ExportAttendance, FormatXLSX,
		ExportOptions{Filter: Filter{SessionID: f.s1.ID}, Catalog: f.cat}); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	assertNoFormulas(t, x)
	sheet := Label("vi", "sheet_attendance")
	rows, err := x.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if rows[1][1] != f.s1.Title || rows[2][1] != f.s1.Date {
		t.Errorf("header block = %q", rows[:6])
	}
	want := expectedAttendance(t, f)
	data := rows[8:]
	if len(data) != len(want) {
		t.Fatalf("%d rows; want %d:\n%q\n%q", len(data), len(want), data, want)
	}
	for i, row := range data {
		for len(row) < 9 {
			row = append(row, "")
		}
		cell := fmt.Sprintf("G%d", i+9)
		raw, err := x.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		serial, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			t.Fatalf("check-in %s = %q; want a real date", cell, raw)
		}
		at, _ := excelize.ExcelDateToTime(serial, false)
		got := append([]string{row[0]}, row[1:6]...)
		got = append(got, at.Format("2006-01-02 15:04"), row[7], row[8])
		if !slices.Equal(got, want[i]) {
			t.Errorf("row %d\n %q\nwant (store)\n %q", i+1, got, want[i])
		}
	}
}

// expectedAttendance lists class S1's sheet rows from the store's own
// records: one row per person (An2 is joined into An), by check-in time.
func expectedAttendance(t *testing.T, f *reportFixture) [][]string {
	ctx := context.Background()
	att, err := f.s.Attendance(ctx, f.s1.ID)
	if err != nil {
		t.Fatal(err)
	}
	canon := func(id string) string {
		if id == f.an2.ID {
			return f.an.ID
		}
		return id
	}
	first := map[string]time.Time{}
	for _, a := range att {
		id := canon(a.ParticipantID)
		if at, ok := first[id]; !ok || a.CheckedInAt.Before(at) {
			first[id] = a.CheckedInAt
		}
	}
	ids := make([]string, 0, len(first))
	for id := range first {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int {
		if c := first[a].Compare(first[b]); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	var out [][]string
	for n, id := range ids {
		p, err := f.s.Participant(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var studied, passed []string
		for _, rec := range []string{id, f.an2.ID} {
			if rec == f.an2.ID && id != f.an.ID {
				continue
			}
			as, err := f.s.Attempts(ctx, rec)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range as {
				if a.SessionID == f.s1.ID {
					studied = append(studied, a.ModuleID)
					if a.Passed {
						passed = append(passed, a.ModuleID)
					}
				}
			}
		}
		row := []string{strconv.Itoa(n + 1), p.FullName, strconv.Itoa(p.BirthYear),
			GenderLabel(p.Gender, "vi"), p.Village, p.Household}
		if p.Anonymous || !p.DeletedAt.IsZero() {
			row = []string{strconv.Itoa(n + 1), Label("vi", "anonymous"), "", "", "", ""}
		}
		local := first[id].In(testclock.Zone)
		row = append(row, local.Format("2006-01-02 15:04"), f.cat.titles(studied), f.cat.titles(passed))
		out = append(out, row)
	}
	return out
}

// assertNoFormulas fails if any cell of any sheet holds a formula.
func assertNoFormulas(t *testing.T, x *excelize.File) {
	t.Helper()
	for _, sh := range x.GetSheetList() {
		rows, err := x.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for i, row := range rows {
			for j := range row {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if fm, _ := x.GetCellFormula(sh, cell); fm != "" {
					t.Errorf("%s!%s holds formula %q", sh, cell, fm)
				}
			}
		}
	}
}
