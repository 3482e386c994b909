package results

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
)

// fingerprintTables lists what Fingerprint hashes: every merged content
// table, each row as canonical JSON text in key order. Left out, because
// they differ between laptops holding the same results: settings, meta and
// schema_migrations (local to a laptop), merge_log (which laptop resolved
// which conflict depends on the order of merges) and devices (every laptop
// that merges adds its own row). Of a join only the pair of records counts,
// not which laptop recorded it or when.
var fingerprintTables = []struct{ name, cols, order string }{
	{"participants", "", "id"},
	{"class_sessions", "", "id"},
	{"attendance", "", "id"},
	{"lesson_progress", "", "participant_id, module_id"},
	{"attempts", "", "id"},
	{"answers", "", "id"},
	{"participant_links", "from_id, into_id", "from_id"},
}

// Fingerprint returns a SHA-256 digest (hex) of the database's content:
// participants, classes, attendance, lesson progress, attempts, answers and
// joins. It does not depend on the physical order of rows or on which laptop
// the data was merged on, so two laptops holding the same results print the
// same fingerprint (`kynangso fingerprint`) and can be compared by eye.
func (s *Store) Fingerprint(ctx context.Context) (string, error) {
	// One read transaction (deferred, so writers are not blocked) gives a
	// consistent snapshot across the tables; the DSN's BEGIN IMMEDIATE
	// would take the write lock, so the transaction is begun by hand.
	tx, err := s.db.Conn(ctx)
	if err != nil {
		return "", fmt.Errorf("fingerprint: %w", err)
	}
	defer tx.Close()
	if _, err := tx.ExecContext(ctx, `BEGIN DEFERRED`); err != nil {
		return "", fmt.Errorf("fingerprint: %w", err)
	}
	defer tx.ExecContext(context.WithoutCancel(ctx), `ROLLBACK`)
	h := sha256.New()
	for _, ft := range fingerprintTables {
		cs := ft.cols
		if cs == "" {
			t, _ := mergeTableNamed(ft.name)
			cs = strings.Join(t.cols, ", ")
		}
		parts := cols(cs)
		for i, c := range parts {
			parts[i] = fmt.Sprintf("'%s', %s", c, c)
		}
		rows, err := tx.QueryContext(ctx, fmt.Sprintf(`SELECT json_object(%s) FROM %s ORDER BY %s`,
			strings.Join(parts, ", "), ft.name, ft.order))
		if err != nil {
			return "", fmt.Errorf("fingerprint %s: %w", ft.name, err)
		}
		fmt.Fprintf(h, "table %s\n", ft.name)
		var line []byte
		for rows.Next() {
			if err := rows.Scan(&line); err != nil {
				rows.Close()
				return "", fmt.Errorf("fingerprint %s: %w", ft.name, err)
			}
			h.Write(line)
			h.Write([]byte{'\n'})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return "", fmt.Errorf("fingerprint %s: %w", ft.name, err)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// mergeTableNamed returns the merge description of a table.
func mergeTableNamed(name string) (mergeTable, bool) {
	for _, t := range mergeTables {
		if t.name == name {
			return t, true
		}
	}
	return mergeTable{}, false
}
