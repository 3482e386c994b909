package hub

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"kynangso/internal/safetext"
	"kynangso/results"
)

// The province's summaries of a whole history (no class, no dates) come
// straight from the summary tables the hub keeps up to date as laptops
// push (migration 4): a few thousand grouped rows, whatever the size of
// the province, turned into reports by the laptop's own code
// (results.Summaries). Reports that need the rows themselves (a class,
// dates, the follow-up list, the exports) still run on the report mirror.

// Querier is what the summaries read through: a connection, or a
// transaction that holds one snapshot for several reports.
type Querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// Summaries is the hub's summary tables as a results.SummarySource, read
// as the province's login (a laptop's login may not read them).
func Summaries(q Querier) results.SummarySource { return hubSummaries{q} }

type hubSummaries struct{ q Querier }

// villageArg is the villages as a filter argument: NULL for all.
func villageArg(villages []string) any {
	if len(villages) == 0 {
		return nil
	}
	return villages
}

// SummaryVillages lists the villages of every record, one index probe per
// village.
func (h hubSummaries) SummaryVillages(ctx context.Context) ([]string, error) {
	return queryStrings(ctx, h.q, `WITH RECURSIVE v(village) AS (
			(SELECT village FROM kynangso.participants WHERE village > '' ORDER BY village LIMIT 1)
			UNION ALL
			SELECT (SELECT p.village FROM kynangso.participants AS p WHERE p.village > v.village ORDER BY p.village LIMIT 1)
			FROM v WHERE v.village IS NOT NULL
		)
		SELECT village FROM v WHERE village IS NOT NULL`)
}

// PersonGroups reads sum_groups, the people with activity grouped as
// results.PersonGroup groups them (kept push by push, hub migration 5).
func (h hubSummaries) PersonGroups(ctx context.Context, villages []string) ([]results.PersonGroup, error) {
	rows, err := h.q.Query(ctx, `SELECT village, gender, anon, attended, modules, passed, n
		FROM kynangso.sum_groups WHERE n > 0 AND ($1::text[] IS NULL OR village = ANY($1))`, villageArg(villages))
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (results.PersonGroup, error) {
		var g results.PersonGroup
		err := r.Scan(&g.Village, &g.Gender, &g.Anon, &g.Attended, &g.Modules, &g.Passed, &g.N)
		return g, err
	})
}

// HouseholdCounts counts sum_households by village. Households to visit
// are counted by their cleaned names: in SQL for the names cleaning
// surely leaves alone (plain), one by one here for the others.
func (h hubSummaries) HouseholdCounts(ctx context.Context, villages, passedAll, done []string) (results.HouseholdCounts, error) {
	out := results.HouseholdCounts{Villages: map[string]results.VillageHouseholds{}, ToVisit: map[string]int{}}
	vs := villageArg(villages)
	rows, err := h.q.Query(ctx, `SELECT village, count(*), count(*) FILTER (WHERE passed && $2::text[])
		FROM kynangso.sum_households WHERE $1::text[] IS NULL OR village = ANY($1) GROUP BY 1`, vs, passedAll)
	if err != nil {
		return out, err
	}
	var v string
	var c results.VillageHouseholds
	if _, err := pgx.ForEachRow(rows, []any{&v, &c.Households, &c.PassedAll}, func() error {
		out.Villages[v] = c
		return nil
	}); err != nil {
		return out, err
	}
	const toVisit = ` NOT (named <@ $2::text[]) AND ($1::text[] IS NULL OR village = ANY($1))`
	var n int
	rows, err = h.q.Query(ctx, `SELECT village, count(*) FROM kynangso.sum_households WHERE plain AND`+toVisit+` GROUP BY 1`, vs, done)
	if err != nil {
		return out, err
	}
	if _, err := pgx.ForEachRow(rows, []any{&v, &n}, func() error {
		out.ToVisit[v] = n
		return nil
	}); err != nil {
		return out, err
	}
	rows, err = h.q.Query(ctx, `SELECT village, household FROM kynangso.sum_households WHERE NOT plain AND`+toVisit, vs, done)
	if err != nil {
		return out, err
	}
	var dirty [][2]string
	var hh string
	if _, err := pgx.ForEachRow(rows, []any{&v, &hh}, func() error {
		dirty = append(dirty, [2]string{v, hh})
		return nil
	}); err != nil {
		return out, err
	}
	return out, h.countDirty(ctx, &out, dirty, vs, done)
}

// countDirty adds the households to visit whose names cleaning may
// change, each cleaned name once, and not again when a plain household
// already counted has that name.
func (h hubSummaries) countDirty(ctx context.Context, out *results.HouseholdCounts, dirty [][2]string, vs any, done []string) error {
	if len(dirty) == 0 {
		return nil
	}
	seen := map[[2]string]bool{}
	var vils, hhs []string
	for _, d := range dirty {
		k := [2]string{safetext.Line(d[0]), safetext.Line(d[1])}
		if k[1] == "" || seen[k] {
			continue
		}
		seen[k] = true
		vils, hhs = append(vils, k[0]), append(hhs, k[1])
	}
	rows, err := h.q.Query(ctx, `SELECT village, household FROM kynangso.sum_households
		WHERE plain AND NOT (named <@ $2::text[]) AND ($1::text[] IS NULL OR village = ANY($1))
			AND (village, household) IN (SELECT * FROM unnest($3::text[], $4::text[]))`, vs, done, vils, hhs)
	if err != nil {
		return err
	}
	var v, hh string
	if _, err := pgx.ForEachRow(rows, []any{&v, &hh}, func() error {
		delete(seen, [2]string{v, hh}) // counted with the plain ones
		return nil
	}); err != nil {
		return err
	}
	for k := range seen {
		out.ToVisit[k[0]]++
	}
	return nil
}

// ModuleRows adds up sum_modules by module, and the attempts with no
// person when no village is asked for (they live in none).
func (h hubSummaries) ModuleRows(ctx context.Context, villages []string) ([]results.ModuleRow, error) {
	q := `SELECT module_id, sum(tried)::bigint, sum(finished)::bigint, sum(passed)::bigint,
			CASE WHEN sum(best_n) > 0 THEN (sum(best_sum) / sum(best_n))::float8 END,
			sum(attempts)::bigint, sum(finished_attempts)::bigint, 0, 0
		FROM kynangso.sum_modules WHERE $1::text[] IS NULL OR village = ANY($1)
		GROUP BY module_id HAVING sum(tried) > 0`
	if len(villages) == 0 {
		q += ` UNION ALL SELECT module_id, 0, 0, 0, NULL, attempts, finished, attempts, passes
			FROM kynangso.sum_unlinked WHERE attempts > 0`
	}
	rows, err := h.q.Query(ctx, q, villageArg(villages))
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (results.ModuleRow, error) {
		var m results.ModuleRow
		err := r.Scan(&m.ModuleID, &m.Tried, &m.Finished, &m.Passed, &m.AverageBest, &m.Attempts,
			&m.FinishedAttempts, &m.Unlinked, &m.UnlinkedPassed)
		return m, err
	})
}

// CheckIns counts sum_classes.
func (h hubSummaries) CheckIns(ctx context.Context, villages []string) (classes, checkIns int, err error) {
	err = h.q.QueryRow(ctx, `SELECT count(DISTINCT session_id), COALESCE(sum(n), 0)::bigint FROM kynangso.sum_classes
		WHERE n > 0 AND ($1::text[] IS NULL OR village = ANY($1))`, villageArg(villages)).Scan(&classes, &checkIns)
	return classes, checkIns, err
}

// ItemTally adds up sum_items over the communes.
func (h hubSummaries) ItemTally(ctx context.Context) ([]results.TallyRow, error) {
	rows, err := h.q.Query(ctx, `SELECT module_id, question_id, correct <> 0, chosen, sum(n)::bigint
		FROM kynangso.sum_items GROUP BY 1, 2, 3, 4 HAVING sum(n) > 0`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (results.TallyRow, error) {
		var t results.TallyRow
		err := r.Scan(&t.ModuleID, &t.QuestionID, &t.Correct, &t.Chosen, &t.N)
		return t, err
	})
}

// queryStrings reads a one-column query.
func queryStrings(ctx context.Context, q Querier, sql string, args ...any) ([]string, error) {
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("read the hub: %w", err)
	}
	return out, nil
}

// ErrNoSummaries means the login may not read the hub's summaries: a
// team's login, which only sends results (it may not read the province's
// rows for a mirror either).
var ErrNoSummaries = errors.New("hub: this login may not read the province's summaries")

// ReadSummaries runs fn on the hub's summaries (see Summaries) in one
// read-only snapshot, so that several reports read the same moment while
// laptops keep pushing. A login that may not read them gets
// ErrNoSummaries, and fn is not run.
func ReadSummaries(ctx context.Context, conn *pgx.Conn, fn func(results.Summaries) error) error {
	if err := CheckSchema(ctx, conn); err != nil {
		return err
	}
	tx, err := conn.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return fmt.Errorf("read the hub's summaries: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	var may bool
	err = tx.QueryRow(ctx, `SELECT bool_and(has_table_privilege(t, 'SELECT')) FROM unnest($1::text[]) AS t`, summaryGrants).Scan(&may)
	if err != nil {
		return fmt.Errorf("read the hub's summaries: %w", err)
	}
	if !may {
		return ErrNoSummaries
	}
	if err := fn(results.Summaries{Source: Summaries(tx)}); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// summaryGrants are the tables the summaries read.
var summaryGrants = []string{"kynangso.sum_groups", "kynangso.sum_modules", "kynangso.sum_unlinked",
	"kynangso.sum_classes", "kynangso.sum_households", "kynangso.sum_items", "kynangso.participants"}
