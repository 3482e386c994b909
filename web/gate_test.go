package web

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"kynangso/results"
)

// slowBatches is a store whose answer commits take a while and are
// counted, so that answers posted meanwhile have to gather.
type slowBatches struct {
	*results.Store
	calls atomic.Int64
}

func (s *slowBatches) RecordAnswers(ctx context.Context, as []results.Answer) ([]results.Answer, []error, error) {
	s.calls.Add(1)
	time.Sleep(5 * time.Millisecond) // a slow disk
	return s.Store.RecordAnswers(ctx, as)
}

// Forty answers posted at once are committed in a few transactions, each
// caller gets its own answer back, and every answer is stored once.
func TestGroupCommit(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	slow := &slowBatches{Store: s.store}
	g := &gatedStore{Store: slow}
	p, err := s.store.CreateParticipant(ctx, results.Participant{Anonymous: true})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, 40)
	for i := range ids {
		ids[i] = fmt.Sprintf("q%02d", i)
	}
	a, err := s.store.StartAttempt(ctx, results.Attempt{ParticipantID: p.ID, ModuleID: "m", QuestionIDs: ids})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(ids))
	for _, q := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			saved, err := g.RecordAnswer(ctx, results.Answer{AttemptID: a.ID, QuestionID: q, Chosen: []string{"a"}})
			if err == nil && saved.QuestionID != q {
				err = fmt.Errorf("asked for %s, got back %s", q, saved.QuestionID)
			}
			if err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := len(s.answers(a.ID)); n != len(ids) {
		t.Fatalf("%d answers stored, want %d", n, len(ids))
	}
	if c := slow.calls.Load(); c >= int64(len(ids)) || c < 1 {
		t.Fatalf("%d commits for %d answers posted at once", c, len(ids))
	}
	// An answer given twice in one batch is stored once; the second gets
	// ErrAlreadyAnswered, which the flow turns into the stored answer.
	var first, second error
	wg.Add(2)
	go func() {
		defer wg.Done()
		_, first = g.RecordAnswer(ctx, results.Answer{AttemptID: a.ID, QuestionID: "q00"})
	}()
	go func() {
		defer wg.Done()
		_, second = g.RecordAnswer(ctx, results.Answer{AttemptID: a.ID, QuestionID: "q00"})
	}()
	wg.Wait()
	if first == nil || second == nil {
		t.Fatalf("answering q00 again: %v, %v; want both refused as already answered", first, second)
	}
}
