package results

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestMergeRefusesBadFilesUntouched(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	l := buildLaptops(t, dir)
	good, err := os.ReadFile(l.paths[0])
	if err != nil {
		t.Fatal(err)
	}
	bad := map[string]struct {
		path string
		want error
	}{}
	add := func(name string, want error, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		bad[name] = struct {
			path string
			want error
		}{p, want}
		return p
	}
	add("truncated.db", ErrDamaged, good[:len(good)/2])
	garbled := append([]byte(nil), good...)
	for i := 2 * 4096; i < len(garbled); i += 4096 {
		copy(garbled[i:i+64], []byte("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"))
	}
	add("garbled.db", ErrDamaged, garbled)
	add("notes.txt", ErrNotKynangso, []byte("Danh sách lớp học\nNguyễn Văn An\n"))
	add("empty.db", ErrNotKynangso, nil)
	foreign := filepath.Join(dir, "foreign.db")
	fdb, err := sql.Open("sqlite3", foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fdb.Exec(`CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('phở')`); err != nil {
		t.Fatal(err)
	}
	fdb.Close()
	bad["foreign.db"] = struct {
		path string
		want error
	}{foreign, ErrNotKynangso}
	newer := add("newer.db", ErrNewerSchema, good)
	ndb, err := sql.Open("sqlite3", newer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ndb.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, '0099_future.sql', '2030-01-01T00:00:00.000Z')`); err != nil {
		t.Fatal(err)
	}
	ndb.Close()

	local := filepath.Join(dir, "local.db")
	s := openMergeStore(t, local)
	if _, err := s.Merge(ctx, l.paths[2]); err != nil {
		t.Fatal(err)
	}
	for name, b := range bad {
		before := [2]string{mergeFileHash(t, local), mergeFileHash(t, local+"-wal")}
		srcBefore := mergeFileHash(t, b.path)
		rep, err := s.Merge(ctx, b.path)
		if !errors.Is(err, b.want) || !errors.Is(rep.Sources[0].Err, b.want) {
			t.Errorf("%s: error %v, want %v", name, err, b.want)
		}
		if after := [2]string{mergeFileHash(t, local), mergeFileHash(t, local+"-wal")}; after != before {
			t.Errorf("%s: the local database changed although the file was refused", name)
		}
		if mergeFileHash(t, b.path) != srcBefore {
			t.Errorf("%s: the refused file was modified", name)
		}
	}
}

// TestMergeFailureRollsBack merges a file that passes every check but
// breaks a rule halfway (an answer to an attempt it does not contain): the
// merge fails and the local database is byte-identical.
func TestMergeFailureRollsBack(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	l := buildLaptops(t, dir)
	broken := filepath.Join(dir, "broken.db")
	src := openMergeStore(t, l.paths[0])
	if err := src.Backup(ctx, broken); err != nil {
		t.Fatal(err)
	}
	src.Close()
	bdb, err := sql.Open("sqlite3", broken+"?_foreign_keys=off")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bdb.Exec(`INSERT INTO answers (id, attempt_id, question_id, answered_at, device_id, created_at, updated_at)
		VALUES ('x-1', 'no-such-attempt', 'q1', '2026-03-02T01:00:00.000Z', 'd', '2026-03-02T01:00:00.000Z', '2026-03-02T01:00:00.000Z')`); err != nil {
		t.Fatal(err)
	}
	bdb.Close()
	local := filepath.Join(dir, "local.db")
	s := openMergeStore(t, local)
	if _, err := s.Merge(ctx, l.paths[2]); err != nil {
		t.Fatal(err)
	}
	s.checkpoint(ctx)
	before := [2]string{mergeFileHash(t, local), mergeFileHash(t, local+"-wal")}
	fp := mergeFP(t, s)
	if _, err := s.Merge(ctx, broken); err == nil {
		t.Fatal("merging a file with a dangling answer succeeded")
	}
	if got := mergeFP(t, s); got != fp {
		t.Error("a failed merge changed the content")
	}
	if after := [2]string{mergeFileHash(t, local), mergeFileHash(t, local+"-wal")}; after != before {
		// A rolled-back transaction may leave unused frames in the -wal;
		// the database file itself must be unchanged.
		if after[0] != before[0] {
			t.Error("a failed merge changed the database file")
		}
	}
}

func TestLinkExactSurvivesRemerge(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	l := buildLaptops(t, dir)
	x := openMergeStore(t, filepath.Join(dir, "x.db"))
	if _, err := x.Merge(ctx, l.paths...); err != nil {
		t.Fatal(err)
	}
	joined, err := x.LinkExact(ctx)
	if err != nil || len(joined) != 1 {
		t.Fatalf("LinkExact = %v, %v; want one pair", joined, err)
	}
	var into string
	if err := x.DB().QueryRow(`SELECT into_id FROM participant_links WHERE from_id = ?`, l.anOnC.ID).Scan(&into); err != nil || into != l.an.ID {
		t.Fatalf("An (C) joined into %q (%v), want the first record %s", into, err, l.an.ID)
	}
	if dups, _ := x.ProbableDuplicates(ctx); len(dups) != 0 {
		t.Errorf("after joining, duplicates = %v", dups)
	}
	x.Close()
	// Y links the same pair the other way round before it meets X.
	y := openMergeStore(t, filepath.Join(dir, "y.db"))
	if _, err := y.Merge(ctx, l.paths...); err != nil {
		t.Fatal(err)
	}
	if err := y.LinkParticipants(ctx, l.an.ID, l.anOnC.ID); err != nil {
		t.Fatal(err)
	}
	y.Close()
	for _, order := range [][]string{{"x.db", "y.db"}, {"y.db", "x.db"}} {
		z := openMergeStore(t, filepath.Join(dir, "z-"+order[0]))
		for _, name := range order {
			if _, err := z.Merge(ctx, filepath.Join(dir, name)); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := z.Merge(ctx, l.paths...); err != nil {
			t.Fatal(err)
		}
		var links, keepers int
		z.DB().QueryRow(`SELECT count(*) FROM participant_links`).Scan(&links)
		z.DB().QueryRow(`SELECT count(DISTINCT canon_id) FROM (`+z.CanonicalParticipantSQL()+`) WHERE id IN (?, ?)`,
			l.an.ID, l.anOnC.ID).Scan(&keepers)
		if links != 1 || keepers != 1 {
			t.Errorf("order %v: %d joins, the two records count as %d people; want 1 and 1", order, links, keepers)
		}
		if dups, _ := z.ProbableDuplicates(ctx); len(dups) != 0 {
			t.Errorf("order %v: duplicates listed again after merging: %v", order, dups)
		}
	}
	a := openMergeStore(t, filepath.Join(dir, "z-x.db"))
	b := openMergeStore(t, filepath.Join(dir, "z-y.db"))
	if mergeFP(t, a) != mergeFP(t, b) {
		t.Error("opposite joins merged in the two orders give different fingerprints")
	}
}

func TestMergeSameFileRefused(t *testing.T) {
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "self.db")
	s := openMergeStore(t, p)
	if _, err := s.Merge(ctx, p); !errors.Is(err, ErrSameDatabase) {
		t.Errorf("merging the database into itself: %v, want ErrSameDatabase", err)
	}
}

// TestMergeCopiedDatabase merges two laptops that started from a copy of the
// same database file, so they share a device id, and each left a class open
// and a quiz of the same person in progress: both classes and attempts
// arrive, only the newest of each stays open, in either order.
func TestMergeCopiedDatabase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p1, p2 := filepath.Join(dir, "one.db"), filepath.Join(dir, "two.db")
	one := openMergeStore(t, p1)
	person := mergePerson(t, one, "Phạm Thị Hoa", 1970, "Thôn 1", "")
	one.Close()
	b, err := os.ReadFile(p1)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p2, b, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{p1, p2} {
		s := openMergeStore(t, p)
		if _, err := s.OpenSession(ctx, ClassSession{Title: filepath.Base(p), Date: "2026-04-01"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.StartAttempt(ctx, Attempt{ParticipantID: person.ID, ModuleID: "nentang", QuestionIDs: []string{"q1"}}); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	var fps []string
	for i, order := range [][]string{{p1, p2}, {p2, p1}} {
		s := openMergeStore(t, filepath.Join(dir, fmt.Sprintf("m%d.db", i)))
		for _, p := range order {
			if _, err := s.Merge(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		var classes, open, attempts, inProgress int
		s.DB().QueryRow(`SELECT count(*), count(*) FILTER (WHERE closed_at IS NULL) FROM class_sessions`).Scan(&classes, &open)
		s.DB().QueryRow(`SELECT count(*), count(*) FILTER (WHERE state = 'in_progress') FROM attempts`).Scan(&attempts, &inProgress)
		if classes != 2 || open != 1 || attempts != 2 || inProgress != 1 {
			t.Errorf("order %d: %d classes (%d open), %d attempts (%d in progress); want 2 (1), 2 (1)",
				i, classes, open, attempts, inProgress)
		}
		fps = append(fps, mergeFP(t, s))
		if rep, err := s.Merge(ctx, order[0]+".again"); err == nil || rep.Sources[0].Err == nil {
			t.Error("a missing file was not reported")
		}
	}
	if fps[0] != fps[1] {
		t.Error("the two orders give different fingerprints")
	}
}

// TestMergeOlderSchema merges the first-version fixture: it is read through
// an upgraded private copy, arrives whole, and the fixture is unchanged.
func TestMergeOlderSchema(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := filepath.Join(dir, "v1.db")
	b, err := os.ReadFile(v1Fixture)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(src, b, 0o600); err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	raw, err := sql.Open("sqlite3", immutableURI(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, tbl := range []string{"participants", "attempts", "answers"} {
		var n int
		if err := raw.QueryRow(`SELECT count(*) FROM ` + tbl).Scan(&n); err != nil {
			t.Fatal(err)
		}
		want[tbl] = n
	}
	raw.Close()
	if want["participants"] == 0 {
		t.Fatal("the fixture holds no participants")
	}
	s := openMergeStore(t, filepath.Join(dir, "local.db"))
	if _, err := s.Merge(ctx, src); err != nil {
		t.Fatal(err)
	}
	got := mergeRowCounts(t, s)
	for tbl, n := range want {
		if got[tbl] != n {
			t.Errorf("%s: %d rows merged, the fixture has %d", tbl, got[tbl], n)
		}
	}
	if mergeFileHash(t, src) != mergeFileHash(t, v1Fixture) {
		t.Error("the old-version file was modified")
	}
}

// TestMergeFileWithLog merges a database copied, with its -wal, from a
// laptop that was still running: rows only in the log arrive too, and
// neither file is changed.
func TestMergeFileWithLog(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	live := filepath.Join(dir, "live.db")
	s := openMergeStore(t, live)
	for i := 0; i < 20; i++ {
		mergePerson(t, s, fmt.Sprintf("Người %d", i), 1980, "Thôn 2", "")
	}
	src := filepath.Join(dir, "copied.db")
	for _, side := range []string{"", "-wal"} {
		b, err := os.ReadFile(live + side)
		if err != nil {
			t.Fatal(err)
		}
		if side == "-wal" && len(b) == 0 {
			t.Fatal("the live database has an empty log; the test needs rows in it")
		}
		if err := os.WriteFile(src+side, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	before := [2]string{mergeFileHash(t, src), mergeFileHash(t, src+"-wal")}
	local := openMergeStore(t, filepath.Join(dir, "local.db"))
	rep, err := local.Merge(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	if n := rep.Sources[0].Participants.New; n != 20 {
		t.Errorf("%d participants arrived, want 20", n)
	}
	if after := [2]string{mergeFileHash(t, src), mergeFileHash(t, src+"-wal")}; after != before {
		t.Error("the copied database or its log changed")
	}
	if _, err := os.Stat(src + "-shm"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a -shm file was created beside the source (%v)", err)
	}
}

// TestFailedDetachDiscardsTheConnection: when a source cannot be detached
// after a merge, the connection that still has it attached is closed
// instead of going back to the pool.
func TestFailedDetachDiscardsTheConnection(t *testing.T) {
	dir := t.TempDir()
	src := buildLaptops(t, dir).paths[0]
	s := openMergeStore(t, filepath.Join(dir, "main.db"))
	old := detachSource
	detachSource = func(context.Context, *sql.Conn, string) error { return errors.New("disk unplugged") }
	t.Cleanup(func() { detachSource = old })
	if _, err := s.Merge(context.Background(), src); err != nil {
		t.Fatalf("merge: %v", err)
	}
	detachSource = old
	// Every connection the pool hands out has only main (and temp).
	for range 8 {
		var n int
		if err := s.DB().QueryRow(`SELECT count(*) FROM pragma_database_list WHERE name LIKE 'src%'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Fatalf("a pooled connection still has %d source(s) attached", n)
		}
	}
	var cache int
	if err := s.DB().QueryRow(`PRAGMA cache_size`).Scan(&cache); err != nil || cache == -65536 {
		t.Fatalf("a pooled connection kept the merge's page cache: %d %v", cache, err)
	}
}
