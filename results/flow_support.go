package results

import "context"

// This file holds what the participant flow (package flow) needs beyond the
// store's other methods: a front that keeps only ids between requests (the
// phone pages) reads an attempt back by its id.

// Attempt returns the attempt with id, or ErrNotFound.
func (s *Store) Attempt(ctx context.Context, id string) (Attempt, error) {
	return s.attempt(ctx, s.db, id)
}
