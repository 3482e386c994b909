package results

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"
)

// RecordAnswers commits several answers in one transaction: one write to
// disk for all of them, which is what lets a class of phones that answer at
// the same moment each see "saved" in a few milliseconds (the phone pages'
// group commit). Each answer is checked as RecordAnswer checks it, and one
// answer's problem (ErrAlreadyAnswered, ErrAttemptClosed, ErrNotFound,
// ErrInvalid) is its own: errs[i] says what became of answers[i], and
// saved[i] is what was stored. An error of the transaction itself fails
// them all (err).
func (s *Store) RecordAnswers(ctx context.Context, answers []Answer) (saved []Answer, errs []error, err error) {
	saved, errs = make([]Answer, len(answers)), make([]error, len(answers))
	err = s.withTx(ctx, "record answers", func(tx *sql.Tx) error {
		for i, a := range answers {
			a.ID, a.DeviceID = newID(), s.deviceID
			if a.AnsweredAt.IsZero() {
				a.AnsweredAt = s.clk.now()
			}
			a.AnsweredAt = a.AnsweredAt.UTC().Truncate(time.Millisecond)
			a.Chosen = slices.Sorted(slices.Values(a.Chosen))
			e := s.insertAnswer(ctx, tx, a)
			if e != nil && !errorsIsOurs(e) && !errors.Is(e, ErrAttemptClosed) && !errors.Is(e, ErrInvalid) {
				return e // the database, not the answer: nothing is kept
			}
			saved[i], errs[i] = a, e
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return saved, errs, nil
}

// insertAnswer checks one answer against its attempt and inserts it; a
// failed statement leaves the transaction's other answers in place.
func (s *Store) insertAnswer(ctx context.Context, tx *sql.Tx, a Answer) error {
	var state, qids string
	err := tx.QueryRowContext(ctx, `SELECT state, question_ids FROM attempts WHERE id = ?`, a.AttemptID).Scan(&state, &qids)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	if state != StateInProgress {
		return ErrAttemptClosed
	}
	if !slices.Contains(parseList(qids), a.QuestionID) {
		return fmt.Errorf("%w: question %q is not part of this attempt", ErrInvalid, a.QuestionID)
	}
	ts := s.clk.stamp()
	_, err = tx.ExecContext(ctx, `INSERT INTO answers (id, attempt_id, question_id, chosen, correct,
		answered_at, millis, device_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.AttemptID, a.QuestionID, jsonList(a.Chosen), b2i(a.Correct), fmtTime(a.AnsweredAt),
		a.Millis, a.DeviceID, ts, ts)
	if isUnique(err) {
		return ErrAlreadyAnswered
	}
	return err
}
