package hub

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

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
	}
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
}
