package app

import (
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"kynangso/results"
)

// fakeBackupDir makes the backup page see s as the suggestion, and records
// the database path it was asked about.
func fakeBackupDir(t *testing.T, s results.BackupDirSuggestion) *string {
	t.Helper()
	asked := new(string)
	old := suggestBackupDir
	suggestBackupDir = func(db string) results.BackupDirSuggestion { *asked = db; return s }
	t.Cleanup(func() { suggestBackupDir = old })
	return asked
}

// When the database itself is on the only USB stick, the backup page does
// not offer that stick: it says plainly to plug in another one, and the
// copy still goes to the laptop folder offered.
func TestBackupPageSaysWhenNoOtherStick(t *testing.T) {
	docs := t.TempDir()
	asked := fakeBackupDir(t, results.BackupDirSuggestion{Dir: docs, Source: results.BackupDirDocuments, DBOnRemovable: true})
	e := newTrainerEnv(t, 80, 24)
	e.setPIN("2468")
	e.unlock("2468")
	e.pick(actBackup)
	if *asked != e.path {
		t.Fatalf("the suggestion was asked for %q, want the database %q", *asked, e.path)
	}
	e.want("Dữ liệu đang nằm trên chính USB này", "Hãy cắm một USB khác", docs)
	e.lacks("Đã chọn sẵn USB")
	e.press(down, enter)
	e.want("Đã lưu bản sao:", "bản sao toàn vẹn")
	if files, _ := filepath.Glob(filepath.Join(docs, "*.db")); len(files) != 1 {
		t.Fatalf("want one backup in %s, got %v", docs, files)
	}
}

// The other notes: no stick at all, another stick found while the data is
// on a stick, and the usual case of a stick found for data on the laptop.
func TestBackupPageNotes(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		s          results.BackupDirSuggestion
		want, lack string
	}{
		{results.BackupDirSuggestion{Dir: dir, Source: results.BackupDirDocuments}, "Không thấy USB nào", "chính USB này"},
		{results.BackupDirSuggestion{Dir: dir, Source: results.BackupDirCurrent}, "Không thấy USB nào", "chính USB này"},
		{results.BackupDirSuggestion{Dir: dir, DBOnRemovable: true}, "Dữ liệu đang nằm trên một USB", "Không thấy USB"},
		{results.BackupDirSuggestion{Dir: dir}, "Đã chọn sẵn USB đang cắm", "Không thấy USB"},
	}
	for _, tt := range tests {
		fakeBackupDir(t, tt.s)
		e := newTrainerEnv(t, 80, 24)
		e.setPIN("2468")
		e.unlock("2468")
		e.pick(actBackup)
		e.m.Update(tea.WindowSizeMsg{Width: 60, Height: 20})
		e.want(tt.want)
		e.lacks(tt.lack)
		for _, l := range strings.Split(e.screen(), "\n") {
			if w := widthOf(l); w > 60 {
				t.Fatalf("a line is %d wide at 60 columns: %q", w, l)
			}
		}
	}
}
