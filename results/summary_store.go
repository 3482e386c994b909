package results

import (
	"context"
	"fmt"
)

// storeSummaries is a laptop's database as a SummarySource: its summary
// tables (person_summary, person_module, item_tally), kept by triggers.
type storeSummaries struct{ s *Store }

// summaries is the store's own summary tables as a SummarySource.
func (s *Store) summaries() SummarySource { return storeSummaries{s} }

// SummaryVillages lists the villages of every record.
func (m storeSummaries) SummaryVillages(ctx context.Context) ([]string, error) {
	rows, err := m.s.db.QueryContext(ctx, `SELECT DISTINCT village FROM participants WHERE village <> ''`)
	if err != nil {
		return nil, fmt.Errorf("list villages: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("list villages: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// PersonGroups groups person_summary's rows, joined records folded in.
func (m storeSummaries) PersonGroups(ctx context.Context, villages []string) ([]PersonGroup, error) {
	groups, err := m.s.summarisePeople(ctx, scope{villages: villages})
	if err != nil {
		return nil, err
	}
	out := make([]PersonGroup, len(groups))
	for i, g := range groups {
		out[i] = PersonGroup{Village: g.village, Gender: g.gender, Anon: g.anon, Attended: g.attended,
			Modules: g.modules, Passed: g.passed, N: g.n}
	}
	return out, nil
}

// HouseholdCounts reads every household's flags and counts them.
func (m storeSummaries) HouseholdCounts(ctx context.Context, villages, passedAll, done []string) (HouseholdCounts, error) {
	hh, err := m.s.householdFlags(ctx, scope{villages: villages}, passedAll, done)
	if err != nil {
		return HouseholdCounts{}, err
	}
	return householdCountsOf(hh), nil
}

// ModuleRows reads person_module, joined records folded in.
func (m storeSummaries) ModuleRows(ctx context.Context, villages []string) ([]ModuleRow, error) {
	links, err := m.s.hasLinks(ctx)
	if err != nil {
		return nil, err
	}
	sc := scope{villages: villages}
	q := moduleSummariesQuery(sc, links)
	return m.s.queryModuleRows(ctx, q, sc.args(q)...)
}

// CheckIns counts the check-ins of the people of villages.
func (m storeSummaries) CheckIns(ctx context.Context, villages []string) (classes, checkIns int, err error) {
	sc := scope{villages: villages}
	q := checkInsQuery(sc)
	err = m.s.db.QueryRowContext(ctx, q, sc.args(q)...).Scan(&classes, &checkIns)
	return classes, checkIns, err
}

// ItemTally reads item_tally.
func (m storeSummaries) ItemTally(ctx context.Context) ([]TallyRow, error) {
	return m.s.queryTally(ctx, `SELECT module_id, question_id, correct, chosen, n FROM item_tally`)
}
