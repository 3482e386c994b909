package results

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"
)

// ErrErasurePending means an erasure is committed (the person is gone from
// every screen, report and export) but its bytes are still in the database
// file, because another piece of work is reading it (a report running, a
// backup). The store finishes it by itself as soon as it can: in the
// background while the app runs, and at the next start. Screens say so in
// plain words instead of "deleted".
var ErrErasurePending = errors.New("results: the erasure will finish when the other work on the data ends")

// erasureRetry is how often the background retry of a pending erasure
// tries again.
var erasureRetry = time.Second

// DeleteParticipantData erases a person on request (Law 91/2025 on personal
// data protection). The record, and every record joined with it as the same
// person, becomes a tombstone: name, search key, birth year, gender, village,
// household, phone and consent are emptied, anonymous is set and deleted_at
// records when. Their attempts are unlinked (participant_id NULL) and kept
// as anonymous so module totals stay right; their lesson progress rows and
// any merge-log copies of their record are deleted; their attendance rows
// keep pointing at the tombstone so head counts stay right. secure_delete
// overwrites the freed bytes and a TRUNCATE checkpoint empties the
// write-ahead log, so the name is gone from the .db and -wal files.
// Each erasure is recorded in privacy_erasures and marked completed once
// that checkpoint has run to the end. When a reader holds the checkpoint
// back, DeleteParticipantData returns ErrErasurePending and the store keeps
// trying in the background (and at the next start) until it completes.
func (s *Store) DeleteParticipantData(ctx context.Context, id string) error {
	err := s.withTx(ctx, "delete participant data", func(tx *sql.Tx) error {
		var exists int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM participants WHERE id = ?`, id).Scan(&exists); err != nil {
			return err
		}
		if exists == 0 {
			return ErrNotFound
		}
		ids, err := linkedGroup(ctx, tx, id)
		if err != nil {
			return err
		}
		ts := s.clk.stamp()
		for _, pid := range ids {
			if err := erase(ctx, tx, pid, ts); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO privacy_erasures (id, participant_id, requested_at) VALUES (?, ?, ?)`,
			newID(), id, ts)
		return err
	})
	if err != nil {
		return err
	}
	done, err := s.FinishErasures(ctx)
	if err != nil {
		return err
	}
	if !done {
		s.retryErasuresInBackground()
		return ErrErasurePending
	}
	return nil
}

// PendingErasures counts the erasures whose bytes are not yet out of the
// database file.
func (s *Store) PendingErasures(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM privacy_erasures WHERE completed_at IS NULL`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count pending erasures: %w", err)
	}
	return n, nil
}

// FinishErasures checkpoints the write-ahead log to the end and, when that
// worked, marks every pending erasure completed. It reports whether none is
// left pending.
func (s *Store) FinishErasures(ctx context.Context) (bool, error) {
	n, err := s.PendingErasures(ctx)
	if err != nil || n == 0 {
		return err == nil, err
	}
	done, err := s.checkpointFully(ctx)
	if err != nil || !done {
		return false, err
	}
	// Marking them rewrites a page of privacy_erasures only: no personal
	// data goes back into the log.
	if _, err := s.db.ExecContext(ctx, `UPDATE privacy_erasures SET completed_at = ? WHERE completed_at IS NULL`,
		s.clk.stamp()); err != nil {
		return false, fmt.Errorf("record finished erasures: %w", err)
	}
	return true, nil
}

// retryErasuresInBackground keeps calling FinishErasures until it succeeds
// or the store is closed; only one such loop runs at a time.
func (s *Store) retryErasuresInBackground() {
	s.bg.Lock()
	defer s.bg.Unlock()
	if s.bgClosed || s.retrying {
		return
	}
	s.retrying = true
	s.bgWait.Add(1)
	go func() {
		defer s.bgWait.Done()
		t := time.NewTicker(erasureRetry)
		defer t.Stop()
		for {
			select {
			case <-s.bgStop:
			case <-t.C:
				if done, err := s.FinishErasures(context.Background()); err == nil && !done {
					continue
				}
			}
			s.bg.Lock()
			s.retrying = false
			s.bg.Unlock()
			return
		}
	}()
}

// linkedGroup returns id and every record joined with it, in either
// direction and through chains of joins.
func linkedGroup(ctx context.Context, tx *sql.Tx, id string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `WITH RECURSIVE grp(id) AS (
			SELECT ?
			UNION
			SELECT l.into_id FROM participant_links l JOIN grp ON l.from_id = grp.id
			UNION
			SELECT l.from_id FROM participant_links l JOIN grp ON l.into_id = grp.id
		) SELECT id FROM grp`, id)
	if err != nil {
		return nil, fmt.Errorf("find joined records: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var x string
		if err := rows.Scan(&x); err != nil {
			return nil, err
		}
		ids = append(ids, x)
	}
	return ids, rows.Err()
}

// erase turns one participant record into a tombstone.
func erase(ctx context.Context, tx *sql.Tx, id, ts string) error {
	stmts := []struct {
		q    string
		args []any
	}{
		{`UPDATE participants SET full_name = '', search_key = '', birth_year = 0, gender = '',
			village = '', household = '', phone = '', consent_version = '', consent_at = NULL,
			anonymous = 1, deleted_at = COALESCE(deleted_at, ?1), updated_at = ?1 WHERE id = ?2`, []any{ts, id}},
		{`UPDATE attempts SET participant_id = NULL, updated_at = ?1 WHERE participant_id = ?2`, []any{ts, id}},
		{`DELETE FROM lesson_progress WHERE participant_id = ?`, []any{id}},
		{`DELETE FROM merge_log WHERE table_name = 'participants' AND row_id = ?`, []any{id}},
	}
	for _, st := range stmts {
		if _, err := tx.ExecContext(ctx, st.q, st.args...); err != nil {
			return fmt.Errorf("erase participant: %w", err)
		}
	}
	return nil
}

// checkpoint copies the write-ahead log into the database file and truncates
// the log to zero bytes. Readers in other processes can hold it back for a
// moment, so it retries briefly; the data is committed either way, and the
// next checkpoint finishes the job.
func (s *Store) checkpoint(ctx context.Context) error {
	_, err := s.checkpointFully(ctx)
	return err
}

// checkpointFully is checkpoint reporting whether the log was emptied into
// the database file (false: a reader held it back for the whole second).
// A TRUNCATE checkpoint waits for readers through the busy handler, which
// the DSN sets to 10 s; each try here waits 50 ms at most, on a connection
// of its own whose busy timeout is put back afterwards.
func (s *Store) checkpointFully(ctx context.Context) (bool, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return false, fmt.Errorf("checkpoint: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA busy_timeout = 50`); err != nil {
		return false, fmt.Errorf("checkpoint: %w", err)
	}
	defer func() {
		if _, err := conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA busy_timeout = 10000`); err != nil {
			_ = conn.Raw(func(any) error { return driver.ErrBadConn }) // never pool a 50 ms timeout
		}
	}()
	for try := 0; try < 20; try++ {
		var busy, logPages, done int
		err := conn.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logPages, &done)
		if err != nil {
			return false, fmt.Errorf("checkpoint: %w", err)
		}
		if busy == 0 {
			return true, nil
		}
		select {
		case <-ctx.Done():
			return false, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
	return false, nil
}
