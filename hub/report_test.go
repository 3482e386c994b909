package hub

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"kynangso/internal/testclock"
	"kynangso/lessons"
	"kynangso/results"
)

// reportsOf computes every report and export of store for filter f, as
// JSON and file bytes, so two sources can be compared whole.
func reportsOf(t testing.TB, s *results.Store, f results.Filter, cat results.Catalog) map[string]string {
	t.Helper()
	ctx := context.Background()
	out := map[string]string{}
	put := func(name string, v any, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s %+v: %v", name, f, err)
		}
		b, _ := json.MarshalIndent(v, "", " ")
		out[name] = string(b)
	}
	cls, err := s.ClassSummary(ctx, f, cat)
	put("class summary", cls, err)
	items, err := s.ItemAnalysis(ctx, f, cat)
	put("item analysis", items, err)
	cov, err := s.Coverage(ctx, f, cat)
	put("coverage", cov, err)
	fu, err := s.FollowUp(ctx, f, cat, true)
	put("follow-up list", fu, err)
	ov, err := s.FollowUpOverview(ctx, f, cat)
	put("follow-up overview", ov, err)
	for _, kind := range []results.ExportKind{results.ExportAttendance, results.ExportResults} {
		var b bytes.Buffer
		info, err := s.Export(ctx, &b, kind, results.FormatCSV, results.ExportOptions{Filter: f, Catalog: cat, WithPhone: true})
		put(string(kind)+" export info", info, err)
		out[string(kind)+" export"] = b.String()
	}
	return out
}

// TestHubReportsEqualFileReports syncs two communes' laptops and checks
// that every report and export read through the hub (the province's mirror,
// whole and for one commune) equals the same report on the laptops' files
// merged by `kynangso merge`, for every kind of filter.
func TestHubReportsEqualFileReports(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pack, err := lessons.Builtin()
	must(t, err)
	cat := results.NewCatalog(pack, "vi")
	dir := t.TempDir()
	f := buildCommune3(t, dir)
	krong := filepath.Join(dir, "krong.db")
	k := openStore(t, krong, testclock.New(testclock.Start.AddDate(0, 0, 3)))
	p, err := k.CreateParticipant(ctx, results.Participant{FullName: "Y Mlô Byă", BirthYear: 1980, Village: "Buôn Kô Sier",
		Household: "Nhà 1", ConsentVersion: results.ConsentVersion})
	must(t, err)
	c, err := k.OpenSession(ctx, results.ClassSession{Title: "An toàn trên mạng", Date: "2026-03-10", Commune: "Krông Búk"})
	must(t, err)
	_, err = k.CheckIn(ctx, c.ID, p.ID)
	must(t, err)
	must(t, k.SaveLessonPage(ctx, p.ID, "antoan", 6, 6))
	must(t, k.Close())

	h := newTestHub(t)
	eatu, kb := h.team(t, "Xã Ea Tu", "eatu1"), h.team(t, "Xã Krông Búk", "krong1")
	laptops := copyFiles(t, t.TempDir(), append(append([]string{}, f.paths...), krong))
	syncAll(t, eatu, laptops[:3])
	syncAll(t, kb, laptops[3:])

	merged := func(paths []string) *results.Store {
		d := t.TempDir()
		m := openStore(t, filepath.Join(d, "merged.db"), testclock.New(testclock.Start))
		_, err := m.Merge(ctx, copyFiles(t, d, paths)...)
		must(t, err)
		return m
	}
	prov := h.province(t)
	clk := testclock.New(testclock.Start)
	opts := []results.Option{results.WithClock(clk.Now), results.WithZone(testclock.Zone)}
	for _, sc := range []struct {
		commune string
		files   []string
	}{{"", append(append([]string{}, f.paths...), krong)}, {"Xã Ea Tu", f.paths}} {
		file := merged(sc.files)
		mirror, err := Mirror(ctx, prov, filepath.Join(t.TempDir(), "mirror.db"), sc.commune, opts...)
		must(t, err)
		t.Cleanup(func() { mirror.Close() })
		var classID string
		must(t, file.DB().QueryRow(`SELECT id FROM class_sessions ORDER BY date LIMIT 1`).Scan(&classID))
		for _, fl := range []results.Filter{{}, {Village: "buon ea tu"}, {SessionID: classID},
			{From: "2026-03-05", To: "2026-03-31"}, {From: "2026-03-01", To: "2026-03-10", Village: "Thôn 3"}} {
			want, got := reportsOf(t, file, fl, cat), reportsOf(t, mirror, fl, cat)
			for name, w := range want {
				if got[name] != w {
					t.Errorf("commune %q, filter %+v: %s on the hub differs from the merged file:\nhub:  %s\nfile: %s",
						sc.commune, fl, name, got[name], w)
				}
			}
		}
		fp, err := mirror.Fingerprint(ctx)
		must(t, err)
		if want, _ := file.Fingerprint(ctx); fp != want {
			t.Errorf("commune %q: mirror fingerprint %s, merged file %s", sc.commune, fp, want)
		}
		if sc.commune == "" {
			checkSummaries(t, prov, file, cat, "")
		}
	}
	checkUpkeep(t, h)
}

// summaryReportsOf computes, from a source of summaries, every report that
// one serves for filter f (see results.SummariesServe).
func summaryReportsOf(t testing.TB, src results.SummarySource, f results.Filter, cat results.Catalog) map[string]string {
	t.Helper()
	ctx := context.Background()
	m := results.Summaries{Source: src}
	out := map[string]string{}
	put := func(name string, v any, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s %+v from the summaries: %v", name, f, err)
		}
		b, _ := json.MarshalIndent(v, "", " ")
		out[name] = string(b)
	}
	cls, err := m.ClassSummary(ctx, f, cat)
	put("class summary", cls, err)
	cov, err := m.Coverage(ctx, f, cat)
	put("coverage", cov, err)
	ov, err := m.FollowUpOverview(ctx, f, cat)
	put("follow-up overview", ov, err)
	if results.SummariesServe(f, true) {
		items, err := m.ItemAnalysis(ctx, f, cat)
		put("item analysis", items, err)
	}
	return out
}

// checkSummaries compares every report the hub's summary tables serve
// (no filter, a village) with the same report on the merged file.
func checkSummaries(t *testing.T, prov *pgx.Conn, file *results.Store, cat results.Catalog, label string) {
	t.Helper()
	for _, fl := range []results.Filter{{}, {Village: "buon ea tu"}, {Village: "Thôn 3"}} {
		want, got := reportsOf(t, file, fl, cat), summaryReportsOf(t, Summaries(prov), fl, cat)
		for name, g := range got {
			if want[name] != g {
				t.Errorf("%sfilter %+v: %s from the hub's summaries differs from the merged file:\nhub:  %s\nfile: %s",
					label, fl, name, g, want[name])
			}
		}
	}
	if _, err := (results.Summaries{Source: Summaries(prov)}).Coverage(context.Background(),
		results.Filter{Village: "Buôn Không Có"}, cat); !errors.Is(err, results.ErrNotFound) {
		t.Errorf("an unknown village from the summaries: %v, want ErrNotFound", err)
	}
	if _, err := (results.Summaries{Source: Summaries(prov)}).ClassSummary(context.Background(),
		results.Filter{From: "2026-03-01"}, cat); !errors.Is(err, results.ErrNeedsRows) {
		t.Errorf("a period from the summaries: %v, want ErrNeedsRows", err)
	}
}

// checkUpkeep checks that the summaries the hub kept up to date push by
// push are those it computes from its rows all at once.
func checkUpkeep(t testing.TB, h *testHub) {
	t.Helper()
	ctx := context.Background()
	owner := h.connect(t, "")
	kept := summaryTables(t, owner)
	tx, err := owner.Begin(ctx)
	must(t, err)
	defer tx.Rollback(ctx)
	_, err = tx.Exec(ctx, `SELECT kynangso.rebuild_summaries()`)
	must(t, err)
	fresh := summaryTables(t, tx)
	for name, want := range fresh {
		if kept[name] != want {
			t.Errorf("%s kept push by push differs from one rebuilt from the rows:\nkept:    %s\nrebuilt: %s", name, kept[name], want)
		}
	}
}

// summaryTables reads every summary table as sorted text, leaving out the
// group rows whose counts went back to zero.
func summaryTables(t testing.TB, q Querier) map[string]string {
	t.Helper()
	out := map[string]string{}
	for name, where := range map[string]string{"sum_canon": "true", "sum_person": "true", "sum_person_module": "true",
		"sum_person_class": "true", "sum_modules": "tried <> 0 OR attempts <> 0 OR best_n <> 0",
		"sum_unlinked": "true", "sum_classes": "n <> 0", "sum_households": "true", "sum_items": "n <> 0",
		"sum_groups": "n <> 0"} {
		rows, err := queryStrings(context.Background(), q, `SELECT COALESCE(string_agg(x::text, E'\n' ORDER BY x::text COLLATE "C"), '')
			FROM kynangso.`+name+` AS x WHERE `+where)
		must(t, err)
		out[name] = strings.Join(rows, "")
	}
	return out
}

// TestMirrorFollowsTheHub refreshes a mirror after the hub changed,
// deletions by the merge rules included (an erased person's lesson
// progress), and checks it against the laptops' files merged.
func TestMirrorFollowsTheHub(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := buildCommune3(t, t.TempDir())
	h := newTestHub(t)
	team := h.team(t, "Xã Ea Tu", "eatu1")
	laptops := copyFiles(t, t.TempDir(), f.paths)
	syncAll(t, team, laptops)
	prov := h.province(t)
	path := filepath.Join(t.TempDir(), "mirror.db")
	clk := testclock.New(testclock.Start)
	m, err := Mirror(ctx, prov, path, "", results.WithClock(clk.Now))
	must(t, err)
	must(t, m.Close())

	c := openStore(t, laptops[2], testclock.New(testclock.Start.AddDate(0, 1, 0)))
	must(t, c.DeleteParticipantData(ctx, f.hung.ID)) // read lessons on A and B
	must(t, c.Close())
	syncAll(t, team, laptops[2:])
	m, err = Mirror(ctx, prov, path, "", results.WithClock(clk.Now))
	must(t, err)
	defer m.Close()
	var n int
	must(t, m.DB().QueryRow(`SELECT count(*) FROM lesson_progress WHERE participant_id = ?`, f.hung.ID).Scan(&n))
	if n != 0 {
		t.Errorf("the mirror keeps %d lesson rows of an erased person", n)
	}
	got, err := m.Fingerprint(ctx)
	must(t, err)
	if want := mergedFingerprint(t, laptops); got != want {
		t.Errorf("mirror fingerprint %s after the hub changed, merged laptops %s", got, want)
	}
	if hubFP := h.fingerprint(t); got != hubFP {
		t.Errorf("mirror fingerprint %s, hub %s", got, hubFP)
	}
	checkUpkeep(t, h)
	pack, err := lessons.Builtin()
	must(t, err)
	merged := openStore(t, filepath.Join(t.TempDir(), "merged.db"), testclock.New(testclock.Start))
	_, err = merged.Merge(ctx, copyFiles(t, t.TempDir(), laptops)...)
	must(t, err)
	checkSummaries(t, prov, merged, results.NewCatalog(pack, "vi"), "after an erasure: ")
}
