package results

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"kynangso/internal/safetext"
)

// A database from another laptop (or an old version, a bug, a hand edit)
// can hold text registration would refuse: escape sequences, bidi and
// invisible characters, NUL, decomposed letters, a search key that does not
// match the name. Merged-in rows and this laptop's own old rows are cleaned
// exactly as registration cleans what is typed, and the search key is
// recomputed from the cleaned name. Cleaning never changes updated_at, so it
// does not change which version of a record wins a merge: every laptop
// cleans the same row to the same text.

// textCleanVersion names the cleaning rules; a database records in meta the
// version it was last cleaned with, so its own rows are cleaned once per
// change of the rules, not at every start.
const textCleanVersion = "2026-12-cf"

// placeholderName replaces a name that cleaning left empty, so the person
// can still be found in the trainer's list and corrected.
const placeholderName = "Không rõ tên"

// TextCleaning counts what cleaning changed in one database.
type TextCleaning struct {
	// Rows is how many rows had text changed (or a search key recomputed).
	Rows int
	// NamesToCheck is how many of the people's names break the registration
	// rules even after cleaning (fewer than two letters, too long, or left
	// empty and replaced by a placeholder); the trainer should correct them.
	NamesToCheck int
}

// textColumns lists, per table, the text columns cleaned as one line (list
// columns hold JSON arrays of lines).
var textColumns = []struct {
	table, key string
	lines      []string
	lists      []string
}{
	{table: "participants", key: "id", lines: []string{"full_name", "village", "household", "phone", "consent_version"}},
	{table: "class_sessions", key: "id", lines: []string{"title", "commune"}, lists: []string{"villages", "trainers", "planned_modules"}},
	{table: "devices", key: "id", lines: []string{"name"}},
	{table: "participant_links", key: "id", lines: []string{"linked_by"}},
}

// cleanStoredText cleans every text column of db in place (inside one
// transaction of its own) and returns what it changed.
func cleanStoredText(ctx context.Context, db *sql.DB) (TextCleaning, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return TextCleaning{}, fmt.Errorf("clean stored text: %w", err)
	}
	defer tx.Rollback()
	var total TextCleaning
	for _, tc := range textColumns {
		c, err := cleanTable(ctx, tx, tc.table, tc.key, tc.lines, tc.lists, true)
		if err != nil {
			return TextCleaning{}, fmt.Errorf("clean stored text: %s: %w", tc.table, err)
		}
		total.Rows += c.Rows
		total.NamesToCheck += c.NamesToCheck
	}
	if err := tx.Commit(); err != nil {
		return TextCleaning{}, fmt.Errorf("clean stored text: commit: %w", err)
	}
	return total, nil
}

// countDirtyText counts the rows of a read-only database that cleaning
// would change, without writing anything.
func countDirtyText(ctx context.Context, q querierTx) (int, error) {
	n := 0
	for _, tc := range textColumns {
		c, err := cleanTable(ctx, q, tc.table, tc.key, tc.lines, tc.lists, false)
		if err != nil {
			return 0, fmt.Errorf("check stored text: %s: %w", tc.table, err)
		}
		n += c.Rows
	}
	return n, nil
}

// cleanTable reads every row's text columns, cleans them and, when write
// is set, updates the rows that changed. Participants also get their
// search key recomputed and their name checked.
func cleanTable(ctx context.Context, q querierTx, table, key string, lines, lists []string, write bool) (TextCleaning, error) {
	cols := append(append([]string{}, lines...), lists...)
	people := table == "participants"
	sel := list("", cols)
	if people {
		sel += ", search_key, anonymous, deleted_at IS NOT NULL"
	}
	rows, err := q.QueryContext(ctx, `SELECT `+key+`, `+sel+` FROM `+table)
	if err != nil {
		return TextCleaning{}, err
	}
	type change struct {
		id   string
		vals []any
	}
	var changes []change
	var c TextCleaning
	for rows.Next() {
		var id string
		vals := make([]sql.NullString, len(cols))
		dest := []any{&id}
		for i := range vals {
			dest = append(dest, &vals[i])
		}
		var searchKey string
		var anon, erased bool
		if people {
			dest = append(dest, &searchKey, &anon, &erased)
		}
		if err := rows.Scan(dest...); err != nil {
			rows.Close()
			return TextCleaning{}, err
		}
		out, changed := cleanValues(vals, len(lines))
		if people {
			named := !anon && !erased
			name := out[0].(string)
			switch {
			case named && name == "":
				name, out[0], changed = placeholderName, placeholderName, true
				c.NamesToCheck++
			case named && CheckName(name) != NameOK:
				c.NamesToCheck++
			}
			if k := SearchKey(name); k != searchKey {
				out, changed = append(out, k), true
			} else {
				out = append(out, searchKey)
			}
		}
		if changed {
			c.Rows++
			changes = append(changes, change{id: id, vals: out})
		}
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return TextCleaning{}, err
	}
	if !write || len(changes) == 0 {
		return c, nil
	}
	set := cols
	if people {
		set = append(append([]string{}, cols...), "search_key")
	}
	upd := `UPDATE ` + table + ` SET (` + list("", set) + `) = (?` + strings.Repeat(", ?", len(set)-1) + `) WHERE ` + key + ` = ?`
	for _, ch := range changes {
		if _, err := q.ExecContext(ctx, upd, append(ch.vals, ch.id)...); err != nil {
			return TextCleaning{}, err
		}
	}
	return c, nil
}

// cleanValues cleans the first nLines values as lines and the rest as JSON
// lists of lines, keeping NULLs; it reports whether any value changed.
func cleanValues(vals []sql.NullString, nLines int) ([]any, bool) {
	out := make([]any, len(vals))
	changed := false
	for i, v := range vals {
		if !v.Valid {
			out[i] = nil
			continue
		}
		if i < nLines {
			clean := safetext.Line(v.String)
			out[i], changed = clean, changed || clean != v.String
			continue
		}
		// A list is compared by its entries, not its JSON spelling; a value
		// that is not a JSON list of strings becomes an empty list.
		was := parseList(v.String)
		clean := cleanList(was)
		out[i] = v.String
		if !slices.Equal(clean, was) || was == nil && v.String != "[]" {
			out[i], changed = jsonList(clean), true
		}
	}
	return out, changed
}

// cleanOwnText cleans this database's own rows once per textCleanVersion
// (they may predate the current rules) and records that it did.
func (s *Store) cleanOwnText(ctx context.Context) error {
	var done string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'text_clean'`).Scan(&done)
	if err == nil && done == textCleanVersion {
		return nil
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("read text cleaning state: %w", err)
	}
	if _, err := cleanStoredText(ctx, s.db); err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('text_clean', ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, textCleanVersion)
	if err != nil {
		return fmt.Errorf("record text cleaning: %w", err)
	}
	return nil
}
