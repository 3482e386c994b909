package results

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// This file is what the province hub (package hub) needs of the store: the
// rows a sync sends, in one snapshot; the rows it pulls back, merged by the
// store's own merge rules; and, for a report mirror of the hub, rows put in
// place as the hub holds them. It only reads the tables the merge knows
// (mergeTables) and writes through plain SQL, so the summaries' triggers
// keep item_tally, person_module and person_summary exact.

// HubTable describes one table a hub sync exchanges: its columns in schema
// order (the canonical JSON order) and the columns that make two versions
// the same record.
type HubTable struct {
	Name string
	Cols []string
	Key  []string
}

// hubMergeLog is merge_log as a sync sends it: rows are only ever added.
var hubMergeLog = HubTable{Name: "merge_log", Cols: cols(`id, table_name, row_id, winner, loser, source,
	merged_at, device_id, created_at, updated_at`), Key: []string{"id"}}

// HubTables lists the tables a sync sends, parents before children (the
// order of the foreign keys), merge_log last.
func HubTables() []HubTable {
	out := make([]HubTable, 0, len(mergeTables)+1)
	for _, t := range mergeTables {
		out = append(out, HubTable{Name: t.name, Cols: append([]string(nil), t.cols...), Key: append([]string(nil), t.key...)})
	}
	return append(out, hubMergeLog)
}

// hubTable returns the description of a table HubTables lists.
func hubTable(name string) (HubTable, error) {
	for _, t := range HubTables() {
		if t.Name == name {
			return t, nil
		}
	}
	return HubTable{}, fmt.Errorf("%w: %q is not a table a sync exchanges", ErrInvalid, name)
}

// HubReader reads the rows a sync compares and sends, all from one snapshot
// of the database (see ReadHub), so a row is never read without the rows it
// refers to even while the app writes.
type HubReader struct {
	ctx  context.Context
	conn *sql.Conn
}

// ReadHub calls fn with a reader over one snapshot of the database: a
// deferred read transaction, which does not block the app's writes.
func (s *Store) ReadHub(ctx context.Context, fn func(HubReader) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("read rows to send: %w", err)
	}
	defer conn.Close()
	// The DSN's BEGIN IMMEDIATE would take the write lock.
	if _, err := conn.ExecContext(ctx, `BEGIN DEFERRED`); err != nil {
		return fmt.Errorf("read rows to send: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `ROLLBACK`)
	return fn(HubReader{ctx: ctx, conn: conn})
}

// unit is the columns whose values name one unit a sync compares: the key,
// except for answers, compared one attempt at a time (an attempt's answers
// are written together, and there are ten times more answers than
// attempts).
func (t HubTable) unit() []string {
	if t.Name == "answers" {
		return []string{"attempt_id"}
	}
	return t.Key
}

// Digests calls fn for every unit of table in unit order: its key (the
// unit columns' values joined by "/") and its content, the canonical JSON
// of its row (json_object of every column in schema order, as the merge
// compares rows), or for answers the ids of the attempt's answers in
// question order, joined by ",": an answer is never changed once given (a
// merge may replace it by another laptop's, which has another id), so its
// id stands for its content, at a third of the cost of its text. SQLite
// builds the text, so a laptop's whole database is compared in one pass of
// a few tens of thousands of rows.
func (r HubReader) Digests(table string, fn func(key, content string) error) error {
	t, err := hubTable(table)
	if err != nil {
		return err
	}
	obj := HubJSON(t, "")
	keyExpr := strings.Join(t.unit(), " || '/' || ")
	q := fmt.Sprintf(`SELECT %s, %s FROM %s ORDER BY %s`, keyExpr, obj, t.Name, strings.Join(t.unit(), ", "))
	if t.Name == "answers" {
		q = `SELECT attempt_id, group_concat(id, ',' ORDER BY question_id) FROM answers
			GROUP BY attempt_id ORDER BY attempt_id`
	}
	rows, err := r.conn.QueryContext(r.ctx, q)
	if err != nil {
		return fmt.Errorf("read %s: %w", t.Name, err)
	}
	defer rows.Close()
	var key, content string
	for rows.Next() {
		if err := rows.Scan(&key, &content); err != nil {
			return fmt.Errorf("read %s: %w", t.Name, err)
		}
		if err := fn(key, content); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read %s: %w", t.Name, err)
	}
	return nil
}

// HubJSON is the SQL of a row's canonical JSON (json_object of t's columns
// in order), its columns qualified by alias when not "".
func HubJSON(t HubTable, alias string) string {
	parts := make([]string, len(t.Cols))
	for i, c := range t.Cols {
		if alias != "" {
			parts[i] = fmt.Sprintf("'%s', %s.%s", c, alias, c)
		} else {
			parts[i] = fmt.Sprintf("'%s', %s", c, c)
		}
	}
	return "json_object(" + strings.Join(parts, ", ") + ")"
}

// Rows calls fn with every row of table (columns of HubTables in order;
// values nil, int64 or string) whose unit key is in keys, in key order
// (a unit's rows together, an attempt's answers in question order), or
// every row, in no particular order, when keys is nil. fn must not keep
// vals.
func (r HubReader) Rows(table string, keys []string, fn func(vals []any) error) error {
	t, err := hubTable(table)
	if err != nil {
		return err
	}
	base := fmt.Sprintf(`SELECT %s FROM %s`, strings.Join(t.Cols, ", "), t.Name)
	// Key order: a unit's rows come together, an attempt's answers in
	// question order, as Digests joins them.
	order := ` ORDER BY ` + strings.Join(t.Key, ", ")
	if keys == nil {
		// The table's own order: reading a rowid table in the order of its
		// text key would look every row up through the key's index.
		return r.rows(t, base, nil, fn)
	}
	unit := t.unit()
	tuple := "(?" + strings.Repeat(", ?", len(unit)-1) + ")"
	for len(keys) > 0 {
		n := min(len(keys), 400)
		var args []any
		for _, k := range keys[:n] {
			parts := strings.SplitN(k, "/", len(unit))
			if len(parts) != len(unit) {
				return fmt.Errorf("%w: %q is not a %s key", ErrInvalid, k, t.Name)
			}
			for _, p := range parts {
				args = append(args, p)
			}
		}
		q := fmt.Sprintf(`%s WHERE (%s) IN (VALUES %s%s)%s`, base, strings.Join(unit, ", "), tuple,
			strings.Repeat(", "+tuple, n-1), order)
		if err := r.rows(t, q, args, fn); err != nil {
			return err
		}
		keys = keys[n:]
	}
	return nil
}

func (r HubReader) rows(t HubTable, q string, args []any, fn func([]any) error) error {
	rows, err := r.conn.QueryContext(r.ctx, q, args...)
	if err != nil {
		return fmt.Errorf("read %s: %w", t.Name, err)
	}
	defer rows.Close()
	vals := make([]any, len(t.Cols))
	ptrs := make([]any, len(t.Cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("read %s: %w", t.Name, err)
		}
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				vals[i] = string(b)
			}
		}
		if err := fn(vals); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read %s: %w", t.Name, err)
	}
	return nil
}

// MergeHubRows merges rows pulled from the hub (table name → rows, each
// with the columns of HubTables in order) into this database by the same
// rules as Merge (see MergeHubFile).
func (s *Store) MergeHubRows(ctx context.Context, rows map[string][][]any) (MergeReport, error) {
	dir, err := os.MkdirTemp("", "kynangso-hub-")
	if err != nil {
		return MergeReport{}, fmt.Errorf("merge hub rows: %w", err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "hub.db")
	f, err := NewHubFile(ctx, path, WithClock(s.clk.wall), WithZone(s.clk.zone))
	if err != nil {
		return MergeReport{}, err
	}
	for _, t := range HubTables() {
		if err := f.Put(ctx, t.Name, rows[t.Name]); err != nil {
			f.Abort()
			return MergeReport{}, err
		}
	}
	if err := f.Close(); err != nil {
		return MergeReport{}, err
	}
	return s.MergeHubFile(ctx, path)
}

// MergeHubFile merges a file made with NewHubFile into this database like a
// file from another laptop: an erasure wins, the newest version wins, joins
// survive, and merging the same rows again changes nothing. When every row
// is new here (a report mirror's first copy of a province) it takes the
// merge's one-statement path, which adds the report summaries in bulk. The
// file is not remembered among the merged files.
func (s *Store) MergeHubFile(ctx context.Context, path string) (MergeReport, error) {
	digest, err := fileDigest(path)
	if err != nil {
		return MergeReport{}, fmt.Errorf("merge hub rows: %w", err)
	}
	rep, err := s.Merge(ctx, path)
	// The file is thrown away: remembering its bytes would only grow
	// settings by one row per sync.
	if _, derr := s.db.ExecContext(context.WithoutCancel(ctx), `DELETE FROM settings WHERE key = ?`, mergedKeyPrefix+digest); derr != nil {
		err = errors.Join(err, fmt.Errorf("merge hub rows: %w", derr))
	}
	return rep, err
}

// HubFile is a new kynangso database being filled with rows from the hub,
// to be merged (MergeHubFile) and thrown away. It has no triggers, no
// report summaries and no device of its own (the merge neither reads the
// first nor brings the second), so rows go in at the speed of plain
// inserts, in one transaction.
type HubFile struct {
	store *Store
	tx    *sql.Tx
}

// NewHubFile creates the file at path (which must not exist).
func NewHubFile(ctx context.Context, path string, opts ...Option) (*HubFile, error) {
	tmp, err := openAt(ctx, path, len(migrations), opts...)
	if err != nil {
		return nil, fmt.Errorf("write hub rows: %w", err)
	}
	tx, err := tmp.db.BeginTx(ctx, nil)
	if err == nil {
		_, err = tx.ExecContext(ctx, `DELETE FROM devices; DELETE FROM meta WHERE key = 'device_id'`)
	}
	if err == nil {
		_, err = dropTriggers(ctx, tx, "")
	}
	if err != nil {
		if tx != nil {
			tx.Rollback()
		}
		tmp.Close()
		return nil, fmt.Errorf("write hub rows: %w", err)
	}
	return &HubFile{store: tmp, tx: tx}, nil
}

// Put adds rows of table (columns of HubTables in order); parents first.
func (f *HubFile) Put(ctx context.Context, table string, rows [][]any) error {
	t, err := hubTable(table)
	if err != nil {
		return err
	}
	return insertHubRows(ctx, f.tx, t, rows, "")
}

// Close commits the rows and closes the file.
func (f *HubFile) Close() error {
	err := f.tx.Commit()
	if cerr := f.store.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write hub rows: %w", err)
	}
	return nil
}

// Abort gives up the file's rows and closes it.
func (f *HubFile) Abort() {
	f.tx.Rollback()
	f.store.Close()
}

// insertHubRows inserts rows into t inside tx with one prepared statement;
// conflict, when not empty, is the statement's ON CONFLICT clause.
func insertHubRows(ctx context.Context, tx *sql.Tx, t HubTable, rows [][]any, conflict string) error {
	if len(rows) == 0 {
		return nil
	}
	q := fmt.Sprintf(`INSERT INTO %s (%s) VALUES (?%s) %s`, t.Name, strings.Join(t.Cols, ", "),
		strings.Repeat(", ?", len(t.Cols)-1), conflict)
	st, err := tx.PrepareContext(ctx, q)
	if err != nil {
		return fmt.Errorf("write %s: %w", t.Name, err)
	}
	defer st.Close()
	for _, r := range rows {
		if len(r) != len(t.Cols) {
			return fmt.Errorf("%w: a %s row has %d values, not %d", ErrInvalid, t.Name, len(r), len(t.Cols))
		}
		if _, err := st.ExecContext(ctx, r...); err != nil {
			return fmt.Errorf("write %s: %w", t.Name, err)
		}
	}
	return nil
}

// PutHubRows puts rows of table (columns of HubTables in order) in place
// exactly as the hub holds them, replacing any version of the same record,
// in one transaction. It is for a report mirror of the hub, whose rows are
// already merged: no rule is applied. The summaries follow by their
// triggers.
func (s *Store) PutHubRows(ctx context.Context, table string, rows [][]any) error {
	t, err := hubTable(table)
	if err != nil {
		return err
	}
	set := make([]string, 0, len(t.Cols))
	for _, c := range t.Cols {
		set = append(set, c+" = excluded."+c)
	}
	conflict := fmt.Sprintf(`ON CONFLICT (%s) DO UPDATE SET %s`, strings.Join(t.Key, ", "), strings.Join(set, ", "))
	return s.withTx(ctx, "put hub rows", func(tx *sql.Tx) error {
		return insertHubRows(ctx, tx, t, rows, conflict)
	})
}

// DeleteHubRows deletes the records of table whose keys (the key columns'
// values joined by "/", as merge_log names records) are given: what the
// hub's merge rules deleted (the lesson progress of an erased person, a
// join that closed a circle), for a report mirror.
func (s *Store) DeleteHubRows(ctx context.Context, table string, keys []string) error {
	t, err := hubTable(table)
	if err != nil {
		return err
	}
	conds := make([]string, len(t.Key))
	for i, k := range t.Key {
		conds[i] = k + " = ?"
	}
	q := fmt.Sprintf(`DELETE FROM %s WHERE %s`, t.Name, strings.Join(conds, " AND "))
	return s.withTx(ctx, "delete hub rows", func(tx *sql.Tx) error {
		for _, k := range keys {
			parts := strings.SplitN(k, "/", len(t.Key))
			if len(parts) != len(t.Key) {
				return fmt.Errorf("%w: %q is not a %s key", ErrInvalid, k, t.Name)
			}
			args := make([]any, len(parts))
			for i, p := range parts {
				args[i] = p
			}
			if _, err := tx.ExecContext(ctx, q, args...); err != nil {
				return fmt.Errorf("delete %s: %w", t.Name, err)
			}
		}
		return nil
	})
}

// FingerprintTable is one table as Fingerprint hashes it: its columns (in
// the canonical JSON's order) and the order of its rows.
type FingerprintTable struct {
	Name  string
	Cols  []string
	Order string
}

// FingerprintTables lists what Fingerprint hashes, in its order, so that a
// copy of the data kept elsewhere (the province hub) computes the same
// digest: each line is "table NAME" followed by one canonical JSON row per
// line, in Order.
func FingerprintTables() []FingerprintTable {
	out := make([]FingerprintTable, 0, len(fingerprintTables))
	for _, ft := range fingerprintTables {
		cs := ft.cols
		if cs == "" {
			t, _ := mergeTableNamed(ft.name)
			cs = strings.Join(t.cols, ", ")
		}
		out = append(out, FingerprintTable{Name: ft.name, Cols: cols(cs), Order: ft.order})
	}
	return out
}
