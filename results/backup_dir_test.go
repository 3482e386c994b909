package results

import (
	"os"
	"path/filepath"
	"testing"
)

// mkdirs makes the folders under root and returns their full paths.
func mkdirs(t *testing.T, root string, names ...string) []string {
	t.Helper()
	var out []string
	for _, n := range names {
		d := filepath.Join(root, n)
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
		out = append(out, d)
	}
	return out
}

func TestSuggestBackupDirNeverTheDatabaseDrive(t *testing.T) {
	root := t.TempDir()
	sticks := mkdirs(t, root, "media/A-STICK", "media/B-STICK")
	home := mkdirs(t, root, "home")[0]
	docs := mkdirs(t, home, "Documents")[0]
	dbOnA := filepath.Join(sticks[0], "kynangso", "kynangso.db")
	dbOnDisk := filepath.Join(home, ".local", "kynangso.db")

	tests := []struct {
		name       string
		db         string
		drives     []string
		home       string
		want       string
		wantSource BackupDirSource
		wantOnUSB  bool
	}{
		{"db on disk, stick found", dbOnDisk, sticks, home, sticks[0], BackupDirRemovable, false},
		{"db on stick A, stick B found", dbOnA, sticks, home, sticks[1], BackupDirRemovable, true},
		{"db on stick A, only A", dbOnA, sticks[:1], home, docs, BackupDirDocuments, true},
		{"db on the stick's root", filepath.Join(sticks[0], "k.db"), sticks[:1], home, docs, BackupDirDocuments, true},
		{"no stick", dbOnDisk, nil, home, docs, BackupDirDocuments, false},
		{"unknown db", "", sticks[:1], home, sticks[0], BackupDirRemovable, false},
		// A stick named like the prefix of another is not the same drive.
		{"prefix is not the drive", filepath.Join(root, "media", "A-STICK2", "k.db"), sticks[:1], home, sticks[0], BackupDirRemovable, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := suggestBackupDir(tt.db, tt.drives, tt.home)
			if got.Dir != tt.want || got.Source != tt.wantSource || got.DBOnRemovable != tt.wantOnUSB {
				t.Errorf("suggestBackupDir(%q) = %+v, want dir %q source %d on-USB %v",
					tt.db, got, tt.want, tt.wantSource, tt.wantOnUSB)
			}
		})
	}
}

func TestSuggestBackupDirFallsBackToCurrentFolder(t *testing.T) {
	root := t.TempDir()
	stick := mkdirs(t, root, "STICK")[0]
	got := suggestBackupDir(filepath.Join(stick, "k.db"), []string{stick}, filepath.Join(root, "no-home"))
	wd, _ := os.Getwd()
	if got.Dir != wd || got.Source != BackupDirCurrent || !got.DBOnRemovable {
		t.Errorf("got %+v, want the current folder %q", got, wd)
	}
}

func TestSuggestBackupDirThroughLink(t *testing.T) {
	root := t.TempDir()
	stick := mkdirs(t, root, "STICK/data")[0]
	link := filepath.Join(root, "shortcut")
	if err := os.Symlink(filepath.Dir(stick), link); err != nil {
		t.Skip("symlinks not available:", err)
	}
	got := suggestBackupDir(filepath.Join(link, "data", "k.db"), []string{filepath.Dir(stick)}, "")
	if !got.DBOnRemovable || got.Source == BackupDirRemovable {
		t.Errorf("a database reached through a link to the stick: got %+v", got)
	}
}
