package trainer

import (
	"kynangso/app/ui"
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
	e.SetPIN("2468")
	e.unlock("2468")
	e.pick(actBackup)
	if *asked != e.Path {
		t.Fatalf("the suggestion was asked for %q, want the database %q", *asked, e.Path)
	}
	e.Want("Dữ liệu đang nằm trên chính USB này", "Hãy cắm một USB khác", docs)
	e.Lacks("Đã chọn sẵn USB")
	e.Press(down, enter)
	e.Want("Đã lưu bản sao:", "bản sao toàn vẹn")
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
		e.SetPIN("2468")
		e.unlock("2468")
		e.pick(actBackup)
		e.m().Update(tea.WindowSizeMsg{Width: 60, Height: 20})
		e.Want(tt.want)
		e.Lacks(tt.lack)
		for _, l := range strings.Split(e.Screen(), "\n") {
			if w := ui.WidthOf(l); w > 60 {
				t.Fatalf("a line is %d wide at 60 columns: %q", w, l)
			}
		}
	}
}

// The backup folder is looked for in a command, not while the key that
// opened the page is handled (it asks the system about every drive): the
// page first says it is looking, and a folder the trainer typed meanwhile
// is kept when the suggestion arrives.
func TestBackupSuggestionArrivesInACommand(t *testing.T) {
	dir := t.TempDir()
	asked := fakeBackupDir(t, results.BackupDirSuggestion{Dir: dir, Source: results.BackupDirDocuments})
	e := newTrainerEnv(t, 80, 24)
	for _, typed := range []string{"", "E:\\saoluu"} {
		*asked = ""
		p := newBackupPage(e.m().Common())
		p.SetSize(80, 24)
		if *asked != "" || p.what.value() != "" {
			t.Fatalf("the page looked for drives while being made (asked %q, folder %q)", *asked, p.what.value())
		}
		if v := p.View(); !strings.Contains(v, "Đang tìm USB") {
			t.Fatalf("before the suggestion:\n%s", v)
		}
		p.what.input.SetValue(typed)
		var msg tea.Msg
		first := p.Init()()
		cmds, _ := first.(tea.BatchMsg)
		for _, c := range cmds {
			if m, ok := unwrap(c()).(backupSuggestMsg); ok {
				msg = m
			}
		}
		if m, ok := unwrap(first).(backupSuggestMsg); ok {
			msg = m
		}
		if msg == nil || *asked != e.Path {
			t.Fatalf("no suggestion command (asked %q)", *asked)
		}
		p.Update(msg)
		want := typed
		if want == "" {
			want = dir
		}
		if p.what.value() != want {
			t.Errorf("typed %q: folder %q, want %q", typed, p.what.value(), want)
		}
		if v := p.View(); strings.Contains(v, "Đang tìm USB") || !strings.Contains(v, "Không thấy USB nào") {
			t.Errorf("after the suggestion:\n%s", v)
		}
	}
}
