package results

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"kynangso/quiz"
)

// TestSignInSheetPageSetup checks what makes the sign-in sheet print as a
// real sign-in sheet, from the file itself: A4 landscape at a zoom that
// fits the columns across, the header row repeated on every page, borders
// on every cell of the table (the empty "Ký tên" cells too), rows tall
// enough to sign in, the class date a real date cell, the total and the
// sign-off block under the table, and document properties set by us.
func TestSignInSheetPageSetup(t *testing.T) {
	f := newReportFixture(t)
	before := f.s.Now()
	b, _ := export(t, f.s, ExportAttendance, FormatXLSX, ExportOptions{Filter: Filter{SessionID: f.s1.ID}, Catalog: f.cat})
	after := f.s.Now()
	x := xlsxOpen(t, b)
	sheet := Label("vi", "sheet_attendance")
	page, err := x.GetPageLayout(sheet)
	if err != nil {
		t.Fatal(err)
	}
	width := 0.0
	for col := 1; col <= 10; col++ {
		name, _ := excelize.ColumnNumberToName(col)
		w, _ := x.GetColWidth(sheet, name)
		width += w
	}
	if *page.Size != 9 || *page.Orientation != "landscape" || *page.AdjustTo != printScale(width) || *page.AdjustTo < 95 {
		t.Errorf("page = size %d, %s, zoom %d%%; want A4 (9) landscape at %d%% (columns %.0f wide)",
			*page.Size, *page.Orientation, *page.AdjustTo, printScale(width), width)
	}
	if sign, _ := x.GetColWidth(sheet, "J"); sign < 20 || width > 145 {
		t.Errorf("Ký tên is %.0f wide and the columns %.0f; want at least 20, at most 145 in all", sign, width)
	}
	rows := sheetRows(t, x, sheet)
	h := rowStarting(t, rows, 0, "STT")
	if padRow(rows[h], 10)[9] != "Ký tên" {
		t.Fatalf("header row = %q", rows[h])
	}
	titles := ""
	for _, d := range x.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" && d.Scope == sheet {
			titles = d.RefersTo
		}
	}
	if want := fmt.Sprintf("'%s'!$%d:$%d", sheet, h+1, h+1); titles != want {
		t.Errorf("print titles = %q; want %q (the header row on every page)", titles, want)
	}
	data := xlsxTable(rows, h)
	for i := range data {
		r := h + 2 + i
		for _, col := range []string{"A", "B", "G", "J"} {
			if !bordered(t, x, sheet, fmt.Sprintf("%s%d", col, r)) {
				t.Errorf("%s%d has no border on every side", col, r)
			}
		}
		if ht, _ := x.GetRowHeight(sheet, r); ht < formRowPt {
			t.Errorf("row %d is %.0f pt high; want at least %.0f to sign in", r, ht, formRowPt)
		}
	}
	if !dateCell(t, x, sheet, "Ngày:", "dd/mm/yyyy") {
		t.Error("the class date is not a date cell shown dd/mm/yyyy")
	}
	rest := rows[h+1+len(data):]
	var under []string
	for _, r := range rest {
		under = append(under, strings.Join(r, " "))
	}
	text := strings.Join(under, "\n")
	for _, want := range []string{"Tổng số: 4 người (trong đó 2 người ẩn danh)", "…………………, ngày …… tháng …… năm ………",
		"NGƯỜI LẬP DANH SÁCH", "(Ký, ghi rõ họ tên)", "XÁC NHẬN CỦA UBND XÃ/PHƯỜNG", "(Ký tên, đóng dấu)"} {
		if !strings.Contains(text, want) {
			t.Errorf("under the table there is no %q:\n%s", want, text)
		}
	}
	assertDocProps(t, x, b, "vi", "Danh sách điểm danh – Lớp buôn A – 10/03/2026", before, after)
}

// assertDocProps checks the document properties are ours: creator, title,
// subject, language, and created/modified from the store's clock.
func assertDocProps(t *testing.T, x *excelize.File, raw []byte, lang, title string, before, after time.Time) {
	t.Helper()
	p, err := x.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	created, err := time.Parse(time.RFC3339, p.Created)
	if err != nil || created.Before(before.Truncate(time.Second)) || created.After(after) || p.Modified != p.Created {
		t.Errorf("created %q, modified %q; want the store's clock, between %v and %v", p.Created, p.Modified, before, after)
	}
	if p.Creator != "kynangso" || p.LastModifiedBy != "kynangso" || p.Title != title || p.Subject == "" ||
		p.Language != Label(lang, "doc_language") {
		t.Errorf("document properties = %+v; want ours, titled %q", p, title)
	}
	app, err := x.GetAppProps()
	if err != nil || app.Application != "kynangso" {
		t.Errorf("application = %q (%v); want kynangso", app.Application, err)
	}
	for _, part := range []string{"docProps/core.xml", "docProps/app.xml"} {
		if s := zipPart(t, raw, part); strings.Contains(s, "xuri") || strings.Contains(s, "2006-09-16") ||
			strings.Contains(s, "Go Excelize") {
			t.Errorf("%s keeps the library's defaults:\n%s", part, s)
		}
	}
}

// bordered reports whether a cell has a border on all four sides.
func bordered(t *testing.T, x *excelize.File, sheet, cell string) bool {
	t.Helper()
	id, err := x.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := x.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	sides := map[string]bool{}
	for _, b := range st.Border {
		if b.Style > 0 {
			sides[b.Type] = true
		}
	}
	return len(sides) == 4
}

// dateCell reports whether the value beside label is a number shown with
// the date format layout.
func dateCell(t *testing.T, x *excelize.File, sheet, label, layout string) bool {
	t.Helper()
	cell := valueCell(t, x, sheet, label)
	raw, _ := x.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if _, err := strconv.ParseFloat(raw, 64); err != nil {
		return false
	}
	id, _ := x.GetCellStyle(sheet, cell)
	st, _ := x.GetStyle(id)
	return st.CustomNumFmt != nil && *st.CustomNumFmt == layout
}

// zipPart returns one part of an XLSX file as text.
func zipPart(t *testing.T, raw []byte, name string) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		if f.Name == name {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			b, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("no part %s", name)
	return ""
}

// TestSummarySheetNotTriedIsNotFailed checks the "Tổng hợp" sheet against
// the class summary, module by module: a module nobody tried says "chưa
// học" and "—", never 0 and 0 %; one practised only anonymously has no pass
// rate; one tried and never finished has no average. The chart plots the
// pass rates of the modules tried only, so no bar of 0 % stands for a
// module nobody studied.
func TestSummarySheetNotTriedIsNotFailed(t *testing.T) {
	f := newReportFixture(t)
	ctx := context.Background()
	cat := f.cat
	for _, id := range []string{"m3", "m4", "m5"} {
		cat.Modules = append(cat.Modules, ModuleInfo{ID: id, Skill: 3, Title: quiz.Text{"vi": "Bài " + id, "en": "Module " + id}})
	}
	if _, err := f.s.StartAttempt(ctx, Attempt{ModuleID: "m4", QuestionIDs: []string{"x"}}); err != nil {
		t.Fatal(err) // practice with no person: counted, but by nobody
	}
	if _, err := f.s.StartAttempt(ctx, Attempt{ParticipantID: f.chi.ID, ModuleID: "m5", QuestionIDs: []string{"x"}}); err != nil {
		t.Fatal(err) // tried, not finished
	}
	b, _ := export(t, f.s, ExportResults, FormatXLSX, ExportOptions{Catalog: cat})
	x := xlsxOpen(t, b)
	sum := sheetRows(t, x, "Tổng hợp")
	want := map[string][]string{
		"Nền tảng": {"Nền tảng", "4", "3", "75", "75", "6"},
		"Mua sắm":  {"Mua sắm", "3", "1", "33.3", "50", "3"},
		"Bài m5":   {"Bài m5", "1", "0", "0", "—", "1"},
		"Bài m3":   {"Bài m3", "chưa học", "—", "—", "—", "—"},
		"Bài m4":   {"Bài m4", "0", "—", "—", "—", "1"},
	}
	order := []string{"Nền tảng", "Mua sắm", "Bài m5", "Bài m3", "Bài m4"}
	report, err := f.s.ClassSummary(ctx, Filter{}, cat)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum) != 1+len(order) || len(report.Modules) != len(order) {
		t.Fatalf("summary sheet:\n%s", joinRows(sum))
	}
	for i, title := range order {
		if got := padRow(sum[i+1], 6); strings.Join(got, "|") != strings.Join(want[title], "|") {
			t.Errorf("row %d = %q; want %q", i+2, got, want[title])
		}
	}
	for _, m := range report.Modules { // the sheet's numbers are the store's
		w := want[m.Title]
		if m.HasPassRate() && (w[1] != strconv.Itoa(m.Tried) || w[2] != strconv.Itoa(m.Passed) ||
			w[3] != fmtNum(m.PassRate) || w[5] != strconv.Itoa(m.Attempts)) {
			t.Errorf("%s: summary %+v, sheet %q", m.Title, m, w)
		}
		if m.NotTried() != (m.ID == "m3") || m.HasAverageBest() != (w[4] != "—") {
			t.Errorf("%s: NotTried %v, HasAverageBest %v", m.ID, m.NotTried(), m.HasAverageBest())
		}
	}
	chart := zipPart(t, b, "xl/charts/chart1.xml")
	if !strings.Contains(chart, "$D$2:$D$4") || !strings.Contains(chart, "$A$2:$A$4") {
		t.Errorf("chart ranges are not the three modules tried (rows 2-4):\n%.600s", chart)
	}
}

// TestSignInSheetListsLessonsRead checks "Bài đã học": the modules a
// person read the lesson of or tried the quiz of in that class, reading
// counted from their check-in to the class's end; a lesson read after the
// class, or only before it, is not listed; a lesson begun in one class and
// read on in the next is listed in both. The same holds once records are
// joined, which reads the sheet another way.
func TestSignInSheetListsLessonsRead(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	f := &reportFixture{s: s, cat: testCatalog("vi")}
	p, err := s.CreateParticipant(ctx, Participant{FullName: "H'Lan Êban", ConsentVersion: ConsentVersion})
	if err != nil {
		t.Fatal(err)
	}
	q, _ := s.CreateParticipant(ctx, Participant{FullName: "Y Tơng Niê", ConsentVersion: ConsentVersion})
	q2, _ := s.CreateParticipant(ctx, Participant{FullName: "Y Tong Nie", ConsentVersion: ConsentVersion})
	read := func(who Participant, module string, page int) {
		if err := s.SaveLessonPage(ctx, who.ID, module, page, 3); err != nil {
			t.Fatal(err)
		}
	}
	a := f.session(t, "Lớp A", "2026-03-01", p, q)
	read(p, "m2", 1)
	f.attempt(t, a, p, "m1", []string{"a", "a"})
	read(q2, "m1", 1) // the record later joined into Y Tơng Niê reads in class A
	if err := s.CloseSession(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	b := f.session(t, "Lớp B", "2026-03-08", p)
	read(p, "m2", 2) // read on
	if err := s.CloseSession(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	c := f.session(t, "Lớp C", "2026-03-15", p)
	if err := s.CloseSession(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	read(p, "m1", 2) // after class C, outside any class
	want := map[string]string{a.ID: "B1, B2", b.ID: "B2", c.ID: "—"}
	studied := func() map[string]string {
		got := map[string]string{}
		for _, cl := range []ClassSession{a, b, c} {
			raw, _ := export(t, s, ExportAttendance, FormatCSV, ExportOptions{Filter: Filter{SessionID: cl.ID}, Catalog: f.cat})
			recs := csvRecords(t, raw)
			for _, r := range tableAt(recs, rowStarting(t, recs, 0, "STT")) {
				if r[1] == "H'Lan Êban" {
					got[cl.ID] = r[7]
				} else if cl.ID == a.ID {
					got["q"] = r[7]
				}
			}
		}
		return got
	}
	got := studied()
	for id, w := range want {
		if got[id] != w {
			t.Errorf("no joins: class %s studied %q; want %q", id, got[id], w)
		}
	}
	if got["q"] != "—" {
		t.Errorf("Y Tơng Niê before the join: %q; want — (the reading was another record's)", got["q"])
	}
	f.link(t, q2.ID, q.ID)
	got = studied()
	for id, w := range want {
		if got[id] != w {
			t.Errorf("with a join: class %s studied %q; want %q", id, got[id], w)
		}
	}
	if got["q"] != "B1" {
		t.Errorf("Y Tơng Niê after the join: %q; want B1 (read by the record joined into them)", got["q"])
	}
}

// TestModuleCodes checks the codes the sign-in sheet names modules by.
func TestModuleCodes(t *testing.T) {
	cat := testCatalog("vi")
	for _, id := range []string{"m3", "m4", "m5"} {
		cat.Modules = append(cat.Modules, ModuleInfo{ID: id})
	}
	for _, c := range []struct {
		ids  []string
		want string
	}{
		{nil, "—"}, {[]string{"m2"}, "B2"}, {[]string{"m2", "m1"}, "B1, B2"}, {[]string{"m3", "m1", "m2"}, "B1–B3"},
		{[]string{"m1", "m2", "m3", "m5"}, "B1–B3, B5"}, {[]string{"m1", "m2", "m4", "m5"}, "B1, B2, B4, B5"},
		{[]string{"m1", "m2", "m3", "m4", "m5"}, "B1–B5"}, {[]string{"zz", "m5", "m4", "m3"}, "B3–B5, zz"},
	} {
		if got := cat.Codes(c.ids); got != c.want {
			t.Errorf("codes(%q) = %q; want %q", c.ids, got, c.want)
		}
	}
	cat.Lang = "en"
	if got := cat.Codes([]string{"m1", "m2", "m3"}); got != "M1–M3" {
		t.Errorf("English codes = %q; want M1–M3", got)
	}
	if got := cat.legend([]string{"m2", "m1"}); got != "M1 Basics; M2 Shopping" {
		t.Errorf("legend = %q", got)
	}
}

// TestExportDatesForPeople checks one date format wherever a person reads
// one: dd/mm/yyyy (and hh:mm) in the CSV, real date cells shown so in the
// XLSX, the first and last class dates of a sheet of several classes; file
// names keep ISO dates, which sort.
func TestExportDatesForPeople(t *testing.T) {
	f := newReportFixture(t)
	raw, _ := export(t, f.s, ExportAttendance, FormatCSV, ExportOptions{Catalog: f.cat})
	recs := csvRecords(t, raw)
	if from, to := headerValue(t, recs, "Từ ngày"), headerValue(t, recs, "Đến ngày"); from != "10/03/2026" || to != "20/03/2026" {
		t.Errorf("period = %q – %q; want 10/03/2026 – 20/03/2026", from, to)
	}
	for _, r := range tableAt(recs, rowStarting(t, recs, 0, "STT")) {
		if !printDateTimeRE.MatchString(r[6]) {
			t.Errorf("check-in %q; want dd/mm/yyyy hh:mm", r[6])
		}
	}
	raw, info := export(t, f.s, ExportAttendance, FormatXLSX, ExportOptions{Catalog: f.cat})
	x := xlsxOpen(t, raw)
	sheet := Label("vi", "sheet_attendance")
	if !dateCell(t, x, sheet, "Từ ngày:", "dd/mm/yyyy") || !dateCell(t, x, sheet, "Đến ngày:", "dd/mm/yyyy") {
		t.Error("the period's dates are not date cells shown dd/mm/yyyy")
	}
	rows := sheetRows(t, x, sheet)
	h := rowStarting(t, rows, 0, "STT")
	id, _ := x.GetCellStyle(sheet, fmt.Sprintf("G%d", h+2))
	st, _ := x.GetStyle(id)
	if st.CustomNumFmt == nil || *st.CustomNumFmt != "dd/mm/yyyy hh:mm" || !printDateTimeRE.MatchString(rows[h+1][6]) {
		t.Errorf("check-in %q; want a date cell shown dd/mm/yyyy hh:mm", rows[h+1][6])
	}
	if name := ExportFileName(ExportAttendance, FormatXLSX, info, "vi"); name != "diem-danh_ea-tu_2026-03-20.xlsx" {
		t.Errorf("file name = %q; want the ISO date", name)
	}
	raw, _ = export(t, f.s, ExportResults, FormatXLSX, ExportOptions{Catalog: f.cat})
	x = xlsxOpen(t, raw)
	rows = sheetRows(t, x, "Kết quả")
	h = rowStarting(t, rows, 0, Label("vi", "participant"))
	for i, r := range xlsxTable(rows, h) {
		if r[10] == "" {
			continue
		}
		id, _ := x.GetCellStyle("Kết quả", fmt.Sprintf("K%d", h+2+i))
		st, _ := x.GetStyle(id)
		if r[10] != "14/03/2026" || st.CustomNumFmt == nil || *st.CustomNumFmt != "dd/mm/yyyy" {
			t.Errorf("date passed %q; want a date cell shown 14/03/2026", r[10])
		}
	}
}

// TestModulesStudied checks what the follow-up list tells "chưa đạt" from
// "chưa học" by: a module tried (any state), one only read, through joined
// records, and nothing for a person who did nothing.
func TestModulesStudied(t *testing.T) {
	f := newReportFixture(t)
	got, err := f.s.ModulesStudied(context.Background(), []string{f.an.ID, f.binh.ID, f.dung.ID, f.chi.ID, "no-such-person"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]Study{
		f.an.ID:   {"m1": StudyTried, "m2": StudyTried}, // m2 through An2, joined into An
		f.binh.ID: {"m1": StudyTried, "m2": StudyTried}, // m2 abandoned: tried all the same
		f.dung.ID: {"m1": StudyRead},
		f.chi.ID:  {"m1": StudyTried, "m2": StudyTried},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("ModulesStudied = %v; want %v", got, want)
	}
}

// TestWrapLines checks the estimate the sign-in sheet sets row heights
// by: Vietnamese letters as wide as their letters without marks, whatever
// the normal form; a long village wrapping in a narrow column and not in a
// wide one; a word longer than the column breaking.
func TestWrapLines(t *testing.T) {
	if a, b := emWidth("Nguyễn Thị Ánh"), emWidth(norm.NFD.String("Nguyễn Thị Ánh")); a != b || a != emWidth("Nguyen Thi Anh") {
		t.Errorf("widths %v (NFC), %v (NFD), %v (no marks); want equal", a, b, emWidth("Nguyen Thi Anh"))
	}
	for _, c := range []struct {
		s     string
		width float64
		want  int
	}{
		{"", 10, 1}, {"Nam", 6, 1}, {"Buôn Kmrơng Prông", 16, 2}, {"Buôn Kmrơng Prông", 20, 1},
		{"Hộ Y Nguôl Nie Kdăm", 22, 1}, {"B1, B2, B4, B5", 15, 1}, {"Mmmmmmmmmmmmmmmmmmmm", 10, 4},
	} {
		if got := wrapLines(c.s, c.width); got != c.want {
			t.Errorf("wrapLines(%q, %v) = %d; want %d", c.s, c.width, got, c.want)
		}
	}
}
