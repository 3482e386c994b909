package flow

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"kynangso/quiz"
	"kynangso/results"
)

// This file holds what a stateless front (the phone pages, package web)
// needs beyond the calls the terminal app makes: it keeps only ids between
// requests, so it reads an attempt back by its id.

// LoadAttempt reads the person's attempt by id, ready to show: its
// questions as drawn and the answers committed so far. An attempt of
// another person gives ErrNotYours, so a phone that swaps the id in its
// address sees nothing of anyone else's.
func (f *Flow) LoadAttempt(ctx context.Context, participantID, attemptID string) (*Attempt, error) {
	a, err := f.ownAttempt(ctx, participantID, attemptID)
	if err != nil {
		return nil, err
	}
	drawn, err := f.arrange(a)
	if err != nil {
		return nil, err
	}
	answers, err := f.store.Answers(ctx, attemptID)
	if err != nil {
		return nil, fmt.Errorf("load attempt: %w", err)
	}
	return &Attempt{Attempt: a, Questions: drawn, Answers: answerMap(answers)}, nil
}

// ErrBadChoice means a front sent a choice number the question does not
// show, or several numbers for a question that takes one answer.
var ErrBadChoice = errors.New("no such choice for this question")

// AnswerNumbers records the answer given by choice numbers as shown (1 is
// the first choice as drawn), the numbers the laptop's keys and the phone
// page's buttons carry. It checks the attempt is the person's, the
// question is one it drew and the numbers are its choices, then commits
// the answer (on disk before it returns). It is idempotent like Record: a
// question answered before keeps its first answer, which is returned with
// fresh false.
func (f *Flow) AnswerNumbers(ctx context.Context, participantID, attemptID, questionID string, numbers []int, shown time.Time) (saved results.Answer, fresh bool, err error) {
	a, err := f.ownAttempt(ctx, participantID, attemptID)
	if err != nil {
		return results.Answer{}, false, err
	}
	drawn, err := f.arrange(a)
	if err != nil {
		return results.Answer{}, false, err
	}
	i := slices.IndexFunc(drawn, func(d quiz.Drawn) bool { return d.ID == questionID })
	if i < 0 {
		return results.Answer{}, false, fmt.Errorf("%w: question %q is not in this attempt", results.ErrInvalid, questionID)
	}
	ids, err := choiceIDs(drawn[i], numbers)
	if err != nil {
		return results.Answer{}, false, err
	}
	saved, err = f.store.RecordAnswer(ctx, NewAnswer(attemptID, drawn[i], ids, shown, f.now()))
	if errors.Is(err, results.ErrAlreadyAnswered) {
		saved, err = f.storedAnswer(ctx, attemptID, questionID)
		return saved, false, err
	}
	if err != nil {
		return results.Answer{}, false, fmt.Errorf("record answer: %w", err)
	}
	return saved, true, nil
}

// SameChoices reports whether numbers (as shown, 1-based) pick exactly the
// choices ids stored for q.
func SameChoices(q quiz.Drawn, ids []string, numbers []int) bool {
	picked, err := choiceIDs(q, numbers)
	if err != nil {
		return false
	}
	return slices.Equal(slices.Sorted(slices.Values(picked)), slices.Sorted(slices.Values(ids)))
}

// choiceIDs maps shown choice numbers to choice ids, once each.
func choiceIDs(q quiz.Drawn, numbers []int) ([]string, error) {
	var ids []string
	for _, n := range numbers {
		if n < 1 || n > len(q.Choices) {
			return nil, ErrBadChoice
		}
		if id := q.Choices[n-1].ID; !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 || (q.Type != quiz.TypeMultiple && len(ids) > 1) {
		return nil, ErrBadChoice
	}
	return ids, nil
}
