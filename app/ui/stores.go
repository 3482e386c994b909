package ui

import (
	"context"
	"io"
	"time"

	"kynangso/results"
)

// The trainer's area reaches the store through these small interfaces, one
// per concern, composed like soft-serve's store.Store. Common holds each
// once (Stores), filled from the store the program was given; a page keeps
// the one it needs, and a nil one (a participant-screen test's fake) shows
// a plain message instead of a page. *results.Store satisfies them all.

// SessionStore opens, closes and lists classes, and reads the live view of
// one.
type SessionStore interface {
	CurrentSession(ctx context.Context) (results.ClassSession, bool, error)
	OpenSession(ctx context.Context, c results.ClassSession) (results.ClassSession, error)
	CloseSession(ctx context.Context, id string) error
	ReopenSession(ctx context.Context, id string) error
	Sessions(ctx context.Context) ([]results.ClassSession, error)
	Dashboard(ctx context.Context, sessionID string) ([]results.DashboardRow, error)
}

// PeopleStore finds, corrects, joins and erases participants, and reads one
// person's history.
type PeopleStore interface {
	SearchParticipants(ctx context.Context, query string, limit int) ([]results.Participant, error)
	UpdateParticipant(ctx context.Context, p results.Participant) error
	DeleteParticipantData(ctx context.Context, id string) error
	LinkParticipants(ctx context.Context, fromID, intoID string) error
	ProbableDuplicates(ctx context.Context) ([]results.DuplicatePair, error)
	ParticipantHistory(ctx context.Context, id string, cat results.Catalog) (results.History, error)
}

// ReportStore computes the summaries of a class, a period or a village.
type ReportStore interface {
	ClassSummary(ctx context.Context, f results.Filter, cat results.Catalog) (results.ClassReport, error)
	ItemAnalysis(ctx context.Context, f results.Filter, cat results.Catalog) (results.ItemReport, error)
	Coverage(ctx context.Context, f results.Filter, cat results.Catalog) (results.CoverageReport, error)
	FollowUp(ctx context.Context, f results.Filter, cat results.Catalog, withPhone bool) (results.FollowUpReport, error)
	FollowUpOverview(ctx context.Context, f results.Filter, cat results.Catalog) (results.FollowUpOverview, error)
	// ModulesStudied tells, for the follow-up list, what each person read
	// or tried ("chưa đạt") from what they have not begun ("chưa học").
	ModulesStudied(ctx context.Context, ids []string) (map[string]map[string]results.Study, error)
}

// FileStore writes exports and backups, and says where the database is.
type FileStore interface {
	Export(ctx context.Context, w io.Writer, kind results.ExportKind, format results.Format, opt results.ExportOptions) (results.ExportInfo, error)
	Backup(ctx context.Context, dst string) error
	Path() string
}

// PINStore keeps the trainer's PIN and its back-off after wrong tries.
type PINStore interface {
	HasPIN(ctx context.Context) (bool, error)
	SetPIN(ctx context.Context, pin string) error
	CheckPIN(ctx context.Context, pin string, now time.Time) (results.PINCheck, error)
	PINState(ctx context.Context) (int, time.Time, error)
}

// LaptopStore names this laptop (merged results show where they came
// from) and counts the erasures still waiting to leave its data file.
type LaptopStore interface {
	DeviceName(ctx context.Context) (string, error)
	SetDeviceName(ctx context.Context, name string) error
	PendingErasures(ctx context.Context) (int, error)
}

// TrainerStore is everything the trainer's area uses.
type TrainerStore interface {
	SessionStore
	PeopleStore
	ReportStore
	FileStore
	PINStore
	LaptopStore
}

// Stores are the store's parts the trainer's area uses, each nil when the
// store given to the program lacks it.
type Stores struct {
	Sessions SessionStore
	People   PeopleStore
	Reports  ReportStore
	Files    FileStore
	PIN      PINStore
	Laptop   LaptopStore
}

// StoresOf takes the parts of s that it has; the root calls it once.
func StoresOf(s any) Stores {
	var out Stores
	out.Sessions, _ = s.(SessionStore)
	out.People, _ = s.(PeopleStore)
	out.Reports, _ = s.(ReportStore)
	out.Files, _ = s.(FileStore)
	out.PIN, _ = s.(PINStore)
	out.Laptop, _ = s.(LaptopStore)
	return out
}
