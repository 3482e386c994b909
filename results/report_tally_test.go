package results

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// tallyRows reads item_tally, or (recount) counts the answers afresh, as
// sorted "module|question|correct|chosen|n" lines.
func tallyRows(t *testing.T, s *Store, recount bool) []string {
	t.Helper()
	q := `SELECT module_id, question_id, correct, chosen, n FROM item_tally`
	if recount {
		q = `SELECT a.module_id, n.question_id, n.correct, n.chosen, count(*)
			FROM answers AS n JOIN attempts AS a ON a.id = n.attempt_id WHERE a.kind = 'quiz'
			GROUP BY 1, 2, 3, 4`
	}
	return sortedLines(t, s, q)
}

// assertTally fails unless item_tally equals a fresh count of the answers.
func assertTally(t *testing.T, s *Store, when string) {
	t.Helper()
	assertSameLines(t, "item_tally", when, tallyRows(t, s, false), tallyRows(t, s, true))
}

// TestItemTallyStaysExact checks the trigger-kept tally against a recount
// after answers, a merge (twice: the second changes nothing), a privacy
// delete, an answer deleted, an attempt moved to another module and an
// attempt deleted.
func TestItemTallyStaysExact(t *testing.T) {
	f := newReportFixture(t)
	ctx := context.Background()
	assertTally(t, f.s, "fixture")
	if n := len(tallyRows(t, f.s, false)); n == 0 {
		t.Fatal("fixture has answers but item_tally is empty")
	}
	src := filepath.Join(t.TempDir(), "other-laptop.db")
	if _, err := Demo(ctx, src, DemoOptions{Participants: 120, Sessions: 12, Seed: 7}, nil); err != nil {
		t.Fatal(err)
	}
	before := len(tallyRows(t, f.s, true))
	for i := range 2 {
		if _, err := f.s.Merge(ctx, src); err != nil {
			t.Fatalf("merge %d: %v", i, err)
		}
		assertTally(t, f.s, "after merge")
	}
	if after := len(tallyRows(t, f.s, true)); after <= before {
		t.Fatalf("merge added no answers (%d tally rows before, %d after)", before, after)
	}
	if err := f.s.DeleteParticipantData(ctx, f.chi.ID); err != nil {
		t.Fatal(err)
	}
	assertTally(t, f.s, "after privacy delete")
	db := f.s.DB()
	var attempt string
	if err := db.QueryRow(`SELECT attempt_id FROM answers ORDER BY id LIMIT 1`).Scan(&attempt); err != nil {
		t.Fatal(err)
	}
	steps := []struct{ name, sql string }{
		{"answer changed", `UPDATE answers SET correct = 1 - correct, chosen = '["zz"]' WHERE attempt_id = ?`},
		{"attempt moved", `UPDATE attempts SET module_id = 'moved' WHERE id = ?`},
		{"answer deleted", `DELETE FROM answers WHERE id = (SELECT min(id) FROM answers WHERE attempt_id = ?)`},
		{"attempt deleted", `DELETE FROM answers WHERE attempt_id = ?1; DELETE FROM attempts WHERE id = ?1`},
	}
	for _, st := range steps {
		for _, q := range strings.Split(st.sql, "; ") {
			if _, err := db.Exec(q, attempt); err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
		}
		assertTally(t, f.s, st.name)
	}
	// The unfiltered item analysis (read from the tally) equals the one a
	// filter that keeps everything computes from the answers.
	all, err := f.s.ItemAnalysis(ctx, Filter{}, f.cat)
	if err != nil {
		t.Fatal(err)
	}
	wide, err := f.s.ItemAnalysis(ctx, Filter{From: "2000-01-01", To: "2100-01-01"}, f.cat)
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Items) == 0 || !slices.EqualFunc(all.Items, wide.Items, func(a, b ItemStat) bool {
		return a.Module.ID == b.Module.ID && a.Question.ID == b.Question.ID && a.Answered == b.Answered &&
			a.Correct == b.Correct && (a.TopWrong == nil) == (b.TopWrong == nil) &&
			(a.TopWrong == nil || a.TopWrong.Count == b.TopWrong.Count)
	}) {
		t.Fatalf("item analysis from the tally differs from the recount:\n%+v\n%+v", all.Items, wide.Items)
	}
}
