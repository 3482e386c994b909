package results

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/mattn/go-sqlite3"
)

// ErrAttemptClosed means the attempt is finished or abandoned, so it takes no
// more answers.
var ErrAttemptClosed = errors.New("results: the attempt is no longer in progress")

// StartAttempt begins a quiz attempt (kind KindQuiz; a review round starts
// with StartReview): it assigns the id, this laptop's device id, StartedAt
// and state in_progress. A participant has at most one quiz in progress per
// module on a laptop (ErrAttemptInProgress: resume it with
// InProgressAttempt); anonymous attempts never conflict.
func (s *Store) StartAttempt(ctx context.Context, a Attempt) (Attempt, error) {
	if a.ModuleID == "" {
		return Attempt{}, fmt.Errorf("%w: an attempt needs a module id", ErrInvalid)
	}
	if len(a.QuestionIDs) == 0 {
		return Attempt{}, fmt.Errorf("%w: an attempt needs at least one question", ErrInvalid)
	}
	a.ID, a.DeviceID, a.Kind = newID(), s.deviceID, KindQuiz
	a.State = StateInProgress
	a.StartedAt = s.clk.now()
	a.UpdatedAt = a.StartedAt
	a.FinishedAt, a.Score, a.MaxScore, a.Passed = time.Time{}, 0, 0, false
	err := s.withTx(ctx, "start attempt", func(tx *sql.Tx) error {
		if err := checkPerson(ctx, tx, a.ParticipantID); err != nil {
			return err
		}
		err := insertAttempt(ctx, tx, a)
		if isUnique(err) {
			return ErrAttemptInProgress
		}
		return err
	})
	if err != nil {
		return Attempt{}, err
	}
	return a, nil
}

// checkPerson refuses an attempt for a record that is not there or was
// erased (ErrNotFound); an attempt with no person passes.
func checkPerson(ctx context.Context, tx *sql.Tx, participantID string) error {
	if participantID == "" {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM participants WHERE id = ? AND deleted_at IS NULL`,
		participantID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

// insertAttempt stores a new attempt in progress.
func insertAttempt(ctx context.Context, tx *sql.Tx, a Attempt) error {
	ts := fmtTime(a.StartedAt)
	_, err := tx.ExecContext(ctx, `INSERT INTO attempts (id, participant_id, session_id, module_id,
		pack_version, seed, question_ids, state, started_at, finished_at, score, max_score, passed,
		device_id, created_at, updated_at, kind)
		VALUES (?, ?, ?, ?, ?, ?, ?, 'in_progress', ?, NULL, 0, 0, 0, ?, ?, ?, ?)`,
		a.ID, nullString(a.ParticipantID), nullString(a.SessionID), a.ModuleID, a.PackVersion,
		int64(a.Seed), jsonList(a.QuestionIDs), ts, a.DeviceID, ts, ts, a.Kind)
	return err
}

// nullString stores "" as NULL (for optional references).
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// isUnique reports a UNIQUE constraint violation.
func isUnique(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique
}

const attemptCols = `id, participant_id, session_id, module_id, pack_version, seed, question_ids,
	state, started_at, finished_at, score, max_score, passed, device_id, updated_at, kind`

func scanAttempt(r rowScanner) (Attempt, error) {
	var a Attempt
	var pid, sid, started, finished, updated sql.NullString
	var seed int64
	var qids string
	var passed int
	if err := r.Scan(&a.ID, &pid, &sid, &a.ModuleID, &a.PackVersion, &seed, &qids, &a.State,
		&started, &finished, &a.Score, &a.MaxScore, &passed, &a.DeviceID, &updated, &a.Kind); err != nil {
		return Attempt{}, err
	}
	a.ParticipantID, a.SessionID = pid.String, sid.String
	a.Seed = uint64(seed)
	a.QuestionIDs = parseList(qids)
	a.StartedAt, a.FinishedAt, a.UpdatedAt = parseTime(started), parseTime(finished), parseTime(updated)
	a.Passed = passed == 1
	return a, nil
}

func (s *Store) attempt(ctx context.Context, q querier, id string) (Attempt, error) {
	a, err := scanAttempt(q.QueryRowContext(ctx, `SELECT `+attemptCols+` FROM attempts WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Attempt{}, ErrNotFound
	}
	if err != nil {
		return Attempt{}, fmt.Errorf("read attempt: %w", err)
	}
	return a, nil
}

// InProgressAttempt returns the participant's unfinished quiz attempt at
// the module on this laptop and its answers so far in answer order, so the
// quiz continues at the next unanswered question in the same order. A
// review in progress is never taken for the quiz.
func (s *Store) InProgressAttempt(ctx context.Context, participantID, moduleID string) (Attempt, []Answer, bool, error) {
	a, err := scanAttempt(s.db.QueryRowContext(ctx, `SELECT `+attemptCols+` FROM attempts
		WHERE participant_id = ? AND module_id = ? AND device_id = ? AND state = 'in_progress'
		AND kind = 'quiz'`,
		participantID, moduleID, s.deviceID))
	if errors.Is(err, sql.ErrNoRows) {
		return Attempt{}, nil, false, nil
	}
	if err != nil {
		return Attempt{}, nil, false, fmt.Errorf("read attempt in progress: %w", err)
	}
	answers, err := s.Answers(ctx, a.ID)
	if err != nil {
		return Attempt{}, nil, false, err
	}
	return a, answers, true, nil
}

// RecordAnswer stores one confirmed answer and commits it (synchronous=FULL:
// on disk before it returns). ID, device and AnsweredAt (if zero) are set
// here; Chosen is stored sorted. A second answer to the same question of the
// same attempt is refused (ErrAlreadyAnswered); so is an answer to a
// question the attempt did not draw (ErrInvalid) or to an attempt that is
// over (ErrAttemptClosed).
func (s *Store) RecordAnswer(ctx context.Context, a Answer) (Answer, error) {
	a.ID, a.DeviceID = newID(), s.deviceID
	if a.AnsweredAt.IsZero() {
		a.AnsweredAt = s.clk.now()
	}
	a.AnsweredAt = a.AnsweredAt.UTC().Truncate(time.Millisecond)
	a.Chosen = slices.Sorted(slices.Values(a.Chosen))
	err := s.withTx(ctx, "record answer", func(tx *sql.Tx) error {
		return s.insertAnswer(ctx, tx, a)
	})
	if err != nil {
		return Answer{}, err
	}
	return a, nil
}

// FinishAttempt records the result of a completed attempt. Finishing an
// attempt that is already finished changes nothing; an abandoned one cannot
// be finished (ErrAttemptClosed). A review is stored as not passed whatever
// passed says: it never counts as a pass.
func (s *Store) FinishAttempt(ctx context.Context, attemptID string, score, max int, passed bool) error {
	if score < 0 || max < 0 || score > max {
		return fmt.Errorf("%w: score %d of %d", ErrInvalid, score, max)
	}
	return s.endAttempt(ctx, "finish attempt", attemptID, StateFinished,
		`UPDATE attempts SET state = 'finished', finished_at = ?1, updated_at = ?1,
		score = ?2, max_score = ?3, passed = CASE WHEN kind = 'review' THEN 0 ELSE ?4 END
		WHERE id = ?5 AND state = 'in_progress'`,
		score, max, b2i(passed))
}

// AbandonAttempt ends an attempt the participant will not finish (it then
// frees the module for a new attempt). FinishedAt records when it ended.
// Abandoning an abandoned attempt changes nothing; a finished one cannot be
// abandoned (ErrAttemptClosed).
func (s *Store) AbandonAttempt(ctx context.Context, attemptID string) error {
	return s.endAttempt(ctx, "abandon attempt", attemptID, StateAbandoned,
		`UPDATE attempts SET state = 'abandoned', finished_at = ?1, updated_at = ?1
		WHERE id = ?2 AND state = 'in_progress'`)
}

func (s *Store) endAttempt(ctx context.Context, what, id, target, q string, args ...any) error {
	return s.withTx(ctx, what, func(tx *sql.Tx) error {
		a, err := s.attempt(ctx, tx, id)
		if err != nil {
			return err
		}
		switch a.State {
		case target:
			return nil
		case StateInProgress:
		default:
			return ErrAttemptClosed
		}
		all := append([]any{s.clk.stamp()}, args...)
		all = append(all, id)
		_, err = tx.ExecContext(ctx, q, all...)
		return err
	})
}

// Attempts returns a participant's quiz attempts, newest first (reviews,
// which say nothing of where a person stands with a module, are left out:
// see ReviewAttempts).
func (s *Store) Attempts(ctx context.Context, participantID string) ([]Attempt, error) {
	return s.attemptsOf(ctx, participantID, KindQuiz)
}

// attemptsOf returns a participant's attempts of one kind, newest first.
func (s *Store) attemptsOf(ctx context.Context, participantID, kind string) ([]Attempt, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+attemptCols+` FROM attempts
		WHERE participant_id = ? AND kind = ? ORDER BY started_at DESC, id DESC`, participantID, kind)
	if err != nil {
		return nil, fmt.Errorf("list attempts: %w", err)
	}
	defer rows.Close()
	var out []Attempt
	for rows.Next() {
		a, err := scanAttempt(rows)
		if err != nil {
			return nil, fmt.Errorf("list attempts: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list attempts: %w", err)
	}
	return out, nil
}

const answerCols = `id, attempt_id, question_id, chosen, correct, answered_at, millis, device_id`

// Answers returns an attempt's answers in the order they were given.
func (s *Store) Answers(ctx context.Context, attemptID string) ([]Answer, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+answerCols+` FROM answers
		WHERE attempt_id = ? ORDER BY answered_at, id`, attemptID)
	if err != nil {
		return nil, fmt.Errorf("list answers: %w", err)
	}
	defer rows.Close()
	var out []Answer
	for rows.Next() {
		var a Answer
		var chosen string
		var at sql.NullString
		var correct int
		if err := rows.Scan(&a.ID, &a.AttemptID, &a.QuestionID, &chosen, &correct, &at, &a.Millis, &a.DeviceID); err != nil {
			return nil, fmt.Errorf("list answers: %w", err)
		}
		a.Chosen, a.Correct, a.AnsweredAt = parseList(chosen), correct == 1, parseTime(at)
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list answers: %w", err)
	}
	return out, nil
}
