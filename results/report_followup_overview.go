package results

import (
	"context"
	"fmt"
	"slices"
)

// FollowUpOverview is the follow-up list counted by village: what a trainer
// reads first when the whole list is too long to scroll (a commune or a
// province), before opening one village's list.
type FollowUpOverview struct {
	Filter  Filter        `json:"filter"`
	Modules []ModuleLabel `json:"modules"`
	// People counts the named people FollowUp would list for the filter,
	// Households their distinct non-empty households (per village), and
	// Anonymous the anonymous or erased people it would count.
	People     int `json:"people"`
	Households int `json:"households"`
	Anonymous  int `json:"anonymous"`
	// Villages are ordered like FollowUp's ("" last).
	Villages []FollowUpVillageCount `json:"villages"`
}

// FollowUpVillageCount is one village of the overview.
type FollowUpVillageCount struct {
	Village string `json:"village"`
	Label   string `json:"label"`
	People  int    `json:"people"`
	// Households counts the distinct non-empty households of People.
	Households int `json:"households"`
	// Missing[i] counts the People who have not passed Modules[i].
	Missing []int `json:"missing"`
}

// FollowUpOverview counts, village by village, the people FollowUp lists
// for f, without listing them.
// With no class and no dates it counts person_summary's groups and never
// reads a person's row, so it stays fast on a province database.
func (s *Store) FollowUpOverview(ctx context.Context, f Filter, cat Catalog) (FollowUpOverview, error) {
	sc, err := s.newScope(ctx, f)
	if err != nil {
		return FollowUpOverview{}, err
	}
	rules := newPassRules(cat)
	var groups []personGroup
	var hh HouseholdCounts
	if sc.wholeHistory() {
		groups, hh, err = peopleAndHouseholds(ctx, s.summaries(), sc, rules)
	} else {
		var ps peopleSummary
		var ok bool
		ps, ok, err = s.summariseScoped(ctx, sc, rules)
		if err == nil && !ok { // joined records: count the list
			r, err := s.FollowUp(ctx, f, cat, false)
			if err != nil {
				return FollowUpOverview{}, err
			}
			return overviewOf(r), nil
		}
		groups, hh = ps.groups, householdCountsOf(ps.households)
	}
	if err != nil {
		return FollowUpOverview{}, fmt.Errorf("follow-up overview: %w", err)
	}
	return overviewFrom(sc.f, cat, rules, groups, hh), nil
}

// overviewFrom counts the people of groups to visit by village, and the
// households where someone named has a module left.
func overviewFrom(f Filter, cat Catalog, rules passRules, groups []personGroup, hh HouseholdCounts) FollowUpOverview {
	o := FollowUpOverview{Filter: f, Villages: []FollowUpVillageCount{}}
	// The columns are the modules Missing counts: rules.modules, the
	// required ones.
	for _, id := range rules.modules {
		o.Modules = append(o.Modules, cat.label(id))
	}
	// Villages and households are grouped by their cleaned names, as the
	// list groups them.
	places := lineCache{}
	byVillage := map[string]*FollowUpVillageCount{}
	for _, g := range groups {
		if rules.done(g.passed) {
			continue
		}
		if g.anon {
			o.Anonymous += g.n
			continue
		}
		name := places.clean(g.village)
		vc := byVillage[name]
		if vc == nil {
			vc = &FollowUpVillageCount{Village: name, Label: villageLabel(name, cat.Lang),
				Missing: make([]int, len(rules.modules))}
			byVillage[name] = vc
		}
		vc.People += g.n
		o.People += g.n
		passed := splitIDs(g.passed)
		for i, m := range rules.modules {
			if !slices.Contains(passed, m) {
				vc.Missing[i] += g.n
			}
		}
	}
	for v, n := range hh.ToVisit {
		if vc := byVillage[v]; vc != nil {
			vc.Households += n
			o.Households += n
		}
	}
	for _, vc := range byVillage {
		o.Villages = append(o.Villages, *vc)
	}
	slices.SortFunc(o.Villages, func(a, b FollowUpVillageCount) int { return emptyLast(a.Village, b.Village) })
	return o
}

// overviewOf counts a follow-up list.
func overviewOf(r FollowUpReport) FollowUpOverview {
	o := FollowUpOverview{Filter: r.Filter, Modules: r.Modules, People: r.People, Anonymous: r.Anonymous,
		Villages: []FollowUpVillageCount{}}
	for _, v := range r.Villages {
		vc := FollowUpVillageCount{Village: v.Village, Label: v.Label, People: v.People,
			Missing: make([]int, len(r.Modules))}
		for _, h := range v.Households {
			if h.Household != "" {
				vc.Households++
			}
			for _, p := range h.People {
				for _, m := range p.NotPassed {
					if i := slices.IndexFunc(r.Modules, func(x ModuleLabel) bool { return x.ID == m.ID }); i >= 0 {
						vc.Missing[i]++
					}
				}
			}
		}
		o.Households += vc.Households
		o.Villages = append(o.Villages, vc)
	}
	return o
}

// summariseScoped counts, like summarisePeople, the people with activity in
// a scope with a class or dates, by village, household, anonymity and the
// modules they ever passed (the follow-up list's question), reading each
// scoped person's person_summary row. It reports false when records are
// joined: a person's passes are then spread over several rows.
func (s *Store) summariseScoped(ctx context.Context, sc scope, rules passRules) (peopleSummary, bool, error) {
	ps := peopleSummary{households: map[placeKey]householdFlags{}}
	if links, err := s.hasLinks(ctx); err != nil || links {
		return ps, false, err
	}
	q := scopedPeopleCTE(sc) + `
	SELECT s.village, s.household, s.anon, s.passed, count(*)
	FROM scoped JOIN person_summary AS s ON s.participant_id = scoped.pid
	GROUP BY 1, 2, 3, 4`
	rows, err := s.db.QueryContext(ctx, q, sc.args(q)...)
	if err != nil {
		return ps, false, fmt.Errorf("count people: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var g personGroup
		var household string
		if err := rows.Scan(&g.village, &household, &g.anon, &g.passed, &g.n); err != nil {
			return ps, false, fmt.Errorf("count people: %w", err)
		}
		ps.groups = append(ps.groups, g)
		if household != "" {
			k := placeKey{g.village, household}
			f := ps.households[k]
			f.toVisit = f.toVisit || !g.anon && !rules.done(g.passed)
			ps.households[k] = f
		}
	}
	if err := rows.Err(); err != nil {
		return ps, false, fmt.Errorf("count people: %w", err)
	}
	return ps, true, nil
}
