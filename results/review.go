package results

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// The kinds of attempt (attempts.kind, migration 0007). A review asks one
// question a person missed again; it is stored like any answer, but it is
// never a quiz attempt, a pass, a best score or an answer of the item
// analysis.
const (
	KindQuiz   = "quiz"
	KindReview = "review"
)

// ReviewRightToLeave is how many right answers in reviews, since a question
// was last missed in a quiz, take it out of the person's review queue.
const ReviewRightToLeave = 2

// Missed is one question a person missed in a quiz, with what happened to
// it since. The queue (ReviewQueue) is made of these.
type Missed struct {
	ModuleID   string
	QuestionID string
	// Since is the first miss not answered right in a quiz since: the
	// queue's order, oldest first.
	Since time.Time
	// LastMiss is the latest miss in a quiz.
	LastMiss time.Time
	// Reviewed and Right count the answers given in reviews since LastMiss,
	// and the right ones among them.
	Reviewed, Right int
	// RightInQuiz is set when a quiz answered it right after LastMiss.
	RightInQuiz bool
}

// Waiting reports whether the question is still in the review queue: not
// answered right in a later quiz, and answered right fewer than
// ReviewRightToLeave times in reviews since its last miss.
func (m Missed) Waiting() bool { return !m.RightInQuiz && m.Right < ReviewRightToLeave }

// ReviewQueue returns the questions waiting for a review by the person
// with id (all of their joined records read together), oldest miss first.
// It is derived from the stored answers alone, so it is the same after a
// restart, a restore or a merge. An erased person has none; ErrNotFound if
// there is no such record. The caller leaves out the questions its content
// pack no longer has.
func (s *Store) ReviewQueue(ctx context.Context, participantID string) ([]Missed, error) {
	group, err := s.reviewGroup(ctx, participantID)
	if err != nil || group == "" {
		return nil, err
	}
	all, err := s.missedQuestions(ctx, group)
	if err != nil {
		return nil, err
	}
	var out []Missed
	for _, m := range all {
		if m.Waiting() {
			out = append(out, m)
		}
	}
	return out, nil
}

// reviewGroup returns the record ids joined with id, as a JSON array, or ""
// for an erased record.
func (s *Store) reviewGroup(ctx context.Context, id string) (string, error) {
	var erased bool
	err := s.db.QueryRowContext(ctx, `SELECT deleted_at IS NOT NULL FROM participants WHERE id = ?`, id).Scan(&erased)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("%w: no participant has the id %q", ErrNotFound, id)
	}
	if err != nil {
		return "", fmt.Errorf("review queue: %w", err)
	}
	if erased {
		return "", nil
	}
	group, _, err := s.personGroup(ctx, id)
	if err != nil {
		return "", err
	}
	b, _ := json.Marshal(group)
	return string(b), nil
}

// missedSQL lists, for every question the records of the JSON array ?1
// missed in a quiz that is no longer in progress, when and what happened since. Times are text in one
// format, so text order is time order.
const missedSQL = `WITH ans AS MATERIALIZED (
		SELECT a.module_id AS m, n.question_id AS q, a.kind = 'quiz' AS quiz, n.correct AS ok, n.answered_at AS at
		FROM attempts AS a JOIN answers AS n ON n.attempt_id = a.id
		WHERE a.participant_id IN (SELECT value FROM json_each(?1))
			-- A miss in a quiz still in progress is not reviewed yet: the
			-- person resumes that quiz first, and its misses wait for the
			-- visit after it ends. A right answer in it counts at once.
			AND NOT (a.kind = 'quiz' AND a.state = 'in_progress' AND NOT n.correct)
	),
	per AS (
		SELECT m, q, max(CASE WHEN quiz AND NOT ok THEN at END) AS miss,
			max(CASE WHEN quiz AND ok THEN at END) AS hit
		FROM ans GROUP BY m, q
	)
	SELECT per.m, per.q,
		(SELECT min(x.at) FROM ans AS x WHERE x.m = per.m AND x.q = per.q AND x.quiz AND NOT x.ok
			AND x.at > COALESCE(per.hit, '')),
		per.miss, COALESCE(per.hit > per.miss, 0),
		(SELECT count(*) FROM ans AS x WHERE x.m = per.m AND x.q = per.q AND NOT x.quiz AND x.at > per.miss),
		(SELECT count(*) FROM ans AS x WHERE x.m = per.m AND x.q = per.q AND NOT x.quiz AND x.ok AND x.at > per.miss)
	FROM per WHERE per.miss IS NOT NULL`

// missedQuestions reads missedSQL for the records of group, oldest first.
// A question answered right in a quiz after its last miss has Since from
// its last miss (the sub-select finds nothing after the right answer).
func (s *Store) missedQuestions(ctx context.Context, group string) ([]Missed, error) {
	rows, err := s.db.QueryContext(ctx, missedSQL+` ORDER BY 3, 1, 2`, group)
	if err != nil {
		return nil, fmt.Errorf("review queue: %w", err)
	}
	defer rows.Close()
	var out []Missed
	for rows.Next() {
		var m Missed
		var since, last sql.NullString
		if err := rows.Scan(&m.ModuleID, &m.QuestionID, &since, &last, &m.RightInQuiz, &m.Reviewed, &m.Right); err != nil {
			return nil, fmt.Errorf("review queue: %w", err)
		}
		m.Since, m.LastMiss = parseTime(since), parseTime(last)
		if m.Since.IsZero() {
			m.Since = m.LastMiss
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("review queue: %w", err)
	}
	return out, nil
}

// ReviewQuestion is one question a review round asks: its module and id,
// and what its attempt keeps of how it was drawn (the pack version and the
// seed its choices are shuffled with).
type ReviewQuestion struct {
	ModuleID, QuestionID, PackVersion string
	Seed                              uint64
}

// StartReview starts a review round for the person: one review attempt
// (kind KindReview) per question, in the order given, in one transaction.
// If the person already has reviews in progress on this laptop, nothing is
// started and those are returned instead, with resumed set: a round that
// the power cut short carries on, and a page posted twice never starts a
// second round. ErrNotFound for a record that is not there or was erased.
func (s *Store) StartReview(ctx context.Context, participantID, sessionID string, qs []ReviewQuestion) ([]Attempt, bool, error) {
	if participantID == "" {
		return nil, false, fmt.Errorf("%w: a review is always someone's", ErrInvalid)
	}
	for _, q := range qs {
		if q.ModuleID == "" || q.QuestionID == "" {
			return nil, false, fmt.Errorf("%w: a review question needs a module and a question id", ErrInvalid)
		}
	}
	var out []Attempt
	resumed := false
	err := s.withTx(ctx, "start review", func(tx *sql.Tx) error {
		if err := checkPerson(ctx, tx, participantID); err != nil {
			return err
		}
		open, err := s.reviewsInProgress(ctx, tx, participantID)
		if err != nil || len(open) > 0 {
			out, resumed = open, true
			return err
		}
		now := s.clk.now()
		for _, q := range qs {
			a := Attempt{ID: newID(), ParticipantID: participantID, SessionID: sessionID, ModuleID: q.ModuleID,
				PackVersion: q.PackVersion, Seed: q.Seed, QuestionIDs: []string{q.QuestionID},
				State: StateInProgress, StartedAt: now, UpdatedAt: now, DeviceID: s.deviceID, Kind: KindReview}
			if err := insertAttempt(ctx, tx, a); err != nil {
				return err
			}
			out = append(out, a)
		}
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	return out, resumed, nil
}

// ReviewsInProgress returns the person's reviews in progress on this
// laptop, in the order the round asks them.
func (s *Store) ReviewsInProgress(ctx context.Context, participantID string) ([]Attempt, error) {
	return s.reviewsInProgress(ctx, s.db, participantID)
}

// rowsQuerier is a connection or a transaction.
type rowsQuerier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func (s *Store) reviewsInProgress(ctx context.Context, q rowsQuerier, participantID string) ([]Attempt, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+attemptCols+` FROM attempts
		WHERE participant_id = ? AND device_id = ? AND state = 'in_progress' AND kind = 'review'
		ORDER BY started_at, id`, participantID, s.deviceID)
	if err != nil {
		return nil, fmt.Errorf("read review in progress: %w", err)
	}
	defer rows.Close()
	var out []Attempt
	for rows.Next() {
		a, err := scanAttempt(rows)
		if err != nil {
			return nil, fmt.Errorf("read review in progress: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// ReviewAttempts returns a participant's reviews, newest first.
func (s *Store) ReviewAttempts(ctx context.Context, participantID string) ([]Attempt, error) {
	return s.attemptsOf(ctx, participantID, KindReview)
}

// ReviewStatus is what a person's history says of their review queue.
type ReviewStatus struct {
	// Waiting counts the questions of the catalog waiting for a review.
	Waiting int `json:"waiting"`
	// Reviewed lists the questions of the catalog answered in a review
	// since they were last missed in a quiz ("đã ôn"), oldest miss first.
	Reviewed []ReviewedQuestion `json:"reviewed"`
}

// ReviewedQuestion is one question a person went over again.
type ReviewedQuestion struct {
	ModuleLabel
	Question QuestionLabel `json:"question"`
	// Reviews and Right count the answers given in reviews since the last
	// miss and the right ones; Waiting is false once it left the queue.
	Reviews int  `json:"reviews"`
	Right   int  `json:"right"`
	Waiting bool `json:"waiting"`
}

// reviewStatus reads the review queue of the records in the JSON array ids
// for a history, keeping to the questions the catalog still has.
func (s *Store) reviewStatus(ctx context.Context, ids string, cat Catalog) (ReviewStatus, error) {
	st := ReviewStatus{Reviewed: []ReviewedQuestion{}}
	all, err := s.missedQuestions(ctx, ids)
	if err != nil {
		return st, err
	}
	for _, m := range all {
		if _, ok := cat.question(m.ModuleID, m.QuestionID); !ok {
			continue
		}
		if m.Waiting() {
			st.Waiting++
		}
		if m.Reviewed > 0 {
			st.Reviewed = append(st.Reviewed, ReviewedQuestion{ModuleLabel: cat.label(m.ModuleID),
				Question: cat.questionLabel(m.ModuleID, m.QuestionID), Reviews: m.Reviewed, Right: m.Right,
				Waiting: m.Waiting()})
		}
	}
	return st, nil
}
