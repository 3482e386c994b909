package results

import (
	"context"
	"fmt"
)

// The province-wide summaries read person_module (migration 0004), one row
// per record × module kept by triggers, instead of every attempt and lesson
// reading. It holds every attempt whatever its class or date, so it serves a
// scope with no class and no dates (a village filter is a property of the
// person, so it still applies); a class or a period reads the attempts.

// wholeHistory reports whether the scope keeps every attempt, reading and
// check-in of the people it keeps, so person_module can answer it.
func (sc scope) wholeHistory() bool {
	return sc.f.SessionID == "" && sc.fromTS == "" && sc.toTS == ""
}

// hasLinks reports whether any two records are joined. Most laptops have
// none, and then a report need not map records to people at all.
func (s *Store) hasLinks(ctx context.Context) (bool, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM participant_links)`).Scan(&n); err != nil {
		return false, fmt.Errorf("look up joined records: %w", err)
	}
	return n == 1, nil
}

// villageCond returns the condition that keeps the person pidExpr when the
// scope has a village filter, "1" otherwise.
func (sc scope) villageCond(pidExpr string) string {
	if len(sc.villages) == 0 {
		return "1"
	}
	return pidExpr + " IN (SELECT id FROM participants WHERE village IN (SELECT value FROM json_each(:villages)))"
}

// personModuleSource returns a FROM source of person_module rows as
// (pid, module_id, attempts, finished, passes, best_pct, last_at,
// readings, read_at), pid being the person each record was joined into,
// restricted to the scope's village and to records with a person. With
// joined records a person's rows are summed over their records.
func personModuleSource(sc scope, links bool) string {
	if !links {
		return `(SELECT participant_id AS pid, module_id, attempts, finished, passes, best_pct, last_at,
			readings, read_at FROM person_module
			WHERE participant_id <> '' AND ` + sc.villageCond("participant_id") + `)`
	}
	pid := "COALESCE(c.cid, pm.participant_id)"
	return `(SELECT ` + pid + ` AS pid, pm.module_id, sum(pm.attempts) AS attempts,
			sum(pm.finished) AS finished, sum(pm.passes) AS passes, max(pm.best_pct) AS best_pct,
			max(pm.last_at) AS last_at, sum(pm.readings) AS readings, max(pm.read_at) AS read_at
		FROM person_module AS pm LEFT JOIN canon AS c ON c.id = pm.participant_id
		WHERE pm.participant_id <> '' AND ` + sc.villageCond(pid) + `
		GROUP BY 1, 2)`
}

// withCanon starts a statement with the canon CTE when records are joined.
func withCanon(links bool) string {
	if !links {
		return "WITH "
	}
	return "WITH RECURSIVE " + canonCTE + ", "
}

// moduleSummariesQuery is the per-module statement of the class summary
// over person_module; its rows are those moduleSummaries scans.
func moduleSummariesQuery(sc scope, links bool) string {
	q := withCanon(links) + `per AS ` + personModuleSource(sc, links) + `
	SELECT module_id, count(*), sum(finished > 0), sum(passes > 0), avg(best_pct), sum(attempts),
		sum(finished), 0, 0
	FROM per WHERE attempts > 0 GROUP BY module_id`
	if len(sc.villages) == 0 { // attempts with no person live in no village
		q += `
	UNION ALL
	SELECT module_id, 0, 0, 0, NULL, attempts, finished, attempts, passes
	FROM person_module WHERE participant_id = '' AND attempts > 0`
	}
	return q
}

// followUpFastQuery selects, like followUpQuery, each person with any
// attempt, lesson reading or check-in (of the scope's village) with the
// modules they passed (comma-separated) and their latest activity, reading
// person_summary (with no joined records: one row per person) or
// person_module instead of the attempts and the reading.
func followUpFastQuery(sc scope, links bool) string {
	if !links {
		// People first (CROSS JOIN fixes the order): reading the wide
		// participants rows in their own order and probing person_summary
		// by key is several times faster than the other way round.
		vcond := "1"
		if len(sc.villages) > 0 {
			vcond = "p.village IN (SELECT value FROM json_each(:villages))"
		}
		return `SELECT p.id, p.full_name, p.birth_year, p.gender, p.village, p.household, p.phone, s.anon,
			s.passed, s.last_at, p.search_key
		FROM participants AS p CROSS JOIN person_summary AS s ON s.participant_id = p.id
		WHERE (s.modules <> '' OR s.attended = 1) AND ` + vcond
	}
	attLast := `(SELECT max(t.checked_in_at) FROM attendance AS t WHERE t.participant_id = p.id)`
	if links {
		attLast = `max(COALESCE(` + attLast + `, ''), COALESCE((SELECT max(t.checked_in_at) FROM canon AS c
			JOIN attendance AS t ON t.participant_id = c.id WHERE c.cid = p.id), ''))`
	}
	return withCanon(links) + `agg AS MATERIALIZED (
		SELECT pid, group_concat(CASE WHEN passes > 0 THEN module_id END) AS passed,
			max(max(COALESCE(last_at, '')), max(COALESCE(read_at, ''))) AS last
		FROM ` + personModuleSource(sc, links) + ` GROUP BY pid
	),
	people AS (
		SELECT p.id, p.full_name, p.birth_year, p.gender, p.village, p.household, p.phone,
			(p.anonymous = 1 OR p.deleted_at IS NOT NULL) AS anon, agg.passed, agg.last,
			` + attLast + ` AS att, p.search_key
		FROM participants AS p LEFT JOIN agg ON agg.pid = p.id
		WHERE p.id NOT IN (SELECT from_id FROM participant_links) AND ` + sc.villageCond("p.id") + `
	)
	SELECT id, full_name, birth_year, gender, village, household, phone, anon, COALESCE(passed, ''),
		NULLIF(max(COALESCE(last, ''), COALESCE(att, '')), ''), search_key
	FROM people WHERE last IS NOT NULL OR att IS NOT NULL`
}

// resultRowsFastQuery selects the results sheet's rows from person_module
// for a scope with no class, no dates and no joined records, walking the
// people in sheet order (index participants_order). A person's modules come
// in module-id order; resultRows puts them in pack order.
func resultRowsFastQuery(sc scope) string {
	return `SELECT p.id, p.full_name, p.village, p.household, p.phone,
		(p.anonymous = 1 OR p.deleted_at IS NOT NULL), pm.module_id, pm.attempts,
		round(pm.best_pct, 1), round(pm.last_pct, 1), pm.passes > 0, pm.passed_at
	FROM participants AS p INDEXED BY participants_order
	JOIN person_module AS pm ON pm.participant_id = p.id
	WHERE pm.attempts > 0 AND ` + sc.villageCond("p.id") + `
	ORDER BY p.village = '', p.village, p.household = '', p.household, p.search_key, p.id`
}
