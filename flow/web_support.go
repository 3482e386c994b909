package flow

import (
	"context"
	"fmt"
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
