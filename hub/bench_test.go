package hub

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"kynangso/hub/hubtest"
	"kynangso/internal/testclock"
	"kynangso/results"
)

// benchLaptops returns n demo laptop files of people participants each,
// built once into KYNANGSO_BENCH_SOURCES (default: a folder in the temp
// folder) and reused by later runs: building them takes minutes.
func benchLaptops(b *testing.B, n, people int) []string {
	b.Helper()
	dir := os.Getenv("KYNANGSO_BENCH_SOURCES")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), fmt.Sprintf("kynangso-hub-bench-%dx%d", n, people))
	}
	must(b, os.MkdirAll(dir, 0o700))
	out := make([]string, n)
	for i := range out {
		out[i] = filepath.Join(dir, fmt.Sprintf("laptop%02d.db", i+1))
		if _, err := os.Stat(out[i]); err == nil {
			continue
		}
		tmp := out[i] + ".building"
		os.Remove(tmp)
		_, err := results.Demo(context.Background(), tmp, results.DemoOptions{Participants: people, Seed: int64(i + 1)}, nil)
		must(b, err)
		must(b, os.Rename(tmp, out[i]))
	}
	return out
}

// communeOf spreads laptops over communes, five teams each.
func communeOf(i int) string { return fmt.Sprintf("Xã %d", i/5+1) }

// BenchmarkSync20x5000 syncs 20 demo laptops of 5,000 people into an
// empty hub, all at once, and then loads the same rows into another empty
// hub with plain COPY (20 sessions at once too, reading the same files):
// ns/op is the syncs; copy-s and ratio compare.
//
//	source .ci/pg.sh && pg_start
//	go test ./hub -run '^$' -bench Sync20x5000 -benchtime 1x
func BenchmarkSync20x5000(b *testing.B) {
	ctx := context.Background()
	files := benchLaptops(b, 20, 5000)
	for range b.N {
		b.StopTimer()
		h := newTestHub(b)
		teams := make([]Config, len(files))
		for i := range files {
			teams[i] = h.team(b, communeOf(i), fmt.Sprintf("t%02d", i))
		}
		laptops := copyFiles(b, b.TempDir(), files)
		b.StartTimer()
		start := time.Now()
		var wg sync.WaitGroup
		errs := make([]error, len(laptops))
		sent := make([]time.Duration, len(laptops)) // when each laptop's rows were all on the hub
		for i, p := range laptops {
			wg.Go(func() {
				s, err := results.Open(ctx, p, results.WithClock(testclock.New(testclock.Start).Now))
				if err != nil {
					errs[i] = err
					return
				}
				defer s.Close()
				_, errs[i] = Sync(ctx, s, teams[i], func(pr Progress) {
					if pr.Phase == PhasePull && sent[i] == 0 {
						sent[i] = time.Since(start)
					}
				})
			})
		}
		wg.Wait()
		syncTime := time.Since(start)
		b.ReportMetric(slices.Max(sent).Seconds(), "all-sent-s")
		b.StopTimer()
		for _, err := range errs {
			must(b, err)
		}
		copyTime := plainCopy(b, files)
		b.ReportMetric(syncTime.Seconds(), "sync-s")
		b.ReportMetric(copyTime.Seconds(), "copy-s")
		b.ReportMetric(syncTime.Seconds()/copyTime.Seconds(), "ratio")
		b.StartTimer()
	}
}

// plainCopy loads every row of files into the tables of a new empty hub
// with one COPY per table, one session per file at once, and returns how
// long it took (reading the files included, as a sync reads them).
func plainCopy(b *testing.B, files []string) time.Duration {
	b.Helper()
	ctx := context.Background()
	h := newTestHub(b)
	owner := h.connect(b, "")
	_, err := owner.Exec(ctx, `INSERT INTO kynangso.communes (name) VALUES ('x');
		INSERT INTO kynangso.teams (role_name, name, commune_id) VALUES ('nobody', 'x', 1)`)
	must(b, err)
	start := time.Now()
	var wg sync.WaitGroup
	errs := make([]error, len(files))
	for i, p := range files {
		wg.Go(func() { errs[i] = copyFile(ctx, h.dsn(""), p) })
	}
	wg.Wait()
	for _, err := range errs {
		must(b, err)
	}
	return time.Since(start)
}

func copyFile(ctx context.Context, dsn, path string) error {
	return copyFileAs(ctx, dsn, path, 1, 1)
}

// copyFileAs loads a laptop file's rows as the given team and commune.
func copyFileAs(ctx context.Context, dsn, path string, team, commune int64) error {
	s, err := results.Open(ctx, path, results.WithClock(testclock.New(testclock.Start).Now))
	if err != nil {
		return err
	}
	defer s.Close()
	rows := map[string][][]any{}
	err = s.ReadHub(ctx, func(r results.HubReader) error {
		for _, t := range results.HubTables() {
			err := r.Rows(t.Name, nil, func(vals []any) error {
				rows[t.Name] = append(rows[t.Name], append(append([]any(nil), vals...), team, commune))
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	return pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		for _, t := range results.HubTables() {
			cols := append(append([]string(nil), t.Cols...), "team_id", "commune_id")
			if _, err := tx.CopyFrom(ctx, pgx.Identifier{"kynangso", t.Name}, cols, pgx.CopyFromRows(rows[t.Name])); err != nil {
				return err
			}
		}
		return nil
	})
}

// BenchmarkResyncUnchanged syncs a laptop of 5,000 people that has not
// changed since its last sync (target: under a second).
func BenchmarkResyncUnchanged(b *testing.B) {
	ctx := context.Background()
	file := benchLaptops(b, 1, 5000)[0]
	h := newTestHub(b)
	team := h.team(b, "Xã 1", "t01")
	p := copyFiles(b, b.TempDir(), []string{file})[0]
	s, err := results.Open(ctx, p, results.WithClock(testclock.New(testclock.Start).Now))
	must(b, err)
	defer s.Close()
	_, err = Sync(ctx, s, team, nil)
	must(b, err)
	b.ResetTimer()
	for range b.N {
		res, err := Sync(ctx, s, team, nil)
		must(b, err)
		if res.SentRows() != 0 || res.Pulled != 0 {
			b.Fatalf("an unchanged laptop sent %d rows and pulled %d", res.SentRows(), res.Pulled)
		}
	}
}

// loadDemoHub returns a hub of demo laptops loaded straight into
// PostgreSQL with plain COPY (five laptops per commune) and, when people
// asks for more than they hold, copied again under new ids, villages and
// communes until it holds about that many people. With
// KYNANGSO_BENCH_HUB=NAME the hub is the database NAME on the test server,
// loaded once and reused by later runs (a million people take the best part
// of an hour to load); otherwise a new database for this run.
func loadDemoHub(b *testing.B, people int) *testHub {
	b.Helper()
	ctx := context.Background()
	name := os.Getenv("KYNANGSO_BENCH_HUB")
	if name == "" {
		h := newTestHub(b)
		fillDemoHub(b, h, people)
		return h
	}
	db, _ := hubtest.Keep(b, name)
	h := &testHub{db}
	owner := h.connect(b, "")
	must(b, Migrate(ctx, owner))
	var loaded string
	err := owner.QueryRow(ctx, `SELECT COALESCE((SELECT value FROM kynangso.hub_meta WHERE key = 'bench_people'), '')`).Scan(&loaded)
	must(b, err)
	if loaded == fmt.Sprint(people) {
		return h
	}
	if loaded != "" {
		b.Fatalf("the kept hub %s holds %s people, not %d: drop it or name another", name, loaded, people)
	}
	var n int
	must(b, owner.QueryRow(ctx, `SELECT count(*) FROM kynangso.participants`).Scan(&n))
	if n > 0 {
		b.Fatalf("the kept hub %s was left half loaded: drop it (DROP DATABASE %s) and run again", name, name)
	}
	fillDemoHub(b, h, people)
	_, err = owner.Exec(ctx, `INSERT INTO kynangso.hub_meta (key, value) VALUES ('bench_people', $1)`, fmt.Sprint(people))
	must(b, err)
	return h
}

// fillDemoHub loads the demo laptops into the empty hub h (see loadDemoHub).
func fillDemoHub(b *testing.B, h *testHub, people int) {
	b.Helper()
	ctx := context.Background()
	files := benchLaptops(b, 20, 5000)
	owner := h.connect(b, "")
	for i := range files {
		_, err := owner.Exec(ctx, `INSERT INTO kynangso.communes (name) VALUES ($1) ON CONFLICT DO NOTHING`, communeOf(i))
		must(b, err)
		_, err = owner.Exec(ctx, `INSERT INTO kynangso.teams (role_name, name, commune_id)
			SELECT $2::text, $2::text, id FROM kynangso.communes WHERE name = $1`, communeOf(i), fmt.Sprintf("t%02d", i))
		must(b, err)
	}
	for i, f := range files {
		must(b, copyFileAs(ctx, h.dsn(""), f, int64(i+1), int64(i/5+1)))
	}
	for k := 1; k*100000 < people; k++ {
		start := time.Now()
		must(b, replicate(ctx, owner, k))
		b.Logf("copy %d of the demo data: %v", k, time.Since(start).Round(time.Second))
	}
	_, err := owner.Exec(ctx, `VACUUM ANALYZE`)
	must(b, err)
}

// idCols are the columns of each table that hold ids, rewritten when the
// demo data is copied again.
var idCols = map[string][]string{
	"devices": {"id"}, "participants": {"id"}, "class_sessions": {"id"},
	"attendance": {"id", "session_id", "participant_id"}, "lesson_progress": {"participant_id"},
	"attempts": {"id", "participant_id", "session_id"}, "answers": {"id", "attempt_id"},
	"participant_links": {"id", "from_id", "into_id"}, "merge_log": {"id"},
}

// replicate copies the first 100,000 people's data once more as copy k:
// new ids (suffix -k), new communes, and villages of their own (a name with
// " k" added): a province's communes have villages of their own, and a
// report groups by village and household.
func replicate(ctx context.Context, conn *pgx.Conn, k int) error {
	for _, t := range results.HubTables() {
		sel := make([]string, len(t.Cols))
		for i, c := range t.Cols {
			sel[i] = c
			for _, id := range idCols[t.Name] {
				if id == c {
					sel[i] = fmt.Sprintf("%s || '-%d'", c, k)
				}
			}
			if t.Name == "participants" && c == "village" {
				sel[i] = fmt.Sprintf("CASE WHEN village = '' THEN '' ELSE village || ' %d' END", k)
			}
		}
		q := fmt.Sprintf(`INSERT INTO kynangso.%s (%s, team_id, commune_id) SELECT %s, team_id, commune_id + %d
			FROM kynangso.%s WHERE commune_id <= 4`, t.Name, strings.Join(t.Cols, ", "), strings.Join(sel, ", "), 4*k, t.Name)
		if _, err := conn.Exec(ctx, q); err != nil {
			return fmt.Errorf("replicate %s: %w", t.Name, err)
		}
	}
	return nil
}

// BenchmarkHubReports measures the province's reports on a hub of demo
// data loaded straight into PostgreSQL (KYNANGSO_BENCH_PEOPLE people,
// default 100,000): building the report mirror once (mirror-build-s),
// opening it (open-s), then per report the mirror's refresh and the
// report, as `kynangso report --hub` runs them.
func BenchmarkHubReports(b *testing.B) {
	ctx := context.Background()
	h := loadDemoHub(b, benchPeople())
	prov := h.province(b)
	path := filepath.Join(b.TempDir(), "mirror.db")
	start := time.Now()
	m, err := Mirror(ctx, prov, path, "")
	must(b, err)
	must(b, m.Close())
	build := time.Since(start)
	cat := results.NewCatalog(nil, "vi")
	reports := []struct {
		name string
		run  func(*results.Store) error
	}{
		{"class-summary", func(s *results.Store) error { _, err := s.ClassSummary(ctx, results.Filter{}, cat); return err }},
		{"item-analysis", func(s *results.Store) error { _, err := s.ItemAnalysis(ctx, results.Filter{}, cat); return err }},
		{"coverage", func(s *results.Store) error { _, err := s.Coverage(ctx, results.Filter{}, cat); return err }},
		{"followup-overview", func(s *results.Store) error { _, err := s.FollowUpOverview(ctx, results.Filter{}, cat); return err }},
		{"followup-list", func(s *results.Store) error { _, err := s.FollowUp(ctx, results.Filter{}, cat, false); return err }},
	}
	// Opening the mirror checks the file (PRAGMA quick_check, seconds on a
	// province's file) once per command, as opening a laptop's file does:
	// measured apart, like the build.
	start = time.Now()
	m, err = results.Open(ctx, path)
	must(b, err)
	defer m.Close()
	open := time.Since(start)
	for _, r := range reports {
		b.Run(r.name, func(b *testing.B) {
			b.ReportMetric(build.Seconds(), "mirror-build-s")
			b.ReportMetric(open.Seconds(), "open-s")
			for range b.N {
				must(b, RefreshMirror(ctx, prov, m, ""))
				must(b, r.run(m))
			}
		})
	}
}

// BenchmarkLoadDemoHub loads the demo hub of BenchmarkHubReports (see
// loadDemoHub) and reports how long it took: with KYNANGSO_BENCH_HUB set it
// is loaded once, for the report benchmark's later runs.
func BenchmarkLoadDemoHub(b *testing.B) {
	for range b.N {
		loadDemoHub(b, benchPeople())
	}
}

// benchPeople is the size of the report benchmarks' hub:
// KYNANGSO_BENCH_PEOPLE, default 100,000.
func benchPeople() int {
	people := 100000
	if v := os.Getenv("KYNANGSO_BENCH_PEOPLE"); v != "" {
		fmt.Sscan(v, &people)
	}
	return people
}

// BenchmarkHubSummaries measures the province's whole-history reports
// served straight from the hub's summary tables (hub migration 4, through
// results.Summaries), with no mirror: what `kynangso report --hub` needs
// for the class summary, the item analysis, coverage and the follow-up
// overview.
func BenchmarkHubSummaries(b *testing.B) {
	ctx := context.Background()
	h := loadDemoHub(b, benchPeople())
	prov := h.province(b)
	m := results.Summaries{Source: Summaries(prov)}
	cat := results.NewCatalog(nil, "vi")
	reports := []struct {
		name string
		run  func() error
	}{
		{"class-summary", func() error { _, err := m.ClassSummary(ctx, results.Filter{}, cat); return err }},
		{"item-analysis", func() error { _, err := m.ItemAnalysis(ctx, results.Filter{}, cat); return err }},
		{"coverage", func() error { _, err := m.Coverage(ctx, results.Filter{}, cat); return err }},
		{"followup-overview", func() error { _, err := m.FollowUpOverview(ctx, results.Filter{}, cat); return err }},
	}
	for _, r := range reports {
		b.Run(r.name, func(b *testing.B) {
			for range b.N {
				must(b, r.run())
			}
		})
	}
}
