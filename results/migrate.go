package results

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migration is one numbered schema step.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations holds every embedded migration in version order; the schema
// version this build knows is len(migrations).
var migrations = loadMigrations()

// SchemaVersion is the newest schema version this build knows.
var SchemaVersion = len(migrations)

func loadMigrations() []migration {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		panic(fmt.Sprintf("results: embedded migrations: %v", err))
	}
	var ms []migration
	for _, e := range entries {
		name := e.Name()
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			panic(fmt.Sprintf("results: migration %s must start with a number and '_'", name))
		}
		b, err := migrationFS.ReadFile("migrations/" + name)
		if err != nil {
			panic(fmt.Sprintf("results: read migration %s: %v", name, err))
		}
		ms = append(ms, migration{version: v, name: name, sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			panic(fmt.Sprintf("results: migrations must be numbered 1, 2, 3...; %s is out of place", m.name))
		}
	}
	return ms
}

// migrate applies the migrations after the database's current version, up to
// and including version upTo, each in its own transaction recorded in
// schema_migrations. BEGIN IMMEDIATE (the DSN's _txlock) means two processes
// opening a fresh file at once apply each step exactly once.
func migrate(ctx context.Context, db *sql.DB, upTo int, clk clock) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	for _, m := range migrations[:upTo] {
		if err := applyMigration(ctx, db, m, clk); err != nil {
			return err
		}
	}
	return nil
}

func applyMigration(ctx context.Context, db *sql.DB, m migration, clk clock) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migration %s: begin: %w", m.name, err)
	}
	defer tx.Rollback()
	var cur int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&cur); err != nil {
		return fmt.Errorf("migration %s: read version: %w", m.name, err)
	}
	if cur > len(migrations) {
		return fmt.Errorf("%w: database schema version %d, this program knows up to %d", ErrNewerSchema, cur, len(migrations))
	}
	if cur >= m.version {
		return fillPlaceholder(ctx, tx, m, clk)
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if m.version == 1 {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
			return fmt.Errorf("migration %s: application id: %w", m.name, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		m.version, m.name, clk.stamp()); err != nil {
		return fmt.Errorf("migration %s: record: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %s: commit: %w", m.name, err)
	}
	return nil
}

// fillPlaceholder applies m to a database that recorded its version under
// a placeholder ("0007_reserved.sql": for a while during development the
// seats migration, 0008, was merged before the review migration it left
// number 7 for). Such a file has 0008 and lacks 0007; the migrations are
// independent, so 0007 runs now and takes its own name. Any other version
// already applied is left as it is.
func fillPlaceholder(ctx context.Context, tx *sql.Tx, m migration, clk clock) error {
	var name string
	err := tx.QueryRowContext(ctx, `SELECT name FROM schema_migrations WHERE version = ?`, m.version).Scan(&name)
	if err != nil || name == m.name || !strings.HasSuffix(name, "_reserved.sql") {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migration %s (in place of %s): %w", m.name, name, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE schema_migrations SET name = ?, applied_at = ? WHERE version = ?`,
		m.name, clk.stamp(), m.version); err != nil {
		return fmt.Errorf("migration %s: record: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %s: commit: %w", m.name, err)
	}
	return nil
}

// sqliteHeader starts every SQLite 3 database file.
const sqliteHeader = "SQLite format 3\x00"

// Inspect checks, without writing anything, that the file at path is a
// kynangso database this build can use: an SQLite file (ErrNotKynangso
// otherwise) marked as kynangso, with a schema version not newer than this
// build's (ErrNewerSchema) and passing PRAGMA quick_check (ErrDamaged). It
// returns the file's schema version; an empty file, or an SQLite file with no
// tables yet, is version 0. The merge and backup commands use it to vet files
// before reading them.
func Inspect(ctx context.Context, path string) (int, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return 0, fmt.Errorf("inspect database: %w", err)
	}
	if fi.IsDir() {
		return 0, fmt.Errorf("%w: %s is a folder", ErrNotKynangso, path)
	}
	if fi.Size() == 0 {
		return 0, nil
	}
	if err := checkHeader(path); err != nil {
		return 0, err
	}
	// With no write-ahead log beside it, no connection has the file open
	// and it is complete on its own: read it as immutable, which creates no
	// -wal/-shm file and takes no lock (it may sit on a read-only USB
	// stick). Otherwise read it read-only with normal locking, and do the
	// same before calling a file damaged, in case a writer started between
	// the two looks.
	noWAL := func() bool {
		_, err := os.Stat(path + "-wal")
		return errors.Is(err, os.ErrNotExist)
	}
	immutable := noWAL()
	v, err := inspectWith(ctx, path, immutable)
	if immutable && errors.Is(err, ErrDamaged) && !noWAL() {
		v, err = inspectWith(ctx, path, false)
	}
	return v, err
}

func inspectWith(ctx context.Context, path string, immutable bool) (int, error) {
	d := dsn(path, true)
	if immutable {
		d += "&immutable=1"
	}
	db, err := sql.Open("sqlite3", d)
	if err != nil {
		return 0, fmt.Errorf("inspect database: %w", err)
	}
	defer db.Close()
	v, err := inspectDB(ctx, db)
	if err != nil {
		return v, classify(err)
	}
	return v, nil
}

func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("inspect database: %w", err)
	}
	defer f.Close()
	buf := make([]byte, len(sqliteHeader))
	if _, err := f.Read(buf); err != nil || string(buf) != sqliteHeader {
		return fmt.Errorf("%w: %s is not an SQLite database", ErrNotKynangso, path)
	}
	return nil
}

// inspectDB reads identity, version and integrity through a read-only handle.
func inspectDB(ctx context.Context, db *sql.DB) (int, error) {
	var tables int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema`).Scan(&tables); err != nil {
		return 0, fmt.Errorf("read schema: %w", err)
	}
	var appID int64
	if err := db.QueryRowContext(ctx, `PRAGMA application_id`).Scan(&appID); err != nil {
		return 0, fmt.Errorf("read application id: %w", err)
	}
	var hasMigrations int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&hasMigrations); err != nil {
		return 0, fmt.Errorf("read schema: %w", err)
	}
	if err := quickCheck(ctx, db); err != nil {
		return 0, err
	}
	version := 0
	if hasMigrations == 1 {
		if err := db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&version); err != nil {
			return 0, fmt.Errorf("read schema version: %w", err)
		}
	}
	switch {
	case tables == 0:
		return 0, nil // a new file whose first migration never committed
	case appID != applicationID && !(hasMigrations == 1 && version == 0):
		return 0, fmt.Errorf("%w: it holds other data", ErrNotKynangso)
	case version > len(migrations):
		return version, fmt.Errorf("%w: database schema version %d, this program knows up to %d", ErrNewerSchema, version, len(migrations))
	}
	return version, nil
}

// quickCheck runs PRAGMA quick_check and reports ErrDamaged on any finding.
func quickCheck(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `PRAGMA quick_check`)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("%w: %v", ErrDamaged, err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	if len(problems) > 0 {
		if len(problems) > 3 {
			problems = append(problems[:3], "...")
		}
		return fmt.Errorf("%w: %s", ErrDamaged, strings.Join(problems, "; "))
	}
	return nil
}
