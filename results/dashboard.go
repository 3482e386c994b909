package results

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Activities a dashboard row can show.
const (
	// ActivityNone: checked in, nothing read or answered yet.
	ActivityNone = ""
	// ActivityLesson: reading a lesson (Page of Pages).
	ActivityLesson = "lesson"
	// ActivityQuiz: in a quiz (Answered of Questions so far).
	ActivityQuiz = "quiz"
	// ActivityDone: the latest thing done was finishing a quiz.
	ActivityDone = "done"
	// ActivityReview: going over questions missed before (ModuleID is the
	// module of the latest one); a review is never a quiz or a score.
	ActivityReview = "review"
)

// DashboardRow is one person checked in to a class, as the trainer's live
// dashboard shows them: when they came, what they are doing now and their
// scores in this class so far.
type DashboardRow struct {
	ParticipantID string
	// Name, BirthYear and Village are empty for an anonymous or erased person.
	Name        string
	BirthYear   int
	Village     string
	Anonymous   bool
	CheckedInAt time.Time

	// Activity is what the person did last; ModuleID names its module.
	Activity string
	ModuleID string
	// Page and Pages: lesson page last shown (ActivityLesson).
	Page, Pages int
	// Answered and Questions: answers confirmed in the quiz under way
	// (ActivityQuiz); the question on screen is Answered+1.
	Answered, Questions int
	// Score and MaxScore: the quiz just finished (ActivityDone).
	Score, MaxScore int
	// LastActive is when the person last did something (check-in at least).
	LastActive time.Time

	// Best holds, per module tried in this class, the best finished score.
	Best []ModuleScore
}

// ModuleScore is one module's best finished score in a class.
type ModuleScore struct {
	ModuleID        string
	Score, MaxScore int
	Passed          bool
}

// Dashboard returns the people checked in to class sessionID in the order
// they arrived, with where each one is now (lesson page or quiz question,
// from lesson progress and unfinished attempts) and their best score per
// module in this class. It reads in three queries, so refreshing it every
// few seconds stays cheap for a class of any size.
func (s *Store) Dashboard(ctx context.Context, sessionID string) ([]DashboardRow, error) {
	rows, index, err := s.dashboardPeople(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return rows, nil
	}
	if err := s.dashboardLessons(ctx, sessionID, rows, index); err != nil {
		return nil, err
	}
	if err := s.dashboardAttempts(ctx, sessionID, rows, index); err != nil {
		return nil, err
	}
	return rows, nil
}

func (s *Store) dashboardPeople(ctx context.Context, sessionID string) ([]DashboardRow, map[string]int, error) {
	q, err := s.db.QueryContext(ctx, `SELECT a.participant_id, a.checked_in_at, p.full_name,
		p.birth_year, p.village, p.anonymous, p.deleted_at IS NOT NULL
		FROM attendance AS a JOIN participants AS p ON p.id = a.participant_id
		WHERE a.session_id = ? ORDER BY a.checked_in_at, a.id`, sessionID)
	if err != nil {
		return nil, nil, fmt.Errorf("dashboard: list check-ins: %w", err)
	}
	defer q.Close()
	var rows []DashboardRow
	index := map[string]int{}
	for q.Next() {
		var r DashboardRow
		var at sql.NullString
		var anon, deleted bool
		if err := q.Scan(&r.ParticipantID, &at, &r.Name, &r.BirthYear, &r.Village, &anon, &deleted); err != nil {
			return nil, nil, fmt.Errorf("dashboard: list check-ins: %w", err)
		}
		r.CheckedInAt = parseTime(at)
		r.LastActive = r.CheckedInAt
		if anon || deleted {
			r = DashboardRow{ParticipantID: r.ParticipantID, Anonymous: true, CheckedInAt: r.CheckedInAt, LastActive: r.CheckedInAt}
		}
		index[r.ParticipantID] = len(rows)
		rows = append(rows, r)
	}
	if err := q.Err(); err != nil {
		return nil, nil, fmt.Errorf("dashboard: list check-ins: %w", err)
	}
	return rows, index, nil
}

// dashboardLessons marks people whose latest activity is a lesson page read
// since they checked in.
func (s *Store) dashboardLessons(ctx context.Context, sessionID string, rows []DashboardRow, index map[string]int) error {
	q, err := s.db.QueryContext(ctx, `SELECT lp.participant_id, lp.module_id, lp.last_page,
		lp.page_count, lp.updated_at FROM lesson_progress AS lp
		JOIN attendance AS a ON a.participant_id = lp.participant_id AND a.session_id = ?
		WHERE lp.updated_at >= a.checked_in_at`, sessionID)
	if err != nil {
		return fmt.Errorf("dashboard: lesson progress: %w", err)
	}
	defer q.Close()
	for q.Next() {
		var pid, mod string
		var page, pages int
		var at sql.NullString
		if err := q.Scan(&pid, &mod, &page, &pages, &at); err != nil {
			return fmt.Errorf("dashboard: lesson progress: %w", err)
		}
		r := &rows[index[pid]]
		if t := parseTime(at); t.After(r.LastActive) {
			r.LastActive, r.Activity, r.ModuleID, r.Page, r.Pages = t, ActivityLesson, mod, page, pages
		}
	}
	return q.Err()
}

// dashboardAttempts adds unfinished quizzes (anywhere) and the attempts
// made in this class: the latest activity and the best score per module.
// A review shows as what the person is doing, never as a score.
func (s *Store) dashboardAttempts(ctx context.Context, sessionID string, rows []DashboardRow, index map[string]int) error {
	q, err := s.db.QueryContext(ctx, `SELECT t.participant_id, t.module_id, t.question_ids,
		t.state, t.started_at, t.finished_at, t.score, t.max_score, t.passed,
		(SELECT count(*) FROM answers WHERE attempt_id = t.id),
		(SELECT max(answered_at) FROM answers WHERE attempt_id = t.id), t.kind
		FROM attempts AS t
		JOIN attendance AS a ON a.participant_id = t.participant_id AND a.session_id = ?
		WHERE (t.state = 'in_progress' AND t.started_at >= a.checked_in_at)
		   OR (t.session_id = ? AND t.state = 'finished')
		ORDER BY t.started_at, t.id`, sessionID, sessionID)
	if err != nil {
		return fmt.Errorf("dashboard: attempts: %w", err)
	}
	defer q.Close()
	for q.Next() {
		var pid, mod, qids, state, kind string
		var started, finished, lastAnswer sql.NullString
		var score, maxScore, answered int
		var passed bool
		if err := q.Scan(&pid, &mod, &qids, &state, &started, &finished, &score, &maxScore,
			&passed, &answered, &lastAnswer, &kind); err != nil {
			return fmt.Errorf("dashboard: attempts: %w", err)
		}
		r := &rows[index[pid]]
		if kind == KindReview {
			r.addReview(mod, parseTime(started), parseTime(lastAnswer), parseTime(finished))
			continue
		}
		if state == StateFinished {
			r.addBest(ModuleScore{ModuleID: mod, Score: score, MaxScore: maxScore, Passed: passed})
			if t := parseTime(finished); t.After(r.LastActive) {
				r.LastActive, r.Activity, r.ModuleID, r.Score, r.MaxScore = t, ActivityDone, mod, score, maxScore
			}
			continue
		}
		t := parseTime(started)
		if la := parseTime(lastAnswer); la.After(t) {
			t = la
		}
		if !t.Before(r.LastActive) {
			r.LastActive, r.Activity, r.ModuleID = t, ActivityQuiz, mod
			r.Answered, r.Questions = answered, len(parseList(qids))
		}
	}
	return q.Err()
}

// addReview marks a review as the person's latest activity if it is.
func (r *DashboardRow) addReview(module string, times ...time.Time) {
	latest := times[0]
	for _, t := range times[1:] {
		if t.After(latest) {
			latest = t
		}
	}
	if !latest.Before(r.LastActive) {
		r.LastActive, r.Activity, r.ModuleID = latest, ActivityReview, module
	}
}

// addBest keeps the better of two finished scores of one module (by
// percent, a pass always beating a fail).
func (r *DashboardRow) addBest(m ModuleScore) {
	for i, b := range r.Best {
		if b.ModuleID != m.ModuleID {
			continue
		}
		better := (m.Passed && !b.Passed) ||
			(m.Passed == b.Passed && m.Score*max(1, b.MaxScore) > b.Score*max(1, m.MaxScore))
		if better {
			r.Best[i] = m
		}
		return
	}
	r.Best = append(r.Best, m)
}
