package results

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// The province-wide summaries with no class and no dates (coverage, the
// follow-up overview, who came) read person_summary (migration 0005): one
// narrow row per person record, grouped by place and by what the person
// did, through two covering indexes. SQLite returns a few thousand groups
// instead of a row per person, and joined records, which are few, are read
// one by one and folded in here.

// personGroup counts the people with activity who share a village, a
// gender, anonymity, attendance, and the same modules reached and passed
// (comma-separated module ids in id order).
type personGroup struct {
	village, gender string
	anon, attended  bool
	modules, passed string
	n               int
}

// placeKey names a household of a village.
type placeKey struct{ village, household string }

// householdFlags says what a household's people with activity did.
type householdFlags struct {
	// passedAll: someone passed a module of every skill.
	passedAll bool
	// toVisit: someone named has a module of the catalog left to pass.
	toVisit bool
}

// peopleSummary is every person with activity in a scope, counted.
type peopleSummary struct {
	groups []personGroup
	// households holds each non-empty household of the people.
	households map[placeKey]householdFlags
}

// passRules answers, for a person's passed modules, the two questions the
// summaries ask of a catalog.
type passRules struct {
	skillOf map[string]string
	nskills int
	modules []string
}

func newPassRules(cat Catalog) passRules {
	r := passRules{skillOf: map[string]string{}}
	skills := map[string]bool{}
	for _, m := range cat.required() {
		r.skillOf[m.ID] = cat.skillOf(m.ID)
		skills[r.skillOf[m.ID]] = true
		r.modules = append(r.modules, m.ID)
	}
	r.nskills = len(skills)
	return r
}

// passedAll reports whether passed holds a module of every skill.
func (r passRules) passedAll(passed string) bool {
	if r.nskills == 0 {
		return false
	}
	got := map[string]bool{}
	for _, id := range splitIDs(passed) {
		if s, ok := r.skillOf[id]; ok {
			got[s] = true
		}
	}
	return len(got) == r.nskills
}

// done reports whether passed holds every module of the catalog.
func (r passRules) done(passed string) bool {
	ids := splitIDs(passed)
	for _, m := range r.modules {
		if !slices.Contains(ids, m) {
			return false
		}
	}
	return true
}

// splitIDs splits a comma-separated id list ("" is none).
func splitIDs(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// notLinked keeps the records that are not part of any join.
const notLinked = ` AND participant_id NOT IN (SELECT from_id FROM participant_links
	UNION ALL SELECT into_id FROM participant_links)`

// summarisePeople counts the people with any activity (a check-in, an
// attempt, lesson reading) of a scope with no class and no dates, joined
// records folded into their person.
func (s *Store) summarisePeople(ctx context.Context, sc scope) ([]personGroup, error) {
	links, err := s.hasLinks(ctx)
	if err != nil {
		return nil, err
	}
	excl, vcond := peopleConds(sc, links)
	q := `SELECT village, gender, anon, attended, modules, passed, count(*)
		FROM person_summary INDEXED BY person_summary_village
		WHERE (modules <> '' OR attended = 1) AND ` + vcond + excl + `
		GROUP BY village, gender, anon, attended, modules, passed`
	rows, err := s.db.QueryContext(ctx, q, sc.args(q)...)
	if err != nil {
		return nil, fmt.Errorf("count people: %w", err)
	}
	var groups []personGroup
	for rows.Next() {
		var g personGroup
		if err := rows.Scan(&g.village, &g.gender, &g.anon, &g.attended, &g.modules, &g.passed, &g.n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("count people: %w", err)
		}
		groups = append(groups, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count people: %w", err)
	}
	if !links {
		return groups, nil
	}
	joined, err := s.joinedPeople(ctx, sc)
	if err != nil {
		return nil, err
	}
	for _, p := range joined {
		groups = append(groups, p.personGroup)
	}
	return groups, nil
}

// peopleConds are the conditions on person_summary of a scope: records
// not part of a join (when any are joined: those are read one by one) and
// of the scope's villages.
func peopleConds(sc scope, links bool) (excl, vcond string) {
	excl, vcond = "", "1"
	if links {
		excl = notLinked
	}
	if len(sc.villages) > 0 {
		vcond = "village IN (SELECT value FROM json_each(:villages))"
	}
	return excl, vcond
}

// householdFlags reads the flags of every non-empty household of the
// people with activity of a scope with no class and no dates: all and done
// are the passed lists that pass every skill and that leave nothing to
// pass (worked out in Go from the distinct lists, handed to SQLite as
// sets); joined records count for their person's household.
func (s *Store) householdFlags(ctx context.Context, sc scope, all, done []string) (map[placeKey]householdFlags, error) {
	links, err := s.hasLinks(ctx)
	if err != nil {
		return nil, err
	}
	excl, vcond := peopleConds(sc, links)
	hh, err := s.countHouseholds(ctx, sc, all, done, vcond, excl)
	if err != nil || !links {
		return hh, err
	}
	joined, err := s.joinedPeople(ctx, sc)
	if err != nil {
		return nil, err
	}
	for _, p := range joined {
		if p.household == "" {
			continue
		}
		k := placeKey{p.village, p.household}
		f := hh[k]
		f.passedAll = f.passedAll || slices.Contains(all, p.passed)
		f.toVisit = f.toVisit || !p.anon && !slices.Contains(done, p.passed)
		hh[k] = f
	}
	return hh, nil
}

// countHouseholds reads the flags of every non-empty household of the
// records not joined.
func (s *Store) countHouseholds(ctx context.Context, sc scope, all, done []string, vcond, excl string) (map[placeKey]householdFlags, error) {
	allJSON, _ := json.Marshal(nonNil(all))
	doneJSON, _ := json.Marshal(nonNil(done))
	q := `SELECT village, household, max(passed IN (SELECT value FROM json_each(:pall))),
			max(anon = 0 AND passed NOT IN (SELECT value FROM json_each(:pdone)))
		FROM person_summary INDEXED BY person_summary_household
		WHERE (modules <> '' OR attended = 1) AND household <> '' AND ` + vcond + excl + `
		GROUP BY village, household`
	rows, err := s.db.QueryContext(ctx, q, sc.args(q, sql.Named("pall", string(allJSON)),
		sql.Named("pdone", string(doneJSON)))...)
	if err != nil {
		return nil, fmt.Errorf("count households: %w", err)
	}
	defer rows.Close()
	hh := map[placeKey]householdFlags{}
	for rows.Next() {
		var k placeKey
		var f householdFlags
		if err := rows.Scan(&k.village, &k.household, &f.passedAll, &f.toVisit); err != nil {
			return nil, fmt.Errorf("count households: %w", err)
		}
		hh[k] = f
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count households: %w", err)
	}
	return hh, nil
}

// joinedPerson is a person with activity some of whose records were
// joined (participant_links): the records' activity put together, placed
// by the record they were finally joined into.
type joinedPerson struct {
	personGroup
	household string
}

// joinedPeople reads the records that are part of a join, each with the
// person it belongs to, and puts each person's records together.
func (s *Store) joinedPeople(ctx context.Context, sc scope) ([]joinedPerson, error) {
	vcond := "1"
	if len(sc.villages) > 0 {
		vcond = "p.village IN (SELECT value FROM json_each(:villages))"
	}
	q := `WITH RECURSIVE ` + canonCTE + `
	SELECT p.id, p.village, p.household, p.gender, (p.anonymous = 1 OR p.deleted_at IS NOT NULL),
		r.attended, r.modules, r.passed
	FROM person_summary AS r LEFT JOIN canon AS c ON c.id = r.participant_id
	JOIN participants AS p ON p.id = COALESCE(c.cid, r.participant_id)
	WHERE r.participant_id IN (SELECT from_id FROM participant_links UNION ALL SELECT into_id FROM participant_links)
		AND ` + vcond + `
	ORDER BY p.id`
	rows, err := s.db.QueryContext(ctx, q, sc.args(q)...)
	if err != nil {
		return nil, fmt.Errorf("count joined people: %w", err)
	}
	defer rows.Close()
	var out []joinedPerson
	lastID := ""
	for rows.Next() {
		var id string
		var p joinedPerson
		if err := rows.Scan(&id, &p.village, &p.household, &p.gender, &p.anon, &p.attended,
			&p.modules, &p.passed); err != nil {
			return nil, fmt.Errorf("count joined people: %w", err)
		}
		p.n = 1
		if id != lastID {
			out = append(out, p)
			lastID = id
			continue
		}
		cur := &out[len(out)-1]
		cur.attended = cur.attended || p.attended
		cur.modules = unionIDs(cur.modules, p.modules)
		cur.passed = unionIDs(cur.passed, p.passed)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count joined people: %w", err)
	}
	kept := out[:0]
	for _, p := range out {
		if p.modules != "" || p.attended {
			kept = append(kept, p)
		}
	}
	return kept, nil
}

// unionIDs joins two comma-separated id lists, sorted, without repeats.
func unionIDs(a, b string) string {
	ids := append(splitIDs(a), splitIDs(b)...)
	slices.Sort(ids)
	return strings.Join(slices.Compact(ids), ",")
}
