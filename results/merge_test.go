package results

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
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
