package results

import (
	"os"
	"path/filepath"
	"sort"
)

// SuggestBackupDir returns the folder a backup should go to by default: a
// mounted removable drive (a USB stick) when one is found, else the user's
// Documents folder, else the current folder. On Linux removable drives are
// the folders under /media/$USER and /run/media/$USER; on Windows, drives
// the system reports as removable.
func SuggestBackupDir() string {
	if d := removableDrives(); len(d) > 0 {
		return d[0]
	}
	if home, err := os.UserHomeDir(); err == nil {
		for _, name := range []string{"Documents", "Tài liệu"} {
			if isWritableDir(filepath.Join(home, name)) {
				return filepath.Join(home, name)
			}
		}
	}
	if wd, err := os.Getwd(); err == nil {
		return wd
	}
	return "."
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
