package results

import (
	"context"
	"path/filepath"
	"testing"

	"kynangso/quiz"
)

// reportFixture is a small class history built through the store's public
// methods; the counts every report must give are written in the tests.
//
//	S1 (2026-03-10, Buôn A): An, Bình, Anon, Em, An2 check in
//	S2 (2026-03-20):         Chi, Dũng, An check in
//	An2 is a second record of An, joined into An (participant_links).
//	m1 (skill 1: q1 a*, q2 a*), m2 (skill 2: r1 a*); * = correct choice.
//	An   m1: q1 b ✗ q2 a ✓ → 1/2 fail; then q1 a ✓ q2 a ✓ → 2/2 pass  (S1)
//	An2  m2: r1 a ✓ → 1/1 pass                                      (S1)
//	Bình m1: q1 b ✗ q2 c ✗ → 0/2 fail; m2: started, abandoned       (S1)
//	Anon m1: q1 a ✓ q2 a ✓ → 2/2 pass                               (S1)
//	Em   m1: q1 c ✗ q2 a ✓ → 1/2 fail, then Em's data is erased     (S1)
//	Chi  m1: q1 a ✓ q2 a ✓ → pass; m2: r1 x ✗ → 0/1 fail            (S2)
//	Dũng reads m1's lesson (page 1 of 3), no attempt.
//	Reviews (kind review, which no report may count):
//	An   m1 q1 a ✓ (S2); Chi m2 r1 x ✗ (S2); Bình m1 q1 in progress.
type reportFixture struct {
	s                                  *Store
	cat                                Catalog
	s1, s2                             ClassSession
	an, an2, binh, anon, em, chi, dung Participant
}

func testCatalog(lang string) Catalog {
	ch := func(id, vi string, ok bool) quiz.Choice {
		return quiz.Choice{ID: id, Text: quiz.Text{"vi": vi, "en": "EN " + vi}, Correct: ok}
	}
	q := func(id, prompt string, cs ...quiz.Choice) quiz.Question {
		return quiz.Question{ID: id, Type: quiz.TypeSingle, Prompt: quiz.Text{"vi": prompt, "en": "EN " + prompt}, Choices: cs}
	}
	return Catalog{Lang: lang, Modules: []ModuleInfo{
		{ID: "m1", Skill: 1, Title: quiz.Text{"vi": "Nền tảng", "en": "Basics"}, Questions: []quiz.Question{
			q("q1", "Câu một", ch("a", "Đúng một", true), ch("b", "Sai bê", false), ch("c", "Sai xê", false)),
			q("q2", "Câu hai", ch("a", "Đúng hai", true), ch("b", "Sai bê", false), ch("c", "Sai xê hai", false)),
		}},
		{ID: "m2", Skill: 2, Title: quiz.Text{"vi": "Mua sắm", "en": "Shopping"}, Questions: []quiz.Question{
			q("r1", "Câu ba", ch("a", "Đúng ba", true), ch("x", "Sai ích", false)),
		}},
	}}
}

func newReportFixture(t testing.TB) *reportFixture {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "report.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	f := &reportFixture{s: s, cat: testCatalog("vi")}
	person := func(name, gender, village, household string, year int) Participant {
		p, err := s.CreateParticipant(ctx, Participant{FullName: name, Gender: gender, Village: village,
			Household: household, BirthYear: year, Phone: "0905000" + name[:1], ConsentVersion: ConsentVersion})
		if err != nil {
			t.Fatalf("CreateParticipant(%q): %v", name, err)
		}
		return p
	}
	f.an = person("Y An Niê", GenderMale, "Buôn A", "H1", 1960)
	f.an2 = person("Y An Nie", GenderMale, "Buôn A", "H1", 1960)
	f.binh = person("H'Bình Êban", GenderFemale, "Buôn A", "H1", 1972)
	f.em = person("H'Em Mlô", GenderFemale, "Buôn A", "H3", 1980)
	f.chi = person("Nguyễn Thị Chi", GenderFemale, "Buôn B", "H2", 1965)
	f.dung = person("Trần Dũng", GenderUnset, "Buôn B", "", 0)
	if f.anon, err = s.CreateParticipant(ctx, Participant{Anonymous: true}); err != nil {
		t.Fatal(err)
	}
	f.s1 = f.session(t, "Lớp buôn A", "2026-03-10", f.an, f.binh, f.anon, f.em, f.an2)
	f.attempt(t, f.s1, f.an, "m1", []string{"b", "a"})
	f.attempt(t, f.s1, f.an, "m1", []string{"a", "a"})
	f.attempt(t, f.s1, f.an2, "m2", []string{"a"})
	f.attempt(t, f.s1, f.binh, "m1", []string{"b", "c"})
	a, err := s.StartAttempt(ctx, Attempt{ParticipantID: f.binh.ID, SessionID: f.s1.ID, ModuleID: "m2", QuestionIDs: []string{"r1"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AbandonAttempt(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	f.attempt(t, f.s1, f.anon, "m1", []string{"a", "a"})
	f.attempt(t, f.s1, f.em, "m1", []string{"c", "a"})
	if err := s.CloseSession(ctx, f.s1.ID); err != nil {
		t.Fatal(err)
	}
	f.s2 = f.session(t, "Lớp buôn B", "2026-03-20", f.chi, f.dung, f.an)
	f.attempt(t, f.s2, f.chi, "m1", []string{"a", "a"})
	f.attempt(t, f.s2, f.chi, "m2", []string{"x"})
	f.review(t, f.s2.ID, f.an, "m1", "q1", "a")
	f.review(t, f.s2.ID, f.chi, "m2", "r1", "x")
	f.review(t, "", f.binh, "m1", "q1", "")
	if err := s.SaveLessonPage(ctx, f.dung.ID, "m1", 1, 3); err != nil {
		t.Fatal(err)
	}
	if err := s.CloseSession(ctx, f.s2.ID); err != nil {
		t.Fatal(err)
	}
	f.link(t, f.an2.ID, f.an.ID)
	if err := s.DeleteParticipantData(ctx, f.em.ID); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *reportFixture) session(t testing.TB, title, date string, people ...Participant) ClassSession {
	t.Helper()
	ctx := context.Background()
	c, err := f.s.OpenSession(ctx, ClassSession{Title: title, Date: date, Commune: "Ea Tu",
		Villages: []string{"Buôn A", "Buôn B"}, Trainers: []string{"Y Kông"}, PlannedModules: []string{"m1", "m2"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range people {
		if _, err := f.s.CheckIn(ctx, c.ID, p.ID); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// attempt answers the module's questions in order with the given choices
// and finishes (pass = every answer right).
func (f *reportFixture) attempt(t testing.TB, c ClassSession, p Participant, module string, choices []string) Attempt {
	t.Helper()
	ctx := context.Background()
	m, _ := f.cat.module(module)
	var qids []string
	for _, q := range m.Questions {
		qids = append(qids, q.ID)
	}
	a, err := f.s.StartAttempt(ctx, Attempt{ParticipantID: p.ID, SessionID: c.ID, ModuleID: module, QuestionIDs: qids})
	if err != nil {
		t.Fatal(err)
	}
	score := 0
	for i, q := range m.Questions {
		ok := choices[i] == q.CorrectIDs()[0]
		if ok {
			score++
		}
		if _, err := f.s.RecordAnswer(ctx, Answer{AttemptID: a.ID, QuestionID: q.ID, Chosen: []string{choices[i]}, Correct: ok}); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.s.FinishAttempt(ctx, a.ID, score, len(qids), score == len(qids)); err != nil {
		t.Fatal(err)
	}
	return a
}

// review asks p one question again in a review and finishes it with
// choice; with no choice it is left in progress.
func (f *reportFixture) review(t testing.TB, sessionID string, p Participant, module, qid, choice string) {
	t.Helper()
	ctx := context.Background()
	as, _, err := f.s.StartReview(ctx, p.ID, sessionID, []ReviewQuestion{{ModuleID: module, QuestionID: qid}})
	if err != nil || len(as) != 1 {
		t.Fatalf("start review: %v %v", as, err)
	}
	if choice == "" {
		return
	}
	q, _ := f.cat.question(module, qid)
	ok := choice == q.CorrectIDs()[0]
	if _, err := f.s.RecordAnswer(ctx, Answer{AttemptID: as[0].ID, QuestionID: qid, Chosen: []string{choice}, Correct: ok}); err != nil {
		t.Fatal(err)
	}
	if err := f.s.FinishAttempt(ctx, as[0].ID, b2i(ok), 1, ok); err != nil {
		t.Fatal(err)
	}
}

// link joins record from into record into, as a merge of duplicates does.
func (f *reportFixture) link(t testing.TB, from, into string) {
	t.Helper()
	ts := f.s.clk.stamp()
	if _, err := f.s.DB().Exec(`INSERT INTO participant_links (id, from_id, into_id, linked_by, linked_at,
		device_id, created_at, updated_at) VALUES (?, ?, ?, 'test', ?, ?, ?, ?)`,
		newID(), from, into, ts, f.s.DeviceID(), ts, ts); err != nil {
		t.Fatal(err)
	}
}
