package results

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// openMergeStore opens (creating) a database for a merge test.
func openMergeStore(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func mergePerson(t testing.TB, s *Store, name string, year int, village, household string) Participant {
	t.Helper()
	p, err := s.CreateParticipant(context.Background(), Participant{FullName: name, BirthYear: year,
		Village: village, Household: household, ConsentVersion: ConsentVersion})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// mergeQuiz runs a finished two-question attempt for p (optionally in class).
func mergeQuiz(t testing.TB, s *Store, pid, sessionID, module string, correct bool) Attempt {
	t.Helper()
	ctx := context.Background()
	a, err := s.StartAttempt(ctx, Attempt{ParticipantID: pid, SessionID: sessionID, ModuleID: module,
		PackVersion: "1", Seed: 7, QuestionIDs: []string{"q1", "q2"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range a.QuestionIDs {
		if _, err := s.RecordAnswer(ctx, Answer{AttemptID: a.ID, QuestionID: q, Chosen: []string{"a"}, Correct: correct, Millis: 1500}); err != nil {
			t.Fatal(err)
		}
	}
	score := 0
	if correct {
		score = 2
	}
	if err := s.FinishAttempt(ctx, a.ID, score, 2, correct); err != nil {
		t.Fatal(err)
	}
	return a
}

// laptops holds the three laptop databases of the merge tests and the
// records whose fate the tests check.
type laptops struct {
	paths                []string
	an, binh, cuong      Participant // registered on A (and merged into B)
	anOnC                Participant // the same person as an, registered again on C
	binhPhoneA, erasedID string
}

// buildLaptops writes three laptop databases in dir through the store's
// public methods: A registers people and holds a class; B starts from A's
// data (merged in), holds its own class on another day, edits Bình and
// erases Cường; A then edits Bình too (later, so A's edit wins); C holds a
// class where Nguyễn Văn An registers again. Lesson progress of An differs
// on A and B, and a quiz is left in progress on C.
func buildLaptops(t testing.TB, dir string) laptops {
	t.Helper()
	ctx := context.Background()
	var l laptops
	pa, pb, pc := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db"), filepath.Join(dir, "c.db")
	l.paths = []string{pa, pb, pc}

	a := openMergeStore(t, pa)
	l.an = mergePerson(t, a, "Nguyễn Văn An", 1960, "Buôn Ea Tu", "Nhà 12")
	l.binh = mergePerson(t, a, "H'Bình Niê", 1975, "Buôn Ea Tu", "")
	l.cuong = mergePerson(t, a, "Trần Cường", 1950, "Thôn 3", "")
	cls, err := a.OpenSession(ctx, ClassSession{Title: "Điện thoại thông minh", Date: "2026-03-02", Commune: "Ea Tu"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []Participant{l.an, l.binh, l.cuong} {
		if _, err := a.CheckIn(ctx, cls.ID, p.ID); err != nil {
			t.Fatal(err)
		}
	}
	mergeQuiz(t, a, l.an.ID, cls.ID, "nentang", true)
	mergeQuiz(t, a, l.cuong.ID, cls.ID, "nentang", false)
	if err := a.SaveLessonPage(ctx, l.an.ID, "nentang", 2, 5); err != nil {
		t.Fatal(err)
	}
	if err := a.CloseSession(ctx, cls.ID); err != nil {
		t.Fatal(err)
	}
	a.Close()

	b := openMergeStore(t, pb)
	if _, err := b.Merge(ctx, pa); err != nil {
		t.Fatal(err)
	}
	clsB, err := b.OpenSession(ctx, ClassSession{Title: "Mua hàng trực tuyến", Date: "2026-03-09"})
	if err != nil {
		t.Fatal(err)
	}
	dung := mergePerson(t, b, "Lê Thị Dung", 1968, "Thôn 3", "")
	for _, id := range []string{l.an.ID, dung.ID} {
		if _, err := b.CheckIn(ctx, clsB.ID, id); err != nil {
			t.Fatal(err)
		}
	}
	mergeQuiz(t, b, dung.ID, clsB.ID, "muasam", true)
	if err := b.SaveLessonPage(ctx, l.an.ID, "nentang", 4, 5); err != nil {
		t.Fatal(err)
	}
	binhB := l.binh
	binhB.Phone = "0905 000 111"
	if err := b.UpdateParticipant(ctx, binhB); err != nil {
		t.Fatal(err)
	}
	if err := b.DeleteParticipantData(ctx, l.cuong.ID); err != nil {
		t.Fatal(err)
	}
	l.erasedID = l.cuong.ID
	if err := b.CloseSession(ctx, clsB.ID); err != nil {
		t.Fatal(err)
	}
	b.Close()

	time.Sleep(5 * time.Millisecond) // A's edit of Bình is the newer one
	a = openMergeStore(t, pa)
	binhA := l.binh
	binhA.Phone = "0262 333 444"
	l.binhPhoneA = binhA.Phone
	if err := a.UpdateParticipant(ctx, binhA); err != nil {
		t.Fatal(err)
	}
	// A does not know B erased Cường, and edits him after: the erasure
	// must still win.
	cuongA := l.cuong
	cuongA.Phone = "0914 555 666"
	if err := a.UpdateParticipant(ctx, cuongA); err != nil {
		t.Fatal(err)
	}
	a.Close()

	c := openMergeStore(t, pc)
	clsC, err := c.OpenSession(ctx, ClassSession{Title: "Dịch vụ công", Date: "2026-03-16"})
	if err != nil {
		t.Fatal(err)
	}
	l.anOnC = mergePerson(t, c, "Nguyen Van An", 1960, "buôn Ea Tu", "")
	em := mergePerson(t, c, "Y Em Êban", 1990, "Buôn Ea Tu", "")
	for _, id := range []string{l.anOnC.ID, em.ID} {
		if _, err := c.CheckIn(ctx, clsC.ID, id); err != nil {
			t.Fatal(err)
		}
	}
	mergeQuiz(t, c, l.anOnC.ID, clsC.ID, "dichvucong", true)
	if _, err := c.StartAttempt(ctx, Attempt{ParticipantID: em.ID, SessionID: clsC.ID, ModuleID: "nentang",
		QuestionIDs: []string{"q1", "q2"}}); err != nil {
		t.Fatal(err)
	}
	c.Close()
	return l
}

func mergeFileHash(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return "absent"
	}
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// mergeRowCounts counts the rows of every table, merge_log included.
func mergeRowCounts(t testing.TB, s *Store) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, tbl := range []string{"devices", "participants", "class_sessions", "attendance", "lesson_progress",
		"attempts", "answers", "participant_links", "merge_log"} {
		var n int
		if err := s.DB().QueryRow(`SELECT count(*) FROM ` + tbl).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[tbl] = n
	}
	return out
}

func mergeFP(t testing.TB, s *Store) string {
	t.Helper()
	fp, err := s.Fingerprint(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return fp
}

var sixOrders = [][]int{{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}}

func TestMergeAllOrdersAgree(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	l := buildLaptops(t, dir)
	before := map[string]string{}
	for _, p := range l.paths {
		before[p] = mergeFileHash(t, p)
	}
	var want string
	var wantCounts map[string]int
	for i, order := range sixOrders {
		s := openMergeStore(t, filepath.Join(dir, fmt.Sprintf("merged%d.db", i)))
		for _, k := range order {
			if _, err := s.Merge(ctx, l.paths[k]); err != nil {
				t.Fatalf("order %v: %v", order, err)
			}
		}
		fp := mergeFP(t, s)
		counts := mergeRowCounts(t, s)
		delete(counts, "merge_log") // which conflicts a laptop saw depends on the order
		delete(counts, "devices")   // each merged database adds its own
		if i == 0 {
			want, wantCounts = fp, counts
			checkMergedContent(t, s, l)
		} else if fp != want {
			t.Errorf("order %v: fingerprint %s, order %v gave %s", order, fp, sixOrders[0], want)
		}
		if fmt.Sprint(counts) != fmt.Sprint(wantCounts) {
			t.Errorf("order %v: rows %v, want %v", order, counts, wantCounts)
		}
	}
	// All three at once, and again: the same.
	s := openMergeStore(t, filepath.Join(dir, "all.db"))
	if _, err := s.Merge(ctx, l.paths...); err != nil {
		t.Fatal(err)
	}
	if fp := mergeFP(t, s); fp != want {
		t.Errorf("merged in one call: fingerprint %s, want %s", fp, want)
	}
	for _, p := range l.paths {
		if h := mergeFileHash(t, p); h != before[p] {
			t.Errorf("%s changed during the merges", filepath.Base(p))
		}
		for _, side := range []string{"-wal", "-shm"} {
			if _, err := os.Stat(p + side); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("%s%s exists after merging (err %v)", filepath.Base(p), side, err)
			}
		}
	}
}

// checkMergedContent checks the rules on the merged data.
func checkMergedContent(t *testing.T, s *Store, l laptops) {
	t.Helper()
	ctx := context.Background()
	binh, err := s.Participant(ctx, l.binh.ID)
	if err != nil {
		t.Fatal(err)
	}
	if binh.Phone != l.binhPhoneA {
		t.Errorf("Bình's phone = %q, want the newer edit %q", binh.Phone, l.binhPhoneA)
	}
	var logged int
	s.DB().QueryRow(`SELECT count(*) FROM merge_log WHERE table_name = 'participants' AND row_id = ?
		AND loser LIKE '%0905 000 111%'`, l.binh.ID).Scan(&logged)
	if logged != 1 {
		t.Errorf("the losing edit of Bình is in merge_log %d times, want 1", logged)
	}
	cuong, err := s.Participant(ctx, l.erasedID)
	if err != nil {
		t.Fatal(err)
	}
	if cuong.DeletedAt.IsZero() || cuong.FullName != "" {
		t.Errorf("erased record came back: %+v", cuong)
	}
	var linked, leaked int
	s.DB().QueryRow(`SELECT count(*) FROM attempts WHERE participant_id = ?`, l.erasedID).Scan(&linked)
	s.DB().QueryRow(`SELECT count(*) FROM merge_log WHERE loser LIKE '%Trần Cường%' OR winner LIKE '%Trần Cường%'
		OR loser LIKE '%0914 555 666%'`).Scan(&leaked)
	if linked != 0 || leaked != 0 {
		t.Errorf("erased person: %d attempts still linked, %d merge-log copies of the name", linked, leaked)
	}
	prog, err := s.LessonProgress(ctx, l.an.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p := prog["nentang"]; p.LastPage != 4 {
		t.Errorf("An's lesson progress = page %d, want the furthest, 4", p.LastPage)
	}
	sessions, err := s.Sessions(ctx)
	if err != nil || len(sessions) != 3 {
		t.Fatalf("classes = %d (%v), want 3", len(sessions), err)
	}
	dups, err := s.ProbableDuplicates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(dups) != 1 || dups[0].A.ID != l.an.ID || dups[0].B.ID != l.anOnC.ID || !dups[0].Exact {
		t.Errorf("probable duplicates = %+v, want An (A) and An (C), exact", dups)
	}
}

func TestRemergeChangesNothing(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	l := buildLaptops(t, dir)
	s := openMergeStore(t, filepath.Join(dir, "merged.db"))
	if _, err := s.Merge(ctx, l.paths...); err != nil {
		t.Fatal(err)
	}
	fp, counts := mergeFP(t, s), mergeRowCounts(t, s)
	// The same bytes are skipped; a copy with other bytes (a backup made
	// with VACUUM INTO) is merged row by row and must change nothing too.
	rep, err := s.Merge(ctx, l.paths...)
	if err != nil {
		t.Fatal(err)
	}
	for _, sr := range rep.Sources {
		if !sr.AlreadyMerged {
			t.Errorf("%s: not recognised as merged before", sr.Path)
		}
	}
	var copies []string
	for _, p := range l.paths {
		src := openMergeStore(t, p)
		cp := p + ".backup.db"
		if err := src.Backup(ctx, cp); err != nil {
			t.Fatal(err)
		}
		src.Close()
		copies = append(copies, cp)
	}
	rep, err = s.Merge(ctx, copies...)
	if err != nil {
		t.Fatal(err)
	}
	for _, sr := range rep.Sources {
		if sr.AlreadyMerged || sr.Arrived() != 0 || len(sr.Conflicts) != 0 {
			t.Errorf("re-merge of %s: already=%v arrived=%d conflicts=%v", filepath.Base(sr.Path),
				sr.AlreadyMerged, sr.Arrived(), sr.Conflicts)
		}
	}
	if got := mergeFP(t, s); got != fp {
		t.Errorf("fingerprint changed on re-merge: %s → %s", fp, got)
	}
	if got := mergeRowCounts(t, s); fmt.Sprint(got) != fmt.Sprint(counts) {
		t.Errorf("rows changed on re-merge: %v → %v", counts, got)
	}
}

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
		time.Sleep(3 * time.Millisecond)
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
