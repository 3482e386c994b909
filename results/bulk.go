package results

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// derivedTable is a table that triggers keep in step with the merged tables
// (a tally or summary, never merged itself). A big merge sets those triggers
// aside, which would otherwise fire once per merged row, and then recomputes
// the table in one statement.
type derivedTable struct {
	// name is the table. Its triggers must be named after it, "<name>_...",
	// so a merge knows which triggers the rebuild replaces.
	name string
	// rebuild recomputes the whole table from the merged tables, in order.
	rebuild []string
}

// derivedTables lists every trigger-kept table. A migration that adds one
// must add its entry here, with the same definition as its triggers keep:
// while a trigger on a merged table is not covered by an entry, merges leave
// every trigger in place (correct, only slower).
var derivedTables = []derivedTable{
	{
		name: "item_tally", // 0003_report_speed.sql
		rebuild: []string{
			`DELETE FROM main.item_tally`,
			`INSERT INTO main.item_tally (module_id, question_id, correct, chosen, n)
			SELECT a.module_id, n.question_id, n.correct, n.chosen, count(*)
			FROM main.answers AS n JOIN main.attempts AS a ON a.id = n.attempt_id
			GROUP BY 1, 2, 3, 4`,
		},
	},
}

// bulkLoad is the schema a big merge sets aside in its transaction: the
// non-unique indexes of the merged tables (unique ones decide what a merge
// does and stay) and the triggers of the derived tables. Inserting rows from
// many laptops into those indexes one by one costs far more than building
// them again once; SQLite's DDL is transactional, so if anything fails the
// rollback brings all of it back.
type bulkLoad struct {
	indexes  []schemaObject // made again by finish
	triggers []schemaObject
	derived  []derivedTable
}

// bulkMinRows is the fewest incoming answers for which setting indexes
// aside pays: a small merge goes row by row. Tests lower it to exercise
// the bulk path on small data, or raise it to compare.
var bulkMinRows = 20000

// beginBulk sets the indexes and triggers aside when the batch brings at
// least as many answers as this database holds (the first merge of a
// season, or a laptop gathering a whole district). It returns nil when the
// merge should go row by row.
func beginBulk(ctx context.Context, tx *sql.Tx, srcs []string) (*bulkLoad, error) {
	var local, incoming int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM main.answers`).Scan(&local); err != nil {
		return nil, fmt.Errorf("count answers: %w", err)
	}
	for _, src := range srcs {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+src+`.answers`).Scan(&n); err != nil {
			return nil, fmt.Errorf("count source answers: %w", err)
		}
		incoming += n
	}
	if incoming < bulkMinRows || incoming < local {
		return nil, nil
	}
	b, err := readBulkSchema(ctx, tx)
	if err != nil {
		return nil, err
	}
	return b, b.drop(ctx, tx)
}

// readBulkSchema reads the definitions of what a bulk merge sets aside.
func readBulkSchema(ctx context.Context, tx *sql.Tx) (*bulkLoad, error) {
	merged := make([]string, len(mergeTables))
	for i, t := range mergeTables {
		merged[i] = "'" + t.name + "'"
	}
	rows, err := tx.QueryContext(ctx, `SELECT type, name, sql FROM main.sqlite_schema
		WHERE type IN ('index', 'trigger') AND sql IS NOT NULL
		AND tbl_name IN (`+strings.Join(merged, ", ")+`) ORDER BY type, name`)
	if err != nil {
		return nil, fmt.Errorf("read schema: %w", err)
	}
	defer rows.Close()
	b := &bulkLoad{}
	covered := true
	for rows.Next() {
		var typ, name, def string
		if err := rows.Scan(&typ, &name, &def); err != nil {
			return nil, fmt.Errorf("read schema: %w", err)
		}
		switch {
		case typ == "index" && !strings.HasPrefix(strings.ToUpper(strings.TrimSpace(def)), "CREATE UNIQUE"):
			b.indexes = append(b.indexes, schemaObject{typ, name, def})
		case typ == "trigger":
			b.triggers = append(b.triggers, schemaObject{typ, name, def})
			covered = covered && derivedOf(name) != ""
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read schema: %w", err)
	}
	if !covered {
		b.triggers = nil // a trigger nobody can replay: leave them all firing
	}
	for _, d := range derivedTables {
		if b.triggers != nil {
			b.derived = append(b.derived, d)
		}
	}
	return b, nil
}

// derivedOf names the derived table a trigger keeps, or "".
func derivedOf(trigger string) string {
	for _, d := range derivedTables {
		if strings.HasPrefix(trigger, d.name+"_") {
			return d.name
		}
	}
	return ""
}

// drop removes the indexes and triggers set aside.
func (b *bulkLoad) drop(ctx context.Context, tx *sql.Tx) error {
	for _, o := range append(append([]schemaObject{}, b.indexes...), b.triggers...) {
		if _, err := tx.ExecContext(ctx, o.dropSQL()); err != nil {
			return fmt.Errorf("set aside %s %s: %w", o.kind, o.name, err)
		}
	}
	return nil
}

// finish builds the indexes again, recomputes the derived tables and puts
// their triggers back, all with the definitions read before.
func (b *bulkLoad) finish(ctx context.Context, tx *sql.Tx) error {
	if b == nil {
		return nil
	}
	for _, o := range b.indexes {
		if _, err := tx.ExecContext(ctx, o.def); err != nil {
			return fmt.Errorf("rebuild index %s: %w", o.name, err)
		}
	}
	for _, d := range b.derived {
		for _, q := range d.rebuild {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("recompute %s: %w", d.name, err)
			}
		}
	}
	for _, o := range b.triggers {
		if _, err := tx.ExecContext(ctx, o.def); err != nil {
			return fmt.Errorf("restore trigger %s: %w", o.name, err)
		}
	}
	return nil
}

// schemaObject is one index or trigger as sqlite_schema keeps it.
type schemaObject struct {
	kind, name, def string
}

// dropSQL removes the object from the main database.
func (o schemaObject) dropSQL() string {
	return "DROP " + strings.ToUpper(o.kind) + ` main."` + strings.ReplaceAll(o.name, `"`, `""`) + `"`
}
