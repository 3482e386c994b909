package results

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
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
		docs       []string
		want       string
		wantSource BackupDirSource
		wantOnUSB  bool
	}{
		{"db on disk, stick found", dbOnDisk, sticks, []string{docs}, sticks[0], BackupDirRemovable, false},
		{"db on stick A, stick B found", dbOnA, sticks, []string{docs}, sticks[1], BackupDirRemovable, true},
		{"db on stick A, only A", dbOnA, sticks[:1], []string{docs}, docs, BackupDirDocuments, true},
		{"db on the stick's root", filepath.Join(sticks[0], "k.db"), sticks[:1], []string{docs}, docs, BackupDirDocuments, true},
		{"no stick", dbOnDisk, nil, []string{docs}, docs, BackupDirDocuments, false},
		{"unknown db", "", sticks[:1], []string{docs}, sticks[0], BackupDirRemovable, false},
		// A stick named like the prefix of another is not the same drive.
		{"prefix is not the drive", filepath.Join(root, "media", "A-STICK2", "k.db"), sticks[:1], []string{docs}, sticks[0], BackupDirRemovable, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := suggestBackupDir(tt.db, tt.drives, tt.docs)
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
	got := suggestBackupDir(filepath.Join(stick, "k.db"), []string{stick}, []string{filepath.Join(root, "no-home", "Documents")})
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
	got := suggestBackupDir(filepath.Join(link, "data", "k.db"), []string{filepath.Dir(stick)}, nil)
	if !got.DBOnRemovable || got.Source == BackupDirRemovable {
		t.Errorf("a database reached through a link to the stick: got %+v", got)
	}
}

// fakeDocuments is a system whose known-folder API answers known (or fails
// with knownErr), with USERPROFILE, XDG_DOCUMENTS_DIR and the home folder
// as given.
func fakeDocuments(goos, known string, knownErr error, env map[string]string, home string) documentsSources {
	return documentsSources{
		goos:   goos,
		known:  func() (string, error) { return known, knownErr },
		getenv: func(k string) string { return env[k] },
		home:   func() (string, error) { return home, nil },
	}
}

// A Documents folder moved to OneDrive leaves an old, real
// %USERPROFILE%\Documents behind: backups and exports must go where
// Windows says Documents is now, not to the old folder.
func TestDocumentsFollowsWindowsKnownFolder(t *testing.T) {
	root := t.TempDir()
	profile := mkdirs(t, root, "Users/Bình")[0]
	old := mkdirs(t, profile, "Documents")[0]
	moved := mkdirs(t, profile, "OneDrive/Tài liệu")[0]
	apiFailed := errors.New("element not found")

	tests := []struct {
		name string
		src  documentsSources
		want []string
	}{
		{"windows, moved to OneDrive", fakeDocuments("windows", moved, nil, map[string]string{"USERPROFILE": profile}, profile),
			[]string{moved}},
		{"windows, API fails", fakeDocuments("windows", "", apiFailed, map[string]string{"USERPROFILE": profile}, profile),
			[]string{old, filepath.Join(profile, "Tài liệu")}},
		{"linux, XDG first", fakeDocuments("linux", moved, nil, map[string]string{"XDG_DOCUMENTS_DIR": moved}, profile),
			[]string{moved, old, filepath.Join(profile, "Tài liệu")}},
		{"linux, relative XDG ignored", fakeDocuments("linux", "", nil, map[string]string{"XDG_DOCUMENTS_DIR": "Docs"}, profile),
			[]string{old, filepath.Join(profile, "Tài liệu")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.src.dirs()
			if !slices.Equal(got, tt.want) {
				t.Fatalf("dirs() = %q, want %q", got, tt.want)
			}
			wd := func() (string, error) { return root, nil }
			if dir := defaultExportDir(got, wd); dir != tt.want[0] {
				t.Errorf("export folder %q, want %q", dir, tt.want[0])
			}
			if s := suggestBackupDir("", nil, got); s.Dir != tt.want[0] || s.Source != BackupDirDocuments {
				t.Errorf("backup folder %+v, want %q from Documents", s, tt.want[0])
			}
		})
	}
}

// When Windows names a Documents folder that is gone (an unplugged drive),
// nothing falls back to the stale old folder: the current folder is used.
func TestDocumentsMissingKnownFolderUsesCurrentFolder(t *testing.T) {
	root := t.TempDir()
	profile := mkdirs(t, root, "Users/An")[0]
	mkdirs(t, profile, "Documents")
	src := fakeDocuments("windows", filepath.Join(root, "D", "Tài liệu"), nil, map[string]string{"USERPROFILE": profile}, profile)
	wd := func() (string, error) { return root, nil }
	if dir := defaultExportDir(src.dirs(), wd); dir != root {
		t.Errorf("export folder %q, want the current folder %q", dir, root)
	}
}
