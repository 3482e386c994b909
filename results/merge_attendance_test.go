package results

import (
	"context"
	"path/filepath"
	"testing"
)

// TestMergeEarliestCheckInWins checks the attendance rule of docs/merge.md:
// when one person checked in to one class on two laptops, the earliest
// check-in counts, whichever laptop merges which, and even though the later
// check-in is the newer row. The losing check-in is kept in merge_log.
func TestMergeEarliestCheckInWins(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	pa, pb := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	a := openMergeStore(t, pa)
	lan := mergePerson(t, a, "Trần Thị Lan", 1962, "Buôn Ea Tu", "")
	cls, err := a.OpenSession(ctx, ClassSession{Title: "Điện thoại thông minh", Date: "2026-03-02"})
	if err != nil {
		t.Fatal(err)
	}
	b := openMergeStore(t, pb)
	if _, err := b.Merge(ctx, pa); err != nil {
		t.Fatal(err)
	}
	early, err := b.CheckIn(ctx, cls.ID, lan.ID) // laptop B first
	if err != nil {
		t.Fatal(err)
	}
	late, err := a.CheckIn(ctx, cls.ID, lan.ID)
	if err != nil {
		t.Fatal(err)
	}
	if late.CheckedInAt.Compare(early.CheckedInAt) <= 0 || late.ID == early.ID {
		t.Fatalf("setup: check-ins %v (%s) and %v (%s) should differ, B's first",
			early.CheckedInAt, early.ID, late.CheckedInAt, late.ID)
	}
	a.Close()
	b.Close()

	check := func(name string, order ...string) {
		t.Helper()
		s := openMergeStore(t, filepath.Join(dir, name))
		for _, p := range order {
			if _, err := s.Merge(ctx, p); err != nil {
				t.Fatalf("%s: merge %s: %v", name, p, err)
			}
		}
		var id, at string
		var n int
		if err := s.DB().QueryRow(`SELECT id, checked_in_at, (SELECT count(*) FROM attendance)
			FROM attendance WHERE session_id = ? AND participant_id = ?`, cls.ID, lan.ID).Scan(&id, &at, &n); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if id != early.ID || at != fmtTime(early.CheckedInAt) || n != 1 {
			t.Errorf("%s: kept check-in %s at %s (%d rows), want B's earlier one %s at %s",
				name, id, at, n, early.ID, fmtTime(early.CheckedInAt))
		}
		var logged int
		if err := s.DB().QueryRow(`SELECT count(*) FROM merge_log WHERE table_name = 'attendance'
			AND json_extract(loser, '$.id') = ?`, late.ID).Scan(&logged); err != nil {
			t.Fatal(err)
		}
		if logged != 1 {
			t.Errorf("%s: the later check-in is in merge_log %d times, want 1", name, logged)
		}
	}
	check("ab.db", pa, pb)
	check("ba.db", pb, pa)
	check("both.db", pa, pb, pa, pb) // again: nothing changes
}
