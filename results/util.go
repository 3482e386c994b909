package results

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// TimeLayout is how every time is stored: UTC with fixed-width milliseconds,
// so text order is time order (merges compare updated_at as text).
const TimeLayout = "2006-01-02T15:04:05.000Z"

// fmtTime formats t for storage.
func fmtTime(t time.Time) string { return t.UTC().Format(TimeLayout) }

// nullTime formats t for a column where NULL means "not yet".
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return fmtTime(t)
}

// parseTime reads a stored time; NULL or "" gives the zero time.
func parseTime(s sql.NullString) time.Time {
	if !s.Valid || s.String == "" {
		return time.Time{}
	}
	t, err := time.Parse(TimeLayout, s.String)
	if err != nil {
		// A merged row written by other software: accept RFC 3339 too.
		t, err = time.Parse(time.RFC3339Nano, s.String)
		if err != nil {
			return time.Time{}
		}
	}
	return t.UTC()
}

// newID returns a new UUIDv7 text id.
func newID() string {
	id, err := uuid.NewV7()
	if err != nil {
		// NewV7 fails only when the system's random source does; fall back
		// to a v4 id rather than stop a class.
		return uuid.NewString()
	}
	return id.String()
}

// jsonList encodes a list of strings as a JSON array (never "null").
func jsonList(xs []string) string {
	if xs == nil {
		xs = []string{}
	}
	b, _ := json.Marshal(xs)
	return string(b)
}

// parseList decodes a JSON array of strings; a malformed value gives nil.
func parseList(s string) []string {
	var xs []string
	if err := json.Unmarshal([]byte(s), &xs); err != nil || len(xs) == 0 {
		return nil
	}
	return xs
}

// b2i stores a bool as 0/1.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// withTx runs fn in a write transaction (BEGIN IMMEDIATE via the DSN) and
// commits it; with synchronous=FULL the commit is on disk when it returns.
func (s *Store) withTx(ctx context.Context, what string, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: begin: %w", what, err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		if errorsIsOurs(err) {
			return err
		}
		return fmt.Errorf("%s: %w", what, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: commit: %w", what, err)
	}
	return nil
}

// errorsIsOurs reports the package's sentinel errors, which are returned
// unwrapped so messages stay short.
func errorsIsOurs(err error) bool {
	for _, e := range []error{ErrNotFound, ErrSessionOpen, ErrAttemptInProgress, ErrAlreadyAnswered} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// ensureDevice returns this laptop's id from meta, creating it (and its
// devices row) the first time.
func ensureDevice(ctx context.Context, db *sql.DB, clk clock) (string, error) {
	var id string
	err := db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'device_id'`).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("read device id: %w", err)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return "", fmt.Errorf("create device id: %w", err)
	}
	defer tx.Rollback()
	// Another process may have created it between the read and BEGIN.
	err = tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'device_id'`).Scan(&id)
	if err == nil {
		return id, nil
	}
	id = newID()
	ts := clk.stamp()
	if _, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('device_id', ?)`, id); err != nil {
		return "", fmt.Errorf("create device id: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO devices (id, name, device_id, created_at, updated_at) VALUES (?, '', ?, ?, ?)`,
		id, id, ts, ts); err != nil {
		return "", fmt.Errorf("create device row: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return "", fmt.Errorf("create device id: %w", err)
	}
	return id, nil
}
