package results

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"kynangso/internal/safetext"
	"kynangso/lessons"
	"kynangso/quiz"
)

// Filter narrows a report or an export. Every field is optional; the zero
// Filter covers the whole database. docs/reports.md says exactly which rows
// each field keeps.
type Filter struct {
	// SessionID keeps one class: its attendance and the attempts made in it.
	SessionID string `json:"session_id,omitempty"`
	// From and To are inclusive local dates, YYYY-MM-DD. A check-in counts by
	// its class's date, an attempt by the local date it was started.
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
	// Village keeps people whose village matches, ignoring case and
	// diacritics ("buon ea kmar" matches "Buôn Ea Kmar").
	Village string `json:"village,omitempty"`
}

// ErrBadFilter wraps a plain description of a filter value that cannot be
// used (a date that is not YYYY-MM-DD, From after To).
var ErrBadFilter = errors.New("results: bad report filter")

// DateLayout is the layout of class dates and filter dates.
const DateLayout = "2006-01-02"

// Validate checks the filter's dates.
func (f Filter) Validate() error {
	var from, to time.Time
	for _, d := range []struct {
		name, v string
		t       *time.Time
	}{{"from", f.From, &from}, {"to", f.To, &to}} {
		if d.v == "" {
			continue
		}
		t, err := time.Parse(DateLayout, d.v)
		if err != nil {
			return fmt.Errorf("%w: the %s date %q is not a date written YYYY-MM-DD (for example 2026-03-15)", ErrBadFilter, d.name, d.v)
		}
		*d.t = t
	}
	if !from.IsZero() && !to.IsZero() && from.After(to) {
		return fmt.Errorf("%w: the from date %s is after the to date %s", ErrBadFilter, f.From, f.To)
	}
	return nil
}

// ModuleInfo names one module for reports: its id, the basic skill (1..5)
// it teaches, or 0 for a foundation module (using the phone itself, taught
// before the five skills), its title and its questions (for prompts and
// choice texts).
type ModuleInfo struct {
	ID        string
	Skill     int
	Title     quiz.Text
	Questions []quiz.Question
}

// Catalog gives reports the labels they show: module titles, question
// prompts and choice texts, in one language. Its module order is the order
// reports list modules in; modules found in the database but missing from
// the catalog are listed after them, labelled by id.
type Catalog struct {
	Lang    string
	Modules []ModuleInfo
}

// NewCatalog builds a catalog from a content pack in lang ("vi" or "en").
// A nil pack gives a catalog with no labels (reports then show ids).
func NewCatalog(p *lessons.Pack, lang string) Catalog {
	c := Catalog{Lang: lang}
	if p == nil {
		return c
	}
	for _, m := range p.Modules {
		c.Modules = append(c.Modules, ModuleInfo{ID: m.ID, Skill: m.Skill, Title: m.Title, Questions: m.Questions})
	}
	return c
}

// module returns the module with id.
func (c Catalog) module(id string) (ModuleInfo, bool) {
	for _, m := range c.Modules {
		if m.ID == id {
			return m, true
		}
	}
	return ModuleInfo{}, false
}

// label returns the report label of module id.
func (c Catalog) label(id string) ModuleLabel {
	m, ok := c.module(id)
	if !ok {
		return ModuleLabel{ID: id, Title: id}
	}
	t := safetext.Line(m.Title.In(c.Lang))
	if t == "" {
		t = id
	}
	return ModuleLabel{ID: id, Skill: m.Skill, Title: t}
}

// question returns question qid of module mid.
func (c Catalog) question(mid, qid string) (quiz.Question, bool) {
	m, ok := c.module(mid)
	if !ok {
		return quiz.Question{}, false
	}
	for _, q := range m.Questions {
		if q.ID == qid {
			return q, true
		}
	}
	return quiz.Question{}, false
}

// moduleIDs lists the catalog's module ids followed by extra ids (from the
// database) that the catalog lacks, in sorted order.
func (c Catalog) moduleIDs(extra []string) []string {
	var ids []string
	for _, m := range c.Modules {
		ids = append(ids, m.ID)
	}
	var more []string
	for _, id := range extra {
		if !slices.Contains(ids, id) && !slices.Contains(more, id) {
			more = append(more, id)
		}
	}
	slices.Sort(more)
	return append(ids, more...)
}

// required returns the catalog's modules that "passed all five" and the
// follow-up list's "still to pass" ask for: every module but the
// foundation ones (skill 0). A foundation module teaches what comes before
// the five skills, so passing it must never count as a sixth skill and not
// passing it must never keep someone from "passed all five".
func (c Catalog) required() []ModuleInfo {
	var out []ModuleInfo
	for _, m := range c.Modules {
		if m.Skill != lessons.FoundationSkill {
			out = append(out, m)
		}
	}
	return out
}

// skillOf returns the key that groups required modules into skills: the
// skill number, so two modules of one skill count once.
func (c Catalog) skillOf(id string) string {
	if m, ok := c.module(id); ok {
		return fmt.Sprint(m.Skill)
	}
	return "module:" + id
}

// ModuleLabel is how a report names a module.
type ModuleLabel struct {
	ID    string `json:"id"`
	Skill int    `json:"skill,omitempty"`
	Title string `json:"title"`
}

// Count is one bucket of a breakdown: a stored key (gender code, village
// name), the label to show and the number of people in it.
type Count struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// percent returns part/whole×100 rounded to one decimal, 0 when whole is 0.
func percent(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return round1(float64(part) * 100 / float64(whole))
}

// round1 rounds to one decimal so JSON and text show the same number.
func round1(x float64) float64 {
	if x < 0 {
		return -round1(-x)
	}
	return float64(int64(x*10+0.5)) / 10
}

// scope is a validated Filter turned into SQL: the time bounds of attempts
// (UTC text, so the indexes on started_at are used) and the stored village
// names the filter matches.
type scope struct {
	f        Filter
	fromTS   string // first instant of From, local midnight, as stored UTC text
	toTS     string // first instant after To
	villages []string
}

// canonCTE maps every record joined away (participant_links) to the record
// it was finally joined into, so a person joined from two records counts
// once. It must start a WITH RECURSIVE clause.
const canonCTE = `chain(id, cid) AS (
		SELECT from_id, into_id FROM participant_links
		UNION
		SELECT chain.id, l.into_id FROM chain JOIN participant_links AS l ON l.from_id = chain.cid
	),
	canon(id, cid) AS (
		SELECT id, cid FROM chain WHERE cid NOT IN (SELECT from_id FROM participant_links)
	)`

// newScope validates f and resolves its session and village.
func (s *Store) newScope(ctx context.Context, f Filter) (scope, error) {
	f.SessionID = strings.TrimSpace(f.SessionID)
	f.From, f.To = strings.TrimSpace(f.From), strings.TrimSpace(f.To)
	f.Village = safetext.Line(f.Village)
	if err := f.Validate(); err != nil {
		return scope{}, err
	}
	sc := scope{f: f}
	if f.From != "" {
		t, _ := s.clk.dayStart(f.From)
		sc.fromTS = fmtTime(t)
	}
	if f.To != "" {
		t, _ := s.clk.dayStart(f.To)
		sc.toTS = fmtTime(t.AddDate(0, 0, 1))
	}
	if f.SessionID != "" {
		if _, err := s.session(ctx, s.db, f.SessionID); err != nil {
			if errors.Is(err, ErrNotFound) {
				return scope{}, fmt.Errorf("%w: no class has the id %q", ErrNotFound, f.SessionID)
			}
			return scope{}, err
		}
	}
	if f.Village != "" {
		vs, err := s.matchVillages(ctx, f.Village)
		if err != nil {
			return scope{}, err
		}
		if len(vs) == 0 {
			return scope{}, fmt.Errorf("%w: no participant lives in a village called %q", ErrNotFound, f.Village)
		}
		sc.villages = vs
	}
	return sc, nil
}

// matchVillages returns the stored village names equal to v when case and
// diacritics are ignored.
func (s *Store) matchVillages(ctx context.Context, v string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT village FROM participants WHERE village <> ''`)
	if err != nil {
		return nil, fmt.Errorf("list villages: %w", err)
	}
	defer rows.Close()
	want := SearchKey(v)
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("list villages: %w", err)
		}
		if SearchKey(name) == want {
			out = append(out, name)
		}
	}
	return out, rows.Err()
}

// attemptWhere returns the conditions an attempts row a (whose canonical
// person is pidExpr) must meet. Reviews never count in a report: they are
// a second look at a question, not a quiz (migration 0007).
func (sc scope) attemptWhere(pidExpr string) string {
	w := []string{"a.kind = 'quiz'"}
	if sc.f.SessionID != "" {
		w = append(w, "a.session_id = :sid")
	}
	if sc.fromTS != "" {
		w = append(w, "a.started_at >= :fromts")
	}
	if sc.toTS != "" {
		w = append(w, "a.started_at < :tots")
	}
	if len(sc.villages) > 0 {
		w = append(w, pidExpr+" IN (SELECT id FROM participants WHERE village IN (SELECT value FROM json_each(:villages)))")
	}
	return where(w)
}

// attendanceWhere returns the conditions an attendance row t of class cs
// (whose canonical person is pidExpr) must meet.
func (sc scope) attendanceWhere(pidExpr string) string {
	var w []string
	if sc.f.SessionID != "" {
		w = append(w, "t.session_id = :sid")
	}
	if sc.f.From != "" {
		w = append(w, "cs.date >= :fromdate")
	}
	if sc.f.To != "" {
		w = append(w, "cs.date <= :todate")
	}
	if len(sc.villages) > 0 {
		w = append(w, pidExpr+" IN (SELECT id FROM participants WHERE village IN (SELECT value FROM json_each(:villages)))")
	}
	return where(w)
}

// progressWhere returns the conditions a lesson_progress row g must meet.
// Reading a lesson belongs to no class, so a session filter keeps none.
func (sc scope) progressWhere(pidExpr string) string {
	var w []string
	if sc.f.SessionID != "" {
		w = append(w, "0")
	}
	if sc.fromTS != "" {
		w = append(w, "g.updated_at >= :fromts")
	}
	if sc.toTS != "" {
		w = append(w, "g.updated_at < :tots")
	}
	if len(sc.villages) > 0 {
		w = append(w, pidExpr+" IN (SELECT id FROM participants WHERE village IN (SELECT value FROM json_each(:villages)))")
	}
	return where(w)
}

// where joins conditions into a WHERE clause body ("1" when there is none).
func where(w []string) string {
	if len(w) == 0 {
		return "1"
	}
	return strings.Join(w, " AND ")
}

var paramRE = regexp.MustCompile(`:[a-z]+\b`)

// args returns the named arguments the query uses, and only those (the
// driver refuses arguments a statement does not take).
func (sc scope) args(query string, extra ...sql.NamedArg) []any {
	vs, _ := json.Marshal(sc.villages)
	all := map[string]any{
		"sid": sc.f.SessionID, "fromts": sc.fromTS, "tots": sc.toTS,
		"fromdate": sc.f.From, "todate": sc.f.To, "villages": string(vs),
	}
	for _, e := range extra {
		all[e.Name] = e.Value
	}
	var out []any
	seen := map[string]bool{}
	for _, m := range paramRE.FindAllString(query, -1) {
		name := m[1:]
		if v, ok := all[name]; ok && !seen[name] {
			seen[name] = true
			out = append(out, sql.Named(name, v))
		}
	}
	return out
}
