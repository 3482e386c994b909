package results

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// source is a vetted file ready to attach.
type source struct {
	uri     string
	digest  string // SHA-256 of the file's bytes (and its -wal, if any)
	seen    bool   // merged here before: nothing to do
	cleaned TextCleaning
	cleanup func()
}

// mergedKeyPrefix starts the settings keys that remember which files (by
// the SHA-256 of their bytes) were merged into this database. Merging is
// idempotent, so the same bytes need not be read twice; settings are local
// to the laptop, like this memory.
const mergedKeyPrefix = "merged_file_sha256:"

// remember records, in the merge's transaction, that the source was merged.
func (m *merger) remember(ctx context.Context) error {
	if m.digest == "" {
		return nil
	}
	_, err := m.exec(ctx, `INSERT INTO main.settings (key, value, updated_at) VALUES (?1, ?2, ?3)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
		mergedKeyPrefix+m.digest, m.source, m.clk.stamp())
	if err != nil {
		return fmt.Errorf("remember merged file: %w", err)
	}
	return nil
}

// vetted is the outcome of checking one source file.
type vetted struct {
	src  source
	err  error
	done chan struct{} // closed once src and err are set
}

// vetSources checks every file in the background, on all processors at
// once: hashing and quick_check of twenty 80 MB files take seconds, and the
// merge of the first batch need not wait for the last file. Each file's
// outcome is ready when its done channel is closed; the files are taken in
// the order given, so the first batch is ready first. merged holds the
// digests merged here before, read once before any batch, so whether a file
// counts as merged before does not depend on timing.
func (s *Store) vetSources(ctx context.Context, paths []string, merged map[string]bool) []*vetted {
	out := make([]*vetted, len(paths))
	for i := range out {
		out[i] = &vetted{done: make(chan struct{})}
	}
	next := make(chan int, len(paths))
	for i := range paths {
		next <- i
	}
	close(next)
	for range min(runtime.GOMAXPROCS(0), len(paths)) {
		go func() {
			for i := range next {
				out[i].src, out[i].err = s.prepareSource(ctx, paths[i], merged)
				close(out[i].done)
			}
		}()
	}
	return out
}

// mergedDigests reads the digests of the files merged here before.
func (s *Store) mergedDigests(ctx context.Context) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT key FROM settings WHERE substr(key, 1, length(?1)) = ?1`, mergedKeyPrefix)
	if err != nil {
		return nil, fmt.Errorf("read merged files: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var key string
		if err := rows.Scan(&key); err != nil {
			return nil, fmt.Errorf("read merged files: %w", err)
		}
		out[strings.TrimPrefix(key, mergedKeyPrefix)] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read merged files: %w", err)
	}
	return out, nil
}

// fileDigest hashes a file and, when present, its write-ahead log.
func fileDigest(path string) (string, error) {
	h := sha256.New()
	for _, p := range []string{path, path + "-wal"} {
		f, err := os.Open(p)
		if errors.Is(err, os.ErrNotExist) && p != path {
			continue
		}
		if err != nil {
			return "", err
		}
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// prepareSource checks that path is a kynangso database this build can read
// without writing a byte to it or creating files beside it: it is read with
// SQLite's immutable flag. A file with a write-ahead log beside it (copied
// from a running laptop) or an older schema is first copied to a private
// temporary folder, where the log is applied and the schema upgraded.
func (s *Store) prepareSource(ctx context.Context, path string, merged map[string]bool) (source, error) {
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
	digest, err := fileDigest(path)
	if err != nil {
		return none, fmt.Errorf("read source: %w", err)
	}
	if merged[digest] {
		return source{digest: digest, seen: true, cleanup: func() {}}, nil
	}
	src, err := s.vetSource(ctx, path)
	src.digest = digest
	return src, err
}

// vetSource checks the source and readies a copy when one is needed.
func (s *Store) vetSource(ctx context.Context, path string) (source, error) {
	none := source{cleanup: func() {}}
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
	// Text that registration would refuse is cleaned in a private copy:
	// the source itself is never written to.
	if dirty, err := dirtyTextAt(ctx, immutableURI(path)); err != nil {
		return none, err
	} else if dirty > 0 {
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
	cleaned, err := upgradeCopy(ctx, cp, s.clk)
	if err != nil {
		cleanup()
		return none, err
	}
	return source{uri: immutableURI(cp), cleaned: cleaned, cleanup: cleanup}, nil
}

// upgradeCopy checks a private copy, applies its write-ahead log, brings
// its schema up to this build's version and cleans its text as
// registration would.
func upgradeCopy(ctx context.Context, path string, clk clock) (TextCleaning, error) {
	db, err := sql.Open("sqlite3", dsn(path, false))
	if err != nil {
		return TextCleaning{}, fmt.Errorf("open source copy: %w", err)
	}
	defer db.Close()
	v, err := inspectDB(ctx, db)
	if err != nil {
		return TextCleaning{}, classify(err)
	}
	if v == 0 {
		return TextCleaning{}, fmt.Errorf("%w: it holds no kynangso data", ErrNotKynangso)
	}
	if err := migrate(ctx, db, len(migrations), clk); err != nil {
		return TextCleaning{}, fmt.Errorf("upgrade source copy: %w", classify(err))
	}
	cleaned, err := cleanStoredText(ctx, db)
	if err != nil {
		return TextCleaning{}, fmt.Errorf("clean source copy: %w", err)
	}
	if _, err := db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return TextCleaning{}, fmt.Errorf("upgrade source copy: %w", err)
	}
	return cleaned, nil
}

// dirtyTextAt counts the rows of the database at uri (read-only) whose text
// cleaning would change.
func dirtyTextAt(ctx context.Context, uri string) (int, error) {
	db, err := sql.Open("sqlite3", uri)
	if err != nil {
		return 0, fmt.Errorf("inspect source: %w", err)
	}
	defer db.Close()
	n, err := countDirtyText(ctx, db)
	if err != nil {
		return 0, classify(fmt.Errorf("inspect source: %w", err))
	}
	return n, nil
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
