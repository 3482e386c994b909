package results

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// hostile is what a hand-edited or buggy laptop file can hold in a name:
// an escape sequence, a bidi override, NUL, zero-width characters and
// decomposed letters.
const hostileName = "Nguye\u0302\u0303n\x1b[31m Thị\u202e\x00 Ho\u200ba\u2060"

// writeDirtyLaptop writes a laptop file through the store, then edits it
// behind the store's back as another program could: hostile text in a
// name, a village, a household and a class, and search keys that do not
// match their names (one points at somebody else).
func writeDirtyLaptop(t *testing.T, path string) (hoa, lan Participant) {
	t.Helper()
	ctx := context.Background()
	s := openMergeStore(t, path)
	hoa = mergePerson(t, s, "Nguyễn Thị Hoa", 1960, "Buôn Đôn", "Nhà 1")
	lan = mergePerson(t, s, "Trần Thị Lan", 1962, "Thôn 2", "")
	empty := mergePerson(t, s, "Lê Văn Ba", 1970, "Thôn 2", "")
	c, err := s.OpenSession(ctx, ClassSession{Title: "Lớp tối", Date: "2026-03-10", Villages: []string{"Thôn 2"}})
	if err != nil {
		t.Fatal(err)
	}
	mergeQuiz(t, s, hoa.ID, c.ID, "antoan", true)
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`UPDATE participants SET full_name = ?, village = ?, household = ? WHERE id = ?`,
			[]any{hostileName, "Buo\u0302n \x1b]0;x\x07Đôn", "Nhà\u200d 1\r\n", hoa.ID}},
		{`UPDATE participants SET search_key = 'nguyen thi hoa' WHERE id = ?`, []any{lan.ID}},
		{`UPDATE participants SET full_name = ?, search_key = 'x' WHERE id = ?`, []any{"\u200b\u202e\x1b[0m", empty.ID}},
		{`UPDATE class_sessions SET title = ?, villages = ? WHERE id = ?`,
			[]any{"Lớp\x1b[2J tối\u202e", `["Thôn\u200b 2","Thôn 2"," "]`, c.ID}},
	} {
		if _, err := s.DB().Exec(q.sql, q.args...); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	return hoa, lan
}

// TestMergeCleansIncomingText: what merges in is held to the rules of what
// is typed. The database ends up with cleaned text and search keys that
// match the names, the report says how many rows were cleaned, and the
// source file is not written to.
func TestMergeCleansIncomingText(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := filepath.Join(dir, "laptop.db")
	hoa, lan := writeDirtyLaptop(t, src)
	before, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	s := openMergeStore(t, filepath.Join(dir, "main.db"))
	rep, err := s.Merge(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	if got := rep.Sources[0].Cleaned; got.Rows != 4 || got.NamesToCheck != 1 {
		t.Errorf("cleaned %+v, want 4 rows (3 people, 1 class) and 1 name to check (left empty)", got)
	}
	after, _ := os.ReadFile(src)
	if !bytes.Equal(before, after) {
		t.Error("the source file was written to")
	}
	got, err := s.Participant(ctx, hoa.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.FullName != "Nguyễn Thị Hoa" || got.Village != "Buôn Đôn" || got.Household != "Nhà 1" {
		t.Errorf("stored %q / %q / %q", got.FullName, got.Village, got.Household)
	}
	// Every search key is the one registration computes from the name.
	rows, err := s.DB().Query(`SELECT full_name, search_key FROM participants WHERE anonymous = 0`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name, key string
		rows.Scan(&name, &key)
		if key != SearchKey(name) {
			t.Errorf("%q has search key %q, want %q", name, key, SearchKey(name))
		}
		if strings.ContainsFunc(name, func(r rune) bool { return r < ' ' || r == 0x202e || r == 0x200b }) {
			t.Errorf("control or invisible characters kept in %q", name)
		}
	}
	rows.Close()
	// Hoa is found by her name, and only she; Lan is no longer found as Hoa.
	found, err := s.SearchParticipants(ctx, "nguyen thi hoa", 10)
	if err != nil || len(found) != 1 || found[0].ID != hoa.ID {
		t.Errorf("search for Hoa found %+v (%v); Lan is %s", found, err, lan.ID)
	}
	// A name that cleaning left empty gets a placeholder the trainer can find.
	if found, _ := s.SearchParticipants(ctx, "khong ro ten", 10); len(found) != 1 {
		t.Errorf("placeholder name not found: %+v", found)
	}
	var title, villages string
	s.DB().QueryRow(`SELECT title, villages FROM class_sessions`).Scan(&title, &villages)
	if title != "Lớp tối" || villages != `["Thôn 2"]` {
		t.Errorf("class stored as %q %s", title, villages)
	}
	// Merging again changes nothing, and merging the same data in the
	// other order gives the same database.
	fp1, _ := s.Fingerprint(ctx)
	if _, err := s.Merge(ctx, src); err != nil {
		t.Fatal(err)
	}
	if fp2, _ := s.Fingerprint(ctx); fp2 != fp1 {
		t.Error("a second merge of the same file changed the database")
	}
}

// TestOpenCleansOwnOldText: rows this laptop stored before the current
// rules (an old version kept zero-width characters) are cleaned once when
// the database is opened, and the search key follows.
func TestOpenCleansOwnOldText(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "k.db")
	s := openMergeStore(t, path)
	p := mergePerson(t, s, "Đặng Văn Zero", 1980, "Thôn 1", "")
	if _, err := s.DB().Exec(`UPDATE participants SET full_name = ?, search_key = 'dang\u200bvan zero' WHERE id = ?`,
		"Đặng\u200bVăn\u200d Zero", p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec(`DELETE FROM meta WHERE key = 'text_clean'`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openMergeStore(t, path)
	got, err := s.Participant(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.FullName != "ĐặngVăn Zero" || !got.UpdatedAt.Equal(p.UpdatedAt) {
		t.Errorf("after reopening: %q, updated %v (was %v)", got.FullName, got.UpdatedAt, p.UpdatedAt)
	}
	if found, _ := s.SearchParticipants(ctx, "dangvan zero", 5); len(found) != 1 {
		t.Errorf("not found by the recomputed key: %+v", found)
	}
}

// TestCancelledMergeLeavesNothing: a merge interrupted by Ctrl+C (its
// context cancelled) writes nothing here and leaves no private copy of a
// source behind in the temporary folder, at whatever point it stops.
func TestCancelledMergeLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	tmp := filepath.Join(dir, "tmp")
	if err := os.Mkdir(tmp, 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TMPDIR", tmp)
	src := filepath.Join(dir, "laptop.db")
	writeDirtyLaptop(t, src) // its text needs cleaning, so it is read from a copy
	s := openMergeStore(t, filepath.Join(dir, "main.db"))
	before, _ := s.Fingerprint(context.Background())
	for _, after := range []time.Duration{0, time.Millisecond, 5 * time.Millisecond, 20 * time.Millisecond} {
		ctx, cancel := context.WithTimeout(context.Background(), after)
		_, err := s.Merge(ctx, src)
		cancel()
		if err == nil {
			// It finished before the deadline: what it merged is now what
			// a later cancelled merge must leave as it is.
			before, _ = s.Fingerprint(context.Background())
			continue
		}
		if fp, _ := s.Fingerprint(context.Background()); fp != before {
			t.Fatalf("a merge cancelled after %v changed the database (%v)", after, err)
		}
		if left, _ := os.ReadDir(tmp); len(left) != 0 {
			t.Fatalf("a merge cancelled after %v left %d files in the temporary folder", after, len(left))
		}
	}
}
