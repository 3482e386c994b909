// Package hubtest gives tests a PostgreSQL database of their own on the
// throw-away server that `source .ci/pg.sh && pg_start` starts
// (KYNANGSO_TEST_PG). Without that server a test is skipped, except in CI
// (CI=true), where it fails: the hub's tests must never pass by not running.
package hubtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
)

// EnvServer names the variable holding the test server's superuser DSN
// (a postgres:// URL).
const EnvServer = "KYNANGSO_TEST_PG"

// DB is one test's database, dropped with the roles made for it when the
// test ends.
type DB struct {
	Name  string
	base  *url.URL
	roles []string
}

// Server returns the superuser DSN of the test server, skipping (or in CI
// failing) the test when there is none.
func Server(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(EnvServer)
	if dsn == "" {
		msg := EnvServer + " is not set: run `source .ci/pg.sh && pg_start` first (a throw-away PostgreSQL server)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return dsn
}

// New creates an empty database for t.
func New(t testing.TB) *DB {
	t.Helper()
	ctx := context.Background()
	server := Server(t)
	u, err := url.Parse(server)
	if err != nil {
		t.Fatalf("%s must be a postgres:// URL: %v", EnvServer, err)
	}
	b := make([]byte, 5)
	rand.Read(b)
	d := &DB{Name: "khub_" + hex.EncodeToString(b), base: u}
	admin, err := pgx.Connect(ctx, server)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, `CREATE DATABASE `+d.Name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.drop(t, server) })
	return d
}

func (d *DB) drop(t testing.TB, server string) {
	ctx := context.Background()
	c, err := pgx.Connect(ctx, server)
	if err != nil {
		t.Errorf("drop test database: %v", err)
		return
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, `DROP DATABASE `+d.Name+` WITH (FORCE)`); err != nil {
		t.Errorf("drop test database: %v", err)
	}
	d.dropRolesOn(t, c, false)
}

// dropRoles drops the roles made for a kept database, first taking back
// what they were granted in it (a role that holds privileges cannot be
// dropped).
func (d *DB) dropRoles(t testing.TB) {
	c, err := pgx.Connect(context.Background(), d.DSN(""))
	if err != nil {
		t.Errorf("drop test roles: %v", err)
		return
	}
	defer c.Close(context.Background())
	d.dropRolesOn(t, c, true)
}

func (d *DB) dropRolesOn(t testing.TB, c *pgx.Conn, owned bool) {
	ctx := context.Background()
	for _, r := range d.roles {
		role := pgx.Identifier{r}.Sanitize()
		if owned {
			if _, err := c.Exec(ctx, `DROP OWNED BY `+role); err != nil {
				t.Errorf("drop what role %s holds: %v", r, err)
			}
		}
		if _, err := c.Exec(ctx, `DROP ROLE IF EXISTS `+role); err != nil {
			t.Errorf("drop role %s: %v", r, err)
		}
	}
}

// Role returns a role name unique to this database (prefix_name) and has
// it dropped with the database; the caller creates it.
func (d *DB) Role(name string) string {
	r := d.Name + "_" + name
	d.roles = append(d.roles, r)
	return r
}

// DSN is the database's address as role ("" for the server's superuser).
func (d *DB) DSN(role string) string {
	u := *d.base
	if role != "" {
		u.User = url.User(role)
	}
	u.Path = "/" + d.Name
	return u.String()
}

// Connect connects to the database as role, closed when the test ends.
func (d *DB) Connect(t testing.TB, role string) *pgx.Conn {
	t.Helper()
	c, err := pgx.Connect(context.Background(), d.DSN(role))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

// EnvServerTLS names the variable holding the same server's address over
// loopback TCP with TLS (sslmode=require), set by pg.sh when openssl is
// there.
const EnvServerTLS = "KYNANGSO_TEST_PG_TLS"

// TLSDSN is the database's address as role over TLS, and false when the
// server offers none.
func (d *DB) TLSDSN(role string) (string, bool) {
	u, err := url.Parse(os.Getenv(EnvServerTLS))
	if err != nil || u.Host == "" {
		return "", false
	}
	if role != "" {
		u.User = url.User(role)
	}
	u.Path = "/" + d.Name
	return u.String(), true
}

// Keep returns the database called name on the test server, creating it
// when missing, and never drops it: a benchmark keeps a hub that takes an
// hour to load between runs. The roles made for it (Role) are dropped when
// the test ends; fresh reports whether the database was just created.
func Keep(t testing.TB, name string) (d *DB, fresh bool) {
	t.Helper()
	ctx := context.Background()
	server := Server(t)
	u, err := url.Parse(server)
	if err != nil {
		t.Fatalf("%s must be a postgres:// URL: %v", EnvServer, err)
	}
	d = &DB{Name: name, base: u}
	admin, err := pgx.Connect(ctx, server)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	var exists bool
	if err := admin.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		t.Fatal(err)
	}
	if !exists {
		if _, err := admin.Exec(ctx, `CREATE DATABASE `+pgx.Identifier{name}.Sanitize()); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { d.dropRoles(t) })
	return d, !exists
}
