package app

import (
	"context"
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
	e.setPIN("2468")
	seedClass(t, e.store)
	for _, name := range []string{"H'Hen Niê", "H'Hen Nie"} {
		if _, err := e.store.CreateParticipant(ctx, results.Participant{FullName: name, BirthYear: 1972,
			Village: "Buôn Đôn", ConsentVersion: results.ConsentVersion, ConsentAt: fixedNow}); err != nil {
			t.Fatal(err)
		}
	}
	e.open(80, 24)
	e.unlock("2468")
	e.pick(actDups)
	e.want("Người có thể bị trùng", "1. H'Hen Niê · 1972 · Buôn Đôn", "= H'Hen Nie · 1972 · Buôn Đôn")
	e.goldens("trainer_dups")
	e.press(enter)
	e.want("Gộp hai bản ghi là cùng một người?")
	e.press(esc) // "no": nothing joined
	if pairs, _ := e.store.ProbableDuplicates(ctx); len(pairs) != 1 {
		t.Fatalf("after declining: %d pairs, want 1", len(pairs))
	}
	e.press(enter, num(1))
	if pairs, err := e.store.ProbableDuplicates(ctx); err != nil || len(pairs) != 0 {
		t.Fatalf("after joining: %d pairs (%v), want 0", len(pairs), err)
	}
	e.want("Đã gộp hai bản ghi", "Không thấy bản ghi nào có thể bị trùng")
}

// The export page leaves the phone column out unless the trainer picks it.
func TestExportPhoneOnlyWhenAsked(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	t.Setenv("XDG_DOCUMENTS_DIR", dir)
	t.Setenv("HOME", dir)
	e := newTrainerEnv(t, 80, 24)
	e.setPIN("2468")
	class, hoa, _ := seedClass(t, e.store)
	hoa.Phone = "0912345678"
	if err := e.store.UpdateParticipant(ctx, hoa); err != nil {
		t.Fatal(err)
	}
	_ = class
	e.open(80, 24)
	e.unlock("2468")
	e.pick(actExport)
	e.want("Số điện thoại", "(•) Không kèm", "Chỉ kèm khi xã yêu cầu")
	e.goldens("trainer_export", mask(dir, "<thư mục>"))
	e.press(down, right) // CSV
	e.press(down, down, enter)
	e.want("Đã lưu 2 dòng")
	e.press(up, right, down, enter) // with phone numbers
	e.want("Đã lưu 2 dòng")
	files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	if len(files) != 2 {
		t.Fatalf("want 2 CSV files in %s, got %v\n%s", dir, files, e.screen())
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
	e.path = filepath.Join(long, "class.db")
	e.open(80, 24)
	e.setPIN("2468")
	e.unlock("2468")
	e.pick(actWhere)
	e.want("Dữ liệu của máy này nằm trong tệp:")
	for _, sz := range [][2]int{{60, 20}, {80, 24}} {
		e.m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		for _, l := range strings.Split(e.screen(), "\n") {
			if w := widthOf(l); w > sz[0] {
				t.Fatalf("%dx%d: a line is %d wide: %q", sz[0], sz[1], w, l)
			}
		}
	}
	e.open(80, 24) // the same page on a short path, as a golden file
	e.path = filepath.Join(t.TempDir(), "class.db")
	e.open(80, 24)
	e.setPIN("2468")
	e.unlock("2468")
	e.pick(actWhere)
	e.goldens("trainer_where", mask(filepath.Dir(e.path), "<thư mục>"))
}
