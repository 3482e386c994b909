package hub

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/jackc/pgx/v5"

	"kynangso/results"
)

// The province's reports and exports run on a mirror: an ordinary kynangso
// database file that holds the hub's rows exactly as the hub holds them
// (no merge rule is applied again), brought up to date from the hub's
// change sequence each time a report is asked for. The reports are then
// computed by the very code that computes a laptop's (package results), so
// `kynangso report --hub` gives exactly the numbers `kynangso report` gives
// on a file holding the same data: equality by construction, not by a
// second implementation in SQL that would have to be kept equal forever.
// The first mirror of a province copies everything once; later ones copy
// what changed since.

// ErrNoCommune means a report asked for a commune the hub does not know.
var ErrNoCommune = errors.New("hub: no commune of that name on the hub")

// NoCommuneError is ErrNoCommune with the name asked for and (some of) the
// communes the hub knows, so that the message can say what to type.
type NoCommuneError struct {
	Name  string
	Known []string
}

func (e NoCommuneError) Error() string {
	return fmt.Sprintf("%v: %q (the hub has: %s)", ErrNoCommune, e.Name, strings.Join(e.Known, ", "))
}

// Is makes errors.Is(err, ErrNoCommune) true.
func (e NoCommuneError) Is(target error) bool { return target == ErrNoCommune }

// mirrorKey is the settings key of a mirror's state: which hub, which
// commune ("" for the whole province), and the watermark.
const mirrorKey = "hub_mirror"

// Mirror brings the report mirror at path up to date with the hub (commune
// "" for every commune) and returns it opened, for the reports of package
// results. The connection must be the province's login (a laptop's sees
// only its own team's rows). opts are the store's options (clock, zone).
func Mirror(ctx context.Context, conn *pgx.Conn, path, commune string, opts ...results.Option) (*results.Store, error) {
	_, statErr := os.Stat(path)
	store, err := results.Open(ctx, path, opts...)
	if err != nil {
		return nil, err
	}
	if err := RefreshMirror(ctx, conn, store, commune); err != nil {
		store.Close()
		if errors.Is(statErr, fs.ErrNotExist) { // a mirror made just now holds nothing yet
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(path + suffix)
			}
		}
		return nil, err
	}
	return store, nil
}

// RefreshMirror brings an open report mirror up to date with the hub, for
// a screen that keeps it open between reports.
func RefreshMirror(ctx context.Context, conn *pgx.Conn, store *results.Store, commune string) error {
	if err := CheckSchema(ctx, conn); err != nil {
		return err
	}
	var hubID string
	var cid *int
	err := conn.QueryRow(ctx, `SELECT (SELECT value FROM kynangso.hub_meta WHERE key = 'hub_id'),
		(SELECT id FROM kynangso.communes WHERE name = $1)`, commune).Scan(&hubID, &cid)
	if err != nil {
		return fmt.Errorf("read the hub: %w", err)
	}
	if commune != "" && cid == nil {
		known, err := queryStrings(ctx, conn, `SELECT name FROM kynangso.communes ORDER BY name LIMIT 30`)
		if err != nil {
			return fmt.Errorf("read the hub: %w", err)
		}
		return NoCommuneError{Name: commune, Known: known}
	}
	scope := hubID + " " + commune
	state, _, err := store.Setting(ctx, mirrorKey)
	if err != nil {
		return fmt.Errorf("update the report mirror: %w", err)
	}
	mark := "0"
	if rest, ok := strings.CutPrefix(state, scope+" "); ok {
		mark = rest
	} else if state != "" {
		return fmt.Errorf("update the report mirror: %s belongs to another hub or commune; delete it or choose another file", store.Path())
	}
	var empty bool
	if err := store.DB().QueryRowContext(ctx, `SELECT NOT EXISTS (SELECT 1 FROM participants)`).Scan(&empty); err != nil {
		return fmt.Errorf("update the report mirror: %w", err)
	}
	refresh := refreshMirror
	if mark == "0" && empty {
		refresh = buildMirror
	}
	if err := refresh(ctx, conn, store, cid, scope, mark); err != nil {
		return fmt.Errorf("update the report mirror: %w", err)
	}
	return nil
}

// buildMirror makes a new mirror's first copy: the hub's rows go into a
// temporary file at the speed of plain inserts, which is then merged into
// the empty mirror by the merge's one-statement path (the report summaries
// added in bulk, not row by row). Every row is new, so the merge keeps each
// exactly as the hub holds it.
func buildMirror(ctx context.Context, conn *pgx.Conn, store *results.Store, cid *int, scope, mark string) error {
	dir, err := os.MkdirTemp(filepath.Dir(store.Path()), ".hub-mirror-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "hub.db")
	f, err := results.NewHubFile(ctx, path)
	if err != nil {
		return err
	}
	var next string
	err = pgx.BeginTxFunc(ctx, conn, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `SELECT pg_snapshot_xmin(pg_current_snapshot())::text`).Scan(&next); err != nil {
			return err
		}
		for _, name := range mirrorTables {
			put := func(rows [][]any) error { return f.Put(ctx, name, rows) }
			if err := copyTable(ctx, tx, name, put, mirrorQuery(tableNamed(name), cid != nil), mark, cid); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		f.Abort()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if _, err := store.MergeHubFile(ctx, path); err != nil {
		return err
	}
	return store.SetSetting(ctx, mirrorKey, scope+" "+next)
}

// mirrorTables are the tables a mirror holds: what the reports read.
var mirrorTables = []string{"devices", "participants", "class_sessions", "attendance", "lesson_progress",
	"attempts", "answers", "participant_links"}

// refreshMirror copies, in one snapshot of the hub, every row written
// since mark (and, for one commune, the rows its rows refer to, whatever
// their age), then deletes what the hub's merge rules deleted since.
func refreshMirror(ctx context.Context, conn *pgx.Conn, store *results.Store, cid *int, scope, mark string) error {
	return pgx.BeginTxFunc(ctx, conn, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		var next string
		if err := tx.QueryRow(ctx, `SELECT pg_snapshot_xmin(pg_current_snapshot())::text`).Scan(&next); err != nil {
			return err
		}
		for _, name := range mirrorTables {
			put := func(rows [][]any) error { return store.PutHubRows(ctx, name, rows) }
			if err := copyTable(ctx, tx, name, put, mirrorQuery(tableNamed(name), cid != nil), mark, cid); err != nil {
				return err
			}
		}
		gone, err := tx.Query(ctx, `SELECT table_name, row_key FROM kynangso.deletions WHERE xid >= $1::xid8`, mark)
		if err != nil {
			return fmt.Errorf("read deletions: %w", err)
		}
		keys := map[string][]string{}
		for gone.Next() {
			var t, k string
			if err := gone.Scan(&t, &k); err != nil {
				gone.Close()
				return err
			}
			keys[t] = append(keys[t], k)
		}
		gone.Close()
		for t, ks := range keys {
			if err := store.DeleteHubRows(ctx, t, ks); err != nil {
				return err
			}
		}
		return store.SetSetting(ctx, mirrorKey, scope+" "+next)
	})
}

// mirrorBatch is how many rows the mirror writes per transaction: a
// province's answers are streamed, never held in memory at once.
const mirrorBatch = 50000

// copyTable streams the rows of one table's query to put, a batch at a
// time.
func copyTable(ctx context.Context, tx pgx.Tx, name string, put func([][]any) error, q string, args ...any) error {
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	defer rows.Close()
	batch := make([][]any, 0, mirrorBatch)
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
		if batch = append(batch, vals); len(batch) == mirrorBatch {
			if err := put(batch); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	return put(batch)
}

// mirrorQuery selects a table's rows written since $1 (for commune $2 when
// scoped). A commune's mirror also takes the people, classes and attempts
// its rows refer to, from wherever they are, so the mirror's own foreign
// keys hold; rows it already has come again and are put back unchanged.
// Those go in a second query of their own (UNION ALL, the first query's
// rows left out), never as "… OR x.id IN (…)": on a hub of a million
// people PostgreSQL runs that OR as a subplan scanned again for every row
// (hours), where a semi-join takes seconds.
func mirrorQuery(t results.HubTable, scoped bool) string {
	sel := `SELECT ` + strings.Join(t.Cols, ", ") + ` FROM kynangso.` + t.Name + ` AS x WHERE `
	if !scoped {
		return sel + `x.xid >= $1::xid8 AND $2::int IS NULL`
	}
	own := `x.xid >= $1::xid8 AND x.commune_id = $2`
	var refs string
	switch t.Name {
	case "participants":
		refs = `SELECT participant_id FROM kynangso.attendance WHERE commune_id = $2 AND xid >= $1::xid8
			UNION SELECT participant_id FROM kynangso.attempts WHERE commune_id = $2 AND xid >= $1::xid8
			UNION SELECT participant_id FROM kynangso.lesson_progress WHERE commune_id = $2 AND xid >= $1::xid8
			UNION SELECT from_id FROM kynangso.participant_links WHERE commune_id = $2 AND xid >= $1::xid8
			UNION SELECT into_id FROM kynangso.participant_links WHERE commune_id = $2 AND xid >= $1::xid8`
	case "class_sessions":
		refs = `SELECT session_id FROM kynangso.attendance WHERE commune_id = $2 AND xid >= $1::xid8
			UNION SELECT session_id FROM kynangso.attempts WHERE commune_id = $2 AND xid >= $1::xid8`
	case "attempts":
		refs = `SELECT attempt_id FROM kynangso.answers WHERE commune_id = $2 AND xid >= $1::xid8`
	}
	if refs == "" {
		return sel + own
	}
	return sel + own + ` UNION ALL ` + sel + `x.id IN (` + refs + `) AND NOT (` + own + `)`
}
