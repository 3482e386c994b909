package results

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"kynangso/internal/testclock"
)

// fmtNum renders a number as the CSV export does.
func fmtNum(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// TestCSVResultsEqualStore parses the results CSV back and checks every
// cell of every row against what the store holds, read through other
// paths: the person's record and their history, and the item analysis.
func TestCSVResultsEqualStore(t *testing.T) {
	f := newReportFixture(t)
	ctx := context.Background()
	b, info := export(t, f.s, ExportResults, FormatCSV, ExportOptions{Catalog: f.cat, WithPhone: true})
	recs := csvRecords(t, b)
	h := rowStarting(t, recs, 0, Label("vi", "participant"))
	head := recs[h]
	if len(head) != 12 || head[4] != Label("vi", "phone") {
		t.Fatalf("column header = %q", head)
	}
	data := tableAt(recs, h)
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
		// Every row is a module the person tried: not passed is "Chưa đạt".
		passed := "Chưa đạt"
		if m.Passed {
			passed = "Đạt"
		}
		want := []string{p.ID, name, p.Village, p.Household, p.Phone, m.ID, m.Title,
			strconv.Itoa(m.Attempts), best, last, passed, PrintDate(m.PassedOn)}
		if !slices.Equal(row, want) {
			t.Errorf("row\n %q\nwant (store)\n %q", row, want)
		}
	}
	// The item table: its title, the column header, then one row per item.
	items, err := f.s.ItemAnalysis(ctx, Filter{}, f.cat)
	if err != nil {
		t.Fatal(err)
	}
	i := h + 1 + len(data)
	if recs[i][0] != Label("vi", "items_title") {
		t.Fatalf("after the results: %q; want the item table's title", recs[i])
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
// back: no cell of any sheet holds a formula, the class date and every
// check-in are real dates, every data cell equals what the store holds for
// the people who checked in, and the total equals the class summary.
func TestXLSXAttendanceEqualStore(t *testing.T) {
	f := newReportFixture(t)
	ctx := context.Background()
	for _, s := range []ClassSession{f.s1, f.s2} {
		b, _ := export(t, f.s, ExportAttendance, FormatXLSX, ExportOptions{Filter: Filter{SessionID: s.ID}, Catalog: f.cat})
		x := xlsxOpen(t, b)
		sheet := Label("vi", "sheet_attendance")
		rows := sheetRows(t, x, sheet)
		if headerValue(t, rows, "Lớp học") != s.Title || headerValue(t, rows, "Ngày") != PrintDate(s.Date) {
			t.Errorf("header block = %q", rows[:6])
		}
		if at := cellTime(t, x, sheet, "Ngày:"); at.Format(DateLayout) != s.Date {
			t.Errorf("class date cell = %v; want the date %s", at, s.Date)
		}
		h := rowStarting(t, rows, 0, "STT")
		want := expectedAttendance(t, f, s)
		data := xlsxTable(rows, h)
		if len(data) != len(want) {
			t.Fatalf("%d rows; want %d:\n%q\n%q", len(data), len(want), data, want)
		}
		for i, row := range data {
			cell := fmt.Sprintf("G%d", h+i+2)
			raw, err := x.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			serial, err := strconv.ParseFloat(raw, 64)
			if err != nil {
				t.Fatalf("check-in %s = %q; want a real date", cell, raw)
			}
			at, _ := excelize.ExcelDateToTime(serial, false)
			got := append(slices.Clone(row[:6]), at.Format("2006-01-02 15:04"), row[7], row[8])
			if !slices.Equal(got, want[i]) {
				t.Errorf("row %d\n %q\nwant (store)\n %q", i+1, got, want[i])
			}
		}
		sum, err := f.s.ClassSummary(ctx, Filter{SessionID: s.ID}, f.cat)
		if err != nil {
			t.Fatal(err)
		}
		total := fmt.Sprintf("Tổng số: %d người", sum.Attendance.Total)
		if sum.Attendance.Anonymous > 0 {
			total += fmt.Sprintf(" (trong đó %d người ẩn danh)", sum.Attendance.Anonymous)
		}
		if got := rows[h+1+len(data)]; len(got) == 0 || got[0] != total {
			t.Errorf("line under the table = %q; want %q (the class summary's)", got, total)
		}
	}
}

// cellTime returns the value beside a header label as a date, failing if
// it is not a number (a real date cell).
func cellTime(t *testing.T, x *excelize.File, sheet, label string) time.Time {
	t.Helper()
	cell := valueCell(t, x, sheet, label)
	raw, _ := x.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	serial, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		t.Fatalf("%s (%s) = %q; want a real date", label, cell, raw)
	}
	at, _ := excelize.ExcelDateToTime(serial, false)
	return at
}

// valueCell is the cell of the sign-in sheet's header block that holds the
// value of label: two columns right of it.
func valueCell(t *testing.T, x *excelize.File, sheet, label string) string {
	t.Helper()
	for i, r := range sheetRows(t, x, sheet) {
		for j, c := range r {
			if c == label {
				cell, _ := excelize.CoordinatesToCellName(j+3, i+1)
				return cell
			}
		}
	}
	t.Fatalf("no %q in the sheet", label)
	return ""
}

// expectedAttendance lists a class's sheet rows from the store's own
// records: one row per person (An2 is joined into An), by check-in time;
// "studied" is what they tried a quiz of in the class or read the lesson
// of between checking in and the class's end.
func expectedAttendance(t *testing.T, f *reportFixture, c ClassSession) [][]string {
	ctx := context.Background()
	att, err := f.s.Attendance(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	closed, err := f.s.session(ctx, f.s.db, c.ID)
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
	ids := slices.Collect(maps.Keys(first))
	slices.SortFunc(ids, func(a, b string) int {
		return cmp.Or(first[a].Compare(first[b]), strings.Compare(a, b))
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
				if a.SessionID == c.ID {
					studied = append(studied, a.ModuleID)
					if a.Passed {
						passed = append(passed, a.ModuleID)
					}
				}
			}
			read, err := f.s.LessonProgress(ctx, rec)
			if err != nil {
				t.Fatal(err)
			}
			for m, g := range read {
				if !g.UpdatedAt.Before(first[id]) && g.UpdatedAt.Before(closed.ClosedAt) {
					studied = append(studied, m)
				}
			}
		}
		row := []string{strconv.Itoa(n + 1), p.FullName, strconv.Itoa(p.BirthYear),
			GenderLabel(p.Gender, "vi"), p.Village, p.Household}
		if p.BirthYear == 0 {
			row[2] = ""
		}
		if p.Anonymous || !p.DeletedAt.IsZero() {
			row = []string{strconv.Itoa(n + 1), Label("vi", "anonymous"), "", "", "", ""}
		}
		local := first[id].In(testclock.Zone)
		row = append(row, local.Format("2006-01-02 15:04"), f.cat.Codes(studied), f.cat.Codes(passed))
		out = append(out, row)
	}
	return out
}
