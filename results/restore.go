package results

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

// ErrDatabaseInUse means another program (usually kynangso itself, in
// another window) has the database open, so it cannot be replaced now.
var ErrDatabaseInUse = errors.New("results: the database is open in another program")

// RestoreResult says what Restore did, so the trainer can be told where
// the old data went.
type RestoreResult struct {
	// MovedAside is where the database that was in place now lives, "" when
	// there was none. It is never deleted.
	MovedAside string
	// Version is the backup's schema version; Restore then brings it up to
	// this build's version (SchemaVersion) as Open does.
	Version int
}

// Restore puts the backup file in place of the database at dbPath. The
// backup is vetted first (Inspect: a kynangso database, not damaged, not
// from a newer kynangso, not empty) and copied beside dbPath under a
// temporary name with mode 0600; only when the copy checks out is the
// current database (with its -wal and -shm files, if any) renamed to
// <name>.hong-YYYYMMDD-HHMMSS.db and the copy renamed into place. Nothing is
// deleted, and when Restore refuses (a bad backup, ErrDatabaseInUse) every
// file is left as it was. The restored file is finally opened as the app
// would open it.
func Restore(ctx context.Context, dbPath, backup string, now time.Time) (RestoreResult, error) {
	var res RestoreResult
	if err := sameFile(dbPath, backup); err != nil {
		return res, err
	}
	v, err := Inspect(ctx, backup)
	if err != nil {
		return res, fmt.Errorf("restore from %s: %w", backup, err)
	}
	if v == 0 {
		return res, fmt.Errorf("restore from %s: %w: it holds no kynangso data", backup, ErrNotKynangso)
	}
	res.Version = v
	if err := checkNotInUse(ctx, dbPath); err != nil {
		return res, fmt.Errorf("restore into %s: %w", dbPath, err)
	}
	tmp := filepath.Join(filepath.Dir(dbPath), "."+filepath.Base(dbPath)+".restore-part")
	os.Remove(tmp) // left over from a restore that was cut short
	if err := copyDatabase(ctx, backup, tmp); err != nil {
		os.Remove(tmp)
		return res, fmt.Errorf("restore from %s: %w", backup, err)
	}
	if _, err := Inspect(ctx, tmp); err != nil {
		os.Remove(tmp)
		return res, fmt.Errorf("restore from %s: the copy failed its check: %w", backup, err)
	}
	aside, err := moveAside(dbPath, now)
	if err != nil {
		os.Remove(tmp)
		return res, fmt.Errorf("restore into %s: %w", dbPath, err)
	}
	res.MovedAside = aside
	if err := os.Rename(tmp, dbPath); err != nil {
		return res, fmt.Errorf("restore into %s: put the copy in place: %w", dbPath, err)
	}
	syncDir(filepath.Dir(dbPath))
	s, err := Open(ctx, dbPath)
	if err != nil {
		return res, fmt.Errorf("restore into %s: open the restored file: %w", dbPath, err)
	}
	return res, s.Close()
}

// sameFile refuses to restore a database over itself.
func sameFile(dbPath, backup string) error {
	a, errA := os.Stat(dbPath)
	b, errB := os.Stat(backup)
	if errA == nil && errB == nil && os.SameFile(a, b) {
		return fmt.Errorf("restore from %s: %w", backup, ErrSameDatabase)
	}
	return nil
}

// checkNotInUse asks SQLite for an exclusive lock on the database file. A
// connection of a running kynangso holds a shared lock on a WAL database for
// as long as it is open, so the request fails at once with SQLITE_BUSY
// while the app is running. Any other failure (a damaged or foreign file)
// is not a reason to refuse: that file is about to be moved aside.
func checkNotInUse(ctx context.Context, path string) error {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("check the database is free: %w", err)
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	u := url.URL{Scheme: "file", Path: p, RawQuery: "mode=rw&_locking_mode=EXCLUSIVE&_busy_timeout=300"}
	db, err := sql.Open("sqlite3", u.String())
	if err != nil {
		return fmt.Errorf("check the database is free: %w", err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return busyOrNil(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN EXCLUSIVE`); err != nil {
		return busyOrNil(err)
	}
	_, err = conn.ExecContext(ctx, `ROLLBACK`)
	return busyOrNil(err)
}

func busyOrNil(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked) {
		return fmt.Errorf("%w (%v)", ErrDatabaseInUse, err)
	}
	return nil
}

// copyDatabase copies the backup to dst (created 0600). A file with a
// write-ahead log beside it is copied through SQLite (VACUUM INTO reads one
// consistent snapshot of both); a plain file, such as the ones `backup`
// writes, byte for byte.
func copyDatabase(ctx context.Context, src, dst string) error {
	if err := createPrivate(dst); err != nil {
		return err
	}
	if _, err := os.Stat(src + "-wal"); err == nil {
		db, err := sql.Open("sqlite3", dsn(src, true))
		if err != nil {
			return fmt.Errorf("copy: %w", err)
		}
		defer db.Close()
		if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, dst); err != nil {
			return fmt.Errorf("copy: %w", classify(err))
		}
		return syncFile(dst)
	}
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("copy: %w", err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("copy: %w", err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copy: %w", err)
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return fmt.Errorf("copy: %w", err)
	}
	return out.Close()
}

// AsideName is the name the database at path is given when a restore moves
// it out of the way: kynangso.db becomes kynangso.hong-20260315-101500.db
// ("hỏng": damaged), in now's zone (the caller passes local time), beside
// the original.
func AsideName(path string, now time.Time) string {
	ext := filepath.Ext(path)
	if ext == "" {
		ext = ".db"
	}
	return strings.TrimSuffix(path, filepath.Ext(path)) + ".hong-" + now.Format("20060102-150405") + ext
}

// moveAside renames the database at path, with its -wal and -shm files, to
// a free AsideName; "" when there was nothing to move.
func moveAside(path string, now time.Time) (string, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	aside := FreeFileName(AsideName(path, now))
	if err := os.Rename(path, aside); err != nil {
		return "", fmt.Errorf("move the current database aside: %w", err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + suffix); err == nil {
			if err := os.Rename(path+suffix, aside+suffix); err != nil {
				return aside, fmt.Errorf("move the current database's %s file aside: %w", suffix, err)
			}
		}
	}
	return aside, nil
}
