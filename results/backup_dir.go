package results

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
)

// BackupDirSource says where a suggested backup folder is.
type BackupDirSource int

const (
	// BackupDirRemovable is a removable drive other than the database's.
	BackupDirRemovable BackupDirSource = iota
	// BackupDirDocuments is the user's Documents folder: no other removable
	// drive was found.
	BackupDirDocuments
	// BackupDirCurrent is the current folder, the last resort.
	BackupDirCurrent
)

// BackupDirSuggestion is the folder a backup should go to by default, with
// why it was chosen, so the screen can tell the trainer to plug in another
// stick when none was found.
type BackupDirSuggestion struct {
	// Dir is the suggested folder.
	Dir string
	// Source says whether Dir is a removable drive or a fallback.
	Source BackupDirSource
	// DBOnRemovable is true when the database itself lives on a removable
	// drive (portable mode), which was therefore not suggested: a backup on
	// the same stick is lost with it.
	DBOnRemovable bool
}

// SuggestBackupDir returns the folder a backup should go to by default,
// without knowing where the database is; prefer SuggestBackupDirFor.
func SuggestBackupDir() string {
	return SuggestBackupDirFor("").Dir
}

// SuggestBackupDirFor returns the folder a backup of the database at dbPath
// should go to by default: a mounted removable drive (a USB stick) that does
// not hold the database, else the user's Documents folder, else the current
// folder. On Linux removable drives are the folders under /media/$USER and
// /run/media/$USER; on Windows, drives the system reports as removable. An
// empty dbPath skips the same-drive check.
func SuggestBackupDirFor(dbPath string) BackupDirSuggestion {
	return suggestBackupDir(dbPath, removableDrives(), systemDocuments().dirs())
}

// suggestBackupDir is SuggestBackupDirFor with the removable drives and the
// Documents candidates given, so tests can fake them.
func suggestBackupDir(dbPath string, drives, docs []string) BackupDirSuggestion {
	var s BackupDirSuggestion
	abs := ""
	if dbPath != "" {
		if a, err := filepath.Abs(dbPath); err == nil {
			abs = a
		}
	}
	for _, d := range drives {
		if abs != "" && onDrive(abs, d) {
			s.DBOnRemovable = true
			continue
		}
		if s.Dir == "" {
			s.Dir = d
		}
	}
	if s.Dir != "" {
		return s
	}
	for _, d := range docs {
		if isWritableDir(d) {
			s.Dir, s.Source = d, BackupDirDocuments
			return s
		}
	}
	s.Source = BackupDirCurrent
	s.Dir = "."
	if wd, err := os.Getwd(); err == nil {
		s.Dir = wd
	}
	return s
}

// documentsSources are what the user's Documents folder is read from; tests
// fake them to try every system on any system.
type documentsSources struct {
	goos string
	// known asks the system's known-folder API (Windows only).
	known  func() (string, error)
	getenv func(string) string
	home   func() (string, error)
}

// systemDocuments reads the Documents folder from this system.
func systemDocuments() documentsSources {
	return documentsSources{goos: runtime.GOOS, known: knownDocumentsDir, getenv: os.Getenv, home: os.UserHomeDir}
}

// dirs lists, best first, the folders that may be the user's Documents
// folder; callers take the first that exists. On Windows the known-folder
// API decides alone when it answers, because a Documents folder moved to
// OneDrive or another drive leaves %USERPROFILE%\Documents behind (empty,
// or missing): that old guess is only the fallback for when the API fails.
// Elsewhere $XDG_DOCUMENTS_DIR comes first, then ~/Documents and the
// Vietnamese desktop's ~/Tài liệu.
func (s documentsSources) dirs() []string {
	var out []string
	if s.goos == "windows" {
		if p, err := s.known(); err == nil && p != "" {
			return []string{p}
		}
		if p := s.getenv("USERPROFILE"); p != "" {
			out = append(out, filepath.Join(p, "Documents"))
		}
	} else if p := s.getenv("XDG_DOCUMENTS_DIR"); p != "" && filepath.IsAbs(p) {
		out = append(out, p)
	}
	if h, err := s.home(); err == nil && h != "" {
		for _, d := range []string{filepath.Join(h, "Documents"), filepath.Join(h, "Tài liệu")} {
			if !slices.Contains(out, d) {
				out = append(out, d)
			}
		}
	}
	return out
}

// onDrive reports whether the absolute path p lies on the drive mounted at
// root (root itself or anything below it). Links are resolved where they
// can be, so a database reached through a link to the stick still counts;
// filepath.Rel compares Windows paths without regard to case and fails
// across drive letters.
func onDrive(p, root string) bool {
	r, err := filepath.Abs(root)
	if err != nil {
		return false
	}
	if real, err := filepath.EvalSymlinks(r); err == nil {
		r = real
	}
	if real, err := filepath.EvalSymlinks(p); err == nil {
		p = real
	} else if real, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil {
		p = filepath.Join(real, filepath.Base(p))
	}
	rel, err := filepath.Rel(r, p)
	if err != nil {
		return false
	}
	return rel == "." || (rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)))
}

// mountedUnder lists the writable folders directly under the given parents,
// sorted, as mount points of removable drives.
func mountedUnder(parents ...string) []string {
	var out []string
	for _, p := range parents {
		entries, err := os.ReadDir(p)
		if err != nil {
			continue
		}
		var found []string
		for _, e := range entries {
			d := filepath.Join(p, e.Name())
			if isWritableDir(d) {
				found = append(found, d)
			}
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out
}

// isWritableDir reports whether dir is a folder a file can be created in.
func isWritableDir(dir string) bool {
	fi, err := os.Stat(dir)
	if err != nil || !fi.IsDir() {
		return false
	}
	f, err := os.CreateTemp(dir, ".kynangso-write-test-")
	if err != nil {
		return false
	}
	name := f.Name()
	f.Close()
	os.Remove(name)
	return true
}
