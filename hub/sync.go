package hub

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"kynangso/results"
)

// Phase is a step of a sync, in the order they happen.
type Phase int

// The phases a sync reports, in order.
const (
	PhaseConnect Phase = iota // reaching the hub
	PhaseScan                 // finding what this laptop has not sent yet
	PhaseSend                 // sending it, a chunk at a time
	PhasePull                 // reading the commune's people back
	PhaseApply                // merging them into this laptop
	PhaseDone                 // finished
)

// Progress is what a sync reports as it goes: the phase, and in PhaseSend
// and PhasePull the rows done out of the rows to do.
type Progress struct {
	Phase Phase
	Done  int
	Total int
}

// TableResult is what one table's rows did on the hub.
type TableResult struct {
	// Sent is the number of rows this sync sent.
	Sent int
	// New rows the hub did not have; Updated rows whose version here won
	// (or, for lesson progress, was combined); Refused versions of another
	// commune's records, which a laptop may not change.
	New, Updated, Refused int
	// Repaired counts rows the hub adjusted by the merge rules (a second
	// open class, a circle of joins, data of an erased person).
	Repaired int
}

// Result is what a sync did.
type Result struct {
	// Team and Commune the laptop's login belongs to.
	Team, Commune string
	// Tables by name (results.HubTables), for the rows sent.
	Tables map[string]TableResult
	// Pulled counts the people and joins read back from the hub; Merge is
	// what merging them into this laptop brought (zero when none was new).
	Pulled int
	Merge  results.MergeReport
}

// SentRows is the number of rows the sync sent.
func (r Result) SentRows() int {
	n := 0
	for _, t := range r.Tables {
		n += t.Sent
	}
	return n
}

// ErrNotTeam means the hub login is not a team's (for example the province's
// read-only login was set on a laptop).
var ErrNotTeam = errors.New("hub: this login is not a team's laptop login")

// Sync sends everything this laptop has not yet sent to the hub, then
// merges the people of its commune (and their joins and erasures) back in,
// so a resident registered on any laptop of the commune is found at
// check-in. Rows go in chunks, each merged by the hub in its own
// transaction: an interruption (ctx cancelled, the connection lost) loses
// nothing, and the next sync sends only what the hub did not confirm.
// Running it twice changes nothing. progress, when not nil, is called as
// the sync goes; it must not block.
func Sync(ctx context.Context, store *results.Store, cfg Config, progress func(Progress)) (Result, error) {
	report := func(p Progress) {
		if progress != nil {
			progress(p)
		}
	}
	report(Progress{Phase: PhaseConnect})
	conn, err := Connect(ctx, cfg)
	if err != nil {
		return Result{}, err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	res, err := syncConn(ctx, conn, store, report)
	return res, maskErr(err, cfg.DSN)
}

func syncConn(ctx context.Context, conn *pgx.Conn, store *results.Store, report func(Progress)) (Result, error) {
	res := Result{Tables: map[string]TableResult{}}
	if err := CheckSchema(ctx, conn); err != nil {
		return res, err
	}
	var hubID string
	var team, commune *string
	err := conn.QueryRow(ctx, `SELECT (SELECT value FROM kynangso.hub_meta WHERE key = 'hub_id'), w.team, w.commune
		FROM kynangso.whoami() AS w`).Scan(&hubID, &team, &commune)
	if err != nil {
		return res, fmt.Errorf("read the hub's team: %w", err)
	}
	if team == nil {
		return res, ErrNotTeam
	}
	res.Team, res.Commune = *team, *commune
	led := loadLedger(ledgerPath(store.Path()), hubID)
	report(Progress{Phase: PhaseScan})
	pending, err := scanPending(ctx, store, led)
	if err != nil {
		return res, err
	}
	if err := sendPending(ctx, conn, store, led, pending, &res, report); err != nil {
		return res, err
	}
	if err := pullCommune(ctx, conn, store, led, &res, report); err != nil {
		return res, err
	}
	report(Progress{Phase: PhaseDone})
	return res, nil
}
