package results

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// ClassReport is the class summary: who came and how each module went.
type ClassReport struct {
	Filter Filter `json:"filter"`
	// Session is the class when the filter names one.
	Session    *SessionInfo      `json:"session,omitempty"`
	Attendance AttendanceSummary `json:"attendance"`
	Modules    []ModuleSummary   `json:"modules"`
}

// SessionInfo is the header of one class, as the attendance sheet shows it.
type SessionInfo struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Date     string   `json:"date"`
	Commune  string   `json:"commune"`
	Villages []string `json:"villages"`
	Trainers []string `json:"trainers"`
}

// AttendanceSummary counts the people who checked in to the classes in the
// filter. A person joined from two records counts once.
type AttendanceSummary struct {
	// Classes is the number of classes with at least one check-in.
	Classes int `json:"classes"`
	// CheckIns counts person × class pairs.
	CheckIns int `json:"check_ins"`
	// Total is the number of distinct people, anonymous ones included.
	Total int `json:"total"`
	// Anonymous is how many of Total declined consent or had their data
	// erased; they count everywhere but are never named.
	Anonymous int `json:"anonymous"`
	// ByGender has one bucket per gender code ("nam", "nu", "khac") and ""
	// for not given (which holds the anonymous), largest first.
	ByGender []Count `json:"by_gender"`
	// ByVillage has one bucket per village, "" for not given, largest first.
	ByVillage []Count `json:"by_village"`
}

// ModuleSummary is how one module's quiz went for the people in the filter.
type ModuleSummary struct {
	ModuleLabel
	// Tried is the number of people who started at least one attempt.
	Tried int `json:"tried"`
	// Finished is the number of people who finished at least one attempt.
	Finished int `json:"finished"`
	// Passed is the number of people with at least one passed attempt.
	Passed int `json:"passed"`
	// PassRate is Passed / Tried × 100, one decimal.
	PassRate float64 `json:"pass_rate"`
	// AverageBest is the mean over the people who finished of each one's
	// best score in percent (score / maximum × 100), one decimal.
	AverageBest float64 `json:"average_best"`
	// Attempts counts every attempt started (any state), including those
	// with no person (anonymous practice, erased people).
	Attempts int `json:"attempts"`
	// FinishedAttempts counts the finished ones among Attempts.
	FinishedAttempts int `json:"finished_attempts"`
	// Unlinked counts the attempts with no person; they are in Attempts but
	// cannot be told apart by person, so they are not in Tried or Passed.
	Unlinked int `json:"unlinked"`
	// UnlinkedPassed counts the passed attempts among Unlinked.
	UnlinkedPassed int `json:"unlinked_passed"`
}

// ClassSummary summarises the classes and attempts in f: attendance by
// gender and village, and per module the people who tried and passed and
// their average best score. Modules of cat come first, in its order, each
// listed even with no attempt.
func (s *Store) ClassSummary(ctx context.Context, f Filter, cat Catalog) (ClassReport, error) {
	sc, err := s.newScope(ctx, f)
	if err != nil {
		return ClassReport{}, err
	}
	r := ClassReport{Filter: sc.f}
	if sc.f.SessionID != "" {
		c, err := s.session(ctx, s.db, sc.f.SessionID)
		if err != nil {
			return ClassReport{}, fmt.Errorf("class summary: %w", err)
		}
		r.Session = sessionInfo(c)
	}
	if r.Attendance, err = s.attendanceSummary(ctx, sc, cat.Lang); err != nil {
		return ClassReport{}, err
	}
	if r.Modules, err = s.moduleSummaries(ctx, sc, cat); err != nil {
		return ClassReport{}, err
	}
	return r, nil
}

// sessionInfo copies a class's header fields.
func sessionInfo(c ClassSession) *SessionInfo {
	return &SessionInfo{ID: c.ID, Title: c.Title, Date: c.Date, Commune: c.Commune,
		Villages: nonNil(c.Villages), Trainers: nonNil(c.Trainers)}
}

// nonNil makes JSON show [] rather than null.
func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

func (s *Store) attendanceSummary(ctx context.Context, sc scope, lang string) (AttendanceSummary, error) {
	if sc.wholeHistory() {
		return attendanceFrom(ctx, s.summaries(), sc, lang)
	}
	var a AttendanceSummary
	q := checkInsQuery(sc)
	if err := s.db.QueryRowContext(ctx, q, sc.args(q)...).Scan(&a.Classes, &a.CheckIns); err != nil {
		return a, fmt.Errorf("class summary: count check-ins: %w", err)
	}
	pid := "COALESCE(c.cid, t.participant_id)"
	base := attendanceBase(sc)
	q = `WITH RECURSIVE ` + canonCTE + `, att AS (SELECT DISTINCT ` + pid + ` AS pid ` + base + `)
		SELECT p.gender, p.village, (p.anonymous = 1 OR p.deleted_at IS NOT NULL), count(*)
		FROM att JOIN participants AS p INDEXED BY participants_report ON p.id = att.pid GROUP BY 1, 2, 3`
	if sc.f.SessionID == "" {
		q = attendedPeopleQuery(sc)
	}
	rows, err := s.db.QueryContext(ctx, q, sc.args(q)...)
	if err != nil {
		return a, fmt.Errorf("class summary: count people: %w", err)
	}
	defer rows.Close()
	gender, village := map[string]int{}, map[string]int{}
	for rows.Next() {
		var g, v string
		var anon bool
		var n int
		if err := rows.Scan(&g, &v, &anon, &n); err != nil {
			return a, fmt.Errorf("class summary: count people: %w", err)
		}
		a.Total += n
		if anon {
			a.Anonymous += n
		}
		gender[g] += n
		village[v] += n
	}
	if err := rows.Err(); err != nil {
		return a, fmt.Errorf("class summary: count people: %w", err)
	}
	a.ByGender = counts(gender, func(k string) string { return GenderLabel(k, lang) })
	a.ByVillage = counts(village, func(k string) string { return villageLabel(k, lang) })
	return a, nil
}

// checkInsQuery counts the classes with a check-in in scope and the
// check-ins; attendanceBase is its FROM and WHERE.
func checkInsQuery(sc scope) string {
	if sc.wholeHistory() && len(sc.villages) == 0 {
		// Every check-in counts: no join to classes or people needed.
		return `SELECT count(DISTINCT session_id), count(*) FROM attendance`
	}
	return `WITH RECURSIVE ` + canonCTE + ` SELECT count(DISTINCT t.session_id), count(*) ` + attendanceBase(sc)
}

func attendanceBase(sc scope) string {
	return `FROM attendance AS t JOIN class_sessions AS cs ON cs.id = t.session_id
		LEFT JOIN canon AS c ON c.id = t.participant_id WHERE ` + sc.attendanceWhere("COALESCE(c.cid, t.participant_id)")
}

// attendanceFrom counts the check-ins and the people who came, by gender
// and village, from a summary source, for a scope with no class and no
// dates.
func attendanceFrom(ctx context.Context, src SummarySource, sc scope, lang string) (AttendanceSummary, error) {
	var a AttendanceSummary
	var err error
	if a.Classes, a.CheckIns, err = src.CheckIns(ctx, sc.villages); err != nil {
		return a, fmt.Errorf("class summary: count check-ins: %w", err)
	}
	groups, err := personGroupsOf(ctx, src, sc)
	if err != nil {
		return a, fmt.Errorf("class summary: %w", err)
	}
	gender, village := map[string]int{}, map[string]int{}
	for _, g := range groups {
		if !g.attended {
			continue
		}
		a.Total += g.n
		if g.anon {
			a.Anonymous += g.n
		}
		gender[g.gender] += g.n
		village[g.village] += g.n
	}
	a.ByGender = counts(gender, func(k string) string { return GenderLabel(k, lang) })
	a.ByVillage = counts(village, func(k string) string { return villageLabel(k, lang) })
	return a, nil
}

// attendedPeopleQuery counts the people with a check-in in scope by
// gender, village and anonymity. It walks the people (a narrow covering
// index) and probes their check-ins, which is several times faster than
// collecting the distinct people of every check-in when the scope holds
// most classes; one class is faster the other way round.
func attendedPeopleQuery(sc scope) string {
	w := sc.attendanceWhere("p.id")
	return `WITH RECURSIVE ` + canonCTE + `
	SELECT p.gender, p.village, (p.anonymous = 1 OR p.deleted_at IS NOT NULL), count(*)
	FROM participants AS p INDEXED BY participants_report
	WHERE p.id NOT IN (SELECT from_id FROM participant_links)
	  AND (EXISTS (SELECT 1 FROM attendance AS t JOIN class_sessions AS cs ON cs.id = t.session_id
			WHERE t.participant_id = p.id AND ` + w + `)
		OR EXISTS (SELECT 1 FROM canon AS c JOIN attendance AS t ON t.participant_id = c.id
			JOIN class_sessions AS cs ON cs.id = t.session_id WHERE c.cid = p.id AND ` + w + `))
	GROUP BY 1, 2, 3`
}

// counts turns a map into buckets, largest first, then by key ("" last).
func counts(m map[string]int, label func(string) string) []Count {
	out := make([]Count, 0, len(m))
	for k, n := range m {
		out = append(out, Count{Key: k, Label: label(k), Count: n})
	}
	slices.SortFunc(out, func(a, b Count) int {
		switch {
		case a.Count != b.Count:
			return b.Count - a.Count
		case (a.Key == "") != (b.Key == ""):
			if a.Key == "" {
				return 1
			}
			return -1
		}
		return strings.Compare(a.Key, b.Key)
	})
	return out
}

// villageLabel shows a village name, or "not given" for "".
func villageLabel(v, lang string) string {
	if v == "" {
		return Label(lang, "not_given")
	}
	return v
}

// attemptsHint steers a scan of every attempt in scope to the narrow
// covering index of migration 0003 (the planner otherwise reads the wide
// table rows). One class is found faster through its own index, so then
// the planner chooses.
func attemptsHint(sc scope) string {
	if sc.f.SessionID != "" {
		return ""
	}
	return " INDEXED BY attempts_report"
}

func (s *Store) moduleSummaries(ctx context.Context, sc scope, cat Catalog) ([]ModuleSummary, error) {
	if sc.wholeHistory() {
		rows, err := s.summaries().ModuleRows(ctx, sc.villages)
		if err != nil {
			return nil, fmt.Errorf("class summary: modules: %w", err)
		}
		return moduleSummariesOf(rows, cat), nil
	}
	pid := "COALESCE(c.cid, a.participant_id)"
	q := `WITH RECURSIVE ` + canonCTE + `,
	a2 AS (
		SELECT ` + pid + ` AS pid, a.module_id, a.state = 'finished' AS fin, a.passed,
			CASE WHEN a.state = 'finished' AND a.max_score > 0 THEN a.score * 100.0 / a.max_score END AS pct
		FROM attempts AS a` + attemptsHint(sc) + ` LEFT JOIN canon AS c ON c.id = a.participant_id
		WHERE ` + sc.attemptWhere(pid) + `
	),
	per AS (
		SELECT module_id, count(*) AS n, sum(fin) AS fin, max(passed) AS passed, max(pct) AS best
		FROM a2 WHERE pid IS NOT NULL GROUP BY pid, module_id
	)
	SELECT module_id, count(*), sum(fin > 0), sum(passed), avg(best), sum(n), sum(fin), 0, 0
		FROM per GROUP BY module_id
	UNION ALL
	SELECT module_id, 0, 0, 0, NULL, count(*), sum(fin), count(*), sum(passed)
		FROM a2 WHERE pid IS NULL GROUP BY module_id`
	rows, err := s.queryModuleRows(ctx, q, sc.args(q)...)
	if err != nil {
		return nil, fmt.Errorf("class summary: modules: %w", err)
	}
	return moduleSummariesOf(rows, cat), nil
}

// queryModuleRows runs a per-module statement (module id, tried, finished,
// passed, average best, attempts, finished attempts, unlinked, unlinked
// passed).
func (s *Store) queryModuleRows(ctx context.Context, q string, args ...any) ([]ModuleRow, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ModuleRow
	for rows.Next() {
		var m ModuleRow
		if err := rows.Scan(&m.ModuleID, &m.Tried, &m.Finished, &m.Passed, &m.AverageBest, &m.Attempts,
			&m.FinishedAttempts, &m.Unlinked, &m.UnlinkedPassed); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// moduleSummariesOf adds up a module's rows: the catalog's modules first,
// in its order, each listed even with no attempt, then any other module
// found in the rows.
func moduleSummariesOf(rows []ModuleRow, cat Catalog) []ModuleSummary {
	byID := map[string]*ModuleSummary{}
	var seen []string
	for _, m := range rows {
		cur, ok := byID[m.ModuleID]
		if !ok {
			cur = &ModuleSummary{}
			byID[m.ModuleID] = cur
			seen = append(seen, m.ModuleID)
		}
		cur.Tried += m.Tried
		cur.Finished += m.Finished
		cur.Passed += m.Passed
		cur.Attempts += m.Attempts
		cur.FinishedAttempts += m.FinishedAttempts
		cur.Unlinked += m.Unlinked
		cur.UnlinkedPassed += m.UnlinkedPassed
		if m.AverageBest.Valid {
			cur.AverageBest = round1(m.AverageBest.Float64)
		}
	}
	var out []ModuleSummary
	for _, id := range cat.moduleIDs(seen) {
		m := ModuleSummary{}
		if p := byID[id]; p != nil {
			m = *p
		}
		m.ModuleLabel = cat.label(id)
		m.PassRate = percent(m.Passed, m.Tried)
		out = append(out, m)
	}
	return out
}
