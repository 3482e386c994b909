package app

import (
	"context"
	"time"

	"kynangso/results"
)

// TrainerStore is the part of the results store the trainer's area uses, on
// top of what participant screens need. *results.Store satisfies it; the
// trainer area checks for it once and shows a plain message when the store
// given to the app lacks it (a fake in a participant-screen test).
type TrainerStore interface {
	Store
	SetSetting(ctx context.Context, key, value string) error

	HasPIN(ctx context.Context) (bool, error)
	SetPIN(ctx context.Context, pin string) error
	CheckPIN(ctx context.Context, pin string, now time.Time) (results.PINCheck, error)
	PINState(ctx context.Context) (int, time.Time, error)

	OpenSession(ctx context.Context, c results.ClassSession) (results.ClassSession, error)
	CloseSession(ctx context.Context, id string) error
	ReopenSession(ctx context.Context, id string) error
	Sessions(ctx context.Context) ([]results.ClassSession, error)
	Dashboard(ctx context.Context, sessionID string) ([]results.DashboardRow, error)

	Path() string
}

// trainerStore returns the store as a TrainerStore, if it is one.
func trainerStore(c *Common) (TrainerStore, bool) {
	ts, ok := c.Store.(TrainerStore)
	return ts, ok
}
