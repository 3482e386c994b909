package flow

import (
	"context"
	"fmt"

	"kynangso/internal/safetext"
	"kynangso/results"
)

// sameLimit bounds the names a same-person lookup reads: a full name
// matches few people, and the form only asks about the first.
const sameLimit = 50

// SamePeople finds the people already registered with the draft's full
// name, birth year and village (diacritics and case aside), so a front can
// ask "Is this you?" before it creates a second record of the same person.
// Nothing new is shown to the person asking: they typed all three.
func (f *Flow) SamePeople(ctx context.Context, draft results.Participant) ([]results.Participant, error) {
	name := safetext.Fold(draft.FullName)
	if name == "" || draft.BirthYear == 0 {
		return nil, nil
	}
	found, err := f.store.SearchParticipants(ctx, draft.FullName, sameLimit)
	if err != nil {
		return nil, fmt.Errorf("look for the same person: %w", err)
	}
	village := safetext.Fold(draft.Village)
	var out []results.Participant
	for _, p := range found {
		if p.Anonymous || !p.DeletedAt.IsZero() {
			continue
		}
		if safetext.Fold(p.FullName) == name && p.BirthYear == draft.BirthYear && safetext.Fold(p.Village) == village {
			out = append(out, p)
		}
	}
	return out, nil
}

// WalkIn starts the visit of someone who wants to try the lessons without
// being recorded: an anonymous participant, as after declining consent,
// but without typing any details first. Their answers count in the class
// totals; nothing says who they are.
func (f *Flow) WalkIn(ctx context.Context, class Class) (results.Participant, Visit, error) {
	return f.Register(ctx, class, results.Participant{}, false)
}
