// Package flow holds the rules of a participant's visit, below every front
// (the terminal app today, the phone pages next): checking in by search or
// by registering with consent, attendance, the module menu and each
// module's status, lesson progress, drawing or resuming a quiz attempt,
// recording an answer, finishing and scoring, and ending the visit.
//
// A front calls these functions and shows what they return; it holds no
// rule of its own and no SQL. Every call takes what a stateless front keeps
// between requests (a participant id, an attempt id) and reads the rest
// from the store, so a web handler with only a cookie can resume where a
// person was. Recording an answer is idempotent per attempt and question.
//
// The package imports neither bubbletea, lipgloss nor net/http (a test
// checks it). Texts are not its business: problems come back as catalog
// keys (Problem) that each front words in its own language.
package flow

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"kynangso/lessons"
	"kynangso/results"
)

// Store is the part of the results store a visit uses; *results.Store
// satisfies it, and front tests may use a small fake.
type Store interface {
	CreateParticipant(ctx context.Context, p results.Participant) (results.Participant, error)
	Participant(ctx context.Context, id string) (results.Participant, error)
	SearchParticipants(ctx context.Context, query string, limit int) ([]results.Participant, error)
	CurrentSession(ctx context.Context) (results.ClassSession, bool, error)
	CheckIn(ctx context.Context, sessionID, participantID string) (results.Attendance, error)
	SaveLessonPage(ctx context.Context, participantID, moduleID string, page, pageCount int) error
	LessonProgress(ctx context.Context, participantID string) (map[string]results.LessonProgress, error)
	StartAttempt(ctx context.Context, a results.Attempt) (results.Attempt, error)
	Attempt(ctx context.Context, id string) (results.Attempt, error)
	InProgressAttempt(ctx context.Context, participantID, moduleID string) (results.Attempt, []results.Answer, bool, error)
	Answers(ctx context.Context, attemptID string) ([]results.Answer, error)
	RecordAnswer(ctx context.Context, a results.Answer) (results.Answer, error)
	FinishAttempt(ctx context.Context, attemptID string, score, max int, passed bool) error
	AbandonAttempt(ctx context.Context, attemptID string) error
	Attempts(ctx context.Context, participantID string) ([]results.Attempt, error)
	Setting(ctx context.Context, key string) (string, bool, error)
}

// SettingIdleMinutes is the store setting that overrides how long a
// participant screen may sit untouched, in whole minutes.
const SettingIdleMinutes = "idle_timeout_minutes"

// Flow runs visits against one store and one content pack.
type Flow struct {
	store Store
	pack  *lessons.Pack
	now   func() time.Time
	seed  func() uint64
	seat  results.Seat // where this front's people sit (seat.go)
}

// Option configures a Flow.
type Option func(*Flow)

// WithClock sets the clock consent and answer times are taken from (the
// store's own clock stamps everything else).
func WithClock(now func() time.Time) Option { return func(f *Flow) { f.now = now } }

// WithSeed sets where new attempts get their random seed (tests pin it).
func WithSeed(seed func() uint64) Option { return func(f *Flow) { f.seed = seed } }

// New returns the flow of visits on store with pack. A nil pack has no
// modules.
func New(store Store, pack *lessons.Pack, opts ...Option) *Flow {
	f := &Flow{store: store, pack: pack, now: time.Now, seed: rand.Uint64, seat: results.SeatLaptop}
	for _, o := range opts {
		o(f)
	}
	if f.pack == nil {
		f.pack = &lessons.Pack{}
	}
	return f
}

// Pack is the content the visits teach.
func (f *Flow) Pack() *lessons.Pack { return f.pack }

// Now reads the flow's clock.
func (f *Flow) Now() time.Time { return f.now() }

// Visit is who is at a seat: the person checked in and the class open on
// the laptop (if a trainer opened one).
type Visit struct {
	Participant results.Participant
	Class       results.ClassSession
	HasClass    bool
}

// Active reports whether someone has checked in.
func (v Visit) Active() bool { return v.Participant.ID != "" }

// Class is the class open on the laptop and the idle timeout the trainer
// set for it (0 when none is set).
type Class struct {
	Session results.ClassSession
	Open    bool
	Idle    time.Duration
}

// OpenClass reads the class open on this laptop and the idle setting.
func (f *Flow) OpenClass(ctx context.Context) (Class, error) {
	s, ok, err := f.store.CurrentSession(ctx)
	if err != nil {
		return Class{}, fmt.Errorf("read open class: %w", err)
	}
	c := Class{Session: s, Open: ok}
	if v, found, err := f.store.Setting(ctx, SettingIdleMinutes); err == nil && found {
		if n, err := strconv.Atoi(v); err == nil && n > 0 {
			c.Idle = time.Duration(n) * time.Minute
		}
	}
	return c, nil
}

// Resume rebuilds the visit of a person known only by id (a phone whose
// page was reloaded): the person and the class open now.
func (f *Flow) Resume(ctx context.Context, participantID string) (Visit, error) {
	p, err := f.store.Participant(ctx, participantID)
	if err != nil {
		return Visit{}, fmt.Errorf("resume visit: %w", err)
	}
	if !p.DeletedAt.IsZero() {
		return Visit{}, fmt.Errorf("resume visit: %w", results.ErrNotFound)
	}
	c, err := f.OpenClass(ctx)
	if err != nil {
		return Visit{}, err
	}
	return Visit{Participant: p, Class: c.Session, HasClass: c.Open}, nil
}

// ErrNotYours means an id given by a front belongs to another person: a
// phone cannot answer, finish or leave someone else's attempt.
var ErrNotYours = errors.New("this attempt belongs to another person")
