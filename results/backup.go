package results

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
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
	tmp := filepath.Join(filepath.Dir(dst), "."+filepath.Base(dst)+".part")
	os.Remove(tmp) // left over from an earlier try that was cut short
	if err := createPrivate(tmp); err != nil {
		return fmt.Errorf("backup %s: %w", dst, err)
	}
	ok := false
	defer func() {
		if !ok {
			os.Remove(tmp)
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
