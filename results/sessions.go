package results

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"kynangso/internal/safetext"
)

// cleanSession normalises a class's text fields.
func cleanSession(c *ClassSession, clk clock) error {
	c.Title = safetext.Line(c.Title)
	c.Commune = safetext.Line(c.Commune)
	c.Date = safetext.Line(c.Date)
	if c.Date == "" {
		c.Date = clk.today()
	}
	if _, err := time.Parse("2006-01-02", c.Date); err != nil {
		return fmt.Errorf("%w: class date %q is not YYYY-MM-DD", ErrInvalid, c.Date)
	}
	c.Villages = cleanList(c.Villages)
	c.Trainers = cleanList(c.Trainers)
	c.PlannedModules = cleanList(c.PlannedModules)
	return nil
}

// cleanList cleans each entry and drops blanks and repeats.
func cleanList(xs []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, x := range xs {
		x = safetext.Line(x)
		if x == "" || seen[x] {
			continue
		}
		seen[x] = true
		out = append(out, x)
	}
	return out
}

// OpenSession opens a class on this laptop. The date defaults to today;
// OpenedAt is now. ErrSessionOpen if a class is already open here.
func (s *Store) OpenSession(ctx context.Context, c ClassSession) (ClassSession, error) {
	if err := cleanSession(&c, s.clk); err != nil {
		return ClassSession{}, err
	}
	c.ID, c.DeviceID = newID(), s.deviceID
	c.OpenedAt = s.clk.now()
	c.ClosedAt = time.Time{}
	c.CreatedAt, c.UpdatedAt = c.OpenedAt, c.OpenedAt
	err := s.withTx(ctx, "open class", func(tx *sql.Tx) error {
		if _, open, err := currentSession(ctx, tx, s.deviceID); err != nil {
			return err
		} else if open {
			return ErrSessionOpen
		}
		ts := fmtTime(c.OpenedAt)
		_, err := tx.ExecContext(ctx, `INSERT INTO class_sessions (id, title, date, commune,
			villages, trainers, planned_modules, opened_at, closed_at, device_id, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
			c.ID, c.Title, c.Date, c.Commune, jsonList(c.Villages), jsonList(c.Trainers),
			jsonList(c.PlannedModules), ts, c.DeviceID, ts, ts)
		return err
	})
	if err != nil {
		return ClassSession{}, err
	}
	return c, nil
}

const sessionCols = `id, title, date, commune, villages, trainers, planned_modules,
	opened_at, closed_at, device_id, created_at, updated_at`

func scanSession(r rowScanner) (ClassSession, error) {
	var c ClassSession
	var villages, trainers, modules string
	var opened, closed, created, updated sql.NullString
	if err := r.Scan(&c.ID, &c.Title, &c.Date, &c.Commune, &villages, &trainers, &modules,
		&opened, &closed, &c.DeviceID, &created, &updated); err != nil {
		return ClassSession{}, err
	}
	c.Villages, c.Trainers, c.PlannedModules = parseList(villages), parseList(trainers), parseList(modules)
	c.OpenedAt, c.ClosedAt = parseTime(opened), parseTime(closed)
	c.CreatedAt, c.UpdatedAt = parseTime(created), parseTime(updated)
	return c, nil
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func currentSession(ctx context.Context, q querier, device string) (ClassSession, bool, error) {
	c, err := scanSession(q.QueryRowContext(ctx, `SELECT `+sessionCols+` FROM class_sessions
		WHERE device_id = ? AND closed_at IS NULL`, device))
	if errors.Is(err, sql.ErrNoRows) {
		return ClassSession{}, false, nil
	}
	if err != nil {
		return ClassSession{}, false, fmt.Errorf("read open class: %w", err)
	}
	return c, true, nil
}

// CurrentSession returns the class open on this laptop, if any.
func (s *Store) CurrentSession(ctx context.Context) (ClassSession, bool, error) {
	return currentSession(ctx, s.db, s.deviceID)
}

// session reads one class by id.
func (s *Store) session(ctx context.Context, q querier, id string) (ClassSession, error) {
	c, err := scanSession(q.QueryRowContext(ctx, `SELECT `+sessionCols+` FROM class_sessions WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return ClassSession{}, ErrNotFound
	}
	if err != nil {
		return ClassSession{}, fmt.Errorf("read class: %w", err)
	}
	return c, nil
}

// CloseSession closes a class. Closing a closed class changes nothing.
func (s *Store) CloseSession(ctx context.Context, id string) error {
	return s.withTx(ctx, "close class", func(tx *sql.Tx) error {
		if _, err := s.session(ctx, tx, id); err != nil {
			return err
		}
		ts := s.clk.stamp()
		_, err := tx.ExecContext(ctx, `UPDATE class_sessions SET closed_at = ?, updated_at = ?
			WHERE id = ? AND closed_at IS NULL`, ts, ts, id)
		return err
	})
}

// ReopenSession reopens a class closed by mistake. Only a class made on this
// laptop can be reopened here (ErrNotFound otherwise); ErrSessionOpen if
// another class is open.
func (s *Store) ReopenSession(ctx context.Context, id string) error {
	return s.withTx(ctx, "reopen class", func(tx *sql.Tx) error {
		c, err := s.session(ctx, tx, id)
		if err != nil {
			return err
		}
		if c.DeviceID != s.deviceID {
			return fmt.Errorf("%w: the class was opened on another laptop", ErrNotFound)
		}
		if c.IsOpen() {
			return nil
		}
		if _, open, err := currentSession(ctx, tx, s.deviceID); err != nil {
			return err
		} else if open {
			return ErrSessionOpen
		}
		_, err = tx.ExecContext(ctx, `UPDATE class_sessions SET closed_at = NULL, updated_at = ? WHERE id = ?`,
			s.clk.stamp(), id)
		return err
	})
}

// UpdateSession corrects a class's title, date, commune, villages, trainers
// and planned modules; times and state are unchanged.
func (s *Store) UpdateSession(ctx context.Context, c ClassSession) error {
	if err := cleanSession(&c, s.clk); err != nil {
		return err
	}
	res, err := s.db.ExecContext(ctx, `UPDATE class_sessions SET title = ?, date = ?, commune = ?,
		villages = ?, trainers = ?, planned_modules = ?, updated_at = ? WHERE id = ?`,
		c.Title, c.Date, c.Commune, jsonList(c.Villages), jsonList(c.Trainers),
		jsonList(c.PlannedModules), s.clk.stamp(), c.ID)
	if err != nil {
		return fmt.Errorf("update class: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// Sessions returns every class in the database (including those merged from
// other laptops), newest first.
func (s *Store) Sessions(ctx context.Context) ([]ClassSession, error) {
	return s.querySessions(ctx, `SELECT `+sessionCols+` FROM class_sessions
		ORDER BY date DESC, opened_at DESC, id DESC`)
}

// querySessions runs q, which selects sessionCols, and scans every class.
func (s *Store) querySessions(ctx context.Context, q string, args ...any) ([]ClassSession, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list classes: %w", err)
	}
	defer rows.Close()
	var out []ClassSession
	for rows.Next() {
		c, err := scanSession(rows)
		if err != nil {
			return nil, fmt.Errorf("list classes: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list classes: %w", err)
	}
	return out, nil
}

// CheckIn records that a participant came to a class. A person checks in
// once per class: a second call returns the existing row unchanged.
func (s *Store) CheckIn(ctx context.Context, sessionID, participantID string) (Attendance, error) {
	var a Attendance
	err := s.withTx(ctx, "check in", func(tx *sql.Tx) error {
		if _, err := s.session(ctx, tx, sessionID); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM participants WHERE id = ? AND deleted_at IS NULL`,
			participantID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return ErrNotFound
		}
		ts := s.clk.stamp()
		if _, err := tx.ExecContext(ctx, `INSERT INTO attendance (id, session_id, participant_id,
			checked_in_at, device_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (session_id, participant_id) DO NOTHING`,
			newID(), sessionID, participantID, ts, s.deviceID, ts, ts); err != nil {
			return err
		}
		var err error
		a, err = scanAttendance(tx.QueryRowContext(ctx, `SELECT `+attendanceCols+` FROM attendance
			WHERE session_id = ? AND participant_id = ?`, sessionID, participantID))
		return err
	})
	return a, err
}

const attendanceCols = `id, session_id, participant_id, checked_in_at, device_id`

func scanAttendance(r rowScanner) (Attendance, error) {
	var a Attendance
	var at sql.NullString
	if err := r.Scan(&a.ID, &a.SessionID, &a.ParticipantID, &at, &a.DeviceID); err != nil {
		return Attendance{}, err
	}
	a.CheckedInAt = parseTime(at)
	return a, nil
}

// Attendance returns a class's check-ins in the order people arrived.
func (s *Store) Attendance(ctx context.Context, sessionID string) ([]Attendance, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+attendanceCols+` FROM attendance
		WHERE session_id = ? ORDER BY checked_in_at, id`, sessionID)
	if err != nil {
		return nil, fmt.Errorf("list attendance: %w", err)
	}
	defer rows.Close()
	var out []Attendance
	for rows.Next() {
		a, err := scanAttendance(rows)
		if err != nil {
			return nil, fmt.Errorf("list attendance: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list attendance: %w", err)
	}
	return out, nil
}
