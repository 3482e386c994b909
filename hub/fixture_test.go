package hub

import (
	"context"
	"path/filepath"
	"testing"

	"kynangso/internal/testclock"
	"kynangso/results"
)

// commune3 is three laptops of one commune, made through the store's
// public methods, holding every case the merge rules decide: A registers
// people and holds a class; B starts from a USB copy of A, holds its own
// class, reads further in a lesson, edits Lan and erases Tư; A then edits
// Lan later (A's edit wins) and edits Tư (the erasure still wins); C starts
// from A too, registers Hùng a second time and joins the two records, and
// leaves a quiz in progress. Reviews of missed questions (attempts of kind
// review) ride along: Tư reviews on A before B's erasure arrives, Hùng
// reviews on B, and Em has a review in progress on C beside her quiz in
// progress of the same module (only quizzes are one at a time).
type commune3 struct {
	paths        []string // a, b, c
	hung, lan, u results.Participant
}

func buildCommune3(t testing.TB, dir string) commune3 {
	t.Helper()
	ctx := context.Background()
	clk := testclock.New(testclock.Start)
	var f commune3
	pa, pb, pc := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db"), filepath.Join(dir, "c.db")
	f.paths = []string{pa, pb, pc}
	person := func(s *results.Store, name string, year int, village, household string) results.Participant {
		p, err := s.CreateParticipant(ctx, results.Participant{FullName: name, BirthYear: year, Village: village,
			Household: household, ConsentVersion: results.ConsentVersion})
		must(t, err)
		return p
	}
	quiz := func(s *results.Store, pid, class, module string, right bool) {
		a, err := s.StartAttempt(ctx, results.Attempt{ParticipantID: pid, SessionID: class, ModuleID: module,
			PackVersion: "1", Seed: 11, QuestionIDs: []string{"q1", "q2", "q3"}})
		must(t, err)
		for i, q := range a.QuestionIDs {
			_, err := s.RecordAnswer(ctx, results.Answer{AttemptID: a.ID, QuestionID: q, Chosen: []string{"b"},
				Correct: right || i == 0, Millis: 900})
			must(t, err)
		}
		score := 1
		if right {
			score = 3
		}
		must(t, s.FinishAttempt(ctx, a.ID, score, 3, right))
	}
	review := func(s *results.Store, pid, class, module, q string, right bool) {
		as, _, err := s.StartReview(ctx, pid, class, []results.ReviewQuestion{{ModuleID: module, QuestionID: q, Seed: 5}})
		must(t, err)
		_, err = s.RecordAnswer(ctx, results.Answer{AttemptID: as[0].ID, QuestionID: q, Chosen: []string{"a"}, Correct: right})
		must(t, err)
		must(t, s.FinishAttempt(ctx, as[0].ID, map[bool]int{true: 1}[right], 1, right))
	}
	class := func(s *results.Store, title, date string, ids ...string) string {
		c, err := s.OpenSession(ctx, results.ClassSession{Title: title, Date: date, Commune: "Ea Tu",
			Villages: []string{"Buôn Ea Tu"}, Trainers: []string{"H'Yă Niê"}})
		must(t, err)
		for _, id := range ids {
			_, err := s.CheckIn(ctx, c.ID, id)
			must(t, err)
		}
		return c.ID
	}

	a := openStore(t, pa, clk)
	f.hung = person(a, "Nguyễn Văn Hùng", 1958, "Buôn Ea Tu", "Nhà 7")
	f.lan = person(a, "H'Lan Êban", 1972, "Buôn Ea Tu", "Nhà 9")
	f.u = person(a, "Trần Văn Tư", 1949, "Thôn 3", "")
	ca := class(a, "Điện thoại thông minh", "2026-03-02", f.hung.ID, f.lan.ID, f.u.ID)
	quiz(a, f.hung.ID, ca, "nentang", true)
	quiz(a, f.u.ID, ca, "antoan", false)
	must(t, a.SaveLessonPage(ctx, f.hung.ID, "nentang", 2, 6))
	must(t, a.CloseSession(ctx, ca))
	must(t, a.Close())

	b := openStore(t, pb, clk)
	_, err := b.Merge(ctx, pa)
	must(t, err)
	mai := person(b, "Lê Thị Mai", 1966, "Thôn 3", "Số 4")
	cb := class(b, "Mua hàng trực tuyến", "2026-03-09", f.hung.ID, mai.ID)
	quiz(b, mai.ID, cb, "muasam", true)
	quiz(b, f.hung.ID, cb, "muasam", false)
	review(b, f.hung.ID, cb, "muasam", "q2", true)
	must(t, b.SaveLessonPage(ctx, f.hung.ID, "nentang", 5, 6))
	lanB := f.lan
	lanB.Phone = "0905 111 222"
	must(t, b.UpdateParticipant(ctx, lanB))
	must(t, b.DeleteParticipantData(ctx, f.u.ID))
	must(t, b.CloseSession(ctx, cb))
	must(t, b.Close())

	a = openStore(t, pa, clk)
	lanA := f.lan
	lanA.Phone = "0262 333 444"
	must(t, a.UpdateParticipant(ctx, lanA))
	uA := f.u
	uA.Phone = "0914 555 666"
	must(t, a.UpdateParticipant(ctx, uA))
	review(a, f.u.ID, "", "antoan", "q2", false)
	must(t, a.Close())

	c := openStore(t, pc, clk)
	_, err = c.Merge(ctx, pa)
	must(t, err)
	hungC := person(c, "Nguyen Van Hung", 1958, "buôn Ea Tu", "")
	em := person(c, "Y Em Êban", 1991, "Buôn Ea Tu", "Nhà 2")
	cc := class(c, "Dịch vụ công", "2026-03-16", hungC.ID, em.ID)
	quiz(c, hungC.ID, cc, "dichvucong", true)
	_, err = c.StartAttempt(ctx, results.Attempt{ParticipantID: em.ID, SessionID: cc, ModuleID: "nentang",
		QuestionIDs: []string{"q1", "q2"}})
	must(t, err)
	_, _, err = c.StartReview(ctx, em.ID, cc, []results.ReviewQuestion{{ModuleID: "nentang", QuestionID: "q3"}})
	must(t, err)
	must(t, c.LinkParticipants(ctx, hungC.ID, f.hung.ID))
	must(t, c.SaveLessonPage(ctx, em.ID, "antoan", 1, 4))
	must(t, c.Close())
	return f
}

// mergedFingerprint merges copies of paths into a new database, as
// `kynangso merge` does, and returns its fingerprint.
func mergedFingerprint(t testing.TB, paths []string) string {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	m := openStore(t, filepath.Join(dir, "merged.db"), testclock.New(testclock.Start))
	_, err := m.Merge(ctx, copyFiles(t, dir, paths)...)
	must(t, err)
	fp, err := m.Fingerprint(ctx)
	must(t, err)
	return fp
}
