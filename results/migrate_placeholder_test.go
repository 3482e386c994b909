package results

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// A database made while 0007 was a placeholder (0008 applied, 0007 empty)
// gets the real 0007 when it is opened: the attempts' kind, recorded
// under its own name.
func TestPlaceholderMigrationIsFilledIn(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "placeholder.db")
	db, err := sql.Open("sqlite3", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	clk := newClock(nil)
	if err := migrate(ctx, db, 6, clk); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (7, '0007_reserved.sql', ?)`, clk.stamp()); err != nil {
		t.Fatal(err)
	}
	if err := applyMigration(ctx, db, migrations[7], clk); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var name string
	if err := s.db.QueryRow(`SELECT name FROM schema_migrations WHERE version = 7`).Scan(&name); err != nil || name != migrations[6].name {
		t.Fatalf("version 7 recorded as %q (%v), want %q", name, err, migrations[6].name)
	}
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM pragma_table_info('attempts') WHERE name = 'kind'`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("attempts.kind after opening: %d (%v)", n, err)
	}
}
