package hub

import (
	"context"
	"testing"

	"kynangso/hub/hubtest"
	"kynangso/internal/testclock"
	"kynangso/results"
)

// syncAll syncs each laptop file once, in order, through team.
func syncAll(t testing.TB, team Config, paths []string) []Result {
	t.Helper()
	var out []Result
	for _, p := range paths {
		s := openStore(t, p, testclock.New(testclock.Start.AddDate(0, 0, 7)))
		res, err := Sync(context.Background(), s, team, nil)
		if err != nil {
			t.Fatalf("sync %s: %v", p, err)
		}
		must(t, s.Close())
		out = append(out, res)
	}
	return out
}

func TestSyncRoundTrip(t *testing.T) {
	f := buildCommune3(t, t.TempDir())
	want := mergedFingerprint(t, f.paths)
	h := newTestHub(t)
	team := h.team(t, "Xã Ea Tu", "eatu1")
	paths := copyFiles(t, t.TempDir(), f.paths)
	first := syncAll(t, team, paths)
	if first[0].SentRows() == 0 || first[0].Tables["answers"].New == 0 {
		t.Fatalf("first sync sent nothing: %+v", first[0])
	}
	if got := h.fingerprint(t); got != want {
		t.Fatalf("hub fingerprint %s, local merge %s", got, want)
	}
	syncAll(t, team, paths) // brings each laptop the others' people
	// The people brought back may make a laptop's own merge repair rows
	// (A learns that Tư was erased and unlinks his attempt, as the hub
	// did): those are sent once more and change nothing on the hub. After
	// that, a sync sends and pulls nothing at all.
	for i, r := range syncAll(t, team, paths) {
		for name, tr := range r.Tables {
			if tr.New+tr.Updated+tr.Repaired != 0 {
				t.Errorf("laptop %d: third sync changed %s on the hub: %+v", i, name, tr)
			}
		}
	}
	for i, r := range syncAll(t, team, paths) {
		if r.SentRows() != 0 || r.Pulled != 0 {
			t.Errorf("laptop %d: fourth sync sent %d rows and pulled %d, want none: %+v", i, r.SentRows(), r.Pulled, r.Tables)
		}
	}
	if got := h.fingerprint(t); got != want {
		t.Fatalf("hub fingerprint after re-syncs %s, want %s", got, want)
	}
}

// orders lists every order of n laptops.
func orders(n int) [][]int {
	if n == 1 {
		return [][]int{{0}}
	}
	var out [][]int
	for _, o := range orders(n - 1) {
		for i := 0; i <= len(o); i++ {
			p := append(append(append([]int{}, o[:i]...), n-1), o[i:]...)
			out = append(out, p)
		}
	}
	return out
}

func TestSyncAnyOrderEqualsFileMerge(t *testing.T) {
	f := buildCommune3(t, t.TempDir())
	want := mergedFingerprint(t, f.paths)
	for _, o := range orders(3) {
		h := newTestHub(t)
		team := h.team(t, "Xã Ea Tu", "eatu1")
		paths := copyFiles(t, t.TempDir(), f.paths)
		syncAll(t, team, []string{paths[o[0]], paths[o[1]], paths[o[2]]})
		if got := h.fingerprint(t); got != want {
			t.Errorf("order %v: hub fingerprint %s, local merge %s", o, got, want)
		}
	}
}

func TestSyncTwoAtOnce(t *testing.T) {
	f := buildCommune3(t, t.TempDir())
	want := mergedFingerprint(t, f.paths)
	for _, pair := range [][2]int{{0, 1}, {1, 2}, {0, 2}} {
		h := newTestHub(t)
		// Two teams of the commune: two logins syncing at the same moment.
		teams := []Config{h.team(t, "Xã Ea Tu", "eatu1"), h.team(t, "Xã Ea Tu", "eatu2")}
		paths := copyFiles(t, t.TempDir(), f.paths)
		errs := make(chan error, 2)
		for i, li := range pair {
			go func() {
				s, err := results.Open(context.Background(), paths[li], results.WithClock(testclock.New(testclock.Start).Now))
				if err != nil {
					errs <- err
					return
				}
				defer s.Close()
				_, err = Sync(context.Background(), s, teams[i], nil)
				errs <- err
			}()
		}
		for range 2 {
			must(t, <-errs)
		}
		rest := 3 - pair[0] - pair[1]
		syncAll(t, teams[0], []string{paths[rest]})
		if got := h.fingerprint(t); got != want {
			t.Errorf("laptops %v at once: hub fingerprint %s, local merge %s", pair, got, want)
		}
	}
}

func TestSyncInterruptedAndRerun(t *testing.T) {
	f := buildCommune3(t, t.TempDir())
	want := mergedFingerprint(t, f.paths)
	defer func(n int) { chunkRows = n }(chunkRows)
	chunkRows = 7 // several chunks, so a sync can stop between two
	cases := []struct {
		name string
		stop func(Progress) bool
	}{
		{"connecting", func(p Progress) bool { return p.Phase == PhaseConnect }},
		{"reading the laptop", func(p Progress) bool { return p.Phase == PhaseScan }},
		{"after the first chunk", func(p Progress) bool { return p.Phase == PhaseSend && p.Done > 0 }},
		{"pulling", func(p Progress) bool { return p.Phase == PhasePull }},
		{"merging the pull", func(p Progress) bool { return p.Phase == PhaseApply }},
	}
	for _, c := range cases {
		h := newTestHub(t)
		team := h.team(t, "Xã Ea Tu", "eatu1")
		paths := copyFiles(t, t.TempDir(), f.paths)
		var full int
		for i, p := range paths {
			s := openStore(t, p, testclock.New(testclock.Start))
			ctx, cancel := context.WithCancel(context.Background())
			_, err := Sync(ctx, s, team, func(pr Progress) {
				if c.stop(pr) {
					cancel()
				}
			})
			cancel()
			// The pull of the first laptop brings nothing, so that case may
			// finish; every other stop must surface as an error.
			if err == nil && !(i == 0 && c.name == "merging the pull") {
				t.Errorf("%s: laptop %d: sync stopped %s reported no error", c.name, i, c.name)
			}
			res, err := Sync(context.Background(), s, team, nil)
			if err != nil {
				t.Fatalf("%s: laptop %d: sync again: %v", c.name, i, err)
			}
			if i == 0 {
				full = res.SentRows()
			}
			must(t, s.Close())
		}
		if c.name == "after the first chunk" && full > 0 && full >= totalRows(t, f.paths[0]) {
			t.Errorf("%s: the re-run sent %d rows, everything again", c.name, full)
		}
		if got := h.fingerprint(t); got != want {
			t.Errorf("%s: hub fingerprint %s, local merge %s", c.name, got, want)
		}
	}
}

// totalRows counts the rows a first sync of the laptop at path sends.
func totalRows(t testing.TB, path string) int {
	t.Helper()
	s := openStore(t, copyFiles(t, t.TempDir(), []string{path})[0], testclock.New(testclock.Start))
	n := 0
	must(t, s.ReadHub(context.Background(), func(r results.HubReader) error {
		for _, tb := range results.HubTables() {
			if err := r.Rows(tb.Name, nil, func([]any) error { n++; return nil }); err != nil {
				return err
			}
		}
		return nil
	}))
	return n
}

// TestSyncSendsOnlyWhatChanged edits one record of every kind the app
// changes after a sync and checks that the next sync sends exactly those.
func TestSyncSendsOnlyWhatChanged(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := buildCommune3(t, t.TempDir())
	h := newTestHub(t)
	team := h.team(t, "Xã Ea Tu", "eatu1")
	path := copyFiles(t, t.TempDir(), f.paths[:1])[0]
	syncAll(t, team, []string{path})
	s := openStore(t, path, testclock.New(testclock.Start.AddDate(0, 1, 0)))
	lan, err := s.Participant(ctx, f.lan.ID)
	must(t, err)
	lan.Phone = "0909 000 999"
	must(t, s.UpdateParticipant(ctx, lan))
	must(t, s.SaveLessonPage(ctx, f.hung.ID, "nentang", 4, 6))
	res, err := Sync(ctx, s, team, nil)
	must(t, err)
	if res.SentRows() != 2 || res.Tables["participants"].Updated != 1 || res.Tables["lesson_progress"].Updated != 1 {
		t.Errorf("after two edits the sync sent %d rows: %+v", res.SentRows(), res.Tables)
	}
	must(t, s.Close())
	if want := mergedFingerprint(t, []string{path}); h.fingerprint(t) != want {
		t.Error("the hub does not hold the edits")
	}
}

// TestSyncOverTLS syncs with sslmode=require over loopback TCP and checks
// the server saw an encrypted connection.
func TestSyncOverTLS(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	h := newTestHub(t)
	h.team(t, "Xã Ea Tu", "eatu1")
	dsn, ok := h.TLSDSN(h.Name + "_eatu1")
	if !ok {
		t.Skip(hubtest.EnvServerTLS + " is not set (pg.sh sets it when openssl is installed)")
	}
	cfg := Config{DSN: dsn}
	must(t, Validate(cfg.DSN))
	conn, err := Connect(ctx, cfg)
	must(t, err)
	defer conn.Close(ctx)
	var ssl bool
	must(t, conn.QueryRow(ctx, `SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()`).Scan(&ssl))
	if !ssl {
		t.Fatal("the connection with sslmode=require is not encrypted")
	}
	f := buildCommune3(t, t.TempDir())
	s := openStore(t, copyFiles(t, t.TempDir(), f.paths[:1])[0], testclock.New(testclock.Start))
	res, err := Sync(ctx, s, cfg, nil)
	if err != nil || res.SentRows() == 0 {
		t.Fatalf("sync over TLS: %+v, %v", res, err)
	}
}
