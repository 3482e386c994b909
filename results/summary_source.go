package results

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"kynangso/internal/safetext"
)

// The summaries of a whole history (a filter with no class and no dates; a
// village allowed) are computed from grouped rows: people grouped by what
// they did, households, per-module counts, check-ins and the item tally. A
// SummarySource gives those rows: the laptop's own summary tables (a
// Store, through the triggers of migrations 3-5), or the province hub's,
// which keeps the same summaries in PostgreSQL (package hub) so that a
// province of a million people is summarised from a few thousand rows.
// The Go code that turns the rows into reports is the same for both
// (attendanceFrom, moduleSummariesOf, coverageFrom, overviewFrom,
// itemReportOf), so two sources holding the same data give the same
// numbers.

// ErrNeedsRows means a report's filter needs the rows themselves (a class
// or dates; for the item analysis, a village too), which a SummarySource
// does not hold: the report must run on a database file (for the hub, its
// report mirror).
var ErrNeedsRows = errors.New("results: this filter needs the rows, not the summaries")

// SummarySource gives the grouped rows of the whole-history summaries.
// villages, when not empty, keeps the people (the kept record of joined
// ones) whose village is one of them; anonymous and erased people live in
// no village.
type SummarySource interface {
	// SummaryVillages lists the distinct non-empty villages of every
	// participant record, among which a village filter is matched.
	SummaryVillages(ctx context.Context) ([]string, error)
	// PersonGroups counts the people with any activity (a check-in, an
	// attempt, lesson reading), each once with the records joined into
	// them.
	PersonGroups(ctx context.Context, villages []string) ([]PersonGroup, error)
	// HouseholdCounts counts the non-empty households of those people;
	// passedAll and done are the passed lists (PersonGroup.Passed) that
	// pass every skill and that leave nothing to pass.
	HouseholdCounts(ctx context.Context, villages, passedAll, done []string) (HouseholdCounts, error)
	// ModuleRows gives the class summary's per-module counts; a module may
	// come in several rows, which add up.
	ModuleRows(ctx context.Context, villages []string) ([]ModuleRow, error)
	// CheckIns counts the classes with a check-in and the check-ins.
	CheckIns(ctx context.Context, villages []string) (classes, checkIns int, err error)
	// ItemTally counts every answer by module, question, correctness and
	// the choices made (a JSON list), as item_tally does.
	ItemTally(ctx context.Context) ([]TallyRow, error)
}

// PersonGroup is N people who share a village, a gender, anonymity,
// attendance, and the modules they reached and passed (module ids in id
// order, comma-separated; "" for none).
type PersonGroup struct {
	Village, Gender string
	Anon, Attended  bool
	Modules, Passed string
	N               int
}

// HouseholdCounts counts households of people with activity.
type HouseholdCounts struct {
	// Villages holds, per stored village name, the households and those
	// with someone who passed a module of every skill.
	Villages map[string]VillageHouseholds
	// ToVisit holds, per village name as the follow-up list shows it
	// (cleaned), the households (cleaned names, each once) where a named
	// person still has a module to pass.
	ToVisit map[string]int
}

// VillageHouseholds is one village's households.
type VillageHouseholds struct {
	Households, PassedAll int
}

// ModuleRow is a part of one module's class summary counts: the people
// (records joined into them included) who tried it, finished an attempt,
// passed; the mean of their best percents (not valid when none finished);
// attempts and finished attempts; and attempts with no person.
type ModuleRow struct {
	ModuleID                   string
	Tried, Finished, Passed    int
	AverageBest                sql.NullFloat64
	Attempts, FinishedAttempts int
	Unlinked, UnlinkedPassed   int
}

// TallyRow is N answers to one question of one module with the same
// correctness and choices.
type TallyRow struct {
	ModuleID, QuestionID string
	Correct              bool
	Chosen               string
	N                    int
}

// Summaries computes the reports of a whole history from a SummarySource:
// ClassSummary, Coverage and FollowUpOverview for a filter with no class
// and no dates, ItemAnalysis for no filter at all. Other filters give
// ErrNeedsRows.
type Summaries struct {
	Source SummarySource
}

// SummariesServe reports whether Summaries answers f: no class and no
// dates, and for the item analysis (items) no village either.
func SummariesServe(f Filter, items bool) bool {
	f.Village = safetext.Line(f.Village)
	return strings.TrimSpace(f.SessionID) == "" && strings.TrimSpace(f.From) == "" && strings.TrimSpace(f.To) == "" &&
		(!items || f.Village == "")
}

// scope validates f as Store.newScope does, for a source: a filter it
// cannot answer gives ErrNeedsRows, a village no record lives in
// ErrNotFound.
func (m Summaries) scope(ctx context.Context, f Filter, items bool) (scope, error) {
	if err := f.Validate(); err != nil {
		return scope{}, err
	}
	if !SummariesServe(f, items) {
		return scope{}, ErrNeedsRows
	}
	f.SessionID, f.From, f.To = "", "", ""
	f.Village = safetext.Line(f.Village)
	sc := scope{f: f}
	if f.Village == "" {
		return sc, nil
	}
	names, err := m.Source.SummaryVillages(ctx)
	if err != nil {
		return scope{}, fmt.Errorf("list villages: %w", err)
	}
	want := SearchKey(f.Village)
	for _, name := range names {
		if SearchKey(name) == want {
			sc.villages = append(sc.villages, name)
		}
	}
	if len(sc.villages) == 0 {
		return scope{}, fmt.Errorf("%w: no participant lives in a village called %q", ErrNotFound, f.Village)
	}
	return sc, nil
}

// ClassSummary is Store.ClassSummary for a filter with no class and no
// dates.
func (m Summaries) ClassSummary(ctx context.Context, f Filter, cat Catalog) (ClassReport, error) {
	sc, err := m.scope(ctx, f, false)
	if err != nil {
		return ClassReport{}, err
	}
	r := ClassReport{Filter: sc.f}
	if r.Attendance, err = attendanceFrom(ctx, m.Source, sc, cat.Lang); err != nil {
		return ClassReport{}, err
	}
	rows, err := m.Source.ModuleRows(ctx, sc.villages)
	if err != nil {
		return ClassReport{}, fmt.Errorf("class summary: modules: %w", err)
	}
	r.Modules = moduleSummariesOf(rows, cat)
	return r, nil
}

// ItemAnalysis is Store.ItemAnalysis with no filter.
func (m Summaries) ItemAnalysis(ctx context.Context, f Filter, cat Catalog) (ItemReport, error) {
	sc, err := m.scope(ctx, f, true)
	if err != nil {
		return ItemReport{}, err
	}
	rows, err := m.Source.ItemTally(ctx)
	if err != nil {
		return ItemReport{}, fmt.Errorf("item analysis: %w", err)
	}
	return itemReportOf(sc.f, cat, rows), nil
}

// Coverage is Store.Coverage for a filter with no class and no dates.
func (m Summaries) Coverage(ctx context.Context, f Filter, cat Catalog) (CoverageReport, error) {
	sc, err := m.scope(ctx, f, false)
	if err != nil {
		return CoverageReport{}, err
	}
	return coverageFrom(ctx, m.Source, sc, cat, newPassRules(cat))
}

// FollowUpOverview is Store.FollowUpOverview for a filter with no class
// and no dates.
func (m Summaries) FollowUpOverview(ctx context.Context, f Filter, cat Catalog) (FollowUpOverview, error) {
	sc, err := m.scope(ctx, f, false)
	if err != nil {
		return FollowUpOverview{}, err
	}
	rules := newPassRules(cat)
	groups, hh, err := peopleAndHouseholds(ctx, m.Source, sc, rules)
	if err != nil {
		return FollowUpOverview{}, fmt.Errorf("follow-up overview: %w", err)
	}
	return overviewFrom(sc.f, cat, rules, groups, hh), nil
}

// peopleAndHouseholds reads the people's groups, then their households
// for the passed lists those groups hold.
func peopleAndHouseholds(ctx context.Context, src SummarySource, sc scope, rules passRules) ([]personGroup, HouseholdCounts, error) {
	groups, err := personGroupsOf(ctx, src, sc)
	if err != nil {
		return nil, HouseholdCounts{}, err
	}
	all, done := rules.lists(groups)
	hh, err := src.HouseholdCounts(ctx, sc.villages, all, done)
	if err != nil {
		return nil, HouseholdCounts{}, fmt.Errorf("count households: %w", err)
	}
	return groups, hh, nil
}

// personGroupsOf reads the people's groups from src.
func personGroupsOf(ctx context.Context, src SummarySource, sc scope) ([]personGroup, error) {
	pg, err := src.PersonGroups(ctx, sc.villages)
	if err != nil {
		return nil, fmt.Errorf("count people: %w", err)
	}
	out := make([]personGroup, len(pg))
	for i, g := range pg {
		out[i] = personGroup{village: g.Village, gender: g.Gender, anon: g.Anon, attended: g.Attended,
			modules: g.Modules, passed: g.Passed, n: g.N}
	}
	return out, nil
}

// lists returns the distinct passed lists of groups that pass a module of
// every skill, and those that leave no module to pass.
func (r passRules) lists(groups []personGroup) (all, done []string) {
	seen := map[string]bool{}
	all, done = []string{}, []string{}
	for _, g := range groups {
		if seen[g.passed] {
			continue
		}
		seen[g.passed] = true
		if r.passedAll(g.passed) {
			all = append(all, g.passed)
		}
		if r.done(g.passed) {
			done = append(done, g.passed)
		}
	}
	slices.Sort(all)
	slices.Sort(done)
	return all, done
}

// householdCountsOf counts households whose flags are known one by one.
func householdCountsOf(hh map[placeKey]householdFlags) HouseholdCounts {
	out := HouseholdCounts{Villages: map[string]VillageHouseholds{}, ToVisit: map[string]int{}}
	places := lineCache{}
	seen := map[placeKey]bool{}
	for k, f := range hh {
		v := out.Villages[k.village]
		v.Households++
		if f.passedAll {
			v.PassedAll++
		}
		out.Villages[k.village] = v
		// Households are listed by their cleaned names, as the follow-up
		// list groups them.
		h := placeKey{places.clean(k.village), places.clean(k.household)}
		if f.toVisit && h.household != "" && !seen[h] {
			seen[h] = true
			out.ToVisit[h.village]++
		}
	}
	return out
}
