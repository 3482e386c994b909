package results

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
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
	b, info := export(t, s, ExportAttendance, FormatCSV,
		ExportOptions{Filter: Filter{SessionID: c.ID}, Catalog: testCatalog("vi"), WithPhone: true})
	if n := bytes.Count(b, []byte("\n")); n != bytes.Count(b, []byte("\r\n")) {
		t.Errorf("%d line feeds, only %d after CR", n, bytes.Count(b, []byte("\r\n")))
	}
	recs := csvRecords(t, b)
	if recs[1][0] != "Lớp học" || recs[1][1] != "'=Lớp khó" || headerValue(t, recs, "Xã/phường") != "'@Ea Tu" {
		t.Errorf("header block = %q", recs[:6])
	}
	if d := headerValue(t, recs, "Ngày"); d != "01/04/2026" {
		t.Errorf("class date = %q; want 01/04/2026 (dd/mm/yyyy)", d)
	}
	h := rowStarting(t, recs, 0, "STT")
	head := recs[h]
	wantHead := []string{"STT", "Họ và tên", "Năm sinh", "Giới tính", "Thôn/buôn", "Hộ gia đình", "Số điện thoại",
		"Giờ điểm danh", "Bài đã học", "Bài đã đạt", "Ký tên"}
	if strings.Join(head, "|") != strings.Join(wantHead, "|") {
		t.Fatalf("columns = %q", head)
	}
	rows := tableAt(recs, h)
	if len(rows) != len(ps) || info.Rows != len(ps) {
		t.Fatalf("%d rows (info %d); want %d", len(rows), info.Rows, len(ps))
	}
	if total := recs[h+1+len(rows)]; len(total) != 1 || total[0] != fmt.Sprintf("Tổng số: %d người", len(ps)) {
		t.Errorf("line under the table = %q; want the total", total)
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
		if row[4] != "'-Buôn C" || row[5] != "'=1+1" || !strings.HasPrefix(row[6], "0905") ||
			!printDateTimeRE.MatchString(row[7]) || row[8] != "—" {
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

// printDateTimeRE is a date and time as people read them: 01/04/2026 09:00.
var printDateTimeRE = regexp.MustCompile(`^\d\d/\d\d/\d{4} \d\d:\d\d$`)

func TestXLSXResultsCellsAndNoFormulas(t *testing.T) {
	f := newReportFixture(t)
	b, info := export(t, f.s, ExportResults, FormatXLSX, ExportOptions{Catalog: f.cat})
	x := xlsxOpen(t, b)
	sheets := x.GetSheetList()
	if strings.Join(sheets, ",") != "Kết quả,Câu hỏi,Tổng hợp" {
		t.Fatalf("sheets = %q", sheets)
	}
	rows := sheetRows(t, x, "Kết quả")
	h := rowStarting(t, rows, 0, Label("vi", "participant"))
	data := xlsxTable(rows, h)
	// An (m1, m2), Bình (m1, m2), Anon (m1), Chi (m1, m2): 7 person × module rows.
	if len(data) != 7 || info.Rows != 7 {
		t.Fatalf("%d result rows (info %d); want 7:\n%s", len(data), info.Rows, joinRows(rows))
	}
	found := false
	for _, r := range data {
		if r[9] != "Đạt" && r[9] != "Chưa đạt" {
			t.Errorf("result %q; want Đạt or Chưa đạt (every row is a module tried)", r[9])
		}
		if r[0] == f.an.ID && r[4] == "m1" {
			found = true
			if r[1] != "Y An Niê" || r[6] != "2" || r[7] != "100" || r[8] != "100" || r[9] != "Đạt" || r[10] != "14/03/2026" {
				t.Errorf("An m1 row = %q", r)
			}
		}
	}
	if !found {
		t.Error("no row for An × m1")
	}
	if typ, _ := x.GetCellType("Kết quả", fmt.Sprintf("A%d", h+2)); typ != excelize.CellTypeInlineString {
		t.Errorf("id cell type = %v; want a string", typ)
	}
	items := sheetRows(t, x, "Câu hỏi")
	ih := rowStarting(t, items, 0, Label("vi", "module_id"))
	if it := xlsxTable(items, ih); len(it) != 3 || it[0][2] != "q1" || it[0][5] != "50" {
		t.Errorf("item sheet = %q", items)
	}
	sum := sheetRows(t, x, "Tổng hợp")
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
	b, _ := export(t, s, ExportAttendance, FormatXLSX,
		ExportOptions{Filter: Filter{SessionID: c.ID}, Catalog: testCatalog("vi"), WithPhone: true})
	x := xlsxOpen(t, b)
	sheet := Label("vi", "sheet_attendance")
	rows := sheetRows(t, x, sheet)
	if headerValue(t, rows, "Lớp học") != "=Lớp khó" || headerValue(t, rows, "Xã/phường") != "@Ea Tu" {
		t.Errorf("header block = %q; want the class's own text", rows[:6])
	}
	h := rowStarting(t, rows, 0, "STT")
	names := map[string]string{}
	for i, row := range xlsxTable(rows, h) {
		names[row[1]] = row[1]
		if row[4] != "-Buôn C" || row[5] != "=1+1" {
			t.Errorf("row %d village/household = %q, %q; want exactly -Buôn C, =1+1", i+1, row[4], row[5])
		}
		for _, col := range []string{"B", "E", "F", "G"} {
			cell := fmt.Sprintf("%s%d", col, h+i+2)
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
