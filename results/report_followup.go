package results

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// FollowUpReport is the follow-up list: who has not yet passed which
// module, grouped by village then household, for door-to-door visits.
type FollowUpReport struct {
	Filter    Filter `json:"filter"`
	WithPhone bool   `json:"with_phone"`
	// Modules are the modules the list asks people to pass: the catalog's,
	// foundation modules (skill 0) aside.
	Modules []ModuleLabel `json:"modules"`
	// People counts the named people listed.
	People int `json:"people"`
	// Anonymous counts the anonymous or erased people in the filter who
	// have not passed every module; they cannot be visited by name.
	Anonymous int               `json:"anonymous"`
	Villages  []FollowUpVillage `json:"villages"`
}

// FollowUpVillage is one village of the follow-up list.
type FollowUpVillage struct {
	Village    string              `json:"village"`
	Label      string              `json:"label"`
	People     int                 `json:"people"`
	Households []FollowUpHousehold `json:"households"`
}

// FollowUpHousehold is one household ("" when not given) of a village.
type FollowUpHousehold struct {
	Household string           `json:"household"`
	Label     string           `json:"label"`
	People    []FollowUpPerson `json:"people"`
}

// FollowUpPerson is one person to visit and the modules still to pass.
type FollowUpPerson struct {
	PersonInfo
	// LastActivity is the local date of the person's latest check-in,
	// attempt or lesson reading, at any time.
	LastActivity string        `json:"last_activity"`
	NotPassed    []ModuleLabel `json:"not_passed"`
}

// FollowUp lists the people with activity in f who have not passed every
// module of cat that counts (foundation modules, skill 0, do not: see
// Catalog.required), and lists only those modules. A pass counts whenever
// it happened, so someone who passed
// a module before the filter's dates is not sent back to it. The phone is
// included only when withPhone is set.
func (s *Store) FollowUp(ctx context.Context, f Filter, cat Catalog, withPhone bool) (FollowUpReport, error) {
	sc, err := s.newScope(ctx, f)
	if err != nil {
		return FollowUpReport{}, err
	}
	r := FollowUpReport{Filter: sc.f, WithPhone: withPhone, Villages: []FollowUpVillage{}}
	required := cat.required()
	for _, m := range required {
		r.Modules = append(r.Modules, cat.label(m.ID))
	}
	q, fast := followUpQuery(sc), sc.wholeHistory()
	if fast {
		links, err := s.hasLinks(ctx)
		if err != nil {
			return r, fmt.Errorf("follow-up list: %w", err)
		}
		q = followUpFastQuery(sc, links)
	}
	rows, err := s.db.QueryContext(ctx, q, sc.args(q)...)
	if err != nil {
		return r, fmt.Errorf("follow-up list: %w", err)
	}
	defer rows.Close()
	// Growing a slice of large structs copies it again and again; the
	// people are at most everyone in the database, so room is made once.
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM participants`).Scan(&total); err != nil {
		return r, fmt.Errorf("follow-up list: count people: %w", err)
	}
	people := make([]FollowUpPerson, 0, total)
	nameKeys := make([]string, 0, total)
	// Few distinct sets of passed modules occur, so each one's list of
	// modules still to pass is built once and shared.
	todos := map[string][]ModuleLabel{}
	places := lineCache{}
	notPassed := func(passed string, csv bool) []ModuleLabel {
		if todo, ok := todos[passed]; ok {
			return todo
		}
		var done []string
		if csv {
			done = strings.Split(passed, ",")
		} else {
			done = parseList(passed)
		}
		todo := []ModuleLabel{}
		for _, m := range required {
			if !slices.Contains(done, m.ID) {
				todo = append(todo, cat.label(m.ID))
			}
		}
		todos[passed] = todo
		return todo
	}
	for rows.Next() {
		var p Participant
		var anon bool
		var passed, nameKey string
		var last sql.NullString
		if err := rows.Scan(&p.ID, &p.FullName, &p.BirthYear, &p.Gender, &p.Village, &p.Household,
			&p.Phone, &anon, &passed, &last, &nameKey); err != nil {
			return r, fmt.Errorf("follow-up list: %w", err)
		}
		todo := notPassed(passed, fast)
		if len(todo) == 0 {
			continue
		}
		if anon {
			r.Anonymous++
			continue
		}
		// Thousands of people share a village or household name: clean
		// each once, and personInfo the rest.
		village, household := places.clean(p.Village), places.clean(p.Household)
		p.Village, p.Household = "", ""
		pi := personInfo(p, cat.Lang, withPhone)
		pi.Village, pi.Household = village, household
		people = append(people, FollowUpPerson{PersonInfo: pi,
			LastActivity: s.clk.localDate(last), NotPassed: todo})
		nameKeys = append(nameKeys, nameKey)
	}
	if err := rows.Err(); err != nil {
		return r, fmt.Errorf("follow-up list: %w", err)
	}
	r.People = len(people)
	r.Villages = groupFollowUp(people, nameKeys, cat.Lang)
	return r, nil
}

// followUpQuery selects each person in scope (canonical record) with the
// modules they ever passed (a JSON array) and their latest activity (quiz
// attempts only, as person_summary keeps it for the fast path). Those
// two are looked up per person through the covering indexes of migration
// 0003 (attempts_person, attendance_person), which is far cheaper than
// grouping every attempt, reading and check-in of the database.
func followUpQuery(sc scope) string {
	return scopedPeopleCTE(sc) + `,
	members AS MATERIALIZED (
		SELECT canon.id, canon.cid AS pid FROM canon JOIN scoped ON scoped.pid = canon.cid
	)
	SELECT p.id, p.full_name, p.birth_year, p.gender, p.village, p.household, p.phone,
		(p.anonymous = 1 OR p.deleted_at IS NOT NULL),
		(SELECT COALESCE(json_group_array(DISTINCT module_id), '[]') FROM (
			SELECT a.module_id FROM attempts AS a WHERE a.participant_id = p.id AND a.passed = 1 AND a.kind = 'quiz'
			UNION ALL
			SELECT a.module_id FROM members AS m JOIN attempts AS a ON a.participant_id = m.id
			WHERE m.pid = p.id AND a.passed = 1 AND a.kind = 'quiz')),
		(SELECT max(at) FROM (
			SELECT max(COALESCE(a.finished_at, a.started_at)) AS at FROM attempts AS a WHERE a.participant_id = p.id
				AND a.kind = 'quiz'
			UNION ALL
			SELECT max(g.updated_at) FROM lesson_progress AS g WHERE g.participant_id = p.id
			UNION ALL
			SELECT max(t.checked_in_at) FROM attendance AS t WHERE t.participant_id = p.id
			UNION ALL
			SELECT max(COALESCE(a.finished_at, a.started_at)) FROM members AS m JOIN attempts AS a ON a.participant_id = m.id
				WHERE m.pid = p.id AND a.kind = 'quiz'
			UNION ALL
			SELECT max(g.updated_at) FROM members AS m JOIN lesson_progress AS g ON g.participant_id = m.id WHERE m.pid = p.id
			UNION ALL
			SELECT max(t.checked_in_at) FROM members AS m JOIN attendance AS t ON t.participant_id = m.id WHERE m.pid = p.id)),
		p.search_key
	FROM scoped JOIN participants AS p ON p.id = scoped.pid`
}

// scopedPeopleCTE starts a statement whose WITH clause defines canon and
// scoped (pid): every person (canonical record) with an attempt, lesson
// reading or check-in in the scope.
func scopedPeopleCTE(sc scope) string {
	return `WITH RECURSIVE ` + canonCTE + `,
	scoped AS MATERIALIZED (
		SELECT COALESCE(c.cid, a.participant_id) AS pid
		FROM attempts AS a LEFT JOIN canon AS c ON c.id = a.participant_id
		WHERE a.participant_id IS NOT NULL AND ` + sc.attemptWhere("COALESCE(c.cid, a.participant_id)") + `
		UNION
		SELECT COALESCE(c.cid, g.participant_id)
		FROM lesson_progress AS g LEFT JOIN canon AS c ON c.id = g.participant_id
		WHERE ` + sc.progressWhere("COALESCE(c.cid, g.participant_id)") + `
		UNION
		SELECT COALESCE(c.cid, t.participant_id)
		FROM attendance AS t JOIN class_sessions AS cs ON cs.id = t.session_id
		LEFT JOIN canon AS c ON c.id = t.participant_id
		WHERE ` + sc.attendanceWhere("COALESCE(c.cid, t.participant_id)") + `
	)`
}

// groupFollowUp groups people by village and household, each level sorted
// by name without diacritics ("" last). nameKeys[i] is the stored search
// key of people[i]'s name (SearchKey of it), so names need not be folded
// again. It sorts small keys rather than the people, and each household's
// list is a window of one ordered slice, so a province-size list is copied
// once.
func groupFollowUp(people []FollowUpPerson, nameKeys []string, lang string) []FollowUpVillage {
	// Folding is slow next to comparing, and a few villages and households
	// are shared by thousands of people, so each distinct name is folded once.
	type keyed struct {
		village, household, name string
		i                        int
	}
	folded := map[string]string{}
	fold := func(s string) string {
		k, ok := folded[s]
		if !ok {
			k = foldKey(s)
			folded[s] = k
		}
		return k
	}
	ks := make([]keyed, len(people))
	for i, p := range people {
		ks[i] = keyed{fold(p.Village), fold(p.Household), nameKeys[i], i}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		pa, pb := &people[a.i], &people[b.i]
		return cmp.Or(strings.Compare(a.village, b.village), strings.Compare(pa.Village, pb.Village),
			strings.Compare(a.household, b.household), strings.Compare(pa.Household, pb.Household),
			strings.Compare(a.name, b.name), strings.Compare(pa.ID, pb.ID))
	})
	ordered := make([]FollowUpPerson, len(people))
	for j, k := range ks {
		ordered[j] = people[k.i]
	}
	out := []FollowUpVillage{}
	for j := 0; j < len(ordered); {
		p := &ordered[j]
		if len(out) == 0 || out[len(out)-1].Village != p.Village {
			out = append(out, FollowUpVillage{Village: p.Village, Label: villageLabel(p.Village, lang)})
		}
		end := j + 1
		for end < len(ordered) && ordered[end].Village == p.Village && ordered[end].Household == p.Household {
			end++
		}
		v := &out[len(out)-1]
		v.People += end - j
		v.Households = append(v.Households, FollowUpHousehold{Household: p.Household,
			Label: villageLabel(p.Household, lang), People: ordered[j:end:end]})
		j = end
	}
	return out
}

// foldKey is the sort key of a village or household name: its search key,
// with "" sorting after every name.
func foldKey(s string) string {
	if s == "" {
		return "\U0010FFFF"
	}
	return SearchKey(s)
}

// emptyLast orders names by their search key, with "" after every name.
func emptyLast(a, b string) int {
	if (a == "") != (b == "") {
		if a == "" {
			return 1
		}
		return -1
	}
	return cmp.Or(strings.Compare(SearchKey(a), SearchKey(b)), strings.Compare(a, b))
}
