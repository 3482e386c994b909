package results

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"slices"
	"strings"
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

// sortedLines runs q and returns its rows as sorted "a|b|c" lines, each
// value printed as the driver returns it (NULL as <nil>), so a summary table
// and a recount of it compare line by line.
func sortedLines(t *testing.T, s *Store, q string) []string {
	t.Helper()
	rows, err := s.DB().Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	vals, ptrs := make([]any, len(cols)), make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var out []string
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		parts := make([]string, len(vals))
		for i, v := range vals {
			parts[i] = fmt.Sprint(v)
		}
		out = append(out, strings.Join(parts, "|"))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// assertSameLines fails unless a summary table's lines equal its recount's.
func assertSameLines(t *testing.T, table, when string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Fatalf("%s: %s (%d rows)\n%s\nwant (recount, %d rows)\n%s", when, table, len(got),
			strings.Join(got, "\n"), len(want), strings.Join(want, "\n"))
	}
}
