package hub

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"kynangso/results"
)

// pullCommune reads back the people of the laptop's commune and their
// joins that changed on the hub since the last pull (by the hub's change
// sequence, xid), with the people those joins name, and merges them into
// the laptop by the file merge's rules. Rows the laptop already holds in
// the same version (its own, just sent) are skipped. The watermark moves
// only once the merge is committed here.
func pullCommune(ctx context.Context, conn *pgx.Conn, store *results.Store, led *ledger, res *Result, report func(Progress)) error {
	report(Progress{Phase: PhasePull})
	people, links, mark, err := readCommune(ctx, conn, led.watermark)
	if err != nil {
		return err
	}
	byTable, fresh := freshRows(led, people, links)
	res.Pulled = len(fresh)
	report(Progress{Phase: PhasePull, Done: len(fresh), Total: len(fresh)})
	if len(fresh) > 0 {
		report(Progress{Phase: PhaseApply, Total: len(fresh)})
		rep, err := store.MergeHubRows(ctx, byTable)
		if err != nil {
			return fmt.Errorf("sync: merge the commune's people here: %w", err)
		}
		res.Merge = rep
		// The hub's version is here now (or a newer one made here, which
		// then differs from it and is sent next time).
		for _, f := range fresh {
			led.sent[f.key] = f.content
		}
		report(Progress{Phase: PhaseApply, Done: len(fresh), Total: len(fresh)})
	}
	if len(people) == 0 && len(links) == 0 {
		// Nothing was read: keeping the older watermark only means the
		// next pull looks a little further back, and spares a write.
		return nil
	}
	led.watermark = mark
	return led.save()
}

// seenRow is a pulled row's key and content hashes.
type seenRow struct{ key, content uint64 }

// freshRows keeps the pulled rows the laptop does not hold in this version
// (by the ledger), with the people every kept join names: the temporary
// file they are merged from must hold both records of a join. Each pulled
// row ends with its canonical JSON (kynangso.sqlite_json), which is taken
// off here.
func freshRows(led *ledger, people, links [][]any) (map[string][][]any, []seenRow) {
	byTable := map[string][][]any{}
	var fresh []seenRow
	need := map[string]bool{}
	known := func(table string, r []any) (bool, seenRow) {
		k, c := unitHashes(table, r[keyCol(table)].(string), r[len(r)-1].(string))
		v, ok := led.sent[k]
		return ok && v == c, seenRow{k, c}
	}
	for _, r := range links {
		if ok, sr := known("participant_links", r); !ok {
			byTable["participant_links"] = append(byTable["participant_links"], r[:len(r)-1])
			fresh = append(fresh, sr)
			need[r[1].(string)], need[r[2].(string)] = true, true
		}
	}
	for _, r := range people {
		ok, sr := known("participants", r)
		if !ok {
			fresh = append(fresh, sr)
		}
		if !ok || need[r[0].(string)] {
			byTable["participants"] = append(byTable["participants"], r[:len(r)-1])
		}
	}
	return byTable, fresh
}

// keyCol is the position of the pulled tables' one-column key.
func keyCol(table string) int {
	if table == "participant_links" {
		return 1 // from_id
	}
	return 0 // id
}

// tableNamed returns the sync's description of a table.
func tableNamed(name string) results.HubTable {
	for _, t := range results.HubTables() {
		if t.Name == name {
			return t
		}
	}
	panic("hub: unknown table " + name)
}

// readCommune reads, in one snapshot, the commune's people and joins
// written after watermark, and returns the snapshot's xmin as the next
// watermark: every transaction before it is visible to this snapshot, so
// nothing committed later can carry an older change sequence.
func readCommune(ctx context.Context, conn *pgx.Conn, watermark string) (people, links [][]any, mark string, err error) {
	pt, lt := tableNamed("participants"), tableNamed("participant_links")
	err = pgx.BeginTxFunc(ctx, conn, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `SELECT pg_snapshot_xmin(pg_current_snapshot())::text`).Scan(&mark); err != nil {
			return fmt.Errorf("sync: read the hub's change sequence: %w", err)
		}
		var err error
		links, err = queryRows(ctx, tx, `SELECT `+strings.Join(lt.Cols, ", ")+`, kynangso.sqlite_json(to_jsonb(x), $2)
			FROM kynangso.participant_links AS x WHERE xid >= $1::xid8 ORDER BY from_id`, watermark, lt.Cols)
		if err != nil {
			return fmt.Errorf("sync: read the commune's joins: %w", err)
		}
		// The joins' people come too, whatever their change sequence: the
		// laptop needs both records of a join. Row-level security keeps
		// both to this commune, and a join whose other record lies in
		// another commune is left out.
		var ids []string
		for _, l := range links {
			ids = append(ids, l[1].(string), l[2].(string))
		}
		people, err = queryRows(ctx, tx, `SELECT `+strings.Join(pt.Cols, ", ")+`, kynangso.sqlite_json(to_jsonb(x), $3)
			FROM kynangso.participants AS x
			WHERE commune_id = kynangso.my_commune() AND (xid >= $1::xid8 OR id = ANY($2)) ORDER BY id`, watermark, ids, pt.Cols)
		if err != nil {
			return fmt.Errorf("sync: read the commune's people: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, nil, "", err
	}
	have := make(map[string]bool, len(people))
	for _, p := range people {
		have[p[0].(string)] = true
	}
	kept := links[:0]
	for _, l := range links {
		if have[l[1].(string)] && have[l[2].(string)] {
			kept = append(kept, l)
		}
	}
	return people, kept, mark, nil
}

// queryRows reads every row of a query as values (nil, int64 or string).
func queryRows(ctx context.Context, tx pgx.Tx, sql string, args ...any) ([][]any, error) {
	rows, err := tx.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]any
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			return nil, err
		}
		out = append(out, vals)
	}
	return out, rows.Err()
}
