package results

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestDeleteParticipantDataErasesBytes(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	secret := Participant{FullName: "Hờ Zyquất Niê Kđăm", Phone: "0987654321", Household: "Nhà ông Zyquất",
		Village: "Buôn Zyquất", BirthYear: 1951, Gender: GenderMale, ConsentVersion: ConsentVersion}
	p, err := s.CreateParticipant(ctx, secret)
	if err != nil {
		t.Fatal(err)
	}
	// A second record of the same person, joined into the first.
	dup, _ := s.CreateParticipant(ctx, Participant{FullName: "Hờ Zyquất Niê", Phone: "0987654321", ConsentVersion: ConsentVersion})
	s.db.Exec(`INSERT INTO participant_links (id, from_id, into_id, linked_at, device_id, created_at, updated_at)
		VALUES ('l1', ?, ?, 'x', 'd', 'x', 'x')`, dup.ID, p.ID)
	other := mustParticipant(t, s, "Người Khác", "Thôn 1", 1990)
	for i := 0; i < 200; i++ { // many rows, so the secret sits among others
		mustParticipant(t, s, fmt.Sprintf("Người %d", i), "Thôn 1", 1990)
	}
	c, _ := s.OpenSession(ctx, ClassSession{Title: "Lớp"})
	s.CheckIn(ctx, c.ID, p.ID)
	s.CheckIn(ctx, c.ID, other.ID)
	s.SaveLessonPage(ctx, p.ID, "antoan", 2, 4)
	a, _ := s.StartAttempt(ctx, Attempt{ParticipantID: p.ID, SessionID: c.ID, ModuleID: "antoan", QuestionIDs: []string{"q1"}})
	s.RecordAnswer(ctx, Answer{AttemptID: a.ID, QuestionID: "q1", Chosen: []string{"a"}, Correct: true})
	s.FinishAttempt(ctx, a.ID, 1, 1, true)
	s.db.Exec(`INSERT INTO merge_log (id, table_name, row_id, winner, loser, merged_at, device_id, created_at, updated_at)
		VALUES ('m1', 'participants', ?, '{"full_name":"Hờ Zyquất Niê Kđăm"}', '{}', 'x', 'd', 'x', 'x')`, p.ID)

	needles := [][]byte{[]byte("Zyquất"), []byte("zyquat"), []byte("0987654321")}
	if !containsAny(t, s.Path(), needles) {
		t.Fatal("test is broken: the secret is not in the files before deletion")
	}
	if err := s.DeleteParticipantData(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if containsAny(t, s.Path(), needles) {
		t.Fatal("personal data bytes still in the .db or -wal file after deletion")
	}

	got, _ := s.Participant(ctx, p.ID)
	if got.FullName != "" || got.Phone != "" || got.BirthYear != 0 || got.Village != "" || got.DeletedAt.IsZero() || !got.Anonymous {
		t.Fatalf("tombstone keeps data: %+v", got)
	}
	if g, _ := s.Participant(ctx, dup.ID); g.FullName != "" || g.DeletedAt.IsZero() {
		t.Fatalf("joined record not erased: %+v", g)
	}
	var unlinked, kept, progress, logs int
	s.db.QueryRow(`SELECT count(*) FROM attempts WHERE id = ? AND participant_id IS NULL AND state = 'finished' AND score = 1`, a.ID).Scan(&unlinked)
	s.db.QueryRow(`SELECT count(*) FROM answers WHERE attempt_id = ?`, a.ID).Scan(&kept)
	s.db.QueryRow(`SELECT count(*) FROM lesson_progress`).Scan(&progress)
	s.db.QueryRow(`SELECT count(*) FROM merge_log`).Scan(&logs)
	if unlinked != 1 || kept != 1 || progress != 0 || logs != 0 {
		t.Fatalf("attempt unlinked=%d answers=%d progress=%d merge_log=%d", unlinked, kept, progress, logs)
	}
	if att, _ := s.Attendance(ctx, c.ID); len(att) != 2 {
		t.Fatalf("attendance count changed: %d", len(att))
	}
	if res, _ := s.SearchParticipants(ctx, "zyquat", 10); len(res) != 0 {
		t.Fatalf("erased person still found: %+v", res)
	}
	if err := s.UpdateParticipant(ctx, Participant{ID: p.ID, FullName: "Xuân", ConsentVersion: ConsentVersion}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("update of erased record: %v", err)
	}
	if err := s.DeleteParticipantData(ctx, "missing"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("delete missing: %v", err)
	}
}

// containsAny reports whether the database or its -wal file holds any needle.
func containsAny(t *testing.T, path string, needles [][]byte) bool {
	t.Helper()
	for _, f := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(f)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		for _, n := range needles {
			if bytes.Contains(b, n) {
				t.Logf("%q found in %s", n, f)
				return true
			}
		}
	}
	return false
}

// holdReader starts a long read on a connection of db, as a report still
// reading its rows does, and returns what ends it.
func holdReader(t *testing.T, db *sql.DB) func() {
	t.Helper()
	rows, err := db.Query(`SELECT full_name FROM participants`)
	if err != nil {
		t.Fatal(err)
	}
	if !rows.Next() {
		t.Fatal("nothing to read")
	}
	return func() { rows.Close() }
}

// TestErasureWaitsForAReaderAndFinishes: while a report holds a read, the
// erasure is committed but its bytes cannot leave the file yet; the store
// says so instead of "deleted", and finishes by itself once the reader is
// done, recording when.
func TestErasureWaitsForAReaderAndFinishes(t *testing.T) {
	old := erasureRetry
	erasureRetry = 20 * time.Millisecond
	t.Cleanup(func() { erasureRetry = old })
	s := openTest(t)
	ctx := context.Background()
	p, err := s.CreateParticipant(ctx, Participant{FullName: "Hờ Zyquất Niê", Phone: "0987654321", ConsentVersion: ConsentVersion})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 100; i++ {
		mustParticipant(t, s, fmt.Sprintf("Người %d", i), "Thôn 1", 1990)
	}
	release := holdReader(t, s.DB())
	err = s.DeleteParticipantData(ctx, p.ID)
	if !errors.Is(err, ErrErasurePending) {
		t.Fatalf("delete with a reader = %v, want ErrErasurePending", err)
	}
	if got, _ := s.Participant(ctx, p.ID); got.FullName != "" {
		t.Fatal("the erasure is not committed")
	}
	if n, _ := s.PendingErasures(ctx); n != 1 {
		t.Fatalf("%d pending erasures, want 1", n)
	}
	release()
	deadline := time.Now().Add(10 * time.Second)
	for n := 1; n > 0; n, _ = s.PendingErasures(ctx) {
		if time.Now().After(deadline) {
			t.Fatal("the erasure did not finish after the reader ended")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if containsAny(t, s.Path(), [][]byte{[]byte("Zyquất"), []byte("zyquat"), []byte("0987654321")}) {
		t.Fatal("the erasure was marked finished with the name still on disk")
	}
	var done sql.NullString
	s.DB().QueryRow(`SELECT completed_at FROM privacy_erasures WHERE participant_id = ?`, p.ID).Scan(&done)
	if !done.Valid {
		t.Fatal("no record of when the erasure finished")
	}
}

// TestPendingErasureFinishesAtStart: an erasure held back until the app
// closed finishes when the app next opens the database.
func TestPendingErasureFinishesAtStart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.db")
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := s.CreateParticipant(ctx, Participant{FullName: "Hờ Zyquất Niê", ConsentVersion: ConsentVersion})
	other, err := sql.Open("sqlite3", dsn(path, true)) // another program reading the file
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	release := holdReader(t, other)
	if err := s.DeleteParticipantData(ctx, p.ID); !errors.Is(err, ErrErasurePending) {
		t.Fatalf("delete with a reader = %v, want ErrErasurePending", err)
	}
	s.Close()
	release()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, _ := s.PendingErasures(ctx); n != 0 {
		t.Fatalf("%d erasures still pending after a restart", n)
	}
	if containsAny(t, path, [][]byte{[]byte("Zyquất"), []byte("zyquat")}) {
		t.Fatal("the name is still on disk after the restart")
	}
}
