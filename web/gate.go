package web

import (
	"context"
	"sync"

	"kynangso/results"
)

// gatedStore lets the phones' writes into SQLite one at a time. SQLite
// takes one writer at a time anyway; left to itself, each of 40 phones
// posting at once opens its own connection, meets the write lock and
// sleeps in SQLite's busy handler (1, 2, 5, 10… 100 ms), which made "saved"
// take seconds. Queued here instead, each commit starts the moment the
// previous one ends. Reads are not gated: in WAL mode they never wait for
// a writer. The laptop's own seat, in this program or another, still
// meets SQLite's lock and its busy timeout, as before.
type gatedStore struct {
	Store
	mu sync.Mutex // the write gate

	bmu  sync.Mutex   // guards next
	next *answerBatch // the answers waiting for the next commit
}

// answerBatch is answers committed together in one transaction: while one
// commit writes to disk, the answers posted meanwhile gather here, and the
// first of them to get the gate commits them all at once. Each request
// still waits for its own answer to be on disk before its page says
// "saved"; forty phones answering at once cost a few disk writes instead of
// forty.
type answerBatch struct {
	answers []results.Answer
	saved   []results.Answer
	errs    []error
	err     error
	done    bool
}

// gated runs one write with the gate held.
func gated[T any](g *gatedStore, write func() (T, error)) (T, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return write()
}

// do runs one write that returns only an error with the gate held.
func (g *gatedStore) do(write func() error) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return write()
}

// The writes other than answers, one at a time.

func (g *gatedStore) CreateParticipant(ctx context.Context, p results.Participant) (results.Participant, error) {
	return gated(g, func() (results.Participant, error) { return g.Store.CreateParticipant(ctx, p) })
}

func (g *gatedStore) CheckIn(ctx context.Context, sessionID, participantID string) (results.Attendance, error) {
	return gated(g, func() (results.Attendance, error) { return g.Store.CheckIn(ctx, sessionID, participantID) })
}

func (g *gatedStore) SaveLessonPage(ctx context.Context, participantID, moduleID string, page, pageCount int) error {
	return g.do(func() error { return g.Store.SaveLessonPage(ctx, participantID, moduleID, page, pageCount) })
}

func (g *gatedStore) StartAttempt(ctx context.Context, a results.Attempt) (results.Attempt, error) {
	return gated(g, func() (results.Attempt, error) { return g.Store.StartAttempt(ctx, a) })
}

// RecordAnswer joins the answer to the next batch and returns once the
// batch is committed.
func (g *gatedStore) RecordAnswer(ctx context.Context, a results.Answer) (results.Answer, error) {
	g.bmu.Lock()
	if g.next == nil {
		g.next = &answerBatch{}
	}
	b, i := g.next, len(g.next.answers)
	b.answers = append(b.answers, a)
	g.bmu.Unlock()

	g.mu.Lock()
	if !b.done { // nobody committed it yet: it is still g.next, take it whole
		g.bmu.Lock()
		g.next = nil
		g.bmu.Unlock()
		// The batch is everyone's: a phone that gave up waiting must not
		// cancel its neighbours' answers.
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), requestTimeout)
		b.saved, b.errs, b.err = g.Store.RecordAnswers(cctx, b.answers)
		cancel()
		b.done = true
	}
	g.mu.Unlock()
	if b.err != nil {
		return results.Answer{}, b.err
	}
	return b.saved[i], b.errs[i]
}

func (g *gatedStore) FinishAttempt(ctx context.Context, attemptID string, score, max int, passed bool) error {
	return g.do(func() error { return g.Store.FinishAttempt(ctx, attemptID, score, max, passed) })
}

func (g *gatedStore) AbandonAttempt(ctx context.Context, attemptID string) error {
	return g.do(func() error { return g.Store.AbandonAttempt(ctx, attemptID) })
}

func (g *gatedStore) TakeSeat(ctx context.Context, sessionID, participantID string, seat results.Seat) error {
	return g.do(func() error { return g.Store.TakeSeat(ctx, sessionID, participantID, seat) })
}

func (g *gatedStore) LeaveSeat(ctx context.Context, sessionID, participantID string) error {
	return g.do(func() error { return g.Store.LeaveSeat(ctx, sessionID, participantID) })
}
