package flow_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"kynangso/flow"
	"kynangso/internal/testclock"
	"kynangso/lessons"
	"kynangso/quiz"
	"kynangso/results"
)

// reviewPack has two modules of four questions; choice "a" is right.
func reviewPack() *lessons.Pack {
	ch := func(id string, ok bool) quiz.Choice {
		return quiz.Choice{ID: id, Text: vi("lựa chọn " + id), Correct: ok}
	}
	mod := func(id string) *lessons.Module {
		m := &lessons.Module{ID: id, Title: vi(id), PassPercent: 50, PackVersion: "t1",
			Pages: map[string][]lessons.Page{"vi": {{Title: "Một", Body: "x"}}}}
		for _, q := range []string{"q1", "q2", "q3", "q4"} {
			m.Questions = append(m.Questions, quiz.Question{ID: q, Type: quiz.TypeSingle, Prompt: vi(id + " " + q),
				Explanation: vi("Vì sao " + q), Choices: []quiz.Choice{ch("a", true), ch("b", false), ch("c", false)}})
		}
		return m
	}
	return &lessons.Pack{ID: "r", Languages: []string{"vi", "en"}, Modules: []*lessons.Module{mod("antoan"), mod("thanhtoan")}}
}

// reviewEnv is a flow with reviewPack on a real SQLite file.
type reviewEnv struct {
	*env
	path string
	clk  *testclock.Clock
}

func newReviewEnv(t *testing.T) *reviewEnv {
	t.Helper()
	e := &reviewEnv{path: filepath.Join(t.TempDir(), "review.db"), clk: testclock.New(testclock.Start)}
	e.open(t, reviewPack())
	return e
}

// open (re)opens the store and a flow with pack on it, as a restart does.
func (e *reviewEnv) open(t *testing.T, pack *lessons.Pack) {
	t.Helper()
	if e.env != nil {
		e.store.Close()
	}
	s, err := results.Open(context.Background(), e.path, results.WithClock(e.clk.Now), results.WithZone(testclock.Zone))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	seed := uint64(0)
	f := flow.New(s, pack, flow.WithClock(e.clk.Now), flow.WithSeed(func() uint64 { seed++; return seed }))
	e.env = &env{t: t, ctx: context.Background(), store: s, f: f}
}

// quiz takes module's quiz, answering the questions whose ids are in wrong
// with "b" and the rest right, and finishes it. It returns the misses as
// "module/question" in the order they were made.
func (e *reviewEnv) quiz(v flow.Visit, module string, wrong ...string) []string {
	e.t.Helper()
	var missed []string
	a, err := e.f.OpenQuiz(e.ctx, v, module)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, q := range a.Questions {
		choice := "a"
		for _, w := range wrong {
			if q.ID == w {
				choice = "b"
				missed = append(missed, module+"/"+q.ID)
			}
		}
		if _, err := e.f.Answer(e.ctx, v.Participant.ID, a.ID, q.ID, []string{choice}, time.Time{}); err != nil {
			e.t.Fatal(err)
		}
	}
	if _, err := e.f.Finish(e.ctx, v.Participant.ID, a.ID); err != nil {
		e.t.Fatal(err)
	}
	return missed
}

// items names a round's questions as "module/question".
func items(r *flow.Review) []string {
	var out []string
	for _, it := range r.Items {
		out = append(out, it.ModuleID+"/"+it.Question.ID)
	}
	return out
}

func sameList(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// The visit the issue describes: a person who missed four questions comes
// back and is asked three, oldest first; answers one right and leaves;
// comes back (after a restart of the app) and is asked the same three
// again; the one answered right a second time leaves the queue. Nothing of
// it changes where they stand with the modules.
func TestReviewVisit(t *testing.T) {
	e := newReviewEnv(t)
	c := e.class()
	v := e.register(c, "Nguyễn Thị Lan")
	missed := append(e.quiz(v, "antoan", "q2", "q4"), e.quiz(v, "thanhtoan", "q1", "q3")...)
	before, err := e.f.Menu(e.ctx, v.Participant.ID)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := e.f.ReviewWaiting(e.ctx, v.Participant.ID); err != nil || n != 4 {
		t.Fatalf("waiting %d (%v), want 4", n, err)
	}
	r, err := e.f.OpenReview(e.ctx, v)
	if err != nil {
		t.Fatal(err)
	}
	first := items(r)
	if !sameList(first, missed[:flow.ReviewSize]) || r.Waiting != 4 || r.Resumed {
		t.Fatalf("round %v (waiting %d, resumed %v), want the 3 oldest of %v", first, r.Waiting, r.Resumed, missed)
	}
	it := r.Items[0]
	right := it.Question.CorrectIDs()
	saved, err := e.f.Answer(e.ctx, v.Participant.ID, it.AttemptID, it.Question.ID, right, time.Time{})
	if err != nil || !saved.Correct {
		t.Fatalf("answer: %+v %v", saved, err)
	}
	// The same answer posted again (a double tap) stores nothing new.
	again, err := e.f.Answer(e.ctx, v.Participant.ID, it.AttemptID, it.Question.ID, []string{"b"}, time.Time{})
	if err != nil || again.ID != saved.ID || !again.Correct {
		t.Fatalf("answer again: %+v %v, want the first one", again, err)
	}
	res, err := e.f.FinishReview(e.ctx, v.Participant.ID, r.AttemptIDs())
	if err != nil || res != (flow.ReviewResult{Asked: 1, Right: 1, Learnt: 0, Waiting: 4}) {
		t.Fatalf("left after one: %+v %v", res, err)
	}
	if res2, err := e.f.FinishReview(e.ctx, v.Participant.ID, r.AttemptIDs()); err != nil || res2 != res {
		t.Fatalf("finish again: %+v %v, want %+v", res2, err, res)
	}
	after, _ := e.f.Menu(e.ctx, v.Participant.ID)
	for i := range before {
		if before[i].Status != after[i].Status {
			t.Fatalf("%s: status %+v after the review, was %+v", before[i].Module.ID, after[i].Status, before[i].Status)
		}
	}

	e.open(t, reviewPack()) // the laptop is started again
	v2, err := e.f.CheckIn(e.ctx, c, v.Participant)
	if err != nil {
		t.Fatal(err)
	}
	r, err = e.f.OpenReview(e.ctx, v2)
	if err != nil || !sameList(items(r), first) || r.Resumed {
		t.Fatalf("next visit: %v (resumed %v, %v), want a new round of %v", items(r), r.Resumed, err, first)
	}
	for i, it := range r.Items {
		choice := []string{"b"}
		if i == 0 {
			choice = it.Question.CorrectIDs()
		}
		if _, err := e.f.Answer(e.ctx, v.Participant.ID, it.AttemptID, it.Question.ID, choice, time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	res, err = e.f.FinishReview(e.ctx, v.Participant.ID, r.AttemptIDs())
	if err != nil || res != (flow.ReviewResult{Asked: 3, Right: 1, Learnt: 1, Waiting: 3}) {
		t.Fatalf("second round: %+v %v", res, err)
	}
	r, _ = e.f.OpenReview(e.ctx, v2)
	if got := items(r); len(got) != 3 || got[0] != first[1] || got[1] != first[2] {
		t.Fatalf("third round %v: the learnt %s is gone, the others first", got, first[0])
	}
}

// A round in progress carries on: opened again (a reload, a restart) it is
// the same round with its answers; a question removed from the pack since
// is left out (and out of the queue).
func TestReviewResumesAndSkipsRemovedQuestions(t *testing.T) {
	e := newReviewEnv(t)
	v := e.register(flow.Class{}, "H'Hen Niê")
	e.quiz(v, "antoan", "q1", "q2", "q3")
	r, err := e.f.OpenReview(e.ctx, v)
	if err != nil || len(r.Items) != 3 {
		t.Fatalf("round: %v %v", items(r), err)
	}
	it := r.Items[1]
	if _, err := e.f.Answer(e.ctx, v.Participant.ID, it.AttemptID, it.Question.ID, []string{"b"}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	again, err := e.f.OpenReview(e.ctx, v)
	if err != nil || !again.Resumed || !sameList(items(again), items(r)) || !again.Items[1].Answered {
		t.Fatalf("opened again: %v resumed %v answered %v (%v)", items(again), again.Resumed, again.Items, err)
	}
	if i, ok := again.Next(-1); !ok || i != 0 {
		t.Fatalf("next unanswered %d %v, want 0", i, ok)
	}
	if i, ok := again.Next(0); !ok || i != 2 {
		t.Fatalf("next after 0: %d %v, want 2 (1 is answered)", i, ok)
	}

	pack := reviewPack()
	gone := r.Items[0].Question.ID
	mod := pack.Module("antoan")
	for i, q := range mod.Questions {
		if q.ID == gone {
			mod.Questions = append(mod.Questions[:i], mod.Questions[i+1:]...)
			break
		}
	}
	e.open(t, pack)
	if n, _ := e.f.ReviewWaiting(e.ctx, v.Participant.ID); n != 2 {
		t.Fatalf("waiting with %s removed from the pack: %d, want 2", gone, n)
	}
	again, err = e.f.OpenReview(e.ctx, v)
	if err != nil || len(again.Items) != 2 || again.Items[0].Question.ID == gone {
		t.Fatalf("round with %s removed: %v (%v)", gone, items(again), err)
	}
	if a, _ := e.store.Attempt(e.ctx, r.Items[0].AttemptID); a.State != results.StateAbandoned {
		t.Fatalf("the removed question's review is %q, want abandoned", a.State)
	}
}

// Nothing to review: no round, nothing stored. The ids a front sends are
// checked: another person's review, a quiz given as a review.
func TestReviewRefusals(t *testing.T) {
	e := newReviewEnv(t)
	c := e.class()
	lan, hoa := e.register(c, "Nguyễn Thị Lan"), e.register(c, "Nguyễn Thị Hoa")
	r, err := e.f.OpenReview(e.ctx, lan)
	if err != nil || len(r.Items) != 0 || r.Waiting != 0 {
		t.Fatalf("nothing missed yet: %+v %v", r, err)
	}
	if rs, _ := e.store.ReviewAttempts(e.ctx, lan.Participant.ID); len(rs) != 0 {
		t.Fatalf("an empty round stored %d attempts", len(rs))
	}
	e.quiz(lan, "antoan", "q1")
	r, _ = e.f.OpenReview(e.ctx, lan)
	it := r.Items[0]
	if _, err := e.f.Answer(e.ctx, hoa.Participant.ID, it.AttemptID, it.Question.ID, []string{"a"}, time.Time{}); !errors.Is(err, flow.ErrNotYours) {
		t.Fatalf("Hoa answering Lan's review: %v, want ErrNotYours", err)
	}
	if _, err := e.f.FinishReview(e.ctx, hoa.Participant.ID, r.AttemptIDs()); !errors.Is(err, flow.ErrNotYours) {
		t.Fatalf("Hoa finishing Lan's review: %v, want ErrNotYours", err)
	}
	quizzes, _ := e.store.Attempts(e.ctx, lan.Participant.ID)
	if _, err := e.f.FinishReview(e.ctx, lan.Participant.ID, []string{quizzes[0].ID}); !errors.Is(err, flow.ErrNotReview) {
		t.Fatalf("a quiz finished as a review: %v, want ErrNotReview", err)
	}
	// A review in progress does not stand in the way of the quiz.
	a, err := e.f.OpenQuiz(e.ctx, lan, "antoan")
	if err != nil || a.Resumed || a.Kind != results.KindQuiz {
		t.Fatalf("quiz beside a review in progress: %+v %v", a, err)
	}
	if err := e.store.DeleteParticipantData(e.ctx, lan.Participant.ID); err != nil && !errors.Is(err, results.ErrErasurePending) {
		t.Fatal(err)
	}
	if n, err := e.f.ReviewWaiting(e.ctx, lan.Participant.ID); err != nil || n != 0 {
		t.Fatalf("an erased person has %d waiting (%v)", n, err)
	}
}
