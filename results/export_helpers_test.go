package results

import (
	"bytes"
	"context"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// export runs one export of the store and returns the file's bytes.
func export(t *testing.T, s *Store, kind ExportKind, format Format, opt ExportOptions) ([]byte, ExportInfo) {
	t.Helper()
	var buf bytes.Buffer
	info, err := s.Export(context.Background(), &buf, kind, format, opt)
	if err != nil {
		t.Fatalf("export %s %s: %v", kind, format, err)
	}
	return buf.Bytes(), info
}

// csvRecords parses a CSV export (BOM, CRLF; blank lines are skipped).
func csvRecords(t *testing.T, b []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("\uFEFF")) {
		t.Fatal("no UTF-8 BOM")
	}
	r := csv.NewReader(bytes.NewReader(b[3:]))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// rowStarting returns the index of the first row from `from` whose first
// cell is first, or fails.
func rowStarting(t *testing.T, rows [][]string, from int, first string) int {
	t.Helper()
	for i := from; i < len(rows); i++ {
		if len(rows[i]) > 0 && rows[i][0] == first {
			return i
		}
	}
	t.Fatalf("no row starts with %q:\n%q", first, rows)
	return -1
}

// tableAt returns the rows after the header row at i that are as wide as
// it: the table's data (a total line or the next title ends it).
func tableAt(rows [][]string, i int) [][]string {
	var out [][]string
	for _, r := range rows[i+1:] {
		if len(r) != len(rows[i]) {
			break
		}
		out = append(out, r)
	}
	return out
}

// xlsxTable returns the rows of a sheet after the header row at i, up to
// a blank row or the total line, each widened to the header's width
// (GetRows drops trailing blank cells).
func xlsxTable(rows [][]string, i int) [][]string {
	var out [][]string
	for _, r := range rows[i+1:] {
		if len(r) < 2 || strings.HasPrefix(r[0], "Tổng số:") || strings.HasPrefix(r[0], "Total:") {
			break
		}
		out = append(out, padRow(r, len(rows[i])))
	}
	return out
}

// headerValue finds label in the header block of a sheet's rows (XLSX
// labels end with a colon; two lines can share a row) and returns the
// value beside it.
func headerValue(t *testing.T, rows [][]string, label string) string {
	t.Helper()
	for _, r := range rows {
		for j, c := range r {
			if c != label && c != label+":" {
				continue
			}
			for _, v := range r[j+1:] {
				if v != "" {
					return v
				}
			}
			return ""
		}
	}
	t.Fatalf("no header line %q in %q", label, rows)
	return ""
}

// xlsxOpen opens an XLSX export and fails if any cell holds a formula.
func xlsxOpen(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	assertNoFormulas(t, x)
	return x
}

// sheetRows returns a sheet's rows as displayed (dates formatted).
func sheetRows(t *testing.T, x *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := x.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// padRow widens a row read from a sheet (GetRows drops trailing blanks).
func padRow(r []string, n int) []string {
	r = slices.Clone(r)
	for len(r) < n {
		r = append(r, "")
	}
	return r
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

// joinRows is rows for an error message.
func joinRows(rows [][]string) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, " | ") + "\n")
	}
	return b.String()
}
