package trainer

import (
	"context"
	"kynangso/app/ui"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"kynangso/results"
)

// mask replaces a temporary folder, which changes from run to run, in a
// screen kept as a golden file.
func mask(dir, as string) func(string) string {
	return func(s string) string { return strings.ReplaceAll(s, dir, as) }
}

// The duplicates page lists two records with the same name (diacritics
// aside), birth year and village, and joins them only after the trainer
// confirms; afterwards the pair is gone from the list.
func TestDuplicatesPageJoinsAfterConfirm(t *testing.T) {
	ctx := context.Background()
	e := newTrainerEnv(t, 80, 24)
	e.SetPIN("2468")
	seedClass(t, e.Store)
	for _, name := range []string{"H'Hen Niê", "H'Hen Nie"} {
		if _, err := e.Store.CreateParticipant(ctx, results.Participant{FullName: name, BirthYear: 1972,
			Village: "Buôn Đôn", ConsentVersion: results.ConsentVersion, ConsentAt: fixedNow}); err != nil {
			t.Fatal(err)
		}
	}
	e.Open(80, 24)
	e.unlock("2468")
	e.pick(actDups)
	e.Want("Người có thể bị trùng", "1. H'Hen Niê · 1972 · Buôn Đôn", "= H'Hen Nie · 1972 · Buôn Đôn")
	e.Goldens("trainer_dups")
	e.Press(enter)
	e.Want("Gộp hai bản ghi là cùng một người?")
	e.Press(esc) // "no": nothing joined
	if pairs, _ := e.Store.ProbableDuplicates(ctx); len(pairs) != 1 {
		t.Fatalf("after declining: %d pairs, want 1", len(pairs))
	}
	e.Press(enter, num(1))
	if pairs, err := e.Store.ProbableDuplicates(ctx); err != nil || len(pairs) != 0 {
		t.Fatalf("after joining: %d pairs (%v), want 0", len(pairs), err)
	}
	e.Want("Đã gộp hai bản ghi", "Không thấy bản ghi nào có thể bị trùng")
}

// The export page leaves the phone column out unless the trainer picks it.
func TestExportPhoneOnlyWhenAsked(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	t.Setenv("XDG_DOCUMENTS_DIR", dir)
	t.Setenv("HOME", dir)
	e := newTrainerEnv(t, 80, 24)
	e.SetPIN("2468")
	class, hoa, _ := seedClass(t, e.Store)
	hoa.Phone = "0912345678"
	if err := e.Store.UpdateParticipant(ctx, hoa); err != nil {
		t.Fatal(err)
	}
	_ = class
	e.Open(80, 24)
	e.unlock("2468")
	e.pick(actExport)
	e.Want("Số điện thoại", "(•) Không kèm", "Chỉ kèm khi xã yêu cầu")
	e.Goldens("trainer_export", mask(dir, "<thư mục>"))
	e.Press(down, right) // CSV
	e.Press(down, down, enter)
	e.Want("Đã lưu 2 dòng")
	e.Press(up, right, down, enter) // with phone numbers
	e.Want("Đã lưu 2 dòng")
	files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	if len(files) != 2 {
		t.Fatalf("want 2 CSV files in %s, got %v\n%s", dir, files, e.Screen())
	}
	var with, without int
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "0912345678") {
			with++
		} else {
			without++
		}
	}
	if with != 1 || without != 1 {
		t.Fatalf("phone in %d files, absent from %d: want 1 and 1", with, without)
	}
}

// The where-the-data-is page wraps to the window, not a fixed width: a long
// database path stays inside a 60-column window.
func TestWherePageWrapsToWindow(t *testing.T) {
	e := newTrainerEnv(t, 80, 24)
	long := filepath.Join(t.TempDir(), strings.Repeat("thư-mục-dài-", 8))
	if err := os.MkdirAll(long, 0o755); err != nil {
		t.Fatal(err)
	}
	e.Path = filepath.Join(long, "class.db")
	e.Open(80, 24)
	e.SetPIN("2468")
	e.unlock("2468")
	e.pick(actWhere)
	e.Want("Dữ liệu của máy này nằm trong tệp:")
	for _, sz := range [][2]int{{60, 20}, {80, 24}} {
		e.m().Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		for _, l := range strings.Split(e.Screen(), "\n") {
			if w := ui.WidthOf(l); w > sz[0] {
				t.Fatalf("%dx%d: a line is %d wide: %q", sz[0], sz[1], w, l)
			}
		}
	}
	e.Open(80, 24) // the same page on a short path, as a golden file
	e.Path = filepath.Join(t.TempDir(), "class.db")
	e.Open(80, 24)
	e.SetPIN("2468")
	e.unlock("2468")
	e.pick(actWhere)
	e.Goldens("trainer_where", mask(filepath.Dir(e.Path), "<thư mục>"))
}

// An export never replaces a file that is already there (a sheet someone
// opened and corrected): the new one gets the next free name.
func TestExportNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DOCUMENTS_DIR", dir)
	t.Setenv("HOME", dir)
	e := newTrainerEnv(t, 80, 24)
	e.SetPIN("2468")
	seedClass(t, e.Store)
	e.Open(80, 24)
	e.unlock("2468")
	e.pick(actExport)
	e.Press(down, right, down, down, enter) // CSV
	e.Want("Đã lưu 2 dòng")
	files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	if len(files) != 1 {
		t.Fatalf("want one CSV, got %v", files)
	}
	edited := []byte("sửa tay, đừng ghi đè\n")
	if err := os.WriteFile(files[0], edited, 0o644); err != nil {
		t.Fatal(err)
	}
	e.Press(enter)
	e.Want("Đã lưu 2 dòng", "-2.csv")
	if b, _ := os.ReadFile(files[0]); string(b) != string(edited) {
		t.Fatalf("the first file was replaced: %q", b)
	}
	if again, _ := filepath.Glob(filepath.Join(dir, "*.csv")); len(again) != 2 {
		t.Fatalf("want two CSV files, got %v", again)
	}
}

// placeNew skips a name taken between choosing it and using it.
func TestPlaceNewKeepsExistingFiles(t *testing.T) {
	dir := t.TempDir()
	want := filepath.Join(dir, "diem-danh.csv")
	for _, n := range []string{"diem-danh.csv", "diem-danh-2.csv"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tmp := filepath.Join(dir, ".tmp")
	if err := os.WriteFile(tmp, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := placeNew(tmp, want)
	if err != nil || got != filepath.Join(dir, "diem-danh-3.csv") {
		t.Fatalf("placeNew = %q, %v", got, err)
	}
	for _, n := range []string{"diem-danh.csv", "diem-danh-2.csv"} {
		if b, _ := os.ReadFile(filepath.Join(dir, n)); string(b) != n {
			t.Fatalf("%s was changed to %q", n, b)
		}
	}
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Fatalf("the temporary file is left behind: %v", err)
	}
}

// The export page offers the filter (f) like the summary pages, and the
// export follows it: a village with nobody gives an empty sheet.
func TestExportFollowsTheFilter(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DOCUMENTS_DIR", dir)
	t.Setenv("HOME", dir)
	e := newTrainerEnv(t, 80, 24)
	e.SetPIN("2468")
	seedClass(t, e.Store)
	e.Open(80, 24)
	e.unlock("2468")
	e.pick(actExport)
	e.Want("(f để đổi)", "f lọc")
	e.Press(tpressKey('f'))
	e.Press(down, down, down)
	e.Typ("buon ko tam")
	e.Press(down, enter)
	e.Want("Xuất danh sách", "thôn buon ko tam")
	e.Press(down, right, down, down, enter)
	e.Want("Không có ai ở thôn này", "Bấm f để đổi bộ lọc")
	if files, _ := filepath.Glob(filepath.Join(dir, "*.csv")); len(files) != 0 {
		t.Fatalf("a file was written for a filter matching nobody: %v", files)
	}
	e.Press(tpressKey('f'), down, down, down)
	for range 11 {
		e.Press(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	e.Typ("buon don")
	e.Press(down, enter)
	e.Want("thôn buon don")
	e.Press(enter)
	e.Want("Đã lưu 2 dòng")
}

// The home menu's numbers keep their meaning whether a class is open or
// not: 1 opens or closes the class, 2 is always the dashboard.
func TestHomeMenuNumbersAreStable(t *testing.T) {
	e := newTrainerEnv(t, 80, 24)
	e.SetPIN("2468")
	e.unlock("2468")
	e.Want("1. Mở lớp học mới", "2. Theo dõi lớp đang mở (cần mở lớp)", "4. Báo cáo lớp học")
	e.Press(num(2))
	if _, ok := e.m().Front().(*trainerHome); !ok {
		t.Fatalf("the dashboard opened with no class:\n%s", e.Screen())
	}
	e.Want("Bảng theo dõi chỉ có khi đang mở lớp")
	if _, err := e.Store.OpenSession(context.Background(), results.ClassSession{Title: "Lớp Ea Tu", Date: "2026-03-14"}); err != nil {
		t.Fatal(err)
	}
	e.Open(80, 24)
	e.unlock("2468")
	e.Want("1. Đóng lớp", "2. Theo dõi lớp đang mở", "3. Mở lại lớp đã đóng (đóng lớp đang mở trước)", "4. Báo cáo lớp học")
	e.Lacks("(cần mở lớp)")
	e.Press(num(3)) // reopening while a class is open can only fail: say why
	if _, ok := e.m().Front().(*trainerHome); !ok {
		t.Fatalf("the reopen page opened while a class is open:\n%s", e.Screen())
	}
	e.Want("Chọn 1 để đóng lớp đó trước")
	e.Press(num(2))
	if _, ok := e.m().Front().(*dashboard); !ok {
		t.Fatalf("2 should open the dashboard:\n%s", e.Screen())
	}
}

// The export page finds its folder in a command, never while it is laid
// out or handles a key: looking asks the disk, and Update must not block.
func TestExportDirFoundInCommand(t *testing.T) {
	dir := t.TempDir()
	calls := 0
	old := defaultExportDir
	defaultExportDir = func() string { calls++; return dir }
	t.Cleanup(func() { defaultExportDir = old })
	c := newTrainerEnv(t, 80, 24).m().Common()
	p := newExportPage(c, results.Filter{})
	p.SetSize(60, 20)
	p.Update(down)
	p.SetSize(80, 24)
	if calls != 0 {
		t.Fatalf("the export folder was looked up %d times outside a command", calls)
	}
	if !strings.Contains(ansiStrip(p.View()), "đang tìm thư mục") {
		t.Fatalf("before the folder is found the page should say it is looking:\n%s", ansiStrip(p.View()))
	}
	msg := await(t, p.exportDirCmd())
	if calls != 1 {
		t.Fatalf("the command looked the folder up %d times, want 1", calls)
	}
	p.Update(unwrap(msg))
	if !strings.Contains(ansiStrip(p.View()), dir) {
		t.Fatalf("the folder found is not shown:\n%s", ansiStrip(p.View()))
	}
}
