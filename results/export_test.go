package results

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"kynangso/internal/safetext"
)

func TestNeutraliseCell(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")", "+84905": "'+84905", "-1": "'-1", "@SUM": "'@SUM",
		"\tx": "'\tx", "\rx": "'\rx", "\nx": "'\nx", "Nguyễn": "Nguyễn", "": "", "a=b": "a=b",
	} {
		if got := NeutraliseCell(in); got != want {
			t.Errorf("NeutraliseCell(%q) = %q; want %q", in, got, want)
		}
	}
}

// hostileNames are stored through the public API, so the store has already
// cleaned them; the export must keep what the store holds and be safe.
var hostileNames = []string{
	`=HYPERLINK("http://evil","bấm")`, "+Hoa+1", "-Lan+3", "@SUM(A1)", "\t=cmd|' /C calc'!A0",
	"Trần \"Bé\" Ba, con", "Dòng\r\nhai", "\x1b[31mĐỏ\x1b[0m", "Nguyễn 🌾 Nông", "Nguye\u0302\u0303n Văn A", // NFD
	"H'Hen Niê\u202e",
}

func hostileStore(t *testing.T) (*Store, []Participant, ClassSession) {
	t.Helper()
	f := newReportFixture(t)
	ctx := context.Background()
	c, err := f.s.OpenSession(ctx, ClassSession{Title: "=Lớp khó", Date: "2026-04-01", Commune: "@Ea Tu"})
	if err != nil {
		t.Fatal(err)
	}
	var ps []Participant
	for i, n := range hostileNames {
		p, err := f.s.CreateParticipant(ctx, Participant{FullName: n, Village: "-Buôn C", Household: "=1+1",
			Phone: "0905" + strings.Repeat("0", i%3), ConsentVersion: ConsentVersion})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.CheckIn(ctx, c.ID, p.ID); err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	return f.s, ps, c
}

func TestCSVAttendanceHostileNames(t *testing.T) {
	s, ps, c := hostileStore(t)
	var buf bytes.Buffer
	info, err := s.Export(context.Background(), &buf, ExportAttendance, FormatCSV,
		ExportOptions{Filter: Filter{SessionID: c.ID}, Catalog: testCatalog("vi"), WithPhone: true})
	if err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if !bytes.HasPrefix(b, []byte("\uFEFF")) {
		t.Fatal("no UTF-8 BOM")
	}
	if n := bytes.Count(b, []byte("\n")); n != bytes.Count(b, []byte("\r\n")) {
		t.Errorf("%d line feeds, only %d after CR", n, bytes.Count(b, []byte("\r\n")))
	}
	r := csv.NewReader(bytes.NewReader(b[3:]))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if recs[1][0] != "Lớp học" || recs[1][1] != "'=Lớp khó" || recs[3][1] != "'@Ea Tu" {
		t.Errorf("header block = %q", recs[:6])
	}
	head := recs[6]
	wantHead := []string{"STT", "Họ và tên", "Năm sinh", "Giới tính", "Thôn/buôn", "Hộ gia đình", "Số điện thoại",
		"Giờ điểm danh", "Bài đã học", "Bài đã đạt", "Ký tên"}
	if strings.Join(head, "|") != strings.Join(wantHead, "|") {
		t.Fatalf("columns = %q", head)
	}
	rows := recs[7:]
	if len(rows) != len(ps) || info.Rows != len(ps) {
		t.Fatalf("%d rows (info %d); want %d", len(rows), info.Rows, len(ps))
	}
	byName := map[string]bool{}
	for _, row := range rows {
		byName[row[1]] = true
		for j, cell := range row {
			if cell != "" && strings.ContainsAny(cell[:1], "=+-@\t\r\n") {
				t.Errorf("cell %d %q starts with a formula character", j, cell)
			}
			if strings.ContainsAny(cell, "\x1b\u202e\r\n") || !norm.NFC.IsNormalString(cell) {
				t.Errorf("cell %q holds a control character or is not NFC", cell)
			}
		}
		if row[4] != "'-Buôn C" || row[5] != "'=1+1" || !strings.HasPrefix(row[6], "0905") || row[7] == "" {
			t.Errorf("row = %q", row)
		}
	}
	for _, p := range ps {
		stored, _ := s.Participant(context.Background(), p.ID)
		if want := NeutraliseCell(safetext.Line(stored.FullName)); !byName[want] {
			t.Errorf("name %q (stored %q) missing from export", want, stored.FullName)
		}
	}
	if !byName["Nguyễn 🌾 Nông"] || !byName[`Trần "Bé" Ba, con`] || !byName["'=HYPERLINK(\"http://evil\",\"bấm\")"] {
		t.Errorf("names not intact: %v", byName)
	}
}

func TestXLSXResultsCellsAndNoFormulas(t *testing.T) {
	f := newReportFixture(t)
	ctx := context.Background()
	var buf bytes.Buffer
	info, err := f.s.Export(ctx, &buf, ExportResults, FormatXLSX, ExportOptions{Catalog: f.cat})
	if err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sheets := x.GetSheetList()
	if strings.Join(sheets, ",") != "Kết quả,Câu hỏi,Tổng hợp" {
		t.Fatalf("sheets = %q", sheets)
	}
	for _, sh := range sheets {
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
	rows, _ := x.GetRows("Kết quả")
	// Title, 5 header lines, blank, column header, then data.
	data := rows[8:]
	// An (m1, m2), Bình (m1, m2), Anon (m1), Chi (m1, m2): 7 person × module rows.
	if len(data) != 7 || info.Rows != 7 {
		t.Fatalf("%d result rows (info %d); want 7:\n%q", len(data), info.Rows, data)
	}
	found := false
	for _, r := range data {
		if r[0] == f.an.ID && r[4] == "m1" {
			found = true
			if r[1] != "Y An Niê" || r[6] != "2" || r[7] != "100" || r[8] != "100" || r[9] != "Có" || r[10] == "" {
				t.Errorf("An m1 row = %q", r)
			}
		}
	}
	if !found {
		t.Error("no row for An × m1")
	}
	if typ, _ := x.GetCellType("Kết quả", "A10"); typ != excelize.CellTypeInlineString {
		t.Errorf("id cell type = %v; want a string", typ)
	}
	items, _ := x.GetRows("Câu hỏi")
	if len(items) != 2+1+3 || items[3][2] != "q1" || items[3][5] != "50" {
		t.Errorf("item sheet = %q", items)
	}
	sum, _ := x.GetRows("Tổng hợp")
	if len(sum) != 3 || sum[1][0] != "Nền tảng" || sum[1][3] != "75" {
		t.Errorf("summary sheet = %q", sum)
	}
}

// TestXLSXCellsHoldExactText checks that hostile names reach the workbook
// exactly as the store holds them: no CSV apostrophe (an XLSX string cell is
// never a formula), every such cell a string, and no formula anywhere.
func TestXLSXCellsHoldExactText(t *testing.T) {
	s, ps, c := hostileStore(t)
	ctx := context.Background()
	var buf bytes.Buffer
	if _, err := s.Export(ctx, &buf, ExportAttendance, FormatXLSX,
		ExportOptions{Filter: Filter{SessionID: c.ID}, Catalog: testCatalog("vi"), WithPhone: true}); err != nil {
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
	if rows[1][1] != "=Lớp khó" || rows[3][1] != "@Ea Tu" {
		t.Errorf("header block = %q; want the class's own text", rows[:6])
	}
	names := map[string]string{}
	for i, row := range rows[8:] {
		names[row[1]] = row[1]
		if row[4] != "-Buôn C" || row[5] != "=1+1" {
			t.Errorf("row %d village/household = %q, %q; want exactly -Buôn C, =1+1", i+1, row[4], row[5])
		}
		for _, col := range []string{"B", "E", "F", "G"} {
			cell := fmt.Sprintf("%s%d", col, i+9)
			if typ, _ := x.GetCellType(sheet, cell); typ != excelize.CellTypeInlineString {
				t.Errorf("%s type = %v; want an inline string", cell, typ)
			}
		}
	}
	for _, p := range ps {
		stored, err := s.Participant(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := safetext.Line(stored.FullName); names[want] != want {
			t.Errorf("name %q missing or changed in the workbook", want)
		}
	}
	if _, ok := names[`=HYPERLINK("http://evil","bấm")`]; !ok {
		t.Errorf("=HYPERLINK name not kept exactly: %q", names)
	}
}
