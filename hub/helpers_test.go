package hub

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"

	"kynangso/hub/hubtest"
	"kynangso/internal/testclock"
	"kynangso/results"
)

// testHub is a migrated hub database of its own for one test.
type testHub struct {
	*hubtest.DB
}

func newTestHub(t testing.TB) *testHub {
	t.Helper()
	h := &testHub{hubtest.New(t)}
	if err := Migrate(context.Background(), h.Connect(t, "")); err != nil {
		t.Fatal(err)
	}
	return h
}

func (h *testHub) dsn(role string) string { return h.DSN(role) }

func (h *testHub) connect(t testing.TB, role string) *pgx.Conn { return h.Connect(t, role) }

func mustConnect(t testing.TB, dsn string) *pgx.Conn {
	t.Helper()
	c, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

// team makes a team login in commune and returns its configuration.
func (h *testHub) team(t testing.TB, commune, name string) Config {
	t.Helper()
	role := h.Role(name)
	if err := AddTeam(context.Background(), h.connect(t, ""), Team{Role: role, Name: name, Commune: commune}, NewPassword()); err != nil {
		t.Fatal(err)
	}
	return Config{DSN: h.dsn(role)}
}

// province makes the province's read-only login.
func (h *testHub) province(t testing.TB) *pgx.Conn {
	t.Helper()
	role := h.Role("province")
	if err := AddProvince(context.Background(), h.connect(t, ""), role, NewPassword()); err != nil {
		t.Fatal(err)
	}
	return h.connect(t, role)
}

func (h *testHub) fingerprint(t testing.TB) string {
	t.Helper()
	fp, err := Fingerprint(context.Background(), h.connect(t, ""))
	if err != nil {
		t.Fatal(err)
	}
	return fp
}

// openStore opens a laptop database with the shared test clock.
func openStore(t testing.TB, path string, clk *testclock.Clock) *results.Store {
	t.Helper()
	s, err := results.Open(context.Background(), path, results.WithClock(clk.Now), results.WithZone(testclock.Zone))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// copyFiles copies laptop files into dir, as fresh laptops for one run.
func copyFiles(t testing.TB, dir string, paths []string) []string {
	t.Helper()
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.Join(dir, filepath.Base(p))
		in, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := os.OpenFile(out[i], os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(f, in); err != nil {
			t.Fatal(err)
		}
		in.Close()
		f.Close()
	}
	return out
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
