package results

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/mattn/go-sqlite3"
)

// Errors callers can test with errors.Is. The CLI and TUI turn them into
// plain sentences that say what to do next.
var (
	// ErrNotFound means the record asked for does not exist.
	ErrNotFound = errors.New("results: not found")
	// ErrSessionOpen means a class is already open on this laptop.
	ErrSessionOpen = errors.New("results: a class session is already open on this laptop")
	// ErrAttemptInProgress means the participant already has an unfinished
	// attempt at this module on this laptop; resume it instead.
	ErrAttemptInProgress = errors.New("results: an attempt at this module is already in progress")
	// ErrAlreadyAnswered means this question of this attempt already has an
	// answer; answers are never overwritten.
	ErrAlreadyAnswered = errors.New("results: this question was already answered in this attempt")
	// ErrNewerSchema means the database was written by a newer kynangso.
	ErrNewerSchema = errors.New("results: the database was made by a newer version of kynangso")
	// ErrDamaged means the database failed SQLite's quick_check; it is not
	// written to.
	ErrDamaged = errors.New("results: the database file is damaged")
	// ErrNotKynangso means the file is not SQLite or not a kynangso database.
	ErrNotKynangso = errors.New("results: the file is not a kynangso database")
	// ErrNoDatabase means OpenExisting found no file at the path: commands
	// that only read (report, export, backup) refuse rather than create an
	// empty database and report on nothing. It wraps os.ErrNotExist.
	ErrNoDatabase = fmt.Errorf("results: no database at this path: %w", os.ErrNotExist)
)

// applicationID marks kynangso databases in the SQLite header ("KNSO").
const applicationID = 0x4B4E534F

// Store is the results database of one laptop. It is safe for concurrent use
// by several goroutines, and several processes may open the same file.
type Store struct {
	db       *sql.DB
	path     string
	deviceID string
	clk      clock

	// The background retry of pending erasures (privacy.go), stopped by
	// Close.
	bg       sync.Mutex
	bgStop   chan struct{}
	bgWait   sync.WaitGroup
	bgClosed bool
	retrying bool
}

// dsn builds the go-sqlite3 data source name for path. Every pooled
// connection gets these settings because the driver applies them on connect.
// readOnly opens the file without any setting that writes (used to inspect a
// file before trusting it).
func dsn(path string, readOnly bool) string {
	mode := modeReadWrite
	if readOnly {
		mode = modeReadOnly
	}
	return dsnMode(path, mode)
}

// Connection modes for dsnMode.
const (
	modeReadWrite = iota // the app's settings: WAL, synchronous=FULL...
	modeReadOnly         // inspect a file without writing
	modeBulk             // write a brand-new file fast (demo data): no journal, no fsync
)

func dsnMode(path string, mode int) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows: file:///C:/...
	}
	// url.URL escapes '?', '#' and '%' in the path, so any file name works.
	u := url.URL{Scheme: "file", Path: p}
	q := url.Values{}
	switch mode {
	case modeReadOnly:
		q.Set("mode", "ro")
		q.Set("_busy_timeout", "10000")
		q.Set("_query_only", "true")
	case modeBulk:
		q.Set("_journal_mode", "MEMORY")
		q.Set("_synchronous", "OFF")
		q.Set("_foreign_keys", "on")
		q.Set("_cache_size", "-262144") // 256 MiB
		q.Set("_txlock", "immediate")
	default:
		q.Set("_journal_mode", "WAL")
		q.Set("_synchronous", "FULL")
		q.Set("_foreign_keys", "on")
		q.Set("_busy_timeout", "10000")
		q.Set("_txlock", "immediate")
		q.Set("_secure_delete", "on")
	}
	return u.String() + "?" + q.Encode()
}

// Open opens the results database at path, creating it (mode 0600) when it
// does not exist. An existing file is first inspected read-only: a file that
// is not a kynangso database, fails PRAGMA quick_check or was written by a
// newer schema is refused without being written to (ErrNotKynangso,
// ErrDamaged, ErrNewerSchema). Then pending migrations run, each in its own
// transaction.
// Options set the store's clock and zone (WithClock, WithZone).
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	return openAt(ctx, path, len(migrations), opts...)
}

// OpenExisting is Open for commands that only read the data (report,
// export, backup, fingerprint): a path with no file is refused with
// ErrNoDatabase instead of being created, so a mistyped --db never prints
// an all-zero report or a "checked" backup of nothing.
func OpenExisting(ctx context.Context, path string, opts ...Option) (*Store, error) {
	if path == "" {
		return nil, errors.New("open results database: no path given")
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("open results database %s: %w", path, ErrNoDatabase)
	}
	return Open(ctx, path, opts...)
}

// openAt opens path and migrates it up to schema version upTo (tests use it
// to build databases of an older version).
func openAt(ctx context.Context, path string, upTo int, opts ...Option) (*Store, error) {
	if path == "" {
		return nil, errors.New("open results database: no path given")
	}
	if err := createPrivate(path); err != nil {
		return nil, fmt.Errorf("open results database %s: %w", path, err)
	}
	if _, err := Inspect(ctx, path); err != nil {
		return nil, fmt.Errorf("open results database %s: %w", path, err)
	}
	db, err := sql.Open("sqlite3", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("open results database %s: %w", path, err)
	}
	s := &Store{db: db, path: path, clk: newClock(opts), bgStop: make(chan struct{})}
	if err := s.init(ctx, upTo); err != nil {
		db.Close()
		return nil, fmt.Errorf("open results database %s: %w", path, classify(err))
	}
	return s, nil
}

// init brings the schema up to version upTo and loads this laptop's id.
func (s *Store) init(ctx context.Context, upTo int) error {
	if err := s.db.PingContext(ctx); err != nil {
		return err
	}
	if err := migrate(ctx, s.db, upTo, s.clk); err != nil {
		return err
	}
	id, err := ensureDevice(ctx, s.db, s.clk)
	if err != nil {
		return err
	}
	s.deviceID = id
	if err := s.cleanOwnText(ctx); err != nil {
		return err
	}
	// An erasure that could not finish last time (a reader held the log)
	// finishes now; if something still holds it, the background retry does.
	if done, err := s.FinishErasures(ctx); err != nil {
		return err
	} else if !done {
		s.retryErasuresInBackground()
	}
	return nil
}

// createPrivate creates an empty file readable by its owner only, so the
// database (and the -wal/-shm files SQLite later creates with the same
// permissions) never exists with a looser mode. An existing file is left
// alone.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("create database file: %w", err)
	}
	if err := f.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
		f.Close()
		return fmt.Errorf("create database file: %w", err)
	}
	return f.Close()
}

// classify maps SQLite's own error codes to the package's errors.
func classify(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrNotADB:
			return fmt.Errorf("%w (%v)", ErrNotKynangso, err)
		case sqlite3.ErrCorrupt:
			return fmt.Errorf("%w (%v)", ErrDamaged, err)
		}
	}
	return err
}

// Close closes the database. It checkpoints the write-ahead log so the data
// sits in the main file when the laptop is switched off or the file copied.
func (s *Store) Close() error {
	if s == nil || s.db == nil {
		return nil
	}
	s.bg.Lock()
	if !s.bgClosed {
		s.bgClosed = true
		close(s.bgStop)
	}
	s.bg.Unlock()
	s.bgWait.Wait()
	// A reader in another program may hold the checkpoint back: try for a
	// second, not for the 10 s busy timeout; the data is committed anyway.
	_, _ = s.checkpointFully(context.Background())
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close results database: %w", err)
	}
	return nil
}

// Path returns the database file's path as given to Open.
func (s *Store) Path() string { return s.path }

// DeviceID returns this laptop's id, stamped on every row it creates.
func (s *Store) DeviceID() string { return s.deviceID }

// DB returns the underlying database handle for the reports, exports and
// merge code of this package's siblings (and tests). Writes through it must
// keep the schema's conventions.
func (s *Store) DB() *sql.DB { return s.db }
