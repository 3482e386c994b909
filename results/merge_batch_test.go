package results

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// batchDemoSources writes n small demo databases of laptops that never
// exchanged data (different seeds, so different device ids).
func batchDemoSources(t *testing.T, dir string, n int) []string {
	t.Helper()
	var paths []string
	for i := 1; i <= n; i++ {
		p := filepath.Join(dir, fmt.Sprintf("laptop%d.db", i))
		// Twelve classes: people come back, so they review what they
		// missed, and the merges meet review attempts too.
		if _, err := Demo(context.Background(), p, DemoOptions{Participants: 40, Sessions: 12, Seed: int64(100 + i)}, nil); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// withBatchPath runs f with the one-statement path allowed or not, and
// returns how many batches took it.
func withBatchPath(t *testing.T, allow bool, f func()) (fast int) {
	t.Helper()
	mergeBatchHook = func() bool {
		if allow {
			fast++
		}
		return allow
	}
	defer func() { mergeBatchHook = nil }()
	f()
	return fast
}

// mergeTableDump is every row of the tables a merge writes or its triggers
// keep, in a fixed order, so two databases can be compared exactly.
func mergeTableDump(t *testing.T, s *Store) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT id, table_name, row_id, winner, loser FROM merge_log ORDER BY id`,
		`SELECT key FROM settings WHERE key LIKE 'merged_file_sha256:%' ORDER BY key`,
		`SELECT * FROM devices WHERE id <> '` + s.deviceID + `' ORDER BY id`, // each has its own
		`SELECT * FROM item_tally ORDER BY 1, 2, 3, 4`,
		`SELECT * FROM person_module ORDER BY 1, 2`,
	} {
		rows, err := s.DB().Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cs, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cs))
			ptrs := make([]any, len(cs))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%v\n", vals)
		}
		rows.Close()
	}
	return b.String()
}

// reportCounts is a source report without its path.
func reportCounts(r SourceReport) string {
	return fmt.Sprintf("%s %v %v %v %v %v %v %v %v conflicts=%d repaired=%d already=%v err=%v",
		r.DeviceID, r.Devices, r.Participants, r.Classes, r.Attendance, r.LessonProgress,
		r.Attempts, r.Answers, r.Links, len(r.Conflicts), r.Repaired, r.AlreadyMerged, r.Err)
}

// TestMergeBatchSameAsFileByFile merges laptops that never exchanged data
// in one call (every row new: one statement per table for the batch) and
// file by file: the databases, the triggers' summaries and the per-file
// reports must be the same, and the files' rows must all have arrived.
func TestMergeBatchSameAsFileByFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	srcs := batchDemoSources(t, dir, 3)
	var reps [2]MergeReport
	var stores [2]*Store
	for i, allow := range []bool{true, false} {
		stores[i] = openMergeStore(t, filepath.Join(dir, fmt.Sprintf("merged%d.db", i)))
		fast := withBatchPath(t, allow, func() {
			var err error
			if reps[i], err = stores[i].Merge(ctx, srcs...); err != nil {
				t.Fatal(err)
			}
		})
		if allow && fast != 1 {
			t.Fatalf("one-statement path tried for %d batches, want 1", fast)
		}
	}
	if a, b := mergeFP(t, stores[0]), mergeFP(t, stores[1]); a != b {
		t.Errorf("fingerprint: one statement %s, file by file %s", a, b)
	}
	if a, b := fmt.Sprint(mergeRowCounts(t, stores[0])), fmt.Sprint(mergeRowCounts(t, stores[1])); a != b {
		t.Errorf("rows: one statement %s, file by file %s", a, b)
	}
	if a, b := mergeTableDump(t, stores[0]), mergeTableDump(t, stores[1]); a != b {
		t.Errorf("merge log, memory, devices or summaries differ:\n%s\nfile by file:\n%s", a, b)
	}
	for i, src := range srcs {
		a, b := reportCounts(reps[0].Sources[i]), reportCounts(reps[1].Sources[i])
		if a != b {
			t.Errorf("%s: one statement reported %s, file by file %s", filepath.Base(src), a, b)
		}
		s := openMergeStore(t, src)
		want := mergeRowCounts(t, s)
		s.Close()
		r := reps[0].Sources[i]
		if r.Answers.New != want["answers"] || r.Participants.New != want["participants"] || r.DeviceID == "" {
			t.Errorf("%s: reported %s, file holds %v", filepath.Base(src), a, want)
		}
	}
	// Merging the same data again, from copies with other bytes, finds
	// nothing new on either path.
	cp := filepath.Join(dir, "copy.db")
	s := openMergeStore(t, srcs[1])
	if err := s.Backup(ctx, cp); err != nil {
		t.Fatal(err)
	}
	s.Close()
	rep, err := stores[0].Merge(ctx, cp)
	if err != nil {
		t.Fatal(err)
	}
	if r := rep.Sources[0]; r.Arrived() != 0 || len(r.Conflicts) != 0 || r.AlreadyMerged {
		t.Errorf("re-merge of a copy: %s", reportCounts(r))
	}
}

// TestMergeBatchBadFileFallsBack puts a file that fails halfway (an answer
// to a missing attempt) among new files: the batch statement fails, is
// undone, and file by file merging keeps the good files and names the bad.
func TestMergeBatchBadFileFallsBack(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	srcs := batchDemoSources(t, dir, 3)
	bdb, err := sql.Open("sqlite3", srcs[1]+"?_foreign_keys=off")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bdb.Exec(`INSERT INTO answers (id, attempt_id, question_id, answered_at, device_id, created_at, updated_at)
		VALUES ('x-1', 'no-such-attempt', 'q1', '2026-03-02T01:00:00.000Z', 'd', '2026-03-02T01:00:00.000Z', '2026-03-02T01:00:00.000Z')`); err != nil {
		t.Fatal(err)
	}
	if _, err := bdb.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	bdb.Close()
	all := openMergeStore(t, filepath.Join(dir, "all.db"))
	var rep MergeReport
	if fast := withBatchPath(t, true, func() { rep, err = all.Merge(ctx, srcs...) }); fast != 1 {
		t.Fatalf("one-statement path tried for %d batches, want 1", fast)
	}
	if err == nil || rep.Sources[1].Err == nil {
		t.Fatalf("merging a file with a dangling answer: err %v, report %s", err, reportCounts(rep.Sources[1]))
	}
	good := openMergeStore(t, filepath.Join(dir, "good.db"))
	goodRep, err := good.Merge(ctx, srcs[0], srcs[2])
	if err != nil {
		t.Fatal(err)
	}
	if a, b := mergeFP(t, all), mergeFP(t, good); a != b {
		t.Errorf("fingerprint with the bad file %s, of the good files alone %s", a, b)
	}
	for i, k := range []int{0, 2} {
		if a, b := reportCounts(rep.Sources[k]), reportCounts(goodRep.Sources[i]); a != b {
			t.Errorf("%s: reported %s beside the bad file, %s alone", filepath.Base(srcs[k]), a, b)
		}
	}
	var n int
	all.DB().QueryRow(`SELECT count(*) FROM answers WHERE id = 'x-1'`).Scan(&n)
	if n != 0 {
		t.Error("the bad file's answer arrived")
	}
}

// TestMergeBatchOverlapFallsBack merges laptops that share data (B merged
// A's): the batch statement meets existing rows, is undone, and the files
// are merged one by one with the same result as in separate calls.
func TestMergeBatchOverlapFallsBack(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	l := buildLaptops(t, dir)
	one := openMergeStore(t, filepath.Join(dir, "one.db"))
	if _, err := one.Merge(ctx, l.paths...); err != nil {
		t.Fatal(err)
	}
	sep := openMergeStore(t, filepath.Join(dir, "sep.db"))
	for _, p := range l.paths {
		if _, err := sep.Merge(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	if a, b := mergeFP(t, one), mergeFP(t, sep); a != b {
		t.Errorf("fingerprint in one call %s, in separate calls %s", a, b)
	}
	checkMergedContent(t, one, l)
}
