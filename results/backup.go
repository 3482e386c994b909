package results

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// ErrBackupExists means the backup file named already exists; choose another
// name or replace it on purpose (BackupReplace).
var ErrBackupExists = errors.New("results: the backup file already exists")

// DefaultBackupName is the file name a backup gets when none is given:
// kynangso-backup-YYYYMMDD-HHMM.db, in t's zone (callers pass local time).
func DefaultBackupName(t time.Time) string {
	return "kynangso-backup-" + t.Format("20060102-1504") + ".db"
}

// Backup writes a consistent copy of the database to dst, even while the
// app (in this or another process) keeps writing: SQLite's VACUUM INTO
// reads one snapshot. The copy is written beside dst under a temporary
// name, synced, opened read-only and checked with PRAGMA integrity_check,
// and only then given its name, so a pulled-out USB stick never leaves a
// half-written file that looks like a backup. The file is readable by its
// owner only. An existing dst is refused (ErrBackupExists).
func (s *Store) Backup(ctx context.Context, dst string) error {
	return s.backup(ctx, dst, false)
}

// BackupReplace is Backup, but replaces dst if it exists (only once the new
// copy has passed its check).
func (s *Store) BackupReplace(ctx context.Context, dst string) error {
	return s.backup(ctx, dst, true)
}

func (s *Store) backup(ctx context.Context, dst string, replace bool) error {
	if dst == "" {
		return errors.New("backup: no file name given")
	}
	if fi, err := os.Stat(dst); err == nil {
		if fi.IsDir() || !replace {
			return fmt.Errorf("backup %s: %w", dst, ErrBackupExists)
		}
		if lfi, err := os.Stat(s.path); err == nil && os.SameFile(fi, lfi) {
			return fmt.Errorf("backup %s: %w", dst, ErrSameDatabase)
		}
	}
	tmp := partName(dst)
	removePart(tmp) // left over from an earlier try that was cut short
	removeStaleParts(filepath.Dir(dst), s.clk.now())
	if err := createPrivate(tmp); err != nil {
		return fmt.Errorf("backup %s: %w", dst, err)
	}
	ok := false
	defer func() {
		if !ok {
			removePart(tmp)
		}
	}()
	// VACUUM INTO accepts an existing empty file, so the copy keeps the
	// private mode createPrivate gave it.
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		return fmt.Errorf("backup %s: copy: %w", dst, err)
	}
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("backup %s: %w", dst, err)
	}
	if err := CheckBackup(ctx, tmp); err != nil {
		return fmt.Errorf("backup %s: %w", dst, err)
	}
	if err := os.Rename(tmp, dst); err != nil {
		return fmt.Errorf("backup %s: %w", dst, err)
	}
	ok = true
	syncDir(filepath.Dir(dst))
	return nil
}

// partName is where a backup to dst is written before it is checked and
// renamed: a hidden file beside it, ".NAME.part".
func partName(dst string) string {
	return filepath.Join(filepath.Dir(dst), "."+filepath.Base(dst)+partSuffix)
}

const partSuffix = ".part"

// partCompanions are the files SQLite may make beside a part file while
// VACUUM INTO writes it.
var partCompanions = []string{"", "-journal", "-wal", "-shm"}

// removePart removes a part file and its SQLite companions. They hold a
// copy of personal data, so none may stay behind on a USB stick.
func removePart(tmp string) {
	for _, c := range partCompanions {
		os.Remove(tmp + c)
	}
}

// staleAfter is how long a part file must have been left untouched before
// a backup to another name in the same folder removes it: a backup still
// running elsewhere keeps writing its file.
const staleAfter = time.Minute

// removeStaleParts removes, in dir, the part files of backups that were cut
// short (the laptop switched off, the program killed): hidden ".NAME.part"
// files, with their -journal, -wal and -shm, that hold an SQLite database
// (or nothing yet) and were last written over staleAfter ago. Files of
// other programs (a browser's "x.part" download) do not start with a dot
// or do not hold an SQLite header, and are left alone.
func removeStaleParts(dir string, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		base := name
		for _, c := range partCompanions[1:] {
			base = strings.TrimSuffix(base, c)
		}
		if !strings.HasPrefix(base, ".") || !strings.HasSuffix(base, partSuffix) || e.IsDir() {
			continue
		}
		part := filepath.Join(dir, base)
		if !ourPart(part, now) {
			continue
		}
		removePart(part)
	}
}

// ourPart reports whether path (a part file, or where one was) is a cut-short
// backup of ours: untouched for staleAfter and holding an SQLite header or
// nothing, or already gone (its companions are then left over).
func ourPart(path string, now time.Time) bool {
	fi, err := os.Lstat(path)
	if errors.Is(err, os.ErrNotExist) {
		return true
	}
	if err != nil || !fi.Mode().IsRegular() || now.Sub(fi.ModTime()) < staleAfter {
		return false
	}
	if fi.Size() == 0 {
		return true
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 16)
	n, _ := io.ReadFull(f, head)
	return string(head[:n]) == "SQLite format 3\x00"
}

// CheckBackup opens a backup file read-only (creating nothing beside it) and
// runs PRAGMA integrity_check: nil means the copy is whole. A file that is
// not a kynangso database gives ErrNotKynangso, a damaged one ErrDamaged.
func CheckBackup(ctx context.Context, path string) error {
	if err := checkHeader(path); err != nil {
		return err
	}
	db, err := sql.Open("sqlite3", immutableURI(path))
	if err != nil {
		return fmt.Errorf("check backup: %w", err)
	}
	defer db.Close()
	if _, err := inspectDB(ctx, db); err != nil {
		return classify(err)
	}
	rows, err := db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	defer rows.Close()
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("%w: %v", ErrDamaged, err)
		}
		if line != "ok" {
			return fmt.Errorf("%w: integrity_check: %s", ErrDamaged, line)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	return nil
}

// syncFile flushes a file to the disk (or USB stick).
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("sync: %w", err)
	}
	return f.Close()
}

// syncDir makes a rename durable where the system allows it (not Windows,
// where directories cannot be opened for syncing).
func syncDir(dir string) {
	if runtime.GOOS == "windows" {
		return
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
