package hub

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"kynangso/results"
)

// pendingRow is a row the hub does not hold in this version yet.
type pendingRow struct {
	vals         []any
	key, content uint64
}

// pendingTable is the rows of one table to send.
type pendingTable struct {
	t    results.HubTable
	rows []pendingRow
}

// keyIndex returns the positions of t's key columns among its columns.
func keyIndex(t results.HubTable) []int {
	var idx []int
	for _, k := range t.Key {
		for i, c := range t.Cols {
			if c == k {
				idx = append(idx, i)
			}
		}
	}
	return idx
}

// scanPending reads the laptop's rows in one snapshot and keeps those the
// ledger does not know in this version.
func scanPending(ctx context.Context, store *results.Store, led *ledger) ([]pendingTable, error) {
	tables := results.HubTables()
	out := make([]pendingTable, len(tables))
	idx := map[string]int{}
	keys := make([][]int, len(tables))
	for i, t := range tables {
		out[i].t = t
		idx[t.Name] = i
		keys[i] = keyIndex(t)
	}
	err := store.ScanHub(ctx, func(table string, vals []any) error {
		i := idx[table]
		k, c := rowHashes(table, keys[i], vals)
		if v, ok := led.sent[k]; ok && v == c {
			return nil
		}
		out[i].rows = append(out[i].rows, pendingRow{vals: append([]any(nil), vals...), key: k, content: c})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sync: %w", err)
	}
	return out, nil
}

// chunkRows is how many rows one hub transaction merges at most: large
// enough that a laptop of 5,000 people goes in a few round trips, small
// enough that an interrupted sync on a slow link has little to send again.
var chunkRows = 50000

// sendPending sends the pending rows in chunks, parents before children,
// each chunk merged and committed by the hub before the ledger records it.
func sendPending(ctx context.Context, conn *pgx.Conn, store *results.Store, led *ledger, pending []pendingTable,
	res *Result, report func(Progress)) error {
	total := 0
	for _, p := range pending {
		total += len(p.rows)
	}
	report(Progress{Phase: PhaseSend, Total: total})
	done := 0
	for len(pending) > 0 {
		chunk, rest := takeChunk(pending, chunkRows)
		counts, err := pushChunkRetry(ctx, conn, store, chunk)
		if err != nil {
			return err
		}
		for _, p := range chunk {
			tr := res.Tables[p.t.Name]
			tr.Sent += len(p.rows)
			c := counts[p.t.Name]
			tr.New, tr.Updated, tr.Refused, tr.Repaired = tr.New+c.New, tr.Updated+c.Updated, tr.Refused+c.Refused, tr.Repaired+c.Repaired
			res.Tables[p.t.Name] = tr
			for _, r := range p.rows {
				led.sent[r.key] = r.content
			}
			done += len(p.rows)
		}
		if err := led.save(); err != nil {
			return err
		}
		report(Progress{Phase: PhaseSend, Done: done, Total: total})
		pending = rest
	}
	return nil
}

// takeChunk splits off up to n rows, keeping the tables' order.
func takeChunk(pending []pendingTable, n int) (chunk, rest []pendingTable) {
	for i, p := range pending {
		if len(p.rows) <= n {
			if len(p.rows) > 0 {
				chunk = append(chunk, p)
			}
			n -= len(p.rows)
			continue
		}
		if n > 0 {
			chunk = append(chunk, pendingTable{t: p.t, rows: p.rows[:n]})
		}
		rest = append([]pendingTable{{t: p.t, rows: p.rows[n:]}}, pending[i+1:]...)
		return chunk, rest
	}
	return chunk, nil
}

// pushChunkRetry pushes a chunk, trying again when the hub chose it as the
// victim of a deadlock with another laptop's push (they touch the same
// records in another order): nothing of it was kept, so trying again is
// safe.
func pushChunkRetry(ctx context.Context, conn *pgx.Conn, store *results.Store, chunk []pendingTable) (map[string]TableResult, error) {
	wait := 50 * time.Millisecond
	for try := 0; ; try++ {
		counts, err := pushChunk(ctx, conn, store, chunk)
		var pe *pgconn.PgError
		if err == nil || try == 8 || !errors.As(err, &pe) || (pe.Code != "40P01" && pe.Code != "40001") {
			return counts, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(wait):
		}
		wait *= 2
	}
}

// pushChunk stages a chunk's rows with COPY and has the hub merge them, in
// one transaction.
func pushChunk(ctx context.Context, conn *pgx.Conn, store *results.Store, chunk []pendingTable) (map[string]TableResult, error) {
	counts := map[string]TableResult{}
	err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT kynangso.begin_push()`); err != nil {
			return fmt.Errorf("sync: start sending: %w", err)
		}
		for _, p := range chunk {
			src := make([][]any, len(p.rows))
			for i, r := range p.rows {
				src[i] = r.vals
			}
			if _, err := tx.CopyFrom(ctx, pgx.Identifier{"s_" + p.t.Name}, p.t.Cols, pgx.CopyFromRows(src)); err != nil {
				return fmt.Errorf("sync: send %s: %w", p.t.Name, err)
			}
		}
		rows, err := tx.Query(ctx, `SELECT tbl, arrived, updated, refused, repaired FROM kynangso.apply_push($1, $2)`,
			"sync ("+store.DeviceID()+")", store.DeviceID())
		if err != nil {
			return fmt.Errorf("sync: merge on the hub: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var name string
			var a, u, r, rep int
			if err := rows.Scan(&name, &a, &u, &r, &rep); err != nil {
				return fmt.Errorf("sync: merge on the hub: %w", err)
			}
			counts[name] = TableResult{New: a, Updated: u, Refused: r, Repaired: rep}
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("sync: merge on the hub: %w", err)
		}
		return nil
	})
	return counts, err
}
