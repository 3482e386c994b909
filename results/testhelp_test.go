package results

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"testing"
)

// writeForeignSQLite writes a valid SQLite file that is not kynangso's.
func writeForeignSQLite(t testing.TB, path string) {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('phở')`); err != nil {
		t.Fatal(err)
	}
}

// makeDamaged writes a kynangso database with enough rows to span many
// pages, checkpoints it and then overwrites the middle of a table page.
func makeDamaged(t testing.TB, path string) {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 300; i++ {
		if _, err := s.CreateParticipant(ctx, Participant{FullName: fmt.Sprintf("Người thử %d", i),
			ConsentVersion: ConsentVersion}); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const page = 4096
	// Scribble over the b-tree headers of the last pages.
	for p := len(b)/page - 4; p < len(b)/page; p++ {
		for i := 0; i < 64; i++ {
			b[p*page+i] = 0xA5
		}
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
}

// mkdirTemp makes a folder that lives for the whole test binary run (the
// 100,000-person benchmark database is built once and shared).
func mkdirTemp() (string, error) { return os.MkdirTemp("", "kynangso-bench-") }
