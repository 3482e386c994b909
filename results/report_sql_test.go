package results

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var long = flag.Bool("long", false, "also compare the reports with plain SQL on the 100,000-person benchmark demo")

// plainSQL computes the report numbers the slow, obvious way, for a
// database with no joined records: every row is its own person.
type plainSQL struct {
	t *testing.T
	s *Store
	f Filter
}

// att and tries are the conditions on attendance t (class cs, person p) and
// attempts a (person p) that the filter keeps, and their arguments.
func (q plainSQL) att() (string, []any) {
	var w []string
	var args []any
	if q.f.SessionID != "" {
		w, args = append(w, "t.session_id = ?"), append(args, q.f.SessionID)
	}
	if q.f.From != "" {
		w, args = append(w, "cs.date >= ?"), append(args, q.f.From)
	}
	if q.f.To != "" {
		w, args = append(w, "cs.date <= ?"), append(args, q.f.To)
	}
	if q.f.Village != "" {
		w, args = append(w, "p.village = ?"), append(args, q.f.Village)
	}
	return strings.Join(append(w, "1"), " AND "), args
}

// The plain SQL turns stored UTC times into dates with '+7 hours': the
// stores of these tests are in testclock.Zone (Vietnam, UTC+7 all year),
// whatever TZ the machine runs in.
func (q plainSQL) tries() (string, []any) {
	var w []string
	var args []any
	if q.f.SessionID != "" {
		w, args = append(w, "a.session_id = ?"), append(args, q.f.SessionID)
	}
	if q.f.From != "" {
		w, args = append(w, "date(a.started_at, '+7 hours') >= ?"), append(args, q.f.From)
	}
	if q.f.To != "" {
		w, args = append(w, "date(a.started_at, '+7 hours') <= ?"), append(args, q.f.To)
	}
	if q.f.Village != "" {
		w, args = append(w, "p.village = ?"), append(args, q.f.Village)
	}
	return strings.Join(append(w, "1"), " AND "), args
}

// quizAttempts starts every plain query: the reports count quiz attempts
// only (a review is a second look at one question, never a quiz; migration
// 0007), so the plain SQL sees the quiz attempts under the name attempts.
const quizAttempts = `WITH attempts AS (SELECT * FROM main.attempts WHERE kind = 'quiz') `

func (q plainSQL) one(query string, args ...any) (n int) {
	q.t.Helper()
	if err := q.s.DB().QueryRow(quizAttempts+query, args...).Scan(&n); err != nil {
		q.t.Fatalf("%s: %v", query, err)
	}
	return n
}

// counts runs a two-column (key, count) query.
func (q plainSQL) counts(query string, args ...any) map[string]int {
	q.t.Helper()
	rows, err := q.s.DB().Query(quizAttempts+query, args...)
	if err != nil {
		q.t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			q.t.Fatal(err)
		}
		out[k] = n
	}
	if err := rows.Err(); err != nil {
		q.t.Fatal(err)
	}
	return out
}

func bucketMap(cs []Count) map[string]int {
	out := map[string]int{}
	for _, c := range cs {
		out[c.Key] = c.Count
	}
	return out
}

// checkReportsAgainstSQL compares the class summary, coverage and the
// follow-up list for filter f with plain SQL over the same database.
func checkReportsAgainstSQL(t *testing.T, s *Store, cat Catalog, f Filter) {
	t.Helper()
	ctx := context.Background()
	q := plainSQL{t, s, f}
	attW, attA := q.att()
	tryW, tryA := q.tries()
	attFrom := ` FROM attendance t JOIN class_sessions cs ON cs.id = t.session_id
		JOIN participants p ON p.id = t.participant_id WHERE ` + attW
	tryFrom := ` FROM attempts a LEFT JOIN participants p ON p.id = a.participant_id WHERE ` + tryW
	r, err := s.ClassSummary(ctx, f, cat)
	if err != nil {
		t.Fatal(err)
	}
	a := r.Attendance
	if want := q.one(`SELECT count(DISTINCT t.participant_id)`+attFrom, attA...); a.Total != want {
		t.Errorf("attendance total %d; SQL %d", a.Total, want)
	}
	if want := q.one(`SELECT count(*)`+attFrom, attA...); a.CheckIns != want {
		t.Errorf("check-ins %d; SQL %d", a.CheckIns, want)
	}
	people := `SELECT DISTINCT t.participant_id` + attFrom
	g := q.counts(`SELECT gender, count(*) FROM participants WHERE id IN (`+people+`) GROUP BY 1`, attA...)
	if got := bucketMap(a.ByGender); !reflect.DeepEqual(got, g) {
		t.Errorf("by gender %v; SQL %v", got, g)
	}
	v := q.counts(`SELECT village, count(*) FROM participants WHERE id IN (`+people+`) GROUP BY 1`, attA...)
	if got := bucketMap(a.ByVillage); !reflect.DeepEqual(got, v) {
		t.Errorf("by village %v; SQL %v", got, v)
	}
	anon := q.one(`SELECT count(*) FROM participants WHERE (anonymous = 1 OR deleted_at IS NOT NULL) AND id IN (`+people+`)`, attA...)
	if a.Anonymous != anon {
		t.Errorf("anonymous %d; SQL %d", a.Anonymous, anon)
	}
	for _, m := range r.Modules {
		args := append([]any{m.ID}, tryA...)
		tryM := strings.Replace(tryFrom, "WHERE ", "WHERE a.module_id = ? AND ", 1)
		tried := q.one(`SELECT count(DISTINCT a.participant_id)`+tryM, args...)
		passed := q.one(`SELECT count(DISTINCT a.participant_id)`+tryM+` AND a.passed = 1`, args...)
		n := q.one(`SELECT count(*)`+tryM, args...)
		var avg float64
		if err := s.DB().QueryRow(quizAttempts+`SELECT COALESCE(avg(best), 0) FROM (SELECT max(a.score * 100.0 / a.max_score) AS best`+
			tryM+` AND a.state = 'finished' AND a.max_score > 0 AND a.participant_id IS NOT NULL GROUP BY a.participant_id)`,
			args...).Scan(&avg); err != nil {
			t.Fatal(err)
		}
		if m.Tried != tried || m.Passed != passed || m.Attempts != n || m.AverageBest != round1(avg) {
			t.Errorf("%s: tried/passed/attempts/average %d/%d/%d/%v; SQL %d/%d/%d/%v",
				m.ID, m.Tried, m.Passed, m.Attempts, m.AverageBest, tried, passed, n, round1(avg))
		}
	}
	checkCoverageAgainstSQL(t, q, cat, f, people, attA, tryFrom, tryA)
}

// checkCoverageAgainstSQL compares coverage by village and the follow-up
// list with plain SQL. people selects the people who checked in.
func checkCoverageAgainstSQL(t *testing.T, q plainSQL, cat Catalog, f Filter, people string, attA []any, tryFrom string, tryA []any) {
	t.Helper()
	ctx := context.Background()
	readW := "1"
	var readA []any
	switch {
	case f.SessionID != "":
		readW = "0"
	default:
		if f.From != "" {
			readW, readA = readW+" AND date(g.updated_at, '+7 hours') >= ?", append(readA, f.From)
		}
		if f.To != "" {
			readW, readA = readW+" AND date(g.updated_at, '+7 hours') <= ?", append(readA, f.To)
		}
		if f.Village != "" {
			readW, readA = readW+" AND p.village = ?", append(readA, f.Village)
		}
	}
	reach := `SELECT a.participant_id AS pid, a.module_id AS mid, a.passed AS passed` + tryFrom + ` AND a.participant_id IS NOT NULL
		UNION ALL SELECT g.participant_id, g.module_id, 0 FROM lesson_progress g JOIN participants p ON p.id = g.participant_id
		WHERE ` + readW
	reachA := append(append([]any{}, tryA...), readA...)
	active := `SELECT pid FROM (` + reach + `) UNION ` + people
	activeA := append(append([]any{}, reachA...), attA...)
	cov, err := q.s.Coverage(ctx, f, cat)
	if err != nil {
		t.Fatal(err)
	}
	byVillage := q.counts(`SELECT village, count(*) FROM participants WHERE id IN (`+active+`) GROUP BY 1`, activeA...)
	households := q.counts(`SELECT village, count(DISTINCT household) FROM participants WHERE household <> ''
		AND id IN (`+active+`) GROUP BY 1`, activeA...)
	allPassed := `SELECT pid FROM (` + reach + `) WHERE passed = 1 GROUP BY pid HAVING count(DISTINCT mid) = 5`
	passedAll := q.counts(`SELECT village, count(*) FROM participants WHERE id IN (`+allPassed+`) GROUP BY 1`, reachA...)
	modReach := q.counts(`SELECT p2.village || '|' || x.mid, count(DISTINCT x.pid) FROM (`+reach+`) AS x
		JOIN participants p2 ON p2.id = x.pid GROUP BY 1`, reachA...)
	modPassed := q.counts(`SELECT p2.village || '|' || x.mid, count(DISTINCT x.pid) FROM (`+reach+`) AS x
		JOIN participants p2 ON p2.id = x.pid WHERE x.passed = 1 GROUP BY 1`, reachA...)
	gotReached, gotHouse, gotAll := map[string]int{}, map[string]int{}, map[string]int{}
	for _, vc := range cov.Villages {
		gotReached[vc.Village] = vc.Reached
		if vc.Households > 0 {
			gotHouse[vc.Village] = vc.Households
		}
		if vc.PassedAll > 0 {
			gotAll[vc.Village] = vc.PassedAll
		}
		for _, m := range vc.Modules {
			key := vc.Village + "|" + m.ModuleID
			if m.Reached != modReach[key] || m.Passed != modPassed[key] {
				t.Errorf("coverage %q %s reached/passed %d/%d; SQL %d/%d", vc.Village, m.ModuleID,
					m.Reached, m.Passed, modReach[key], modPassed[key])
			}
		}
	}
	for name, got := range map[string][2]map[string]int{"reached": {gotReached, byVillage},
		"households": {gotHouse, households}, "passed all": {gotAll, passedAll}} {
		if !reflect.DeepEqual(got[0], got[1]) {
			t.Errorf("coverage %s by village %v; SQL %v", name, got[0], got[1])
		}
	}
	fu, err := q.s.FollowUp(ctx, f, cat, false)
	if err != nil {
		t.Fatal(err)
	}
	everPassed := `SELECT participant_id FROM attempts WHERE passed = 1 AND participant_id IS NOT NULL
		GROUP BY participant_id HAVING count(DISTINCT module_id) = 5`
	want := q.counts(`SELECT village, count(*) FROM participants WHERE anonymous = 0 AND deleted_at IS NULL
		AND id IN (`+active+`) AND id NOT IN (`+everPassed+`) GROUP BY 1`, activeA...)
	got := map[string]int{}
	for _, v := range fu.Villages {
		got[v.Village] = v.People
		for _, h := range v.Households {
			for _, p := range h.People {
				if len(p.NotPassed) == 0 || p.LastActivity == "" {
					t.Errorf("follow-up %s: not passed %v, last activity %q", p.ID, p.NotPassed, p.LastActivity)
				}
			}
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("follow-up people by village %v; SQL %v", got, want)
	}
	// The overview counts what the list lists, whichever way it is read.
	ov, err := q.s.FollowUpOverview(ctx, f, cat)
	if err != nil {
		t.Fatal(err)
	}
	if wantOv := overviewOf(fu); !reflect.DeepEqual(ov, wantOv) {
		t.Errorf("follow-up overview\n%+v\ncounted from the list\n%+v", ov, wantOv)
	}
	if ov.People != fu.People || ov.People == 0 && len(want) > 0 {
		t.Errorf("follow-up overview counts %d people, the list %d", ov.People, fu.People)
	}
}

// demoFilters returns filters that cover each field: none, one village,
// one class, a period.
func demoFilters(t testing.TB, s *Store) []Filter {
	t.Helper()
	var village, sid, from, to string
	if err := s.DB().QueryRow(`SELECT village FROM participants WHERE village <> '' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`).Scan(&village); err != nil {
		t.Fatal(err)
	}
	if err := s.DB().QueryRow(`SELECT session_id FROM attendance GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`).Scan(&sid); err != nil {
		t.Fatal(err)
	}
	if err := s.DB().QueryRow(`SELECT min(date), max(date) FROM class_sessions`).Scan(&from, &to); err != nil {
		t.Fatal(err)
	}
	return []Filter{{}, {Village: village}, {SessionID: sid}, {From: from, To: from}, {From: from, To: to}}
}

// TestReportsMatchPlainSQLWithFilters checks every summary number against
// plain SQL on a modest demo, with no filter and with each kind of filter.
func TestReportsMatchPlainSQLWithFilters(t *testing.T) {
	compareAllFilters(t, openDemo(t, 600, 11))
}

// openDemo builds a demo database of n people in a temporary folder and
// opens it.
func openDemo(t *testing.T, n int, seed int64) *Store {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "demo.db")
	if _, err := Demo(ctx, path, DemoOptions{Participants: n, Seed: seed}, nil); err != nil {
		t.Fatal(err)
	}
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func compareAllFilters(t *testing.T, s *Store) {
	var links int
	if err := s.DB().QueryRow(`SELECT count(*) FROM participant_links`).Scan(&links); err != nil || links != 0 {
		t.Fatalf("the plain SQL assumes no joined records; %d, %v", links, err)
	}
	for _, f := range demoFilters(t, s) {
		t.Run(fmt.Sprintf("%+v", f), func(t *testing.T) { checkReportsAgainstSQL(t, s, demoCatalog(), f) })
	}
}

// TestReportsMatchPlainSQLOn20k is the same comparison at the scale of a
// district (20,000 people), where the grouped fast paths of the reports
// (person_summary) take over from the per-person reads: it runs by default,
// so CI checks the fast paths at scale on every run.
func TestReportsMatchPlainSQLOn20k(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 20,000-person demo (about 15 s); skipped with -short")
	}
	compareAllFilters(t, openDemo(t, 20_000, 13))
}

// TestReportsMatchPlainSQLOn100k is the same comparison on the 100,000-person
// benchmark demo; it takes minutes, so it runs only with -long.
func TestReportsMatchPlainSQLOn100k(t *testing.T) {
	if !*long {
		t.Skip("runs with -long")
	}
	compareAllFilters(t, bench100k(t))
}

// TestFastPathEqualsFullRead checks that the reports read from
// person_module (no class, no dates) equal the same reports computed from
// the attempts (a period wide enough to keep everything), on the fixture,
// whose records include a join and an erased person.
func TestFastPathEqualsFullRead(t *testing.T) {
	f := newReportFixture(t)
	ctx := context.Background()
	wide := Filter{From: "2000-01-01", To: "2100-12-31"}
	for _, village := range []string{"", "buon a"} {
		fast, full := Filter{Village: village}, wide
		full.Village = village
		c1, err1 := f.s.ClassSummary(ctx, fast, f.cat)
		c2, err2 := f.s.ClassSummary(ctx, full, f.cat)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !reflect.DeepEqual(c1.Modules, c2.Modules) || !reflect.DeepEqual(c1.Attendance, c2.Attendance) {
			t.Errorf("village %q class summary\n%+v\nfrom the attempts\n%+v", village, c1, c2)
		}
		v1, err1 := f.s.Coverage(ctx, fast, f.cat)
		v2, err2 := f.s.Coverage(ctx, full, f.cat)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !reflect.DeepEqual(v1.Villages, v2.Villages) || !reflect.DeepEqual(v1.Overall, v2.Overall) {
			t.Errorf("village %q coverage\n%+v\nfrom the attempts\n%+v", village, v1, v2)
		}
		u1, err1 := f.s.FollowUp(ctx, fast, f.cat, true)
		u2, err2 := f.s.FollowUp(ctx, full, f.cat, true)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !reflect.DeepEqual(u1.Villages, u2.Villages) || u1.Anonymous != u2.Anonymous || u1.People == 0 && village == "" {
			t.Errorf("village %q follow-up\n%+v\nfrom the attempts\n%+v", village, u1, u2)
		}
		o1, err1 := f.s.FollowUpOverview(ctx, fast, f.cat)
		o2, err2 := f.s.FollowUpOverview(ctx, full, f.cat)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		o2.Filter = o1.Filter
		if !reflect.DeepEqual(o1, o2) || o1.People != u1.People || o1.Anonymous != u1.Anonymous {
			t.Errorf("village %q follow-up overview\n%+v\nfrom the attempts\n%+v", village, o1, o2)
		}
	}
}

// TestResultsExportFastPathEqualsFullRead checks that the results sheet
// read from person_module (no filter, no joined records) is the very sheet
// computed from the attempts (a period wide enough to keep everything).
func TestResultsExportFastPathEqualsFullRead(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "demo.db")
	if _, err := Demo(ctx, path, DemoOptions{Participants: 300, Seed: 5}, nil); err != nil {
		t.Fatal(err)
	}
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, phone := range []bool{false, true} {
		var fast, full bytes.Buffer
		opt := ExportOptions{Catalog: demoCatalog(), WithPhone: phone}
		n1, err := s.Export(ctx, &fast, ExportResults, FormatCSV, opt)
		if err != nil {
			t.Fatal(err)
		}
		opt.Filter = Filter{From: "2000-01-01", To: "2100-12-31"}
		n2, err := s.Export(ctx, &full, ExportResults, FormatCSV, opt)
		if err != nil {
			t.Fatal(err)
		}
		a, b := fast.String(), full.String()
		if n1.Rows == 0 || n1.Rows != n2.Rows || a != b {
			i := 0
			for i < min(len(a), len(b)) && a[i] == b[i] {
				i++
			}
			t.Fatalf("phone %v: %d rows fast, %d full; first difference at byte %d:\n%.300s\n---\n%.300s",
				phone, n1.Rows, n2.Rows, i, a[max(0, i-100):], b[max(0, i-100):])
		}
	}
}

// TestAttendanceRowsWithoutJoinsEqualGeneral checks the attendance sheet's
// rows read for a database with no joined records (lessons read matched in
// Go) against the general query, on a demo, for each kind of filter.
func TestAttendanceRowsWithoutJoinsEqualGeneral(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "demo.db")
	if _, err := Demo(ctx, path, DemoOptions{Participants: 300, Seed: 3}, nil); err != nil {
		t.Fatal(err)
	}
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	read := func(sc scope, links bool) []string {
		var out []string
		count := &attendanceCount{people: map[string]bool{}}
		if err := s.attendanceRowsWith(ctx, sc, demoCatalog(), true, links, count, func(v []any) error {
			out = append(out, fmt.Sprint(v...))
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, f := range demoFilters(t, s) {
		sc, err := s.newScope(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		general, plain := read(sc, true), read(sc, false)
		if len(general) == 0 || !reflect.DeepEqual(general, plain) {
			t.Errorf("%+v: %d rows without joins, %d general; first\n%.200q\n%.200q", f, len(plain), len(general),
				plain, general)
		}
	}
}
