package results

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
)

// ErrSameDatabase means a merge was asked to read the database it writes.
var ErrSameDatabase = errors.New("results: the file is this laptop's own database")

// MergeReport says what a merge brought, source by source, and which
// records look like the same person registered twice.
type MergeReport struct {
	Sources []SourceReport
	// Duplicates are the probable duplicates found after merging (see
	// ProbableDuplicates).
	Duplicates []DuplicatePair
}

// SourceReport is what one merged file brought. When Err is set the file
// was refused or failed and nothing of it was written.
type SourceReport struct {
	Path string
	// DeviceID is the laptop that made the file.
	DeviceID       string
	Participants   TableCount
	Classes        TableCount
	Attendance     TableCount
	LessonProgress TableCount
	Attempts       TableCount
	Answers        TableCount
	Links          TableCount
	Devices        TableCount
	// Conflicts lists every record whose two versions differed, with the
	// version kept and the one replaced (also kept in merge_log). Merging the
	// same file again lists none.
	Conflicts []Conflict
	// Repaired counts rows a merge had to adjust so the combined data keeps
	// the schema's rules (see docs/merge.md): a second open class or
	// in-progress attempt of the same laptop, a circle of joins, data of an
	// erased person.
	Repaired int
	// AlreadyMerged is set when these exact bytes were merged here before,
	// so merging them again would change nothing and was skipped.
	AlreadyMerged bool
	// Cleaned says how many incoming rows had their text cleaned as
	// registration cleans what is typed (control, bidi and invisible
	// characters removed, NFC, the search key recomputed), and how many
	// names still break the registration rules.
	Cleaned TextCleaning
	Err     error
}

// Conflict is one record edited differently on two laptops.
type Conflict struct {
	Table string
	// RowID is the id, or the natural key joined by "/".
	RowID    string
	Kept     string // JSON of the version kept
	Replaced string // JSON of the version that lost
}

// Arrived is the number of rows the source added or changed.
func (r SourceReport) Arrived() int {
	n := 0
	for _, c := range []TableCount{r.Participants, r.Classes, r.Attendance, r.LessonProgress,
		r.Attempts, r.Answers, r.Links, r.Devices} {
		n += c.New + c.Updated
	}
	return n
}

// merger carries one source's merge: the transaction and the schema name
// the source is attached as.
type merger struct {
	tx       *sql.Tx
	src      string
	digest   string
	source   string
	deviceID string
	report   *SourceReport
	clk      clock
}

// sql points a query written against "src." at this merger's source.
func (m *merger) sql(q string) string { return strings.ReplaceAll(q, "src.", m.src+".") }

func (m *merger) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return m.tx.ExecContext(ctx, m.sql(q), args...)
}

func (m *merger) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return m.tx.QueryContext(ctx, m.sql(q), args...)
}

func (m *merger) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return m.tx.QueryRowContext(ctx, m.sql(q), args...)
}

// batchSize is how many sources share one write transaction: SQLite allows
// ten attached databases, and a source cannot be detached before its
// transaction ends. Sharing the transaction matters for speed: each commit
// rewrites every index page the merged rows touched, and rows from many
// laptops touch them all; when every row of the batch is new, one INSERT
// per table sweeps each index once for the whole batch (mergeAllNew).
const batchSize = 10

// Merge brings other laptops' databases (or their backups) into this one.
// Each source is opened read-only and never modified, nor is any file
// created beside it; it is first checked (ErrNotKynangso, ErrDamaged,
// ErrNewerSchema, ErrSameDatabase) and refused before anything is written.
// Each source is merged atomically: up to ten sources share one write
// transaction, each inside its own savepoint, so a source that fails midway
// is rolled back to exactly the state before it while the others are kept.
// When every row of a batch is new here (the usual first merge), the batch
// is merged table by table in one statement each instead, with the same
// result and the same per-file report.
// Rows combine by the rules in docs/merge.md: the result does not depend on
// the order of the merges, and merging the same file again changes nothing.
// The returned error joins the errors of the refused or failed sources (each
// also in its SourceReport); the other sources are merged all the same.
func (s *Store) Merge(ctx context.Context, srcPaths ...string) (MergeReport, error) {
	rep := MergeReport{Sources: make([]SourceReport, len(srcPaths))}
	for i, p := range srcPaths {
		rep.Sources[i].Path = p
	}
	pt := newPhaseTimer()
	seen, err := s.mergedDigests(ctx)
	if err != nil {
		return rep, fmt.Errorf("merge: %w", err)
	}
	vets := s.vetSources(ctx, srcPaths, seen)
	var ready []*mergeSource
	merged := false
	for i, v := range vets {
		<-v.done
		switch {
		case v.err != nil:
			rep.Sources[i].Err = v.err
		case v.src.seen:
			rep.Sources[i].AlreadyMerged = true
		default:
			defer v.src.cleanup()
			rep.Sources[i].Cleaned = v.src.cleaned
			ready = append(ready, &mergeSource{source: v.src, report: &rep.Sources[i]})
		}
		// Merge a batch as soon as it is full (or no file is left), while
		// the next files are still being checked.
		if len(ready) == batchSize || i == len(vets)-1 && len(ready) > 0 {
			pt.mark("vet up to file %d", i+1)
			s.mergeReady(ctx, ready)
			pt.mark("batch of %d", len(ready))
			ready, merged = nil, true
		}
	}
	var errs []error
	if merged {
		// Empty the write-ahead log now: after a big merge it can hold
		// hundreds of megabytes, and copies of rows erased since. The data
		// is committed either way, so a Ctrl+C that comes now is not a
		// failure of the merge: the checkpoint is left to the next one.
		if err := s.checkpoint(ctx); err != nil && ctx.Err() == nil {
			errs = append(errs, fmt.Errorf("merge: %w", err))
		}
		pt.mark("checkpoint")
	}
	for _, sr := range rep.Sources {
		if sr.Err != nil {
			errs = append(errs, fmt.Errorf("merge %s: %w", sr.Path, sr.Err))
		}
	}
	dups, err := s.ProbableDuplicates(ctx)
	if err != nil && ctx.Err() == nil {
		// Stopped after the merge committed: the list of probable
		// duplicates is left out, the trainer's area lists them anyway.
		errs = append(errs, err)
	}
	rep.Duplicates = dups
	pt.mark("probable duplicates")
	return rep, errors.Join(errs...)
}

// mergeReady merges one batch of vetted sources; when the batch as a whole
// fails, each of its sources reports the error.
func (s *Store) mergeReady(ctx context.Context, batch []*mergeSource) {
	if err := s.mergeBatch(ctx, batch); err != nil {
		for _, r := range batch {
			*r.report = SourceReport{Path: r.report.Path, Err: err}
		}
	}
}

// mergeSource is a vetted source waiting for its batch.
type mergeSource struct {
	source
	report *SourceReport
}

// mergeBatch attaches a few vetted sources and merges each in its own
// savepoint of one transaction. The error is for the batch as a whole
// (nothing of it was written); a source's own failure is in its report.
func (s *Store) mergeBatch(ctx context.Context, batch []*mergeSource) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	var attached []string
	cache := 0
	// Put the connection back as it was: its page cache and no source
	// attached. If that fails, the connection is discarded instead of going
	// back to the pool with a source still attached (or a 64 MiB cache).
	defer func() {
		if err := restoreConn(conn, cache, attached); err != nil {
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		conn.Close()
	}()
	// The merging connection's page cache is 64 MiB while it merges: more
	// (256 MiB measured) made no merge faster and cost 300 MB of memory.
	if err := conn.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&cache); err != nil {
		return fmt.Errorf("read page cache size: %w", err)
	}
	if _, err := conn.ExecContext(ctx, `PRAGMA cache_size = -65536`); err != nil { // 64 MiB
		return fmt.Errorf("set page cache size: %w", err)
	}
	for i, b := range batch {
		name := fmt.Sprintf("src%d", i)
		if _, err := conn.ExecContext(ctx, `ATTACH DATABASE ? AS `+name, b.uri); err != nil {
			return classify(fmt.Errorf("open source: %w", err))
		}
		attached = append(attached, name)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	pt := newPhaseTimer()
	done, err := s.mergeAllNew(ctx, tx, batch)
	if err != nil {
		return err
	}
	if done {
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("commit: %w", err)
		}
		pt.mark("  commit")
		return nil
	}
	// Something in the batch was not new, needs a repair or failed: merge
	// it file by file, which compares, repairs and finds a failing file.
	return s.mergeFileByFile(ctx, tx, batch)
}

// restoreConn gives the merging connection its page cache size back and
// detaches the sources; the first failure is returned (after trying the
// rest), so the caller can discard the connection.
func restoreConn(conn *sql.Conn, cache int, attached []string) error {
	ctx := context.Background()
	var errs []error
	for _, name := range attached {
		if err := detachSource(ctx, conn, name); err != nil {
			errs = append(errs, fmt.Errorf("detach %s: %w", name, err))
		}
	}
	if cache != 0 {
		if _, err := conn.ExecContext(ctx, fmt.Sprintf(`PRAGMA cache_size = %d`, cache)); err != nil {
			errs = append(errs, fmt.Errorf("restore page cache size: %w", err))
		}
	}
	return errors.Join(errs...)
}

// detachSource detaches one source; tests replace it to make it fail.
var detachSource = func(ctx context.Context, conn *sql.Conn, name string) error {
	_, err := conn.ExecContext(ctx, `DETACH DATABASE `+name)
	return err
}

// mergeFileByFile merges each source of the batch in its own savepoint and
// commits what succeeded. When every file failed, the transaction is rolled
// back instead, so the database file stays byte-identical even though the
// one-statement path touched (and gave back) the schema.
func (s *Store) mergeFileByFile(ctx context.Context, tx *sql.Tx, batch []*mergeSource) error {
	merged := 0
	for i, b := range batch {
		m := &merger{tx: tx, src: fmt.Sprintf("src%d", i), digest: b.digest, deviceID: s.deviceID, report: b.report, clk: s.clk}
		if err := m.runSavepoint(ctx); err != nil {
			*b.report = SourceReport{Path: b.report.Path, Err: err}
		} else {
			merged++
		}
	}
	if merged == 0 {
		if err := tx.Rollback(); err != nil {
			return fmt.Errorf("rollback: %w", err)
		}
		return nil
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// runSavepoint merges one source inside a savepoint, undone on failure.
func (m *merger) runSavepoint(ctx context.Context) error {
	if _, err := m.exec(ctx, `SAVEPOINT merge_source`); err != nil {
		return fmt.Errorf("savepoint: %w", err)
	}
	err := m.identify(ctx)
	if err == nil {
		err = m.run(ctx)
	}
	if err == nil {
		err = m.remember(ctx)
	}
	if err != nil {
		if _, rerr := m.exec(ctx, `ROLLBACK TO merge_source`); rerr != nil {
			return errors.Join(err, fmt.Errorf("undo: %w", rerr))
		}
	}
	if _, rerr := m.exec(ctx, `RELEASE merge_source`); rerr != nil {
		return errors.Join(err, fmt.Errorf("release savepoint: %w", rerr))
	}
	return err
}

// run merges every table, then restores the rules the union may break.
func (m *merger) run(ctx context.Context) error {
	dst := map[string]*TableCount{
		"devices": &m.report.Devices, "participants": &m.report.Participants,
		"class_sessions": &m.report.Classes, "attendance": &m.report.Attendance,
		"lesson_progress": &m.report.LessonProgress, "attempts": &m.report.Attempts,
		"answers": &m.report.Answers, "participant_links": &m.report.Links,
	}
	for _, t := range mergeTables {
		var (
			tc  TableCount
			err error
		)
		switch t.name {
		case "class_sessions", "attempts":
			tc, err = m.mergeWithOneOpenRule(ctx, t)
		default:
			tc, err = m.mergeRows(ctx, t)
		}
		if err != nil {
			return err
		}
		*dst[t.name] = tc
	}
	if err := m.breakLinkCycles(ctx); err != nil {
		return err
	}
	if err := m.importLog(ctx); err != nil {
		return err
	}
	return m.applyErasures(ctx)
}

// importLog copies the source's own merge log, so a conflict resolved on
// another laptop stays on record wherever its data travels.
func (m *merger) importLog(ctx context.Context) error {
	_, err := m.exec(ctx, `INSERT INTO main.merge_log SELECT * FROM src.merge_log
		WHERE true ON CONFLICT DO NOTHING`)
	if err != nil {
		return fmt.Errorf("merge merge_log: %w", err)
	}
	return nil
}

// applyErasures makes data merged from other laptops obey erasures known
// here, as DeleteParticipantData does: attempts of an erased person are
// unlinked, their lesson progress and merge-log copies removed. updated_at
// is left alone so the result is the same whatever the order of merges.
func (m *merger) applyErasures(ctx context.Context) error {
	const erased = `(SELECT id FROM main.participants WHERE deleted_at IS NOT NULL)`
	for _, q := range []struct {
		sql    string
		repair bool
	}{
		{`UPDATE main.attempts SET participant_id = NULL WHERE participant_id IN ` + erased, true},
		{`DELETE FROM main.lesson_progress WHERE participant_id IN ` + erased, true},
		{`DELETE FROM main.merge_log WHERE table_name = 'participants' AND row_id IN ` + erased, false},
	} {
		res, err := m.exec(ctx, q.sql)
		if err != nil {
			return fmt.Errorf("merge: apply erasures: %w", err)
		}
		if n, _ := res.RowsAffected(); q.repair {
			m.report.Repaired += int(n)
		}
	}
	return nil
}
