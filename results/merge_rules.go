package results

import (
	"context"
	"errors"
	"fmt"
)

// oneOpenRule describes a partial unique index the union of two databases
// can break: one open class per laptop, one attempt in progress per person,
// module and laptop (quizzes only: the questions of a review round are in
// progress together). Two laptops never share a device id, so this happens
// only when a database file was copied to a second laptop and both went on
// working; the merge then keeps the newest open row open and closes the
// others as of the moment the newer one started.
type oneOpenRule struct {
	index string
	// clash finds a source row that would meet a different open local row.
	clash string
	// losers selects (id, at) of every open row that is not the newest
	// open row of its group, with at = when the newest one started.
	losers string
	// close ends the row whose id is ?1 at time ?2. The closed version is
	// never "newer" than the open one (updated_at is kept), so wherever the
	// original arrives it wins, and this rule closes it again: the result
	// is the same in any order.
	close string
}

var oneOpenRules = map[string]oneOpenRule{
	"class_sessions": {
		index: "class_sessions_one_open",
		clash: `SELECT EXISTS (SELECT 1 FROM src.class_sessions AS s JOIN main.class_sessions AS m
			ON m.device_id = s.device_id AND m.closed_at IS NULL AND m.id <> s.id
			WHERE s.closed_at IS NULL)`,
		losers: `SELECT c.id, (SELECT w.opened_at FROM main.class_sessions AS w
				WHERE w.device_id = c.device_id AND w.closed_at IS NULL
				ORDER BY w.opened_at DESC, w.id DESC LIMIT 1)
			FROM main.class_sessions AS c WHERE c.closed_at IS NULL AND EXISTS (
				SELECT 1 FROM main.class_sessions AS w WHERE w.device_id = c.device_id
				AND w.closed_at IS NULL AND (w.opened_at, w.id) > (c.opened_at, c.id))`,
		close: `UPDATE main.class_sessions SET closed_at = ?2 WHERE id = ?1`,
	},
	"attempts": {
		index: "attempts_one_in_progress",
		clash: `SELECT EXISTS (SELECT 1 FROM src.attempts AS s JOIN main.attempts AS m
			ON m.participant_id = s.participant_id AND m.module_id = s.module_id
			AND m.device_id = s.device_id AND m.state = 'in_progress' AND m.kind = 'quiz' AND m.id <> s.id
			WHERE s.state = 'in_progress' AND s.participant_id IS NOT NULL AND s.kind = 'quiz')`,
		losers: `SELECT a.id, (SELECT w.started_at FROM main.attempts AS w
				WHERE w.participant_id = a.participant_id AND w.module_id = a.module_id
				AND w.device_id = a.device_id AND w.state = 'in_progress' AND w.kind = 'quiz'
				ORDER BY w.started_at DESC, w.id DESC LIMIT 1)
			FROM main.attempts AS a WHERE a.state = 'in_progress' AND a.participant_id IS NOT NULL
			AND a.kind = 'quiz'
			AND EXISTS (SELECT 1 FROM main.attempts AS w WHERE w.participant_id = a.participant_id
				AND w.module_id = a.module_id AND w.device_id = a.device_id AND w.kind = 'quiz'
				AND w.state = 'in_progress' AND (w.started_at, w.id) > (a.started_at, a.id))`,
		close: `UPDATE main.attempts SET state = 'abandoned', finished_at = ?2 WHERE id = ?1`,
	},
}

// mergeWithOneOpenRule merges a table guarded by a oneOpenRule. Only when
// the source would break the rule is the index set aside for the duration
// of the transaction (DDL is transactional in SQLite) and rebuilt, with the
// same definition, once the rule holds again.
func (m *merger) mergeWithOneOpenRule(ctx context.Context, t mergeTable) (TableCount, error) {
	r := oneOpenRules[t.name]
	var clash bool
	if err := m.queryRow(ctx, r.clash).Scan(&clash); err != nil {
		return TableCount{}, fmt.Errorf("merge %s: check open rows: %w", t.name, err)
	}
	if !clash {
		return m.mergeRows(ctx, t)
	}
	var def string
	err := m.queryRow(ctx, `SELECT sql FROM main.sqlite_schema WHERE type = 'index' AND name = ?`, r.index).Scan(&def)
	if err != nil {
		return TableCount{}, fmt.Errorf("merge %s: read index %s: %w", t.name, r.index, err)
	}
	if _, err := m.exec(ctx, `DROP INDEX main.`+r.index); err != nil {
		return TableCount{}, fmt.Errorf("merge %s: %w", t.name, err)
	}
	tc, err := m.mergeRows(ctx, t)
	if err != nil {
		return tc, err
	}
	if err := m.closeLosers(ctx, t.name, r); err != nil {
		return tc, err
	}
	if _, err := m.exec(ctx, def); err != nil {
		return tc, fmt.Errorf("merge %s: rebuild index %s: %w", t.name, r.index, err)
	}
	return tc, nil
}

// closeLosers closes every open row that is not the newest of its group.
// The losers are read in full before any is changed, so the outcome does
// not depend on the order rows are visited.
func (m *merger) closeLosers(ctx context.Context, table string, r oneOpenRule) error {
	rows, err := m.query(ctx, r.losers)
	if err != nil {
		return fmt.Errorf("merge %s: find open rows: %w", table, err)
	}
	type loser struct{ id, at string }
	var ls []loser
	for rows.Next() {
		var l loser
		if err := rows.Scan(&l.id, &l.at); err != nil {
			rows.Close()
			return fmt.Errorf("merge %s: find open rows: %w", table, err)
		}
		ls = append(ls, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("merge %s: find open rows: %w", table, err)
	}
	for _, l := range ls {
		if _, err := m.exec(ctx, r.close, l.id, l.at); err != nil {
			return fmt.Errorf("merge %s: close %s: %w", table, l.id, err)
		}
	}
	m.report.Repaired += len(ls)
	return nil
}

// breakLinkCycles removes circles of joins. Each record is joined away at
// most once, so joins form chains; but two laptops can join the same pair in
// opposite directions (A into B here, B into A there), which makes a
// circle with no record to count. The join out of the circle's smallest id
// is removed (and kept in merge_log), so that record becomes the keeper,
// whatever the order of the merges. After this, following into_id from any
// record always ends at its keeper (see CanonicalParticipantSQL).
func (m *merger) breakLinkCycles(ctx context.Context) error {
	rows, err := m.query(ctx, `WITH RECURSIVE walk(start, cur) AS (
			SELECT from_id, into_id FROM main.participant_links
			UNION
			SELECT w.start, l.into_id FROM walk AS w JOIN main.participant_links AS l ON l.from_id = w.cur
		),
		circle(id) AS (SELECT start FROM walk WHERE start = cur)
		SELECT l.id, l.from_id, json_object('id', l.id, 'from_id', l.from_id, 'into_id', l.into_id,
			'linked_by', l.linked_by, 'linked_at', l.linked_at, 'device_id', l.device_id,
			'created_at', l.created_at, 'updated_at', l.updated_at),
			EXISTS (SELECT 1 FROM src.participant_links AS s WHERE s.id = l.id)
		FROM circle AS c JOIN main.participant_links AS l ON l.from_id = c.id
		WHERE c.id = (SELECT min(w.cur) FROM walk AS w WHERE w.start = c.id)`)
	if err != nil {
		return fmt.Errorf("merge: find circles of joins: %w", err)
	}
	type link struct {
		id, from, js string
		fromSource   bool
	}
	var cut []link
	for rows.Next() {
		var l link
		if err := rows.Scan(&l.id, &l.from, &l.js, &l.fromSource); err != nil {
			rows.Close()
			return fmt.Errorf("merge: find circles of joins: %w", err)
		}
		cut = append(cut, l)
	}
	rows.Close()
	if err := errors.Join(rows.Err()); err != nil {
		return fmt.Errorf("merge: find circles of joins: %w", err)
	}
	for _, l := range cut {
		if _, err := m.exec(ctx, `DELETE FROM main.participant_links WHERE id = ?`, l.id); err != nil {
			return fmt.Errorf("merge: break circle of joins: %w", err)
		}
		if err := m.log(ctx, "participant_links", l.from, `{"removed":"circle of joins; this record is the keeper"}`, l.js); err != nil {
			return err
		}
		if l.fromSource && m.report.Links.New > 0 {
			m.report.Links.New--
		}
		m.report.Repaired++
	}
	return nil
}
