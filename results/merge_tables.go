package results

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// mergeTable describes how rows of one content table combine when a source
// database is merged into this one. Every rule is a total order on row
// versions (or, for lesson progress, a field-by-field maximum), so the result
// of merging a set of databases does not depend on the order of the merges,
// and merging a row that is already here changes nothing.
type mergeTable struct {
	name string
	cols []string
	// key is the columns two versions of "the same record" share: the id,
	// or the natural key when the schema makes one unique (for example
	// attendance is once per class and person, whatever its id). The key
	// columns of a row never change after it is made, so each source row
	// meets at most one local row.
	key []string
	// prefer lists the columns deciding which version wins, most important
	// first; asc means the smaller value wins (earliest check-in). The full
	// row content (as JSON text) breaks any remaining tie.
	prefer []orderCol
	// combine, when set, replaces "one version wins" by a field-by-field
	// merge: SET clauses of an UPDATE ... FROM src row s (lesson progress).
	combine string
	// erased names a condition on the winning row s for which the losing
	// version must not be kept in merge_log, because it holds personal data
	// of someone whose data was erased.
	erased string
	// byKey inserts new rows in key order rather than id order: answers,
	// whose attempt-keyed indexes and item-tally trigger (which looks the
	// attempt up) are then swept in order.
	byKey bool
}

// orderCol is one column of a preference order.
type orderCol struct {
	expr string // SQL over the alias "x" (replaced by s or m)
	asc  bool
}

var newest = orderCol{expr: "x.updated_at"}

// mergeTables lists the merged tables in an order that satisfies the foreign
// keys (parents first). settings, meta, schema_migrations and merge_log are
// local to a laptop and not merged row by row.
var mergeTables = []mergeTable{
	{
		name: "devices", cols: cols("id, name, device_id, created_at, updated_at"),
		key: cols("id"), prefer: []orderCol{newest},
	},
	{
		// An erasure always wins: a record erased on one laptop stays erased
		// even if another laptop edited it later.
		name: "participants", cols: cols(`id, full_name, search_key, birth_year, gender, village,
			household, phone, consent_version, consent_at, anonymous, deleted_at, device_id,
			created_at, updated_at`),
		key:    cols("id"),
		prefer: []orderCol{{expr: "x.deleted_at IS NOT NULL"}, newest},
		erased: "x.deleted_at IS NOT NULL",
	},
	{
		name: "class_sessions", cols: cols(`id, title, date, commune, villages, trainers,
			planned_modules, opened_at, closed_at, device_id, created_at, updated_at`),
		key: cols("id"), prefer: []orderCol{newest},
	},
	{
		// A person checks in once per class: the earliest check-in counts.
		name: "attendance", cols: cols(`id, session_id, participant_id, checked_in_at,
			device_id, created_at, updated_at`),
		key:    cols("session_id, participant_id"),
		prefer: []orderCol{{expr: "x.checked_in_at", asc: true}, newest},
	},
	{
		// Lesson progress keeps the furthest page, the largest page count
		// and the earliest completion; the device and update time come from
		// the newest version.
		name: "lesson_progress", cols: cols(`participant_id, module_id, last_page, page_count,
			completed_at, device_id, created_at, updated_at`),
		key: cols("participant_id, module_id"),
		combine: `last_page = max(m.last_page, s.last_page),
			page_count = max(m.page_count, s.page_count),
			completed_at = CASE WHEN m.completed_at IS NULL THEN s.completed_at
				WHEN s.completed_at IS NULL THEN m.completed_at
				ELSE min(m.completed_at, s.completed_at) END,
			device_id = CASE WHEN (s.updated_at, s.device_id) > (m.updated_at, m.device_id)
				THEN s.device_id ELSE m.device_id END,
			created_at = min(m.created_at, s.created_at),
			updated_at = max(m.updated_at, s.updated_at)`,
	},
	{
		// kind (migration 0007) comes last, where ALTER TABLE put it: the
		// columns are in schema order, the order of the canonical JSON.
		name: "attempts", cols: cols(`id, participant_id, session_id, module_id, pack_version,
			seed, question_ids, state, started_at, finished_at, score, max_score, passed,
			device_id, created_at, updated_at, kind`),
		key: cols("id"), prefer: []orderCol{newest},
	},
	{
		// An answer is never overwritten: the first one given counts.
		name: "answers", cols: cols(`id, attempt_id, question_id, chosen, correct, answered_at,
			millis, device_id, created_at, updated_at`),
		key:    cols("attempt_id, question_id"),
		prefer: []orderCol{{expr: "x.answered_at", asc: true}, newest},
		byKey:  true,
	},
	{
		// A record is joined away at most once: the newest join wins.
		name: "participant_links", cols: cols(`id, from_id, into_id, linked_by, linked_at,
			device_id, created_at, updated_at`),
		key: cols("from_id"), prefer: []orderCol{newest},
	},
}

// cols splits a comma-separated column list.
func cols(s string) []string {
	parts := strings.Split(s, ",")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
	}
	return parts
}

// list qualifies every column with alias ("" for none).
func list(alias string, cs []string) string {
	out := make([]string, len(cs))
	for i, c := range cs {
		if alias != "" {
			c = alias + "." + c
		}
		out[i] = c
	}
	return strings.Join(out, ", ")
}

// jsonExpr builds the canonical JSON text of a row: a JSON object with the
// columns in schema order. It is what merge_log keeps and what breaks ties.
func (t mergeTable) jsonExpr(alias string) string {
	parts := make([]string, len(t.cols))
	for i, c := range t.cols {
		parts[i] = fmt.Sprintf("'%s', %s.%s", c, alias, c)
	}
	return "json_object(" + strings.Join(parts, ", ") + ")"
}

// order is the ORDER BY list new rows are inserted in: the id when the
// table has one (its index is the widest), else (or when byKey) the key.
// The order changes only speed: a source's rows never clash among
// themselves on a unique key, so the same rows are inserted in any order.
func (t mergeTable) order() string {
	if t.cols[0] == "id" && !t.byKey {
		return "id"
	}
	return list("", t.key)
}

// keyJoin is the condition matching a source row s to a local row m.
func (t mergeTable) keyJoin() string {
	parts := make([]string, len(t.key))
	for i, c := range t.key {
		parts[i] = fmt.Sprintf("m.%s = s.%s", c, c)
	}
	return strings.Join(parts, " AND ")
}

// beats is an SQL condition true when the source version s wins over the
// local version m: a lexicographic comparison of the preference columns
// (sides swapped for ascending ones), then of the JSON text.
func (t mergeTable) beats() string {
	var left, right []string
	for _, o := range t.prefer {
		sv, mv := strings.ReplaceAll(o.expr, "x.", "s."), strings.ReplaceAll(o.expr, "x.", "m.")
		if o.asc {
			sv, mv = mv, sv
		}
		left, right = append(left, sv), append(right, mv)
	}
	left, right = append(left, t.jsonExpr("s")), append(right, t.jsonExpr("m"))
	return "(" + strings.Join(left, ", ") + ") > (" + strings.Join(right, ", ") + ")"
}

// TableCount says how many rows of one table a merge brought.
type TableCount struct {
	// New rows that were not here before.
	New int
	// Updated rows: the same record existed here and the source's version
	// won (or, for lesson progress, was combined with it).
	Updated int
}

// conflict is one record whose two versions differ.
type conflict struct {
	key          []any
	srcJSON      string
	localJSON    string
	sourceWins   bool
	winnerErased bool
}

// mergeRows merges one table of the attached source "src" into main inside
// tx: it resolves every record present on both sides whose content differs
// (logging the losing version), then inserts the source's new rows.
func (m *merger) mergeRows(ctx context.Context, t mergeTable) (TableCount, error) {
	var tc TableCount
	// A fresh copy of data merged before (a new backup of the same laptop)
	// usually holds nothing new: one probe per row, stopping at the first
	// row that is missing or differs here, spares the insert and the
	// comparison below.
	if same, err := m.nothingNew(ctx, t); err != nil || same {
		return tc, err
	}
	// New rows first: a row meeting a local row on any unique key is left
	// for the comparison below. When every source row was new (the usual
	// case the first time a file is merged), there is nothing to compare.
	// In key order, so the rows from each laptop reach the (UUID-keyed)
	// indexes in one sweep instead of at random pages.
	res, err := m.exec(ctx, fmt.Sprintf(`INSERT INTO main.%s (%s) SELECT %s FROM src.%s
		WHERE true ORDER BY %s ON CONFLICT DO NOTHING`, t.name, list("", t.cols), list("", t.cols), t.name, t.order()))
	if err != nil {
		return tc, fmt.Errorf("merge %s: insert new rows: %w", t.name, err)
	}
	n, _ := res.RowsAffected()
	tc.New = int(n)
	var total int
	if err := m.queryRow(ctx, `SELECT count(*) FROM src.`+t.name).Scan(&total); err != nil {
		return tc, fmt.Errorf("merge %s: count: %w", t.name, err)
	}
	if total == tc.New {
		return tc, nil
	}
	conflicts, err := m.findConflicts(ctx, t)
	if err != nil {
		return tc, err
	}
	for _, c := range conflicts {
		changed, err := m.resolve(ctx, t, c)
		if err != nil {
			return tc, err
		}
		if changed {
			tc.Updated++
		}
	}
	return tc, nil
}

// nothingNew reports whether every row of the source's table is already
// here, identical in every column.
func (m *merger) nothingNew(ctx context.Context, t mergeTable) (bool, error) {
	var differs bool
	err := m.queryRow(ctx, fmt.Sprintf(`SELECT EXISTS (SELECT 1 FROM src.%s AS s WHERE NOT EXISTS (
		SELECT 1 FROM main.%s AS m WHERE %s AND (%s) IS (%s)))`,
		t.name, t.name, t.keyJoin(), list("s", t.cols), list("m", t.cols))).Scan(&differs)
	if err != nil {
		return false, fmt.Errorf("merge %s: look for new rows: %w", t.name, err)
	}
	return !differs, nil
}

// findConflicts lists the records present on both sides with different
// content. Identical rows are skipped cheaply by comparing the columns.
func (m *merger) findConflicts(ctx context.Context, t mergeTable) ([]conflict, error) {
	beats := "0"
	if t.combine == "" {
		beats = t.beats()
	}
	erased := "0"
	if t.erased != "" {
		erased = strings.ReplaceAll(t.erased, "x.", "s.")
	}
	q := fmt.Sprintf(`SELECT %s, %s, %s, %s, CASE WHEN %s THEN %s ELSE %s END
		FROM src.%s AS s JOIN main.%s AS m ON %s
		WHERE (%s) IS NOT (%s)`,
		list("m", t.key), t.jsonExpr("s"), t.jsonExpr("m"), beats,
		beats, erased, strings.ReplaceAll(erased, "s.", "m."),
		t.name, t.name, t.keyJoin(), list("s", t.cols), list("m", t.cols))
	rows, err := m.query(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("merge %s: compare: %w", t.name, err)
	}
	defer rows.Close()
	var out []conflict
	for rows.Next() {
		c := conflict{key: make([]any, len(t.key))}
		dest := make([]any, 0, len(t.key)+4)
		for i := range c.key {
			dest = append(dest, &c.key[i])
		}
		dest = append(dest, &c.srcJSON, &c.localJSON, &c.sourceWins, &c.winnerErased)
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("merge %s: compare: %w", t.name, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("merge %s: compare: %w", t.name, err)
	}
	return out, nil
}

// resolve applies the table's rule to one conflict and keeps the losing
// version in merge_log. It reports whether the local row changed.
func (m *merger) resolve(ctx context.Context, t mergeTable, c conflict) (bool, error) {
	where := make([]string, len(t.key))
	for i, k := range t.key {
		where[i] = fmt.Sprintf("%s = ?", k)
	}
	cond := strings.Join(where, " AND ")
	rowID := keyText(c.key)
	if t.combine != "" {
		q := fmt.Sprintf(`UPDATE main.%s AS m SET %s FROM src.%s AS s WHERE %s AND %s`,
			t.name, t.combine, t.name, t.keyJoin(), prefixConds("m.", cond))
		if _, err := m.exec(ctx, q, c.key...); err != nil {
			return false, fmt.Errorf("merge %s: combine %s: %w", t.name, rowID, err)
		}
		var now string
		if err := m.queryRow(ctx, fmt.Sprintf(`SELECT %s FROM main.%s AS m WHERE %s`,
			t.jsonExpr("m"), t.name, prefixConds("m.", cond)), c.key...).Scan(&now); err != nil {
			return false, fmt.Errorf("merge %s: combine %s: %w", t.name, rowID, err)
		}
		for _, old := range []string{c.localJSON, c.srcJSON} {
			if old != now {
				if err := m.log(ctx, t.name, rowID, now, old); err != nil {
					return false, err
				}
			}
		}
		return now != c.localJSON, nil
	}
	winner, loser := c.localJSON, c.srcJSON
	if c.sourceWins {
		winner, loser = c.srcJSON, c.localJSON
		q := fmt.Sprintf(`UPDATE main.%s SET (%s) = (SELECT %s FROM src.%s AS s WHERE %s) WHERE %s`,
			t.name, list("", t.cols), list("s", t.cols), t.name, prefixConds("s.", cond), cond)
		args := append(append([]any{}, c.key...), c.key...)
		if _, err := m.exec(ctx, q, args...); err != nil {
			return false, fmt.Errorf("merge %s: update %s: %w", t.name, rowID, err)
		}
	}
	if c.winnerErased {
		return c.sourceWins, nil // the erased person's old data is not kept
	}
	return c.sourceWins, m.log(ctx, t.name, rowID, winner, loser)
}

// prefixConds qualifies the "col = ?" conditions with alias.
func prefixConds(alias, cond string) string {
	parts := strings.Split(cond, " AND ")
	for i, p := range parts {
		parts[i] = alias + p
	}
	return strings.Join(parts, " AND ")
}

// keyText is a record's key as merge_log stores it: the id, or the natural
// key's values joined by "/".
func keyText(key []any) string {
	parts := make([]string, len(key))
	for i, k := range key {
		switch v := k.(type) {
		case []byte:
			parts[i] = string(v)
		default:
			parts[i] = fmt.Sprint(v)
		}
	}
	return strings.Join(parts, "/")
}

// log keeps a losing version in merge_log, once: merging the same file again
// adds nothing.
func (m *merger) log(ctx context.Context, table, rowID, winner, loser string) error {
	ts := m.clk.stamp()
	res, err := m.exec(ctx, `INSERT INTO main.merge_log (id, table_name, row_id, winner,
		loser, source, merged_at, device_id, created_at, updated_at)
		SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?7, ?7
		WHERE NOT EXISTS (SELECT 1 FROM main.merge_log WHERE table_name = ?2 AND row_id = ?3 AND loser = ?5)`,
		newID(), table, rowID, winner, loser, m.source, ts, m.deviceID)
	if err != nil {
		return fmt.Errorf("merge %s: log conflict %s: %w", table, rowID, err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		m.report.Conflicts = append(m.report.Conflicts, Conflict{Table: table, RowID: rowID, Kept: winner, Replaced: loser})
	}
	return nil
}

// querierTx is what the merge needs of a transaction.
type querierTx interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}
