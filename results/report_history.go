package results

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"kynangso/internal/safetext"
)

// History is one person's record across classes: the classes attended, how
// each module went and what to revisit. Records joined as the same person
// are read together.
type History struct {
	Person        PersonInfo      `json:"person"`
	Classes       []ClassAttended `json:"classes"`
	Modules       []ModuleHistory `json:"modules"`
	ModulesPassed int             `json:"modules_passed"`
	// Revisit lists the catalog's modules not yet passed, in catalog order,
	// with the questions missed in the latest answered attempt at each.
	Revisit []Revisit `json:"revisit"`
	// Review is where the person stands with the review of what they
	// missed (results/review.go).
	Review ReviewStatus `json:"review"`
}

// PersonInfo is who a history or follow-up row is about. An anonymous or
// erased person has only an id and the flags.
type PersonInfo struct {
	ID          string `json:"id"`
	Name        string `json:"name,omitempty"`
	BirthYear   int    `json:"birth_year,omitempty"`
	Gender      string `json:"gender,omitempty"`
	GenderLabel string `json:"gender_label,omitempty"`
	Village     string `json:"village,omitempty"`
	Household   string `json:"household,omitempty"`
	Phone       string `json:"phone,omitempty"`
	Anonymous   bool   `json:"anonymous,omitempty"`
	Deleted     bool   `json:"deleted,omitempty"`
	// Records lists every record id joined as this person (the kept one
	// first).
	Records []string `json:"records,omitempty"`
}

// ClassAttended is one class a person checked in to.
type ClassAttended struct {
	SessionID   string    `json:"session_id"`
	Title       string    `json:"title"`
	Date        string    `json:"date"`
	Commune     string    `json:"commune"`
	CheckedInAt time.Time `json:"checked_in_at"`
}

// ModuleHistory is how one module went for one person. Percents are score
// / maximum × 100 of finished attempts, one decimal.
type ModuleHistory struct {
	ModuleLabel
	// Attempts counts every attempt (finished, abandoned or still open);
	// Finished only the finished ones, which alone have a score.
	Attempts    int     `json:"attempts"`
	Finished    int     `json:"finished"`
	BestPercent float64 `json:"best_percent"`
	// InProgress is the attempt still open at the module, if any: a
	// person who stopped half-way has no score yet, only progress.
	InProgress  *AttemptProgress `json:"in_progress,omitempty"`
	LastPercent float64          `json:"last_percent"`
	// LastDate is the local date of the latest finished attempt.
	LastDate string `json:"last_date,omitempty"`
	Passed   bool   `json:"passed"`
	// PassedOn is the local date of the first passed attempt.
	PassedOn string `json:"passed_on,omitempty"`
}

// AttemptProgress is how far an open attempt went: questions answered of
// the questions drawn.
type AttemptProgress struct {
	Answered  int `json:"answered"`
	Questions int `json:"questions"`
}

// Revisit is a module to go over again and the questions to start with.
type Revisit struct {
	ModuleLabel
	Missed []QuestionLabel `json:"missed"`
}

// QuestionLabel names a question by id and prompt. Many prompts are short
// ("What should you do?"), so Context holds the first line of the message
// the question shows above it, when there is one.
type QuestionLabel struct {
	ID      string `json:"id"`
	Prompt  string `json:"prompt"`
	Context string `json:"context,omitempty"`
}

// ParticipantHistory returns the history of the person with id (any of
// their joined records). ErrNotFound if there is no such record.
func (s *Store) ParticipantHistory(ctx context.Context, id string, cat Catalog) (History, error) {
	var h History
	group, kept, err := s.personGroup(ctx, id)
	if err != nil {
		return h, err
	}
	p, err := s.Participant(ctx, kept)
	if err != nil {
		return h, fmt.Errorf("participant history: %w", err)
	}
	h.Person = personInfo(p, cat.Lang, true)
	h.Person.Records = group
	h.Revisit = []Revisit{}
	ids, _ := json.Marshal(group)
	if h.Classes, err = s.classesAttended(ctx, string(ids)); err != nil {
		return h, err
	}
	if h.Modules, err = s.moduleHistories(ctx, string(ids), cat); err != nil {
		return h, err
	}
	for _, m := range h.Modules {
		if m.Passed {
			h.ModulesPassed++
			continue
		}
		if _, inCat := cat.module(m.ID); !inCat {
			continue
		}
		missed, err := s.lastMissed(ctx, string(ids), m.ID, cat)
		if err != nil {
			return h, err
		}
		h.Revisit = append(h.Revisit, Revisit{ModuleLabel: m.ModuleLabel, Missed: missed})
	}
	h.Review, err = s.reviewStatus(ctx, string(ids), cat)
	return h, err
}

// personInfo copies what a report may show of p: nothing personal for an
// anonymous or erased person, the phone only when withPhone.
func personInfo(p Participant, lang string, withPhone bool) PersonInfo {
	pi := PersonInfo{ID: p.ID, Anonymous: p.Anonymous, Deleted: !p.DeletedAt.IsZero()}
	if pi.Anonymous || pi.Deleted {
		pi.Anonymous = true
		return pi
	}
	pi.Name, pi.BirthYear, pi.Gender = safetext.Line(p.FullName), p.BirthYear, p.Gender
	pi.GenderLabel = GenderLabel(p.Gender, lang)
	pi.Village, pi.Household = safetext.Line(p.Village), safetext.Line(p.Household)
	if withPhone {
		pi.Phone = safetext.Line(p.Phone)
	}
	return pi
}

// personGroup returns every record joined with id (the kept record first)
// and the kept record's id.
func (s *Store) personGroup(ctx context.Context, id string) ([]string, string, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM participants WHERE id = ?`, id).Scan(&n); err != nil {
		return nil, "", fmt.Errorf("participant history: %w", err)
	}
	if n == 0 {
		return nil, "", fmt.Errorf("%w: no participant has the id %q", ErrNotFound, id)
	}
	kept := id
	err := s.db.QueryRowContext(ctx, `WITH RECURSIVE `+canonCTE+` SELECT cid FROM canon WHERE id = ?`, id).Scan(&kept)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, "", fmt.Errorf("participant history: find kept record: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `WITH RECURSIVE `+canonCTE+`
		SELECT id FROM canon WHERE cid = ? ORDER BY id`, kept)
	if err != nil {
		return nil, "", fmt.Errorf("participant history: joined records: %w", err)
	}
	defer rows.Close()
	group := []string{kept}
	for rows.Next() {
		var x string
		if err := rows.Scan(&x); err != nil {
			return nil, "", fmt.Errorf("participant history: joined records: %w", err)
		}
		group = append(group, x)
	}
	return group, kept, rows.Err()
}

func (s *Store) classesAttended(ctx context.Context, ids string) ([]ClassAttended, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT cs.id, cs.title, cs.date, cs.commune, min(t.checked_in_at)
		FROM attendance AS t JOIN class_sessions AS cs ON cs.id = t.session_id
		WHERE t.participant_id IN (SELECT value FROM json_each(?))
		GROUP BY cs.id ORDER BY cs.date, min(t.checked_in_at)`, ids)
	if err != nil {
		return nil, fmt.Errorf("participant history: classes: %w", err)
	}
	defer rows.Close()
	out := []ClassAttended{}
	for rows.Next() {
		var c ClassAttended
		var at sql.NullString
		if err := rows.Scan(&c.SessionID, &c.Title, &c.Date, &c.Commune, &at); err != nil {
			return nil, fmt.Errorf("participant history: classes: %w", err)
		}
		c.Title, c.Commune = safetext.Line(c.Title), safetext.Line(c.Commune)
		c.CheckedInAt = parseTime(at)
		out = append(out, c)
	}
	return out, rows.Err()
}

// moduleHistories aggregates the person's quiz attempts per module; every
// catalog module is listed (in catalog order), tried or not.
func (s *Store) moduleHistories(ctx context.Context, ids string, cat Catalog) ([]ModuleHistory, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT module_id, state, score, max_score, passed, finished_at,
			json_array_length(question_ids), (SELECT count(*) FROM answers AS x WHERE x.attempt_id = a.id)
		FROM attempts AS a WHERE participant_id IN (SELECT value FROM json_each(?)) AND kind = 'quiz'
		ORDER BY finished_at IS NULL, finished_at, started_at, id`, ids)
	if err != nil {
		return nil, fmt.Errorf("participant history: attempts: %w", err)
	}
	defer rows.Close()
	byID := map[string]*ModuleHistory{}
	var seen []string
	for rows.Next() {
		var mid, state string
		var score, max, drawn, answered int
		var passed bool
		var fin sql.NullString
		if err := rows.Scan(&mid, &state, &score, &max, &passed, &fin, &drawn, &answered); err != nil {
			return nil, fmt.Errorf("participant history: attempts: %w", err)
		}
		m := byID[mid]
		if m == nil {
			m = &ModuleHistory{}
			byID[mid] = m
			seen = append(seen, mid)
		}
		m.Attempts++
		if state == StateInProgress {
			// The latest open attempt wins (rows are in start order).
			m.InProgress = &AttemptProgress{Answered: answered, Questions: drawn}
		}
		if state != StateFinished {
			continue
		}
		m.Finished++
		pct := 0.0
		if max > 0 {
			pct = round1(float64(score) * 100 / float64(max))
		}
		m.BestPercent = maxf(m.BestPercent, pct)
		m.LastPercent, m.LastDate = pct, s.clk.localDate(fin)
		if passed && !m.Passed {
			m.Passed, m.PassedOn = true, s.clk.localDate(fin)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("participant history: attempts: %w", err)
	}
	out := []ModuleHistory{}
	for _, id := range cat.moduleIDs(seen) {
		m := ModuleHistory{}
		if p := byID[id]; p != nil {
			m = *p
		}
		m.ModuleLabel = cat.label(id)
		out = append(out, m)
	}
	return out, nil
}

func maxf(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}

// lastMissed returns the questions answered wrongly in the person's latest
// quiz attempt at module that has any answer, in the order they were
// answered.
func (s *Store) lastMissed(ctx context.Context, ids, module string, cat Catalog) ([]QuestionLabel, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT question_id FROM answers WHERE correct = 0 AND attempt_id = (
			SELECT a.id FROM attempts AS a
			WHERE a.participant_id IN (SELECT value FROM json_each(?)) AND a.module_id = ? AND a.kind = 'quiz'
			  AND EXISTS (SELECT 1 FROM answers AS x WHERE x.attempt_id = a.id)
			ORDER BY a.started_at DESC, a.id DESC LIMIT 1)
		ORDER BY answered_at, id`, ids, module)
	if err != nil {
		return nil, fmt.Errorf("participant history: missed questions: %w", err)
	}
	defer rows.Close()
	out := []QuestionLabel{}
	for rows.Next() {
		var qid string
		if err := rows.Scan(&qid); err != nil {
			return nil, fmt.Errorf("participant history: missed questions: %w", err)
		}
		out = append(out, cat.questionLabel(module, qid))
	}
	return out, rows.Err()
}

// questionLabel names question qid of module mid (its id when unknown).
func (c Catalog) questionLabel(mid, qid string) QuestionLabel {
	q, ok := c.question(mid, qid)
	if !ok {
		return QuestionLabel{ID: qid, Prompt: qid}
	}
	ql := QuestionLabel{ID: qid, Prompt: safetext.Line(q.Prompt.In(c.Lang))}
	for _, line := range strings.Split(safetext.Text(q.Message.In(c.Lang)), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			ql.Context = truncateRunes(line, 80)
			break
		}
	}
	return ql
}

// truncateRunes shortens s to at most n runes, ending with "…" when cut.
func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
