package hub

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"

	"kynangso/internal/testclock"
	"kynangso/results"
)

// testHub is a hub database of its own for one test, on the server named by
// KYNANGSO_TEST_PG, dropped (with the team roles made for it) when the test
// ends.
type testHub struct {
	db    string
	base  *url.URL
	roles []string
}

// pgServer returns the superuser DSN of the test server. Without one a test
// is skipped, except in CI (CI=true), where a missing server is a failure.
func pgServer(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("KYNANGSO_TEST_PG")
	if dsn == "" {
		msg := "KYNANGSO_TEST_PG is not set: run `source .ci/pg.sh && pg_start` first (a throw-away PostgreSQL server)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return dsn
}

func newTestHub(t testing.TB) *testHub {
	t.Helper()
	ctx := context.Background()
	server := pgServer(t)
	u, err := url.Parse(server)
	if err != nil {
		t.Fatalf("KYNANGSO_TEST_PG must be a postgres:// URL: %v", err)
	}
	b := make([]byte, 5)
	rand.Read(b)
	h := &testHub{db: "khub_" + hex.EncodeToString(b), base: u}
	admin := mustConnect(t, server)
	if _, err := admin.Exec(ctx, `CREATE DATABASE `+h.db); err != nil {
		t.Fatal(err)
	}
	admin.Close(ctx)
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, server)
		if err != nil {
			t.Errorf("drop test hub: %v", err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, `DROP DATABASE `+h.db+` WITH (FORCE)`); err != nil {
			t.Errorf("drop test hub: %v", err)
		}
		for _, r := range h.roles {
			if _, err := c.Exec(ctx, `DROP ROLE IF EXISTS `+r); err != nil {
				t.Errorf("drop role %s: %v", r, err)
			}
		}
	})
	owner := h.connect(t, "")
	if err := Migrate(ctx, owner); err != nil {
		t.Fatal(err)
	}
	return h
}

// dsn is the address of the test hub as role ("" for the superuser).
func (h *testHub) dsn(role string) string {
	u := *h.base
	if role != "" {
		u.User = url.User(role)
	}
	u.Path = "/" + h.db
	return u.String()
}

func (h *testHub) connect(t testing.TB, role string) *pgx.Conn {
	t.Helper()
	return mustConnect(t, h.dsn(role))
}

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
	role := h.db + "_" + name
	if err := AddTeam(context.Background(), h.connect(t, ""), Team{Role: role, Name: name, Commune: commune}, NewPassword()); err != nil {
		t.Fatal(err)
	}
	h.roles = append(h.roles, role)
	return Config{DSN: h.dsn(role)}
}

// province makes the province's read-only login.
func (h *testHub) province(t testing.TB) *pgx.Conn {
	t.Helper()
	role := h.db + "_province"
	if err := AddProvince(context.Background(), h.connect(t, ""), role, NewPassword()); err != nil {
		t.Fatal(err)
	}
	h.roles = append(h.roles, role)
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
