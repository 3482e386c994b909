package hub

import (
	"context"
	"testing"

	"kynangso/internal/testclock"
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
