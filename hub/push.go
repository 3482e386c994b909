package hub

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"kynangso/results"
)

// pendingUnit is a unit (a record, or an attempt's answers) the hub does
// not hold in this version yet, with its rows to send.
type pendingUnit struct {
	key, content uint64
	rows         [][]any
}

// pendingTable is the units of one table to send.
type pendingTable struct {
	t     results.HubTable
	units []pendingUnit
	n     int // rows
}

// scanPending compares the laptop's units with the ledger and reads the
// rows of those that changed, all in one snapshot. With an empty ledger
// (the first sync with this hub) everything is to send: the rows are read
// once and hashed here, without asking SQLite for their text first.
func scanPending(ctx context.Context, store *results.Store, led *ledger) ([]pendingTable, error) {
	tables := results.HubTables()
	out := make([]pendingTable, len(tables))
	err := store.ReadHub(ctx, func(r results.HubReader) error {
		for i, t := range tables {
			out[i].t = t
			var err error
			if len(led.sent) == 0 {
				err = readAll(r, &out[i])
			} else {
				err = readChanged(r, led, &out[i])
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sync: %w", err)
	}
	return out, nil
}

// readAll reads every row of p's table as units, hashed as Digests would
// give them: one row each as canonical JSON, or an attempt's answers' ids
// in question order.
func readAll(r results.HubReader, p *pendingTable) error {
	unitKey := unitKeyOf(p.t)
	idx := map[string]int{}
	var keys []string
	err := r.Rows(p.t.Name, nil, func(vals []any) error {
		k := unitKey(vals)
		i, ok := idx[k]
		if !ok {
			i = len(p.units)
			idx[k] = i
			keys = append(keys, k)
			p.units = append(p.units, pendingUnit{})
		}
		p.units[i].rows = append(p.units[i].rows, append([]any(nil), vals...))
		p.n++
		return nil
	})
	if err != nil {
		return err
	}
	q := slices.Index(p.t.Cols, "question_id")
	var content []byte
	for i := range p.units {
		u := &p.units[i]
		if len(u.rows) > 1 && q >= 0 {
			slices.SortFunc(u.rows, func(a, b []any) int { return strings.Compare(a[q].(string), b[q].(string)) })
		}
		content = content[:0]
		for j, row := range u.rows {
			switch {
			case q < 0:
				content = canonicalJSON(content, p.t.Cols, row)
			case j > 0:
				content = append(append(content, ','), row[0].(string)...)
			default:
				content = append(content, row[0].(string)...)
			}
		}
		u.key, u.content = unitHashes(p.t.Name, keys[i], string(content))
	}
	return nil
}

// readChanged asks SQLite for every unit's text, keeps the units whose hash
// the ledger does not hold, and reads their rows.
func readChanged(r results.HubReader, led *ledger, p *pendingTable) error {
	var keys []string
	idx := map[string]int{}
	all := true
	err := r.Digests(p.t.Name, func(key, content string) error {
		k, c := unitHashes(p.t.Name, key, content)
		if v, ok := led.sent[k]; ok && v == c {
			all = false
			return nil
		}
		idx[key] = len(keys)
		keys = append(keys, key)
		p.units = append(p.units, pendingUnit{key: k, content: c})
		return nil
	})
	if err != nil || len(keys) == 0 {
		return err
	}
	if all {
		keys = nil // everything: one pass over the table
	}
	unitKey := unitKeyOf(p.t)
	return r.Rows(p.t.Name, keys, func(vals []any) error {
		u := &p.units[idx[unitKey(vals)]]
		u.rows = append(u.rows, append([]any(nil), vals...))
		p.n++
		return nil
	})
}

// unitKeyOf returns the function that gives a row's unit key, as
// results.HubReader.Digests names it.
func unitKeyOf(t results.HubTable) func([]any) string {
	unit := t.Key
	if t.Name == "answers" {
		unit = []string{"attempt_id"}
	}
	var idx []int
	for _, k := range unit {
		for i, c := range t.Cols {
			if c == k {
				idx = append(idx, i)
			}
		}
	}
	text := func(v any) string {
		if s, ok := v.(string); ok {
			return s
		}
		return fmt.Sprint(v)
	}
	if len(idx) == 1 {
		return func(vals []any) string { return text(vals[idx[0]]) }
	}
	return func(vals []any) string {
		parts := make([]string, len(idx))
		for j, i := range idx {
			parts[j] = text(vals[i])
		}
		return strings.Join(parts, "/")
	}
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
		total += p.n
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
			tr.Sent += p.n
			c := counts[p.t.Name]
			tr.New, tr.Updated, tr.Refused, tr.Repaired = tr.New+c.New, tr.Updated+c.Updated, tr.Refused+c.Refused, tr.Repaired+c.Repaired
			res.Tables[p.t.Name] = tr
			for _, u := range p.units {
				led.sent[u.key] = u.content
			}
			done += p.n
		}
		if err := led.save(); err != nil {
			return err
		}
		report(Progress{Phase: PhaseSend, Done: done, Total: total})
		pending = rest
	}
	return nil
}

// takeChunk splits off whole units holding about n rows (at least one
// unit), keeping the tables' order.
func takeChunk(pending []pendingTable, n int) (chunk, rest []pendingTable) {
	for i, p := range pending {
		if p.n <= n {
			if p.n > 0 {
				chunk = append(chunk, p)
			}
			n -= p.n
			continue
		}
		j, rows := 0, 0
		for j < len(p.units) && (rows+len(p.units[j].rows) <= n || len(chunk) == 0 && j == 0) {
			rows += len(p.units[j].rows)
			j++
		}
		if j > 0 {
			chunk = append(chunk, pendingTable{t: p.t, units: p.units[:j], n: rows})
		}
		rest = append([]pendingTable{{t: p.t, units: p.units[j:], n: p.n - rows}}, pending[i+1:]...)
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
			src := make([][]any, 0, p.n)
			for _, u := range p.units {
				src = append(src, u.rows...)
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
