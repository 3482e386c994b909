package results

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

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
		return nil
	})
	if err != nil {
		return err
	}
	return s.checkpoint(ctx)
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
// moment, so it retries briefly; the erased data is already committed either
// way, and the next checkpoint finishes the job.
func (s *Store) checkpoint(ctx context.Context) error {
	for try := 0; try < 20; try++ {
		var busy, logPages, done int
		err := s.db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logPages, &done)
		if err != nil {
			return fmt.Errorf("checkpoint: %w", err)
		}
		if busy == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
	return nil
}
