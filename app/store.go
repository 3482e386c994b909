package app

import (
	"context"

	"kynangso/results"
)

// Store is the part of the results store the TUI uses. It is declared here,
// on the consumer side, so screens can be tested against a real temporary
// database or a small fake; *results.Store satisfies it. The trainer screens
// extend this interface with the methods they need.
type Store interface {
	CreateParticipant(ctx context.Context, p results.Participant) (results.Participant, error)
	Participant(ctx context.Context, id string) (results.Participant, error)
	SearchParticipants(ctx context.Context, query string, limit int) ([]results.Participant, error)
	CurrentSession(ctx context.Context) (results.ClassSession, bool, error)
	CheckIn(ctx context.Context, sessionID, participantID string) (results.Attendance, error)
	SaveLessonPage(ctx context.Context, participantID, moduleID string, page, pageCount int) error
	LessonProgress(ctx context.Context, participantID string) (map[string]results.LessonProgress, error)
	StartAttempt(ctx context.Context, a results.Attempt) (results.Attempt, error)
	InProgressAttempt(ctx context.Context, participantID, moduleID string) (results.Attempt, []results.Answer, bool, error)
	RecordAnswer(ctx context.Context, a results.Answer) (results.Answer, error)
	FinishAttempt(ctx context.Context, attemptID string, score, max int, passed bool) error
	AbandonAttempt(ctx context.Context, attemptID string) error
	Attempts(ctx context.Context, participantID string) ([]results.Attempt, error)
	Setting(ctx context.Context, key string) (string, bool, error)
}
