package flow

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"kynangso/quiz"
	"kynangso/results"
)

// This file holds the review of what a person missed ("mưa dầm thấm
// lâu"): after check-in and before new work, a returning person is asked
// again up to ReviewSize questions they missed in a quiz, oldest miss
// first, each with its explanation after. The queue is the store's
// (results.ReviewQueue): a question leaves it once answered right twice in
// reviews, or right in a later quiz. Each question of a round is a review
// attempt of its own (one question), answered through Answer or Record like
// any quiz answer, idempotently; reviews never count as quizzes.
//
// A stateless front (the phone pages) needs only ids: ReviewWaiting for
// the offer, OpenReview to start the round or carry on with the one in
// progress (calling it again returns the same round), Answer with the
// item's attempt id, FinishReview with the round's attempt ids (again
// returns the same result).

// ReviewSize is how many missed questions a round asks at most: a short
// look back, so that the visit is still mostly new work.
const ReviewSize = 3

// ReviewStore is the part of a store that keeps reviews; *results.Store
// has it. A store without it (a front test's small fake) has nothing to
// review.
type ReviewStore interface {
	ReviewQueue(ctx context.Context, participantID string) ([]results.Missed, error)
	StartReview(ctx context.Context, participantID, sessionID string, qs []results.ReviewQuestion) ([]results.Attempt, bool, error)
	ReviewsInProgress(ctx context.Context, participantID string) ([]results.Attempt, error)
}

// ErrNotReview means an attempt id given to FinishReview is a quiz's.
var ErrNotReview = errors.New("this attempt is not a review")

// Review is a round of review, ready to show.
type Review struct {
	Items []ReviewItem
	// Waiting is how many questions wait in the person's queue, those of
	// this round included.
	Waiting int
	// Resumed is set when the round was begun before (the power went, the
	// page was loaded again) and carries on.
	Resumed bool
}

// ReviewItem is one question of a round: its own attempt, the module it
// comes from, the question as drawn (choices shuffled afresh) and the
// answer stored, if any.
type ReviewItem struct {
	AttemptID string
	ModuleID  string
	Question  quiz.Drawn
	Answer    results.Answer
	Answered  bool
}

// Next returns the index of the first unanswered item after index after
// (-1 to start from the first), and false when none is left.
func (r *Review) Next(after int) (int, bool) {
	for i := after + 1; i < len(r.Items); i++ {
		if !r.Items[i].Answered {
			return i, true
		}
	}
	return 0, false
}

// AttemptIDs are the round's attempt ids in order, what FinishReview takes.
func (r *Review) AttemptIDs() []string {
	ids := make([]string, len(r.Items))
	for i, it := range r.Items {
		ids[i] = it.AttemptID
	}
	return ids
}

// ReviewResult is how a round went.
type ReviewResult struct {
	// Asked counts the questions answered in the round, Right the right
	// answers among them.
	Asked, Right int
	// Learnt counts the questions the round took out of the queue (the
	// second right answer in a review).
	Learnt int
	// Waiting is how many questions still wait for another visit.
	Waiting int
}

// waiting is the person's queue, keeping to the questions the pack still
// has (a question removed from the pack is skipped, not asked).
func (f *Flow) waiting(ctx context.Context, rs ReviewStore, participantID string) ([]results.Missed, error) {
	all, err := rs.ReviewQueue(ctx, participantID)
	if err != nil {
		return nil, fmt.Errorf("review queue: %w", err)
	}
	out := all[:0]
	for _, m := range all {
		if _, ok := f.question(m.ModuleID, m.QuestionID); ok {
			out = append(out, m)
		}
	}
	return out, nil
}

// question finds a question of the pack.
func (f *Flow) question(moduleID, questionID string) (quiz.Question, bool) {
	mod := f.pack.Module(moduleID)
	if mod == nil {
		return quiz.Question{}, false
	}
	i := slices.IndexFunc(mod.Questions, func(q quiz.Question) bool { return q.ID == questionID })
	if i < 0 {
		return quiz.Question{}, false
	}
	return mod.Questions[i], true
}

// ReviewWaiting says how many questions wait for the person's review, for
// the offer after check-in and the trainer's record.
func (f *Flow) ReviewWaiting(ctx context.Context, participantID string) (int, error) {
	rs, ok := f.store.(ReviewStore)
	if !ok || participantID == "" {
		return 0, nil
	}
	qs, err := f.waiting(ctx, rs, participantID)
	return len(qs), err
}

// OpenReview carries on with the person's round in progress on this
// laptop, or starts a new one with the ReviewSize oldest questions of the
// queue (in the visit's class, if one is open). With nothing to review it
// returns a round with no items, and stores nothing.
func (f *Flow) OpenReview(ctx context.Context, v Visit) (*Review, error) {
	rs, ok := f.store.(ReviewStore)
	if !ok || !v.Active() {
		return &Review{}, nil
	}
	queue, err := f.waiting(ctx, rs, v.Participant.ID)
	if err != nil {
		return nil, err
	}
	open, err := rs.ReviewsInProgress(ctx, v.Participant.ID)
	if err != nil {
		return nil, fmt.Errorf("open review: %w", err)
	}
	if len(open) == 0 && len(queue) == 0 {
		return &Review{}, nil
	}
	atts, resumed := open, len(open) > 0
	if !resumed {
		if atts, resumed, err = rs.StartReview(ctx, v.Participant.ID, v.classID(), f.roundOf(queue)); err != nil {
			return nil, fmt.Errorf("start review: %w", err)
		}
	}
	r := &Review{Waiting: len(queue), Resumed: resumed}
	for _, a := range atts {
		it, ok, err := f.reviewItem(ctx, a)
		if err != nil {
			return nil, err
		}
		if ok {
			r.Items = append(r.Items, it)
		}
	}
	return r, nil
}

// roundOf is the questions a new round asks: the oldest of the queue, each
// with a fresh seed, so its choices come in a new order. Two modules may
// use the same question id (q01), and a front shows a round's questions
// and answers by question id as it shows a quiz's, so a round never asks
// two questions of one id: the later one waits for the next round.
func (f *Flow) roundOf(queue []results.Missed) []results.ReviewQuestion {
	var qs []results.ReviewQuestion
	for _, m := range queue {
		if len(qs) == ReviewSize {
			break
		}
		if slices.ContainsFunc(qs, func(q results.ReviewQuestion) bool { return q.QuestionID == m.QuestionID }) {
			continue
		}
		qs = append(qs, results.ReviewQuestion{ModuleID: m.ModuleID, QuestionID: m.QuestionID,
			PackVersion: f.pack.Module(m.ModuleID).PackVersion, Seed: f.seed()})
	}
	return qs
}

// classID is the id of the visit's class, "" outside a class.
func (v Visit) classID() string {
	if v.HasClass {
		return v.Class.ID
	}
	return ""
}

// reviewItem lays out one review attempt. One whose question left the pack
// since the round began is ended (abandoned) and left out.
func (f *Flow) reviewItem(ctx context.Context, a results.Attempt) (ReviewItem, bool, error) {
	it := ReviewItem{AttemptID: a.ID, ModuleID: a.ModuleID}
	drawn, err := f.arrange(a)
	if err != nil {
		if err := f.store.AbandonAttempt(ctx, a.ID); err != nil {
			return it, false, fmt.Errorf("open review: %w", err)
		}
		return it, false, nil
	}
	it.Question = drawn[0]
	answers, err := f.store.Answers(ctx, a.ID)
	if err != nil {
		return it, false, fmt.Errorf("open review: %w", err)
	}
	if len(answers) > 0 {
		it.Answer, it.Answered = answers[0], true
	}
	return it, true, nil
}

// FinishReview ends the person's round given by its attempt ids: each
// answered question's attempt is finished with its score (never a pass),
// each unanswered one is abandoned (it stays in the queue for another
// visit). It can be called again, and returns the same result.
func (f *Flow) FinishReview(ctx context.Context, participantID string, attemptIDs []string) (ReviewResult, error) {
	var res ReviewResult
	type done struct{ module, question string }
	var right []done
	for _, id := range attemptIDs {
		a, err := f.ownAttempt(ctx, participantID, id)
		if err != nil {
			return ReviewResult{}, err
		}
		if a.Kind != results.KindReview {
			return ReviewResult{}, ErrNotReview
		}
		answers, err := f.store.Answers(ctx, id)
		if err != nil {
			return ReviewResult{}, fmt.Errorf("finish review: %w", err)
		}
		if err := f.endReview(ctx, a, answers); err != nil {
			return ReviewResult{}, err
		}
		if len(answers) == 0 {
			continue
		}
		res.Asked++
		if answers[0].Correct {
			res.Right++
			right = append(right, done{a.ModuleID, answers[0].QuestionID})
		}
	}
	rs, ok := f.store.(ReviewStore)
	if !ok {
		return res, nil
	}
	queue, err := f.waiting(ctx, rs, participantID)
	if err != nil {
		return ReviewResult{}, err
	}
	res.Waiting = len(queue)
	for _, d := range right {
		if !slices.ContainsFunc(queue, func(m results.Missed) bool { return m.ModuleID == d.module && m.QuestionID == d.question }) {
			res.Learnt++
		}
	}
	return res, nil
}

// endReview stores the end of one review attempt still in progress.
func (f *Flow) endReview(ctx context.Context, a results.Attempt, answers []results.Answer) error {
	if a.State != results.StateInProgress {
		return nil
	}
	var err error
	if len(answers) == 0 {
		err = f.store.AbandonAttempt(ctx, a.ID)
	} else {
		score := 0
		if answers[0].Correct {
			score = 1
		}
		err = f.store.FinishAttempt(ctx, a.ID, score, 1, false)
	}
	if err != nil {
		return fmt.Errorf("finish review: %w", err)
	}
	return nil
}
