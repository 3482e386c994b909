package flow

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"kynangso/results"
)

// SearchLimit is how many names a check-in search lists at most.
const SearchLimit = 20

// MinSearchLetters is how many letters a search needs before names are
// listed: one letter would list half the village to whoever sits down next
// on a shared laptop.
const MinSearchLetters = 2

// TooShort reports whether q has fewer than MinSearchLetters letters or
// digits (spaces and punctuation do not count).
func TooShort(q string) bool {
	n := 0
	for _, r := range q {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n < MinSearchLetters
}

// Search finds registered people whose name matches query, accents
// optional. A query that is too short finds nobody, by rule.
func (f *Flow) Search(ctx context.Context, query string) ([]results.Participant, error) {
	q := strings.TrimSpace(query)
	if TooShort(q) {
		return nil, nil
	}
	people, err := f.store.SearchParticipants(ctx, q, SearchLimit)
	if err != nil {
		return nil, fmt.Errorf("search participants: %w", err)
	}
	return people, nil
}

// CheckIn starts the visit of a known person: their attendance is recorded
// for the class open on the laptop, if there is one.
func (f *Flow) CheckIn(ctx context.Context, class Class, p results.Participant) (Visit, error) {
	if class.Open {
		if _, err := f.store.CheckIn(ctx, class.Session.ID, p.ID); err != nil {
			return Visit{}, fmt.Errorf("check in: %w", err)
		}
		f.takeSeat(ctx, class.Session.ID, p.ID)
	}
	return Visit{Participant: p, Class: class.Session, HasClass: class.Open}, nil
}

// ErrNotCheckedIn means a person was registered but their attendance could
// not be recorded: the caller retries CheckIn with the participant
// Register returned, never Register again (that would create them twice).
var ErrNotCheckedIn = errors.New("registered but not checked in")

// Register stores a new person and checks them in. With consent the
// person is kept under their name with the consent version and time (Law
// 91/2025); without it an anonymous participant is stored, who can still
// learn and take quizzes. On ErrNotCheckedIn the returned participant is
// the one created.
func (f *Flow) Register(ctx context.Context, class Class, draft results.Participant, consent bool) (results.Participant, Visit, error) {
	p := draft
	if consent {
		p.ConsentVersion, p.ConsentAt = results.ConsentVersion, f.now()
	} else {
		p = results.Participant{Anonymous: true}
	}
	saved, err := f.store.CreateParticipant(ctx, p)
	if err != nil {
		return results.Participant{}, Visit{}, fmt.Errorf("create participant: %w", err)
	}
	v, err := f.CheckIn(ctx, class, saved)
	if err != nil {
		return saved, Visit{}, fmt.Errorf("%w: %w", ErrNotCheckedIn, err)
	}
	return saved, v, nil
}
