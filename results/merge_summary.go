package results

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// batchInsertTriggers are the row-by-row triggers that keep the report
// summaries (item_tally, person_module, person_summary; migrations 0003 to
// 0005) when answers, attempts, lesson reading, people and check-ins are
// inserted. The one-statement batch
// path drops them while it inserts and adds what the batch brought in bulk
// (addBatchSummaries), which gives the same tables: every trigger here only
// adds the new row to its key's counts, maxima and minima.
var batchInsertTriggers = []string{
	"item_tally_answer_insert",
	"item_tally_attempt_insert",
	"person_module_attempt_insert",
	"person_module_progress_insert",
	// person_summary (migration 0005): recounted per person touched.
	"person_summary_participant_insert",
	"person_summary_module_insert",
	"person_summary_module_update",
	"person_summary_attendance_insert",
}

// dropInsertTriggers reads the exact SQL of batchInsertTriggers and drops
// them, inside the caller's transaction. It returns nil, dropping nothing,
// when the schema does not hold all of them as expected: the triggers then
// keep the summaries row by row as usual.
func dropInsertTriggers(ctx context.Context, tx *sql.Tx) ([]string, error) {
	q := `SELECT name, sql FROM main.sqlite_schema WHERE type = 'trigger' AND name IN (?` +
		strings.Repeat(", ?", len(batchInsertTriggers)-1) + `)`
	args := make([]any, len(batchInsertTriggers))
	for i, n := range batchInsertTriggers {
		args[i] = n
	}
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("merge: read summary triggers: %w", err)
	}
	defer rows.Close()
	saved := map[string]string{}
	for rows.Next() {
		var name, text string
		if err := rows.Scan(&name, &text); err != nil {
			return nil, fmt.Errorf("merge: read summary triggers: %w", err)
		}
		saved[name] = text
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("merge: read summary triggers: %w", err)
	}
	if len(saved) != len(batchInsertTriggers) {
		return nil, nil
	}
	out := make([]string, 0, len(saved))
	for _, name := range batchInsertTriggers {
		if _, err := tx.ExecContext(ctx, `DROP TRIGGER main.`+name); err != nil {
			return nil, fmt.Errorf("merge: drop trigger %s: %w", name, err)
		}
		out = append(out, saved[name])
	}
	return out, nil
}

// createTriggers re-creates triggers from their saved SQL.
func createTriggers(ctx context.Context, tx *sql.Tx, saved []string) error {
	for _, q := range saved {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("merge: re-create summary trigger: %w", err)
		}
	}
	return nil
}

// unionOf is the UNION ALL of one SELECT per source, with %s in arm
// standing for the source's schema name.
func unionOf(ms []*merger, arm string) string {
	arms := make([]string, len(ms))
	for i, m := range ms {
		arms[i] = strings.ReplaceAll(arm, "%s", m.src)
	}
	return strings.Join(arms, " UNION ALL ")
}

// addBatchSummaries adds the answers, attempts and lesson reading the batch
// just inserted (every row of every source, all new here) to item_tally and
// person_module, as the dropped insert triggers would have row by row. It
// reads only the sources, never the merged tables. It reports false when
// some answer's attempt is not in the answer's own file, which the bulk
// count cannot see; the caller then undoes the batch and merges file by
// file with the triggers in place.
func addBatchSummaries(ctx context.Context, tx *sql.Tx, ms []*merger) (bool, error) {
	pt := newPhaseTimer()
	ok, err := addBatchTally(ctx, tx, ms)
	if err != nil || !ok {
		return false, err
	}
	pt.mark("      item_tally")
	if _, err := tx.ExecContext(ctx, batchPersonModuleSQL(ms)); err != nil {
		return false, fmt.Errorf("merge: add attempts to person_module: %w", err)
	}
	pt.mark("      person_module attempts")
	if _, err := tx.ExecContext(ctx, `INSERT INTO main.person_module (participant_id, module_id, readings, read_at)
		SELECT participant_id, module_id, count(*), max(updated_at)
		FROM (`+unionOf(ms, `SELECT participant_id, module_id, updated_at FROM %s.lesson_progress`)+`)
		GROUP BY 1, 2
		ON CONFLICT (participant_id, module_id) DO UPDATE SET readings = readings + excluded.readings,
			read_at = CASE WHEN read_at IS NULL OR excluded.read_at > read_at
				THEN excluded.read_at ELSE read_at END`); err != nil {
		return false, fmt.Errorf("merge: add lesson reading to person_module: %w", err)
	}
	pt.mark("      person_module reading")
	if _, err := tx.ExecContext(ctx, batchPersonSummarySQL(ms)); err != nil {
		return false, fmt.Errorf("merge: recount person_summary: %w", err)
	}
	pt.mark("      person_summary")
	return true, nil
}

// batchPersonSummarySQL recounts person_summary, as the triggers of
// migration 0005 define it, for every person the batch brought or brought
// activity for (once everything is in place, so the order rows arrived in
// does not matter).
func batchPersonSummarySQL(ms []*merger) string {
	return personSummaryRecountSQL(`p.id IN (` + unionOf(ms, `SELECT id FROM %s.participants
		UNION ALL SELECT participant_id FROM %s.attempts WHERE participant_id IS NOT NULL
		UNION ALL SELECT participant_id FROM %s.lesson_progress
		UNION ALL SELECT participant_id FROM %s.attendance`) + `)`)
}

// personSummaryRecountSQL recounts the person_summary row of every person
// p (a participants row) that meets cond, from person_module and attendance,
// exactly as the triggers of migration 0005 keep it.
func personSummaryRecountSQL(cond string) string {
	modules := func(passed string) string {
		return `COALESCE((SELECT group_concat(module_id, ',') FROM (SELECT module_id FROM main.person_module
			WHERE participant_id = p.id` + passed + ` ORDER BY module_id)), '')`
	}
	return `INSERT INTO main.person_summary (participant_id, village, household, gender, anon, modules,
		passed, attended, last_at)
	SELECT p.id, p.village, p.household, p.gender, p.anonymous = 1 OR p.deleted_at IS NOT NULL,
		` + modules("") + `, ` + modules(" AND passes > 0") + `,
		EXISTS (SELECT 1 FROM main.attendance WHERE participant_id = p.id),
		NULLIF(max(COALESCE((SELECT max(max(COALESCE(last_at, ''), COALESCE(read_at, '')))
				FROM main.person_module WHERE participant_id = p.id), ''),
			COALESCE((SELECT max(checked_in_at) FROM main.attendance WHERE participant_id = p.id), '')), '')
	FROM main.participants AS p
	WHERE ` + cond + `
	ON CONFLICT (participant_id) DO UPDATE SET village = excluded.village, household = excluded.household,
		gender = excluded.gender, anon = excluded.anon, modules = excluded.modules, passed = excluded.passed,
		attended = excluded.attended, last_at = excluded.last_at`
}

// addBatchTally counts the batch's answers by module, question, correctness
// and choice, joining each answer to its attempt in the same file (through
// the file's attempt-first answer index) and counting each file on its own
// (a few hundred rows each, so the union is never materialised whole), and
// adds the counts of quiz attempts to item_tally (reviews stay out, as the
// triggers of migration 0007 keep it). The join must account for every
// answer the batch inserted, reviews' included.
func addBatchTally(ctx context.Context, tx *sql.Tx, ms []*merger) (bool, error) {
	want := 0
	for _, m := range ms {
		want += m.report.Answers.New
	}
	if _, err := tx.ExecContext(ctx, `CREATE TEMP TABLE merge_tally AS
		SELECT kind, module_id, question_id, correct, chosen, sum(n) AS n FROM (`+
		unionOf(ms, `SELECT a.kind AS kind, a.module_id AS module_id, n.question_id AS question_id,
			n.correct AS correct, n.chosen AS chosen, count(*) AS n
			FROM %s.attempts AS a JOIN %s.answers AS n ON n.attempt_id = a.id GROUP BY 1, 2, 3, 4, 5`)+`)
		GROUP BY 1, 2, 3, 4, 5`); err != nil {
		return false, fmt.Errorf("merge: count the batch's answers: %w", err)
	}
	defer tx.ExecContext(context.WithoutCancel(ctx), `DROP TABLE IF EXISTS temp.merge_tally`)
	var got int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(sum(n), 0) FROM temp.merge_tally`).Scan(&got); err != nil {
		return false, fmt.Errorf("merge: count the batch's answers: %w", err)
	}
	if got != want {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO main.item_tally (module_id, question_id, correct, chosen, n)
		SELECT module_id, question_id, correct, chosen, n FROM temp.merge_tally WHERE kind = 'quiz'
		ON CONFLICT (module_id, question_id, correct, chosen) DO UPDATE SET n = n + excluded.n`); err != nil {
		return false, fmt.Errorf("merge: add the batch's answers to item_tally: %w", err)
	}
	return true, nil
}

// batchPersonModuleSQL sums the batch's quiz attempts per record and module
// and its latest finished attempt per key, and merges them into
// person_module with the same rules as the person_module_attempt_insert
// trigger (which skips reviews).
func batchPersonModuleSQL(ms []*merger) string {
	// A newer latest finished attempt: later finished_at, then greater id.
	newer := `excluded.last_fin_id IS NOT NULL AND (last_fin_id IS NULL OR excluded.last_fin_at > last_fin_at
		OR excluded.last_fin_at IS last_fin_at AND excluded.last_fin_id > last_fin_id)`
	return `WITH n AS (` + unionOf(ms, `SELECT COALESCE(participant_id, '') AS pid, module_id, id, state,
			score, max_score, passed, started_at, finished_at FROM %s.attempts WHERE kind = 'quiz'`) + `),
		g AS (SELECT pid, module_id, count(*) AS attempts, sum(state = 'finished') AS finished,
			sum(passed) AS passes,
			max(CASE WHEN state = 'finished' AND max_score > 0 THEN score * 100.0 / max_score END) AS best_pct,
			max(COALESCE(finished_at, started_at)) AS last_at,
			min(CASE WHEN passed = 1 THEN finished_at END) AS passed_at
			FROM n GROUP BY 1, 2),
		l AS (SELECT pid, module_id, id, finished_at,
			CASE WHEN max_score > 0 THEN score * 100.0 / max_score END AS pct,
			row_number() OVER (PARTITION BY pid, module_id ORDER BY finished_at DESC, id DESC) AS k
			FROM n WHERE state = 'finished')
	INSERT INTO main.person_module (participant_id, module_id, attempts, finished, passes, best_pct, last_at,
		passed_at, last_fin_at, last_fin_id, last_pct)
	SELECT g.pid, g.module_id, g.attempts, g.finished, g.passes, g.best_pct, g.last_at, g.passed_at,
		l.finished_at, l.id, l.pct
	FROM g LEFT JOIN l ON l.pid = g.pid AND l.module_id = g.module_id AND l.k = 1 WHERE true
	ON CONFLICT (participant_id, module_id) DO UPDATE SET attempts = attempts + excluded.attempts,
		passed_at = CASE WHEN passed_at IS NULL OR excluded.passed_at < passed_at
			THEN excluded.passed_at ELSE passed_at END,
		last_pct = CASE WHEN ` + newer + ` THEN excluded.last_pct ELSE last_pct END,
		last_fin_at = CASE WHEN ` + newer + ` THEN excluded.last_fin_at ELSE last_fin_at END,
		last_fin_id = CASE WHEN ` + newer + ` THEN excluded.last_fin_id ELSE last_fin_id END,
		finished = finished + excluded.finished, passes = passes + excluded.passes,
		best_pct = CASE WHEN best_pct IS NULL OR excluded.best_pct > best_pct
			THEN excluded.best_pct ELSE best_pct END,
		last_at = CASE WHEN last_at IS NULL OR excluded.last_at > last_at
			THEN excluded.last_at ELSE last_at END`
}
