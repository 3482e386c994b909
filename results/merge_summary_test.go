package results

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
)

// summaryTriggers lists the name and SQL of every trigger, to check that the
// batch path puts back exactly what it dropped.
func summaryTriggers(t *testing.T, s *Store) []string {
	t.Helper()
	rows, err := s.DB().Query(`SELECT name || ': ' || sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var q string
		if err := rows.Scan(&q); err != nil {
			t.Fatal(err)
		}
		out = append(out, q)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// editSource changes a source file with foreign keys off, as a damaged or
// hand-edited file could be.
func editSource(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite3", path+"?_foreign_keys=off")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range append(stmts, `PRAGMA wal_checkpoint(TRUNCATE)`) {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// TestMergeBatchSummariesEqualRecount merges new laptops by the
// one-statement path, which adds to item_tally and person_module in bulk
// instead of by triggers, into a database that already holds data with the
// same summary keys (every laptop has attempts with no person, so the
// (”, module) rows meet): both tables equal a full recount, the triggers
// are back exactly as they were, and they keep working afterwards.
func TestMergeBatchSummariesEqualRecount(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	srcs := batchDemoSources(t, dir, 4)
	for _, p := range srcs {
		editSource(t, p, `UPDATE attempts SET participant_id = NULL WHERE rowid % 5 = 0`)
	}
	s := openMergeStore(t, filepath.Join(dir, "merged.db"))
	triggers := summaryTriggers(t, s)
	if len(triggers) < len(batchInsertTriggers) {
		t.Fatalf("only %d triggers in a new database", len(triggers))
	}
	for i, part := range [][]string{srcs[:1], srcs[1:]} {
		fast := withBatchPath(t, true, func() {
			if _, err := s.Merge(ctx, part...); err != nil {
				t.Fatal(err)
			}
		})
		if fast != 1 {
			t.Fatalf("merge %d: one-statement path tried for %d batches, want 1", i+1, fast)
		}
		when := fmt.Sprintf("after batch merge %d", i+1)
		assertTally(t, s, when)
		assertPersonModule(t, s, when)
		if got := summaryTriggers(t, s); !slices.Equal(got, triggers) {
			t.Fatalf("%s: triggers\n%v\nwant\n%v", when, got, triggers)
		}
	}
	var reviews int
	if err := s.DB().QueryRow(`SELECT count(*) FROM attempts WHERE kind = 'review'`).Scan(&reviews); err != nil || reviews == 0 {
		t.Fatalf("no review attempts merged, nothing shows they stay out (%v)", err)
	}
	var noPerson int
	if err := s.DB().QueryRow(`SELECT count(*) FROM person_module WHERE participant_id = ''
		AND attempts > 0`).Scan(&noPerson); err != nil || noPerson == 0 {
		t.Fatalf("no ('', module) rows to meet (%v)", err)
	}
	// Rows merged every source: the rows are all there, once.
	var attempts, want int
	s.DB().QueryRow(`SELECT count(*) FROM attempts WHERE kind = 'quiz'`).Scan(&attempts)
	s.DB().QueryRow(`SELECT sum(attempts) FROM person_module`).Scan(&want)
	if attempts == 0 || attempts != want {
		t.Fatalf("%d attempts, person_module counts %d", attempts, want)
	}
	// The re-created triggers still keep the tables: delete an attempt and
	// its answers, and merge one more laptop file by file.
	if _, err := s.DB().Exec(`DELETE FROM answers WHERE attempt_id = (SELECT min(id) FROM attempts)`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec(`DELETE FROM attempts WHERE id = (SELECT min(id) FROM attempts)`); err != nil {
		t.Fatal(err)
	}
	more := filepath.Join(dir, "more.db")
	if _, err := Demo(ctx, more, DemoOptions{Participants: 30, Seed: 99}, nil); err != nil {
		t.Fatal(err)
	}
	withBatchPath(t, false, func() {
		if _, err := s.Merge(ctx, more); err != nil {
			t.Fatal(err)
		}
	})
	assertTally(t, s, "after a delete and a merge file by file")
	assertPersonModule(t, s, "after a delete and a merge file by file")
}

// TestMergeBatchAnswerOfOtherFile gives one file an answer whose attempt is
// in another file of the same batch. The batch statement accepts it (the
// attempt is there by then), but the bulk tally joins each answer to its
// own file's attempts and cannot count it: the batch is undone and merged
// file by file, and item_tally still equals a recount.
func TestMergeBatchAnswerOfOtherFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	srcs := batchDemoSources(t, dir, 2)
	a := openMergeStore(t, srcs[0])
	var attempt string
	if err := a.DB().QueryRow(`SELECT id FROM attempts ORDER BY id LIMIT 1`).Scan(&attempt); err != nil {
		t.Fatal(err)
	}
	a.Close()
	editSource(t, srcs[1], `INSERT INTO answers (id, attempt_id, question_id, chosen, correct, answered_at,
		device_id, created_at, updated_at) VALUES ('x-other', '`+attempt+`', 'q-x', 'b', 0,
		'2026-03-02T01:00:00.000Z', 'd', '2026-03-02T01:00:00.000Z', '2026-03-02T01:00:00.000Z')`)
	s := openMergeStore(t, filepath.Join(dir, "merged.db"))
	var rep MergeReport
	var err error
	if fast := withBatchPath(t, true, func() { rep, err = s.Merge(ctx, srcs...) }); fast != 1 {
		t.Fatalf("one-statement path tried for %d batches, want 1", fast)
	}
	if err != nil {
		t.Fatal(err)
	}
	if rep.Sources[1].Answers.New == 0 {
		t.Fatalf("second file: %s", reportCounts(rep.Sources[1]))
	}
	var n int
	s.DB().QueryRow(`SELECT count(*) FROM item_tally WHERE question_id = 'q-x'`).Scan(&n)
	if n != 1 {
		t.Errorf("the other file's answer is in %d item_tally rows, want 1", n)
	}
	assertTally(t, s, "after merging an answer to another file's attempt")
	assertPersonModule(t, s, "after merging an answer to another file's attempt")
}
