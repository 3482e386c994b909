package results

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
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
	Err      error
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

// merger carries one source's merge transaction.
type merger struct {
	tx       *sql.Tx
	source   string
	deviceID string
	report   *SourceReport
}

// Merge brings other laptops' databases (or their backups) into this one.
// Each source is opened read-only and never modified; it is first checked
// (ErrNotKynangso, ErrDamaged, ErrNewerSchema, ErrSameDatabase) and then
// merged in one transaction, so a source that is refused or fails leaves
// this database untouched. Rows combine by the rules in docs/merge.md: the
// result does not depend on the order of the merges, and merging the same
// file again changes nothing. The returned error joins the errors of the
// refused sources (each also in its SourceReport); the other sources are
// merged all the same.
func (s *Store) Merge(ctx context.Context, srcPaths ...string) (MergeReport, error) {
	var rep MergeReport
	var errs []error
	for _, p := range srcPaths {
		sr := SourceReport{Path: p}
		if err := s.mergeFile(ctx, p, &sr); err != nil {
			sr = SourceReport{Path: p, Err: err}
			errs = append(errs, fmt.Errorf("merge %s: %w", p, err))
		}
		rep.Sources = append(rep.Sources, sr)
	}
	dups, err := s.ProbableDuplicates(ctx)
	if err != nil {
		errs = append(errs, err)
	}
	rep.Duplicates = dups
	return rep, errors.Join(errs...)
}

// mergeFile checks one source and merges it in one transaction.
func (s *Store) mergeFile(ctx context.Context, path string, sr *SourceReport) error {
	src, err := s.prepareSource(ctx, path)
	if err != nil {
		return err
	}
	defer src.cleanup()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `ATTACH DATABASE ? AS src`, src.uri); err != nil {
		return classify(fmt.Errorf("open source: %w", err))
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `DETACH DATABASE src`)
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	m := &merger{tx: tx, deviceID: s.deviceID, report: sr}
	if err := tx.QueryRowContext(ctx, `SELECT value FROM src.meta WHERE key = 'device_id'`).Scan(&sr.DeviceID); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("read source device: %w", err)
	}
	m.source = filepath.Base(path)
	if sr.DeviceID != "" {
		m.source += " (" + sr.DeviceID + ")"
	}
	if err := m.run(ctx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
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
	_, err := m.tx.ExecContext(ctx, `INSERT INTO main.merge_log SELECT * FROM src.merge_log
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
		res, err := m.tx.ExecContext(ctx, q.sql)
		if err != nil {
			return fmt.Errorf("merge: apply erasures: %w", err)
		}
		if n, _ := res.RowsAffected(); q.repair {
			m.report.Repaired += int(n)
		}
	}
	return nil
}

// source is a vetted file ready to attach.
type source struct {
	uri     string
	cleanup func()
}

// prepareSource checks that path is a kynangso database this build can read
// without writing a byte to it or creating files beside it: it is read with
// SQLite's immutable flag. A file with a write-ahead log beside it (copied
// from a running laptop) or an older schema is first copied to a private
// temporary folder, where the log is applied and the schema upgraded.
func (s *Store) prepareSource(ctx context.Context, path string) (source, error) {
	none := source{cleanup: func() {}}
	fi, err := os.Stat(path)
	if err != nil {
		return none, fmt.Errorf("%w: %v", ErrNotFound, err)
	}
	if lfi, err := os.Stat(s.path); err == nil && os.SameFile(fi, lfi) {
		return none, ErrSameDatabase
	}
	if fi.IsDir() || fi.Size() == 0 {
		return none, fmt.Errorf("%w: %s is a folder or an empty file", ErrNotKynangso, path)
	}
	if err := checkHeader(path); err != nil {
		return none, err
	}
	if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
		return s.prepareCopy(ctx, path, true)
	}
	v, err := inspectURI(ctx, immutableURI(path))
	if err != nil {
		return none, err
	}
	if v < SchemaVersion {
		return s.prepareCopy(ctx, path, false)
	}
	return source{uri: immutableURI(path), cleanup: func() {}}, nil
}

// prepareCopy copies path (and its write-ahead log) into a private temporary
// folder, applies the log, checks the copy and upgrades its schema.
func (s *Store) prepareCopy(ctx context.Context, path string, withWAL bool) (source, error) {
	none := source{cleanup: func() {}}
	dir, err := os.MkdirTemp("", "kynangso-merge-")
	if err != nil {
		return none, fmt.Errorf("copy source: %w", err)
	}
	cleanup := func() { os.RemoveAll(dir) }
	cp := filepath.Join(dir, "source.db")
	files := map[string]string{path: cp}
	if withWAL {
		files[path+"-wal"] = cp + "-wal"
	}
	for from, to := range files {
		if err := copyPrivate(from, to); err != nil {
			cleanup()
			return none, fmt.Errorf("copy source: %w", err)
		}
	}
	if err := upgradeCopy(ctx, cp); err != nil {
		cleanup()
		return none, err
	}
	return source{uri: immutableURI(cp), cleanup: cleanup}, nil
}

// upgradeCopy checks a private copy, applies its write-ahead log and brings
// its schema up to this build's version.
func upgradeCopy(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite3", dsn(path, false))
	if err != nil {
		return fmt.Errorf("open source copy: %w", err)
	}
	defer db.Close()
	v, err := inspectDB(ctx, db)
	if err != nil {
		return classify(err)
	}
	if v == 0 {
		return fmt.Errorf("%w: it holds no kynangso data", ErrNotKynangso)
	}
	if err := migrate(ctx, db, len(migrations)); err != nil {
		return fmt.Errorf("upgrade source copy: %w", classify(err))
	}
	if _, err := db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return fmt.Errorf("upgrade source copy: %w", err)
	}
	return nil
}

// immutableURI is an SQLite URI that reads path without ever writing to it
// or creating -wal and -shm files beside it.
func immutableURI(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	u := url.URL{Scheme: "file", Path: p, RawQuery: "mode=ro&immutable=1"}
	return u.String()
}

// inspectURI vets a database through a read-only handle on uri and returns
// its schema version; version 0 (no kynangso data) is refused.
func inspectURI(ctx context.Context, uri string) (int, error) {
	db, err := sql.Open("sqlite3", uri)
	if err != nil {
		return 0, fmt.Errorf("inspect source: %w", err)
	}
	defer db.Close()
	v, err := inspectDB(ctx, db)
	if err != nil {
		return v, classify(err)
	}
	if v == 0 {
		return 0, fmt.Errorf("%w: it holds no kynangso data", ErrNotKynangso)
	}
	return v, nil
}

// copyPrivate copies a file into a new private file and syncs it.
func copyPrivate(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
