package results

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
)

// mergeAllNew is the fast path of a batch, for the usual first merge of
// laptops that never exchanged data: when every row of every source is new
// here and the union needs no repair, one INSERT per table over the UNION
// ALL of the batch's sources, in key order, sweeps each index once per
// batch instead of once per file. The result is exactly what merging the
// files one by one gives (each row is new when its file's turn comes, so no
// comparison, conflict or repair happens either way), and so are the
// per-file counts: everything a file holds arrived from it.
//
// It reports false, with the batch's savepoint rolled back so nothing of it
// is written, as soon as any row meets a local or another source's row on a
// unique key, the union makes a circle of joins, or an erasure known here
// would have to touch merged data; the caller then merges file by file. A
// failure inside (a source that fails to read, a broken foreign key) is
// rolled back the same way: merging file by file then finds the file at
// fault and reports it. The error is set only when the rollback itself
// failed, and then the whole batch must be abandoned.
func (s *Store) mergeAllNew(ctx context.Context, tx *sql.Tx, batch []*mergeSource) (bool, error) {
	if mergeBatchHook != nil && !mergeBatchHook() {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, `SAVEPOINT merge_batch`); err != nil {
		return false, fmt.Errorf("savepoint: %w", err)
	}
	ok, err := s.insertAllNew(ctx, tx, batch)
	if err != nil || !ok {
		_, rerr := tx.ExecContext(ctx, `ROLLBACK TO merge_batch`)
		if rerr == nil {
			_, rerr = tx.ExecContext(ctx, `RELEASE merge_batch`)
		}
		if rerr != nil {
			return false, errors.Join(err, fmt.Errorf("undo batch: %w", rerr))
		}
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, `RELEASE merge_batch`); err != nil {
		return false, fmt.Errorf("release savepoint: %w", err)
	}
	return true, nil
}

// insertAllNew does the work of mergeAllNew inside its savepoint. The
// reports are filled only once the batch is known to succeed.
func (s *Store) insertAllNew(ctx context.Context, tx *sql.Tx, batch []*mergeSource) (bool, error) {
	ms := make([]*merger, len(batch))
	reports := make([]SourceReport, len(batch))
	for i, b := range batch {
		reports[i] = SourceReport{Path: b.report.Path, Cleaned: b.report.Cleaned}
		ms[i] = &merger{tx: tx, src: fmt.Sprintf("src%d", i), digest: b.digest, deviceID: s.deviceID, report: &reports[i], clk: s.clk}
		if err := ms[i].identify(ctx); err != nil {
			return false, err
		}
	}
	pt := newPhaseTimer()
	ok, err := insertBatchTables(ctx, tx, ms)
	if err != nil || !ok {
		return false, err
	}
	pt.mark("  insert tables and summaries")
	var circle bool
	if err := tx.QueryRowContext(ctx, `WITH RECURSIVE walk(start, cur) AS (
			SELECT from_id, into_id FROM main.participant_links
			UNION
			SELECT w.start, l.into_id FROM walk AS w JOIN main.participant_links AS l ON l.from_id = w.cur
		) SELECT EXISTS (SELECT 1 FROM walk WHERE start = cur)`).Scan(&circle); err != nil {
		return false, fmt.Errorf("merge: find circles of joins: %w", err)
	}
	if circle {
		return false, nil
	}
	for _, m := range ms {
		if err := m.importLog(ctx); err != nil {
			return false, err
		}
	}
	// Erasures touch nothing when none of the merged rows belongs to an
	// erased person; otherwise the file-by-file path counts the repairs.
	probe := ms[0]
	before := probe.report.Repaired
	if err := probe.applyErasures(ctx); err != nil {
		return false, err
	}
	if probe.report.Repaired != before {
		return false, nil
	}
	for _, m := range ms {
		if err := m.remember(ctx); err != nil {
			return false, err
		}
	}
	pt.mark("  circles, log, erasures, remember")
	for i, b := range batch {
		*b.report = reports[i]
	}
	return true, nil
}

// insertBatchTables inserts every table of the batch (insertUnion) with the
// report summaries' insert triggers dropped, then adds the batch to the
// summaries in bulk and re-creates the triggers from their saved SQL, all
// inside the batch's savepoint: row by row, those triggers cost more than
// the rows themselves. The merged tables and summaries end exactly as with
// the triggers in place.
func insertBatchTables(ctx context.Context, tx *sql.Tx, ms []*merger) (bool, error) {
	saved, err := dropInsertTriggers(ctx, tx)
	if err != nil {
		return false, err
	}
	pt := newPhaseTimer()
	for _, t := range mergeTables {
		ok, err := insertUnion(ctx, ms, t)
		if err != nil || !ok {
			return false, err
		}
		pt.mark("    insert %s", t.name)
	}
	if saved == nil {
		return true, nil
	}
	ok, err := addBatchSummaries(ctx, tx, ms)
	if err != nil || !ok {
		return false, err
	}
	pt.mark("    summaries")
	return true, createTriggers(ctx, tx, saved)
}

// mergeBatchHook, when set (only by tests), is asked before each batch
// whether the one-statement path may be tried: false forces file by file.
// Tests use it to compare both paths and to see which one ran.
var mergeBatchHook func() bool

// identify reads the source's device id and names the source as merge_log
// and the merged-files memory keep it.
func (m *merger) identify(ctx context.Context) error {
	err := m.queryRow(ctx, `SELECT value FROM src.meta WHERE key = 'device_id'`).Scan(&m.report.DeviceID)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("read source device: %w", err)
	}
	m.source = filepath.Base(m.report.Path)
	if m.report.DeviceID != "" {
		m.source += " (" + m.report.DeviceID + ")"
	}
	return nil
}

// insertUnion inserts every row of table t from all the batch's sources in
// one statement, in key order, and counts each source's rows as new. It
// reports false when some row was not inserted because it met a row here or
// in another source on a unique key (the statement skips such rows).
func insertUnion(ctx context.Context, ms []*merger, t mergeTable) (bool, error) {
	counts := make([]int, len(ms))
	total := 0
	arms := make([]string, 0, len(ms))
	for i, m := range ms {
		if err := m.queryRow(ctx, `SELECT count(*) FROM src.`+t.name).Scan(&counts[i]); err != nil {
			return false, fmt.Errorf("merge %s: count: %w", t.name, err)
		}
		if counts[i] > 0 {
			arms = append(arms, fmt.Sprintf("SELECT %s FROM %s.%s WHERE true", list("", t.cols), m.src, t.name))
		}
		total += counts[i]
	}
	if total > 0 {
		res, err := ms[0].tx.ExecContext(ctx, fmt.Sprintf(`INSERT INTO main.%s (%s) %s ORDER BY %s
			ON CONFLICT DO NOTHING`, t.name, list("", t.cols), strings.Join(arms, " UNION ALL "), t.order()))
		if err != nil {
			return false, fmt.Errorf("merge %s: insert new rows: %w", t.name, err)
		}
		if n, _ := res.RowsAffected(); int(n) != total {
			return false, nil
		}
	}
	for i, m := range ms {
		tc := TableCount{New: counts[i]}
		switch t.name {
		case "devices":
			m.report.Devices = tc
		case "participants":
			m.report.Participants = tc
		case "class_sessions":
			m.report.Classes = tc
		case "attendance":
			m.report.Attendance = tc
		case "lesson_progress":
			m.report.LessonProgress = tc
		case "attempts":
			m.report.Attempts = tc
		case "answers":
			m.report.Answers = tc
		case "participant_links":
			m.report.Links = tc
		}
	}
	return true, nil
}
