package app

import (
	"context"
	"io"
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

	ClassSummary(ctx context.Context, f results.Filter, cat results.Catalog) (results.ClassReport, error)
	ParticipantHistory(ctx context.Context, id string, cat results.Catalog) (results.History, error)
	ItemAnalysis(ctx context.Context, f results.Filter, cat results.Catalog) (results.ItemReport, error)
	Coverage(ctx context.Context, f results.Filter, cat results.Catalog) (results.CoverageReport, error)
	FollowUp(ctx context.Context, f results.Filter, cat results.Catalog, withPhone bool) (results.FollowUpReport, error)
	FollowUpOverview(ctx context.Context, f results.Filter, cat results.Catalog) (results.FollowUpOverview, error)

	UpdateParticipant(ctx context.Context, p results.Participant) error
	DeleteParticipantData(ctx context.Context, id string) error
	LinkParticipants(ctx context.Context, fromID, intoID string) error
	ProbableDuplicates(ctx context.Context) ([]results.DuplicatePair, error)

	Export(ctx context.Context, w io.Writer, kind results.ExportKind, format results.Format, opt results.ExportOptions) (results.ExportInfo, error)
	Backup(ctx context.Context, dst string) error

	Path() string
}

// trainerStore returns the store as a TrainerStore, if it is one.
func trainerStore(c *Common) (TrainerStore, bool) {
	ts, ok := c.Store.(TrainerStore)
	return ts, ok
}
