package results

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"kynangso/lessons"
)

// printInstall is how to get what TestSignInSheetPrintsOnA4 needs on
// Debian 12 (bookworm), the CI image: LibreOffice's spreadsheet without a
// desktop, poppler's PDF tools, and Liberation Serif, the metric twin of
// the sheet's Times New Roman.
const printInstall = "apt-get install -y --no-install-recommends libreoffice-calc-nogui poppler-utils fonts-liberation2"

// requirePrintTools finds LibreOffice, the poppler tools and the font. It
// fails in CI (CI=true), which must have them, and skips elsewhere, saying
// how to install them.
func requirePrintTools(t *testing.T) {
	t.Helper()
	missing := []string{}
	for _, tool := range []string{"soffice", "pdfinfo", "pdftotext", "pdftoppm", "fc-match"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	if len(missing) == 0 {
		out, _ := exec.Command("fc-match", "Times New Roman").Output()
		if !strings.Contains(string(out), "Liberation Serif") {
			missing = append(missing, "the font Liberation Serif (fc-match \"Times New Roman\" gives "+strings.TrimSpace(string(out))+")")
		}
	}
	if len(missing) == 0 {
		return
	}
	msg := fmt.Sprintf("printing the sign-in sheet needs %s; install with: %s", strings.Join(missing, ", "), printInstall)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// printNames are people with every Vietnamese mark and Ê Đê names, as a
// commune's class has them.
var printNames = []string{
	"Nguyễn Thị Hồng Nhung", "Trần Văn Đức", "Lê Thị Ánh Tuyết", "Phạm Quốc Hưng", "Hoàng Thị Thu Hằng",
	"Võ Văn Lực", "Đặng Thị Mỹ Duyên", "Bùi Xuân Trường", "Đỗ Thị Ngọc Ánh", "Hồ Văn Tỵ",
	"Ngô Thị Yến", "Dương Văn Khởi", "H'Bơ Êban", "Y Jrang Niê", "H'Luyện Mlô",
	"Y Khu Adrơng", "H'Nguyễn Ayun", "Ama Ruê", "Y Thơm Byă", "H'Duê Kbuôr",
	"Y Sớ Niê Kdăm", "H'Ngăm Êban", "Y Kông Ksơr", "H'Yơn Hmok", "Y Bhiơr Niê",
	"H'Wên Mlô Duôn Du", "Y Phun Êban", "H'Mai Ayun", "Y Djuan Kpă", "H'Xíu Niê",
	"Lương Thị Quỳnh", "Mai Văn Tiến", "Huỳnh Thị Lệ", "Châu Văn Sỹ", "H'Điệp Byă",
	"Y Nguôl Nie Kdăm", "Tạ Thị Hoài", "Quách Văn Đạt", "Y Wơn Ênuôl", "H'Riêm Adrơng",
	"Kiều Thị Ngân", "Đinh Văn Thuận", "H'Zuân Kpơr", "Y Lơ Mlô", "Phùng Thị Ẩn",
	"Vương Văn Ổn", "H'Ê Ban",
}

// printStore is a class of n people (two classes when split), with
// households, phones, quizzes taken and lessons read, on the built-in
// pack.
func printStore(t *testing.T, n int, split bool) (*Store, Catalog, []ClassSession) {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "print.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	pack, err := lessons.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	cat := NewCatalog(pack, "vi")
	villages := []string{"Buôn Ea Tu", "Thôn 3", "Buôn Kmrơng Prông", "Thôn Hòa Bình"}
	open := func(date string) ClassSession {
		c, err := s.OpenSession(ctx, ClassSession{Title: "Lớp kỹ năng số tháng 3, xã Ea Tu", Date: date, Commune: "Ea Tu",
			Villages: villages, Trainers: []string{"Y Khoa Êban", "Nguyễn Thị Lan"},
			PlannedModules: []string{pack.Modules[0].ID, pack.Modules[2].ID}})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	classes := []ClassSession{open("2026-03-10")}
	for i := range n {
		if split && i == n/2 {
			if err := s.CloseSession(ctx, classes[0].ID); err != nil {
				t.Fatal(err)
			}
			classes = append(classes, open("2026-03-17"))
		}
		c := classes[len(classes)-1]
		p, err := s.CreateParticipant(ctx, Participant{FullName: printNames[i%len(printNames)], BirthYear: 1945 + i%40,
			Gender: []string{GenderFemale, GenderMale}[i%2], Village: villages[i%len(villages)],
			Household: "Hộ " + printNames[(i+7)%len(printNames)], Phone: fmt.Sprintf("09%08d", 12345678+i*7919),
			ConsentVersion: ConsentVersion})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CheckIn(ctx, c.ID, p.ID); err != nil {
			t.Fatal(err)
		}
		for k, m := range pack.Modules[:1+i%len(pack.Modules)] {
			if k%2 == 1 {
				if err := s.SaveLessonPage(ctx, p.ID, m.ID, 1, 4); err != nil {
					t.Fatal(err)
				}
				continue
			}
			a, err := s.StartAttempt(ctx, Attempt{ParticipantID: p.ID, SessionID: c.ID, ModuleID: m.ID, QuestionIDs: []string{"q1"}})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.FinishAttempt(ctx, a.ID, i%2, 1, i%2 == 1); err != nil {
				t.Fatal(err)
			}
		}
	}
	return s, cat, classes
}

// printCase is one sign-in sheet printed to PDF, and what it must hold.
type printCase struct {
	name      string
	people    int
	split     bool // two classes
	phone     bool
	maxPages  int
	lastNames int // how many of the last names must share the last page with the sign-off block
}

// TestSignInSheetPrintsOnA4 prints sign-in sheets with LibreOffice and
// reads the PDF back: every page is A4 landscape and starts with the
// column header row, "Ký tên" on the same page as the names, every name
// printed whole, 30 people on at most two pages, and the total and the
// whole sign-off block on the last page with the last names of the list.
// A rendered first page is written too; set KYNANGSO_PRINT_DIR to keep
// the PDFs and pictures for a person to look at.
func TestSignInSheetPrintsOnA4(t *testing.T) {
	requirePrintTools(t)
	cases := []printCase{
		{name: "class of 30", people: 30, maxPages: 2, lastNames: 1},
		{name: "two classes of 47 with phones", people: 47, split: true, phone: true, maxPages: 3, lastNames: 2},
	}
	dir := t.TempDir()
	var files []string
	for _, c := range cases {
		s, cat, classes := printStore(t, c.people, c.split)
		f := Filter{SessionID: classes[0].ID}
		if c.split {
			f = Filter{From: "2026-03-01", To: "2026-03-31"}
		}
		b, _ := export(t, s, ExportAttendance, FormatXLSX, ExportOptions{Filter: f, Catalog: cat, WithPhone: c.phone})
		path := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-")+".xlsx")
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	toPDF(t, dir, files)
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkPrinted(t, strings.TrimSuffix(files[i], ".xlsx")+".pdf", c)
		})
	}
}

// toPDF converts the workbooks with LibreOffice, in a profile of its own
// so that it neither meets a LibreOffice already running nor leaves one.
func toPDF(t *testing.T, dir string, files []string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	args := append([]string{"-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(dir, "lo-profile")),
		"--headless", "--convert-to", "pdf", "--outdir", dir}, files...)
	start := time.Now()
	out, err := exec.CommandContext(ctx, "soffice", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	t.Logf("LibreOffice converted %d workbooks in %v", len(files), time.Since(start).Round(time.Millisecond))
}

var pageSizeRE = regexp.MustCompile(`Page size:\s+([\d.]+) x ([\d.]+) pts`)

// checkPrinted reads one printed sheet back, page by page.
func checkPrinted(t *testing.T, pdf string, c printCase) {
	png := strings.TrimSuffix(pdf, ".pdf")
	run(t, "pdftoppm", "-png", "-r", "60", pdf, png)
	if fi, err := os.Stat(png + "-1.png"); err != nil || fi.Size() < 10_000 {
		t.Errorf("no rendered first page: %v", err)
	}
	if keep := os.Getenv("KYNANGSO_PRINT_DIR"); keep != "" {
		matches, _ := filepath.Glob(png + "*")
		for _, f := range matches {
			b, _ := os.ReadFile(f)
			_ = os.WriteFile(filepath.Join(keep, filepath.Base(f)), b, 0o644)
		}
	}
	info := run(t, "pdfinfo", pdf)
	m := pageSizeRE.FindStringSubmatch(info)
	if m == nil || m[1] != "841.89" || !strings.HasPrefix(m[2], "595.") {
		t.Errorf("page size %q; want A4 landscape (841.89 × 595.3 pt)", m)
	}
	pages, _ := strconv.Atoi(regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)[1])
	var sheet []string // the sign-in sheet's pages; the summary sheet's follow
	for p := 1; p <= pages; p++ {
		text := norm.NFC.String(strings.Join(strings.Fields(run(t, "pdftotext", "-f", fmt.Sprint(p), "-l", fmt.Sprint(p), pdf, "-")), " "))
		if strings.Contains(text, "Danh sách điểm danh –") {
			sheet = append(sheet, text)
		}
	}
	if len(sheet) == 0 || len(sheet) > c.maxPages {
		t.Fatalf("the sign-in sheet printed on %d pages; want 1 to %d", len(sheet), c.maxPages)
	}
	for i, text := range sheet {
		for _, head := range []string{"STT", "Họ và tên", "Thôn/buôn", "Hộ gia đình", "Bài đã học", "Ký tên"} {
			if !strings.Contains(text, head) {
				t.Errorf("page %d has no %q: the header row is not on every page, or a column fell off the page:\n%s", i+1, head, text)
			}
		}
	}
	onPage := map[string]int{}
	for k := range c.people {
		name := printNames[k%len(printNames)]
		for i, text := range sheet {
			if strings.Contains(text, name) {
				onPage[name] = i + 1
			}
		}
		if onPage[name] == 0 {
			t.Errorf("%q is not printed whole on any page", name)
		}
	}
	last := sheet[len(sheet)-1]
	for _, want := range []string{fmt.Sprintf("Tổng số: %d", c.people), "…………………, ngày …… tháng …… năm ………",
		"NGƯỜI LẬP DANH SÁCH", "(Ký, ghi rõ họ tên)", "XÁC NHẬN CỦA UBND XÃ/PHƯỜNG", "(Ký tên, đóng dấu)"} {
		if !strings.Contains(last, want) {
			t.Errorf("the last page has no %q:\n%s", want, last)
		}
	}
	for k := c.people - c.lastNames; k < c.people; k++ {
		if name := printNames[k%len(printNames)]; onPage[name] != len(sheet) {
			t.Errorf("%q is on page %d, not with the sign-off block on page %d", name, onPage[name], len(sheet))
		}
	}
}

// run runs a tool and returns its output, failing the test if it fails.
func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return string(out)
}
