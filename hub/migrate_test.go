package hub

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"kynangso/internal/testclock"
)

// TestNewerHubSchemaIsRefused makes the hub look as if a newer kynangso
// had set it up: the migrations change nothing, and a laptop refuses to
// sync, as the SQLite store refuses a newer file.
func TestNewerHubSchemaIsRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	h := newTestHub(t)
	team := h.team(t, "Xã Ea Tu", "eatu1")
	owner := h.connect(t, "")
	if err := Migrate(ctx, owner); err != nil {
		t.Fatalf("migrating twice: %v", err)
	}
	_, err := owner.Exec(ctx, `INSERT INTO kynangso.schema_migrations (version, name) VALUES (99, '0099_future.sql')`)
	must(t, err)
	if err := Migrate(ctx, owner); !errors.Is(err, ErrNewerSchema) {
		t.Errorf("migrate a newer hub: %v, want ErrNewerSchema", err)
	}
	s := openStore(t, filepath.Join(t.TempDir(), "k.db"), testclock.New(testclock.Start))
	if _, err := Sync(ctx, s, team, nil); !errors.Is(err, ErrNewerSchema) {
		t.Errorf("sync with a newer hub: %v, want ErrNewerSchema", err)
	}
	_, err = owner.Exec(ctx, `DELETE FROM kynangso.schema_migrations WHERE version >= $1`, SchemaVersion)
	must(t, err)
	if _, err := Sync(ctx, s, team, nil); !errors.Is(err, ErrOlderSchema) {
		t.Errorf("sync with an older hub: %v, want ErrOlderSchema", err)
	}
}

// TestMaskHidesThePassword checks every form a password can take in a
// message: the URL's user information, a key=value setting, the password
// quoted alone, and URL-escaped.
func TestMaskHidesThePassword(t *testing.T) {
	const pw = "p@ss w/ord:9"
	dsn := "postgres://eatu1:p%40ss%20w%2Ford%3A9@hub.example/kynangso?sslmode=require"
	for _, text := range []string{dsn, "password=" + pw + " user=eatu1", "failed: '" + pw + "'",
		"connect to postgres://eatu1:p%40ss%20w%2Ford%3A9@hub.example failed"} {
		if got := Mask(text, dsn); strings.Contains(got, "w/ord") || strings.Contains(got, "ord%3A9") || strings.Contains(got, "p%40ss") {
			t.Errorf("Mask(%q) = %q: the password shows", text, got)
		}
	}
	if got := (Config{DSN: dsn}).Masked(); got != "postgres://eatu1:***@hub.example/kynangso?sslmode=require" {
		t.Errorf("Masked() = %q", got)
	}
}
