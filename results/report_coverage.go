package results

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
)

// CoverageReport is coverage by village: how many residents each skill
// reached, how many passed every skill, and how many households have such a
// person (the national target is one in every household).
type CoverageReport struct {
	Filter  Filter        `json:"filter"`
	Modules []ModuleLabel `json:"modules"`
	// Skills is how many distinct skills "passed all" requires: one passed
	// module of each skill in the catalog.
	Skills   int               `json:"skills"`
	Villages []VillageCoverage `json:"villages"`
	Overall  VillageCoverage   `json:"overall"`
}

// VillageCoverage is the coverage of one village (or of all, for Overall).
type VillageCoverage struct {
	// Village is the stored name, "" for people with none given (the
	// anonymous among them); Label is what to show.
	Village string `json:"village"`
	Label   string `json:"label"`
	// Reached counts the people with any activity in the filter: a check-in,
	// an attempt or lesson reading.
	Reached int           `json:"reached"`
	Modules []ModuleReach `json:"modules"`
	// PassedAll counts the people who passed a module of every skill.
	PassedAll int `json:"passed_all"`
	// Households counts the distinct non-empty households of the reached.
	Households int `json:"households"`
	// HouseholdsPassedAll counts the households with at least one PassedAll
	// person; HouseholdShare is it over Households × 100, one decimal.
	HouseholdsPassedAll int     `json:"households_passed_all"`
	HouseholdShare      float64 `json:"household_share"`
}

// ModuleReach is one module's reach in a village.
type ModuleReach struct {
	ModuleID string `json:"module_id"`
	// Reached counts the people who read its lesson or tried its quiz.
	Reached int `json:"reached"`
	// Passed counts the people who passed its quiz; PassRate is Passed over
	// Reached × 100, one decimal.
	Passed   int     `json:"passed"`
	PassRate float64 `json:"pass_rate"`
}

// Coverage computes coverage by village for the activity in f. Attempts
// with no person cannot be placed in a village and are left out.
func (s *Store) Coverage(ctx context.Context, f Filter, cat Catalog) (CoverageReport, error) {
	sc, err := s.newScope(ctx, f)
	if err != nil {
		return CoverageReport{}, err
	}
	rules := newPassRules(cat)
	if sc.wholeHistory() {
		return coverageFrom(ctx, s.summaries(), sc, cat, rules)
	}
	skillJSON, _ := json.Marshal(rules.skillOf)
	q := coverageQuery(sc)
	rows, err := s.db.QueryContext(ctx, q, sc.args(q, sql.Named("skills", string(skillJSON)),
		sql.Named("nskills", rules.nskills))...)
	if err != nil {
		return CoverageReport{}, fmt.Errorf("coverage: %w", err)
	}
	defer rows.Close()
	villages := map[string]*VillageCoverage{}
	perModule := map[string]map[string]ModuleReach{}
	var seenModules []string
	for rows.Next() {
		var kind, village, module string
		var a, b, c, d int
		if err := rows.Scan(&kind, &village, &module, &a, &b, &c, &d); err != nil {
			return CoverageReport{}, fmt.Errorf("coverage: %w", err)
		}
		if kind == "m" {
			if perModule[village] == nil {
				perModule[village] = map[string]ModuleReach{}
			}
			perModule[village][module] = ModuleReach{ModuleID: module, Reached: a, Passed: b}
			if !slices.Contains(seenModules, module) {
				seenModules = append(seenModules, module)
			}
			continue
		}
		villages[village] = &VillageCoverage{Village: village, Reached: a, PassedAll: b, Households: c, HouseholdsPassedAll: d}
	}
	if err := rows.Err(); err != nil {
		return CoverageReport{}, fmt.Errorf("coverage: %w", err)
	}
	return buildCoverage(sc.f, cat, rules.nskills, villages, perModule, seenModules), nil
}

// coverageFrom computes coverage from a summary source, for a scope with
// no class and no dates.
func coverageFrom(ctx context.Context, src SummarySource, sc scope, cat Catalog, rules passRules) (CoverageReport, error) {
	groups, hh, err := peopleAndHouseholds(ctx, src, sc, rules)
	if err != nil {
		return CoverageReport{}, fmt.Errorf("coverage: %w", err)
	}
	villages := map[string]*VillageCoverage{}
	perModule := map[string]map[string]ModuleReach{}
	var seenModules []string
	allOf := map[string]bool{} // passedAll per distinct passed list
	for _, g := range groups {
		v := villages[g.village]
		if v == nil {
			v = &VillageCoverage{Village: g.village}
			villages[g.village] = v
			perModule[g.village] = map[string]ModuleReach{}
		}
		v.Reached += g.n
		all, ok := allOf[g.passed]
		if !ok {
			all = rules.passedAll(g.passed)
			allOf[g.passed] = all
		}
		if all {
			v.PassedAll += g.n
		}
		passed := splitIDs(g.passed)
		for _, id := range splitIDs(g.modules) {
			m := perModule[g.village][id]
			m.ModuleID = id
			m.Reached += g.n
			if slices.Contains(passed, id) {
				m.Passed += g.n
			}
			perModule[g.village][id] = m
			if !slices.Contains(seenModules, id) {
				seenModules = append(seenModules, id)
			}
		}
	}
	for name, h := range hh.Villages {
		v := villages[name]
		if v == nil { // cannot happen: a household's people are in a group
			continue
		}
		v.Households += h.Households
		v.HouseholdsPassedAll += h.PassedAll
	}
	slices.Sort(seenModules)
	return buildCoverage(sc.f, cat, rules.nskills, villages, perModule, seenModules), nil
}

// coverageQuery returns one statement that yields two kinds of rows:
// 'm' rows (village, module, reached, passed) and 'v' rows (village, reached,
// passed all, households, households with a passed-all person).
func coverageQuery(sc scope) string {
	return `WITH RECURSIVE ` + canonCTE + `,
	act AS (
		SELECT COALESCE(c.cid, a.participant_id) AS pid, a.module_id, max(a.passed) AS passed
		FROM attempts AS a LEFT JOIN canon AS c ON c.id = a.participant_id
		WHERE a.participant_id IS NOT NULL AND ` + sc.attemptWhere("COALESCE(c.cid, a.participant_id)") + `
		GROUP BY 1, 2
		UNION ALL
		SELECT COALESCE(c.cid, g.participant_id), g.module_id, 0
		FROM lesson_progress AS g LEFT JOIN canon AS c ON c.id = g.participant_id
		WHERE ` + sc.progressWhere("COALESCE(c.cid, g.participant_id)") + `
	),
	pm AS MATERIALIZED (SELECT pid, module_id, max(passed) AS passed FROM act GROUP BY 1, 2),
	people AS MATERIALIZED (
		SELECT pid FROM pm
		UNION
		SELECT COALESCE(c.cid, t.participant_id)
		FROM attendance AS t JOIN class_sessions AS cs ON cs.id = t.session_id
		LEFT JOIN canon AS c ON c.id = t.participant_id
		WHERE ` + sc.attendanceWhere("COALESCE(c.cid, t.participant_id)") + `
	),
	ms(module_id, skill) AS (SELECT key, value FROM json_each(:skills)),
	pall AS MATERIALIZED (
		SELECT pm.pid FROM pm JOIN ms ON ms.module_id = pm.module_id WHERE pm.passed = 1
		GROUP BY pm.pid HAVING count(DISTINCT ms.skill) = :nskills
	)
	SELECT 'm', p.village, pm.module_id, count(*), sum(pm.passed), 0, 0
	FROM pm JOIN participants AS p INDEXED BY participants_report ON p.id = pm.pid GROUP BY 2, 3
	UNION ALL
	SELECT 'v', p.village, '', count(*), count(pall.pid),
		count(DISTINCT CASE WHEN p.household <> '' THEN p.household END),
		count(DISTINCT CASE WHEN p.household <> '' AND pall.pid IS NOT NULL THEN p.household END)
	FROM people JOIN participants AS p INDEXED BY participants_report ON p.id = people.pid
	LEFT JOIN pall ON pall.pid = people.pid
	GROUP BY 2`
}

// buildCoverage orders the villages (by name, "" last), fills in every
// module for each and sums the overall row.
func buildCoverage(f Filter, cat Catalog, nskills int, villages map[string]*VillageCoverage,
	perModule map[string]map[string]ModuleReach, seen []string) CoverageReport {
	r := CoverageReport{Filter: f, Skills: nskills, Villages: []VillageCoverage{}}
	ids := cat.moduleIDs(seen)
	for _, id := range ids {
		r.Modules = append(r.Modules, cat.label(id))
	}
	overall := VillageCoverage{Label: Label(cat.Lang, "all")}
	total := map[string]ModuleReach{}
	for v := range perModule {
		if villages[v] == nil { // cannot happen: a module's people are reached
			villages[v] = &VillageCoverage{Village: v}
		}
	}
	names := make([]string, 0, len(villages))
	for v := range villages {
		names = append(names, v)
	}
	slices.SortFunc(names, emptyLast)
	for _, name := range names {
		vc := *villages[name]
		vc.Label = villageLabel(name, cat.Lang)
		for _, id := range ids {
			m := perModule[name][id]
			m.ModuleID = id
			m.PassRate = percent(m.Passed, m.Reached)
			vc.Modules = append(vc.Modules, m)
			t := total[id]
			t.Reached, t.Passed = t.Reached+m.Reached, t.Passed+m.Passed
			total[id] = t
		}
		vc.HouseholdShare = percent(vc.HouseholdsPassedAll, vc.Households)
		overall.Reached += vc.Reached
		overall.PassedAll += vc.PassedAll
		overall.Households += vc.Households
		overall.HouseholdsPassedAll += vc.HouseholdsPassedAll
		r.Villages = append(r.Villages, vc)
	}
	for _, id := range ids {
		t := total[id]
		t.ModuleID = id
		t.PassRate = percent(t.Passed, t.Reached)
		overall.Modules = append(overall.Modules, t)
	}
	overall.HouseholdShare = percent(overall.HouseholdsPassedAll, overall.Households)
	r.Overall = overall
	return r
}
