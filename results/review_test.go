package results

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"
)

// reviewEnv is a store on a real file and a way to answer quizzes and
// reviews by question id (choice "a" is right, anything else wrong).
type reviewEnv struct {
	t   *testing.T
	ctx context.Context
	s   *Store
}

func newReviewEnv(t *testing.T) *reviewEnv {
	return &reviewEnv{t: t, ctx: context.Background(), s: openMergeStore(t, filepath.Join(t.TempDir(), "review.db"))}
}

// quiz takes a finished quiz at module answering each question id right
// (true) or wrong.
func (e *reviewEnv) quiz(p Participant, module string, answers map[string]bool, order ...string) Attempt {
	e.t.Helper()
	a, err := e.s.StartAttempt(e.ctx, Attempt{ParticipantID: p.ID, ModuleID: module, QuestionIDs: order})
	if err != nil {
		e.t.Fatal(err)
	}
	score := 0
	for _, q := range order {
		ok := answers[q]
		score += b2i(ok)
		if _, err := e.s.RecordAnswer(e.ctx, Answer{AttemptID: a.ID, QuestionID: q, Chosen: []string{pick(ok)}, Correct: ok}); err != nil {
			e.t.Fatal(err)
		}
	}
	if err := e.s.FinishAttempt(e.ctx, a.ID, score, len(order), score == len(order)); err != nil {
		e.t.Fatal(err)
	}
	return a
}

func pick(ok bool) string {
	if ok {
		return "a"
	}
	return "b"
}

// review runs a review round of the given questions of module, answering
// each right or wrong as told, and finishes every attempt of it.
func (e *reviewEnv) review(p Participant, module string, answers map[string]bool, order ...string) []Attempt {
	e.t.Helper()
	var qs []ReviewQuestion
	for _, q := range order {
		qs = append(qs, ReviewQuestion{ModuleID: module, QuestionID: q})
	}
	as, resumed, err := e.s.StartReview(e.ctx, p.ID, "", qs)
	if err != nil || resumed || len(as) != len(order) {
		e.t.Fatalf("start review: %d attempts, resumed %v, %v", len(as), resumed, err)
	}
	for i, a := range as {
		ok := answers[order[i]]
		if _, err := e.s.RecordAnswer(e.ctx, Answer{AttemptID: a.ID, QuestionID: order[i], Chosen: []string{pick(ok)}, Correct: ok}); err != nil {
			e.t.Fatal(err)
		}
		if err := e.s.FinishAttempt(e.ctx, a.ID, b2i(ok), 1, ok); err != nil {
			e.t.Fatal(err)
		}
	}
	return as
}

// queue is the person's queue as "module/question" in order.
func (e *reviewEnv) queue(p Participant) []string {
	e.t.Helper()
	ms, err := e.s.ReviewQueue(e.ctx, p.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	out := []string{}
	for _, m := range ms {
		out = append(out, m.ModuleID+"/"+m.QuestionID)
	}
	return out
}

func (e *reviewEnv) wantQueue(p Participant, when string, want ...string) {
	e.t.Helper()
	if got := e.queue(p); !slices.Equal(got, append([]string{}, want...)) {
		e.t.Fatalf("%s: queue %v, want %v", when, got, want)
	}
}

// The rules of the queue: questions missed in a quiz wait, oldest miss
// first; two right reviews since the last miss take one out, a wrong
// review does not undo a right one, a right quiz answer takes one out at
// once, and a question missed again starts its count again but keeps its
// place.
func TestReviewQueueRules(t *testing.T) {
	e := newReviewEnv(t)
	lan := mergePerson(t, e.s, "Nguyễn Thị Lan", 1956, "Thôn 3", "")
	e.wantQueue(lan, "before any quiz")
	e.quiz(lan, "antoan", map[string]bool{"q1": false, "q2": true, "q3": false}, "q3", "q2", "q1")
	e.quiz(lan, "thanhtoan", map[string]bool{"q1": false, "q4": false}, "q4", "q1")
	e.wantQueue(lan, "after two quizzes", "antoan/q3", "antoan/q1", "thanhtoan/q4", "thanhtoan/q1")

	e.review(lan, "antoan", map[string]bool{"q3": true, "q1": false}, "q3", "q1")
	e.wantQueue(lan, "one right review is not enough", "antoan/q3", "antoan/q1", "thanhtoan/q4", "thanhtoan/q1")
	e.review(lan, "antoan", map[string]bool{"q3": false}, "q3")
	e.review(lan, "antoan", map[string]bool{"q3": true}, "q3")
	e.wantQueue(lan, "right twice (a wrong one between)", "antoan/q1", "thanhtoan/q4", "thanhtoan/q1")

	e.quiz(lan, "thanhtoan", map[string]bool{"q4": true, "q1": false}, "q4", "q1")
	e.wantQueue(lan, "q4 right in a later quiz, q1 missed again", "antoan/q1", "thanhtoan/q1")

	e.review(lan, "antoan", map[string]bool{"q1": true}, "q1")
	e.quiz(lan, "antoan", map[string]bool{"q1": false}, "q1")
	e.review(lan, "antoan", map[string]bool{"q1": true}, "q1")
	e.wantQueue(lan, "missed again between two right reviews", "antoan/q1", "thanhtoan/q1")
	ms, _ := e.s.ReviewQueue(e.ctx, lan.ID)
	if ms[0].Right != 1 || ms[0].Reviewed != 1 || !ms[0].Since.Before(ms[1].Since) {
		t.Fatalf("antoan/q1 after a new miss: %+v (it keeps its place, and counts 1 right since)", ms[0])
	}

	// It is derived from what is stored: the same after closing and
	// opening the file again.
	path := e.s.Path()
	e.s.Close()
	e.s = openMergeStore(t, path)
	e.wantQueue(lan, "after a restart", "antoan/q1", "thanhtoan/q1")
}

// Reviews are attempts of their own kind: never listed with the quizzes,
// never resumed as a quiz, never a pass, and a review in progress does not
// keep the person from a quiz of the same module.
func TestReviewAttemptsAreNotQuizzes(t *testing.T) {
	e := newReviewEnv(t)
	hoa := mergePerson(t, e.s, "H'Hoa Niê", 1962, "Buôn Đôn", "")
	e.quiz(hoa, "antoan", map[string]bool{"q1": false}, "q1")
	as := e.review(hoa, "antoan", map[string]bool{"q1": true}, "q1")
	got, err := e.s.Attempt(e.ctx, as[0].ID)
	if err != nil || got.Kind != KindReview || got.Passed || got.Score != 1 || got.MaxScore != 1 {
		t.Fatalf("a right review is stored %+v (%v); want kind review, 1/1, not passed", got, err)
	}
	quizzes, _ := e.s.Attempts(e.ctx, hoa.ID)
	reviews, _ := e.s.ReviewAttempts(e.ctx, hoa.ID)
	if len(quizzes) != 1 || quizzes[0].Kind != KindQuiz || len(reviews) != 1 || reviews[0].ID != as[0].ID {
		t.Fatalf("quizzes %+v, reviews %+v", quizzes, reviews)
	}
	open, _, err := e.s.StartReview(e.ctx, hoa.ID, "", []ReviewQuestion{{ModuleID: "antoan", QuestionID: "q1"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, ok, _ := e.s.InProgressAttempt(e.ctx, hoa.ID, "antoan"); ok {
		t.Fatal("a review in progress was taken for the quiz in progress")
	}
	q, err := e.s.StartAttempt(e.ctx, Attempt{ParticipantID: hoa.ID, ModuleID: "antoan", QuestionIDs: []string{"q1", "q2"}})
	if err != nil {
		t.Fatalf("a quiz beside a review in progress: %v", err)
	}
	if a, _, ok, _ := e.s.InProgressAttempt(e.ctx, hoa.ID, "antoan"); !ok || a.ID != q.ID {
		t.Fatalf("the quiz in progress is %+v, want %s", a, q.ID)
	}
	if inProgress, _ := e.s.ReviewsInProgress(e.ctx, hoa.ID); len(inProgress) != 1 || inProgress[0].ID != open[0].ID {
		t.Fatalf("reviews in progress %+v, want %s", inProgress, open[0].ID)
	}
}

// A round is started once: asked again while it is in progress (a page
// posted twice, the app started again after a power cut), the store gives
// back the same attempts in the same order.
func TestStartReviewResumes(t *testing.T) {
	e := newReviewEnv(t)
	p := mergePerson(t, e.s, "Y Kông Êban", 1950, "Buôn Đôn", "")
	qs := []ReviewQuestion{{ModuleID: "antoan", QuestionID: "q2"}, {ModuleID: "thanhtoan", QuestionID: "q1"},
		{ModuleID: "antoan", QuestionID: "q5"}}
	first, resumed, err := e.s.StartReview(e.ctx, p.ID, "", qs)
	if err != nil || resumed || len(first) != 3 {
		t.Fatalf("start: %v %v %v", first, resumed, err)
	}
	path := e.s.Path()
	e.s.Close()
	e.s = openMergeStore(t, path)
	again, resumed, err := e.s.StartReview(e.ctx, p.ID, "", qs[:1])
	if err != nil || !resumed || len(again) != 3 {
		t.Fatalf("again: %d attempts, resumed %v, %v", len(again), resumed, err)
	}
	for i := range first {
		if again[i].ID != first[i].ID || again[i].QuestionIDs[0] != qs[i].QuestionID {
			t.Fatalf("attempt %d: %+v, want %+v", i, again[i], first[i])
		}
	}
	for _, a := range first {
		if err := e.s.AbandonAttempt(e.ctx, a.ID); err != nil {
			t.Fatal(err)
		}
	}
	if next, resumed, err := e.s.StartReview(e.ctx, p.ID, "", qs[:1]); err != nil || resumed || len(next) != 1 {
		t.Fatalf("a new round after the last one ended: %v %v %v", next, resumed, err)
	}
	if _, _, err := e.s.StartReview(e.ctx, "", "", qs); !errors.Is(err, ErrInvalid) {
		t.Fatalf("a review of nobody: %v, want ErrInvalid", err)
	}
	if _, _, err := e.s.StartReview(e.ctx, p.ID, "", []ReviewQuestion{{ModuleID: "antoan"}}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("a review with no question id: %v, want ErrInvalid", err)
	}
}

// Two records of one person, joined: the misses and the reviews of both
// count together, whichever record asks. An erased person has no queue
// and cannot start a review; an unknown id is not found.
func TestReviewQueueJoinedAndErased(t *testing.T) {
	e := newReviewEnv(t)
	old := mergePerson(t, e.s, "Nguyễn Văn Ba", 1948, "Thôn 1", "")
	kept := mergePerson(t, e.s, "Nguyen Van Ba", 1948, "Thôn 1", "")
	e.quiz(old, "antoan", map[string]bool{"q1": false, "q2": false}, "q1", "q2")
	e.quiz(kept, "muasam", map[string]bool{"q7": false}, "q7")
	e.review(old, "antoan", map[string]bool{"q2": true}, "q2")
	if err := e.s.LinkParticipants(e.ctx, old.ID, kept.ID); err != nil {
		t.Fatal(err)
	}
	e.wantQueue(kept, "joined, from the kept record", "antoan/q1", "antoan/q2", "muasam/q7")
	e.wantQueue(old, "joined, from the record joined away", "antoan/q1", "antoan/q2", "muasam/q7")
	e.review(kept, "antoan", map[string]bool{"q2": true}, "q2")
	e.wantQueue(old, "right once on each record", "antoan/q1", "muasam/q7")

	if err := e.s.DeleteParticipantData(e.ctx, kept.ID); err != nil {
		t.Fatal(err)
	}
	e.wantQueue(kept, "after the person is erased")
	e.wantQueue(old, "after the person is erased, from the record joined away")
	if rs, _ := e.s.ReviewAttempts(e.ctx, old.ID); len(rs) != 0 {
		t.Fatalf("an erased person's reviews are still theirs: %+v", rs)
	}
	if _, _, err := e.s.StartReview(e.ctx, kept.ID, "", []ReviewQuestion{{ModuleID: "antoan", QuestionID: "q1"}}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("review for an erased person: %v, want ErrNotFound", err)
	}
	if _, err := e.s.ReviewQueue(e.ctx, "no-such-person"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("queue of an unknown id: %v, want ErrNotFound", err)
	}
}

// The history says how many questions wait (only those the catalog still
// has) and marks the ones reviewed.
func TestHistoryShowsReview(t *testing.T) {
	f := newReportFixture(t)
	h, err := f.s.ParticipantHistory(context.Background(), f.binh.ID, f.cat)
	if err != nil {
		t.Fatal(err)
	}
	// Bình missed m1 q1 and q2 (her review of q1 is still open, unanswered).
	if h.Review.Waiting != 2 || len(h.Review.Reviewed) != 0 {
		t.Fatalf("Bình's review: %+v, want 2 waiting, none reviewed", h.Review)
	}
	for _, m := range h.Modules {
		if m.ID == "m1" && (m.Attempts != 1 || m.InProgress != nil) {
			t.Fatalf("Bình's m1 counts her review: %+v", m)
		}
	}
	h, err = f.s.ParticipantHistory(context.Background(), f.chi.ID, f.cat)
	if err != nil {
		t.Fatal(err)
	}
	want := ReviewedQuestion{ModuleLabel: f.cat.label("m2"), Question: f.cat.questionLabel("m2", "r1"),
		Reviews: 1, Right: 0, Waiting: true}
	if h.Review.Waiting != 1 || len(h.Review.Reviewed) != 1 || h.Review.Reviewed[0] != want {
		t.Fatalf("Chi's review: %+v, want 1 waiting and %+v", h.Review, want)
	}
	for _, m := range h.Modules {
		if m.ID == "m2" && (m.Attempts != 1 || m.Finished != 1) {
			t.Fatalf("Chi's m2 counts her review: %+v", m)
		}
	}
	// A question the content pack no longer has is not counted.
	cat := f.cat
	cat.Modules = cat.Modules[:1]
	if h, _ := f.s.ParticipantHistory(context.Background(), f.chi.ID, cat); h.Review.Waiting != 0 || len(h.Review.Reviewed) != 0 {
		t.Fatalf("with m2 gone from the catalog: %+v", h.Review)
	}
}

// A miss in a quiz still in progress waits until that quiz ends: the
// person resumes the quiz on the next visit, not a review of its first
// questions. A right answer in it takes a question out at once.
func TestReviewQueueWaitsForTheQuizToEnd(t *testing.T) {
	e := newReviewEnv(t)
	ba := mergePerson(t, e.s, "Trần Văn Ba", 1950, "Buôn Đôn", "")
	e.quiz(ba, "antoan", map[string]bool{"q1": false}, "q1")
	a, err := e.s.StartAttempt(e.ctx, Attempt{ParticipantID: ba.ID, ModuleID: "muasam", QuestionIDs: []string{"q1", "q2", "q3"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"q1", "q2"} {
		if _, err := e.s.RecordAnswer(e.ctx, Answer{AttemptID: a.ID, QuestionID: q, Chosen: []string{"b"}}); err != nil {
			t.Fatal(err)
		}
	}
	e.wantQueue(ba, "muasam still in progress", "antoan/q1")
	if err := e.s.FinishAttempt(e.ctx, a.ID, 0, 3, false); err != nil {
		t.Fatal(err)
	}
	e.wantQueue(ba, "muasam finished", "antoan/q1", "muasam/q1", "muasam/q2")
}
