package results

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// personModuleRecount counts person_module afresh from attempts and lesson
// reading, in the same "pid|module|..." lines personModuleRows reads.
// Reviews (kind 'review') are left out, as migration 0007 keeps it.
const personModuleRecount = `WITH attempts AS (SELECT * FROM main.attempts WHERE kind = 'quiz'),
	k AS (
		SELECT COALESCE(participant_id, '') AS pid, module_id FROM attempts
		UNION SELECT participant_id, module_id FROM lesson_progress)
	SELECT k.pid, k.module_id,
		(SELECT count(*) FROM attempts AS a WHERE COALESCE(a.participant_id, '') = k.pid AND a.module_id = k.module_id),
		(SELECT count(*) FROM attempts AS a WHERE COALESCE(a.participant_id, '') = k.pid AND a.module_id = k.module_id
			AND a.state = 'finished'),
		(SELECT COALESCE(sum(passed), 0) FROM attempts AS a WHERE COALESCE(a.participant_id, '') = k.pid
			AND a.module_id = k.module_id),
		(SELECT max(a.score * 100.0 / a.max_score) FROM attempts AS a WHERE COALESCE(a.participant_id, '') = k.pid
			AND a.module_id = k.module_id AND a.state = 'finished' AND a.max_score > 0),
		(SELECT max(COALESCE(a.finished_at, a.started_at)) FROM attempts AS a
			WHERE COALESCE(a.participant_id, '') = k.pid AND a.module_id = k.module_id),
		(SELECT min(a.finished_at) FROM attempts AS a WHERE COALESCE(a.participant_id, '') = k.pid
			AND a.module_id = k.module_id AND a.passed = 1),
		(SELECT a.finished_at || ' ' || a.id || ' ' || COALESCE(a.score * 100.0 / NULLIF(a.max_score, 0), '-')
			FROM attempts AS a WHERE COALESCE(a.participant_id, '') = k.pid AND a.module_id = k.module_id
			AND a.state = 'finished' ORDER BY a.finished_at DESC, a.id DESC LIMIT 1),
		(SELECT count(*) FROM lesson_progress AS g WHERE g.participant_id = k.pid AND g.module_id = k.module_id),
		(SELECT max(updated_at) FROM lesson_progress AS g WHERE g.participant_id = k.pid AND g.module_id = k.module_id)
	FROM k`

// personModuleRows reads person_module, or (recount) counts it afresh.
func personModuleRows(t *testing.T, s *Store, recount bool) []string {
	t.Helper()
	q := `SELECT participant_id, module_id, attempts, finished, passes, best_pct, last_at, passed_at,
		last_fin_at || ' ' || last_fin_id || ' ' || COALESCE(last_pct, '-'), readings, read_at
		FROM person_module`
	if recount {
		q = personModuleRecount
	}
	return sortedLines(t, s, q)
}

// assertPersonModule fails unless person_module equals a recount.
func assertPersonModule(t *testing.T, s *Store, when string) {
	t.Helper()
	assertSameLines(t, "person_module", when, personModuleRows(t, s, false), personModuleRows(t, s, true))
	assertPersonSummary(t, s, when)
}

// TestPersonModuleStaysExact checks the trigger-kept person × module table
// against a recount after the fixture's attempts and reading, a merge
// (twice), a join of two records, a privacy delete, lesson reading updated
// and deleted, an attempt finished, moved, unlinked and deleted.
func TestPersonModuleStaysExact(t *testing.T) {
	f := newReportFixture(t)
	ctx := context.Background()
	assertPersonModule(t, f.s, "fixture")
	if n := len(personModuleRows(t, f.s, false)); n < 6 {
		t.Fatalf("fixture has attempts but person_module has %d rows", n)
	}
	src := filepath.Join(t.TempDir(), "other-laptop.db")
	if _, err := Demo(ctx, src, DemoOptions{Participants: 120, Sessions: 12, Seed: 7}, nil); err != nil {
		t.Fatal(err)
	}
	before := len(personModuleRows(t, f.s, true))
	for i := range 2 {
		if _, err := f.s.Merge(ctx, src); err != nil {
			t.Fatalf("merge %d: %v", i, err)
		}
		assertPersonModule(t, f.s, fmt.Sprintf("after merge %d", i+1))
	}
	if after := len(personModuleRows(t, f.s, true)); after <= before {
		t.Fatalf("merge added no rows (%d before, %d after)", before, after)
	}
	// Joining two records leaves the table as it is (reports map records
	// to people as they read), and the summaries still count Bình once.
	if err := f.s.LinkParticipants(ctx, f.binh.ID, f.chi.ID); err != nil {
		t.Fatal(err)
	}
	assertPersonModule(t, f.s, "after a join")
	fast, err1 := f.s.ClassSummary(ctx, Filter{}, f.cat)
	full, err2 := f.s.ClassSummary(ctx, Filter{From: "2000-01-01", To: "2100-12-31"}, f.cat)
	if err1 != nil || err2 != nil || !reflect.DeepEqual(fast.Modules, full.Modules) {
		t.Fatalf("after a join, modules from person_module\n%+v\nfrom the attempts\n%+v (%v, %v)",
			fast.Modules, full.Modules, err1, err2)
	}
	if err := f.s.DeleteParticipantData(ctx, f.chi.ID); err != nil {
		t.Fatal(err)
	}
	assertPersonModule(t, f.s, "after privacy delete")
	var unlinked int
	if err := f.s.DB().QueryRow(`SELECT attempts FROM person_module WHERE participant_id = ''
		AND module_id = 'm1'`).Scan(&unlinked); err != nil || unlinked < 2 {
		t.Fatalf("erased people's m1 attempts under '' = %d, %v; want at least Em's and Chi's", unlinked, err)
	}
	db := f.s.DB()
	var attempt, person string
	if err := db.QueryRow(`SELECT id, participant_id FROM attempts WHERE participant_id IS NOT NULL
		AND state = 'finished' ORDER BY id LIMIT 1`).Scan(&attempt, &person); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name, sql string
		args      []any
	}{
		{"lesson read", `INSERT INTO lesson_progress (participant_id, module_id, last_page, page_count, device_id,
			created_at, updated_at) VALUES (?1, 'm2', 1, 3, 'd', '2026-05-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z')
			ON CONFLICT DO UPDATE SET updated_at = '2026-05-02T00:00:00.000Z'`, []any{person}},
		{"lesson read again", `INSERT INTO lesson_progress (participant_id, module_id, last_page, page_count, device_id,
			created_at, updated_at) VALUES (?1, 'm2', 2, 3, 'd', '2026-05-03T00:00:00.000Z', '2026-05-03T00:00:00.000Z')
			ON CONFLICT DO UPDATE SET updated_at = '2026-05-04T00:00:00.000Z'`, []any{person}},
		{"village corrected", `UPDATE participants SET village = 'Buôn Mới', household = 'Hộ 9' WHERE id = ?`, []any{person}},
		{"check-ins removed", `DELETE FROM attendance WHERE participant_id = ?`, []any{person}},
		{"check-in added", `INSERT INTO attendance (id, session_id, participant_id, checked_in_at, device_id,
			created_at, updated_at) SELECT 'att-x', id, ?1, '2027-01-01T00:00:00.000Z', 'd', '2027-01-01T00:00:00.000Z',
			'2027-01-01T00:00:00.000Z' FROM class_sessions ORDER BY id LIMIT 1`, []any{person}},
		{"check-in moved back", `UPDATE attendance SET checked_in_at = '2020-01-01T00:00:00.000Z' WHERE id = 'att-x'`, nil},
		{"erased", `UPDATE participants SET full_name = '', deleted_at = '2026-06-01T00:00:00.000Z' WHERE id = ?`, []any{person}},
		{"attempt rescored", `UPDATE attempts SET score = 0, passed = 0 WHERE id = ?`, []any{attempt}},
		{"attempt reopened", `UPDATE attempts SET state = 'in_progress', finished_at = NULL WHERE id = ?`, []any{attempt}},
		{"attempt moved", `UPDATE attempts SET module_id = 'moved' WHERE id = ?`, []any{attempt}},
		{"attempt unlinked", `UPDATE attempts SET participant_id = NULL WHERE id = ?`, []any{attempt}},
		{"attempt deleted", `DELETE FROM answers WHERE attempt_id = ?1; DELETE FROM attempts WHERE id = ?1`, []any{attempt}},
		{"lesson deleted", `DELETE FROM lesson_progress WHERE participant_id = ?`, []any{person}},
	}
	for _, st := range steps {
		for _, q := range strings.Split(st.sql, "; ") {
			if _, err := db.Exec(q, st.args...); err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
		}
		assertPersonModule(t, f.s, st.name)
	}
}

// personSummaryRecount computes person_summary afresh from participants,
// person_module and attendance, in the lines personSummaryRows reads.
const personSummaryRecount = `SELECT p.id, p.village, p.household, p.gender,
		(p.anonymous = 1 OR p.deleted_at IS NOT NULL),
		COALESCE((SELECT group_concat(module_id, ',') FROM (SELECT module_id FROM person_module AS m
			WHERE m.participant_id = p.id ORDER BY 1)), ''),
		COALESCE((SELECT group_concat(module_id, ',') FROM (SELECT module_id FROM person_module AS m
			WHERE m.participant_id = p.id AND m.passes > 0 ORDER BY 1)), ''),
		EXISTS (SELECT 1 FROM attendance AS t WHERE t.participant_id = p.id),
		(SELECT max(at) FROM (SELECT last_at AS at FROM person_module WHERE participant_id = p.id
			UNION ALL SELECT read_at FROM person_module WHERE participant_id = p.id
			UNION ALL SELECT checked_in_at FROM attendance WHERE participant_id = p.id))
	FROM participants AS p`

// personSummaryRows reads person_summary, or (recount) computes it afresh.
func personSummaryRows(t *testing.T, s *Store, recount bool) []string {
	t.Helper()
	q := `SELECT participant_id, village, household, gender, anon, modules, passed, attended, last_at
		FROM person_summary`
	if recount {
		q = personSummaryRecount
	}
	return sortedLines(t, s, q)
}

// assertPersonSummary fails unless person_summary equals a recount.
func assertPersonSummary(t *testing.T, s *Store, when string) {
	t.Helper()
	assertSameLines(t, "person_summary", when, personSummaryRows(t, s, false), personSummaryRows(t, s, true))
}

// TestDemoSummariesExact checks that a demo database, loaded with its
// indexes and person_summary's triggers dropped and the table counted at
// the end, holds the summaries a recount gives, and gets its triggers back.
func TestDemoSummariesExact(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "demo.db")
	if _, err := Demo(ctx, path, DemoOptions{Participants: 250, Seed: 4}, nil); err != nil {
		t.Fatal(err)
	}
	s := openMergeStore(t, path)
	assertPersonModule(t, s, "demo")
	var triggers, rows int
	if err := s.DB().QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'
		AND name LIKE 'person\_summary\_%' ESCAPE '\'`).Scan(&triggers); err != nil || triggers != 9 {
		t.Fatalf("%d person_summary triggers after the demo, want 9 (%v)", triggers, err)
	}
	if err := s.DB().QueryRow(`SELECT count(*) FROM person_summary WHERE modules <> ''`).Scan(&rows); err != nil || rows == 0 {
		t.Fatalf("person_summary has %d people with activity (%v)", rows, err)
	}
}
