// Package hub is the province hub: a PostgreSQL database that every team's
// laptop sends its results to (Sync) and that the province reads as one
// picture (reports through a mirror, see Mirror). The hub merges what the
// laptops send by the rules of `kynangso merge` (docs/merge.md), applied by
// the server, so a province that uses both USB merges and the hub ends with
// the same fingerprint. docs/hub.md says how to set one up.
//
// The package never imports bubbletea or lipgloss: the trainer area calls
// Sync with a progress function and renders what it reports.
package hub

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migration is one numbered schema step of the hub.
type migration struct {
	version int
	name    string
	sql     string
}

var migrations = loadMigrations()

// SchemaVersion is the newest hub schema version this build knows.
var SchemaVersion = len(migrations)

// ErrNewerSchema means the hub's schema was made by a newer kynangso: this
// build neither changes it nor syncs with it.
var ErrNewerSchema = errors.New("hub: the hub was set up by a newer version of kynangso")

// ErrOlderSchema means the hub's schema is older than this build's and the
// province must upgrade it (kynangso hub init) before laptops sync.
var ErrOlderSchema = errors.New("hub: the hub must be upgraded by the province first")

// ErrNotHub means the database holds no kynangso hub.
var ErrNotHub = errors.New("hub: this database is not a kynangso hub")

func loadMigrations() []migration {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		panic(fmt.Sprintf("hub: embedded migrations: %v", err))
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			panic(fmt.Sprintf("hub: migration %s must start with a number and '_'", e.Name()))
		}
		b, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			panic(fmt.Sprintf("hub: read migration %s: %v", e.Name(), err))
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			panic(fmt.Sprintf("hub: migrations must be numbered 1, 2, 3...; %s is out of place", m.name))
		}
	}
	return ms
}

// migrateLock is the advisory lock key that serialises concurrent
// migrations of one hub ("KNSO" in ASCII).
const migrateLock = 0x4B4E534F

// Migrate brings the hub schema in the connected database up to this
// build's version, each migration in its own transaction recorded in
// kynangso.schema_migrations, under an advisory lock so that two
// administrators running it at once apply each step once. A schema newer
// than this build is refused with ErrNewerSchema before anything changes.
// The connected role becomes the owner of the schema: use the hub's owner
// role, never a laptop's.
func Migrate(ctx context.Context, conn *pgx.Conn) error {
	for _, m := range migrations {
		if err := applyMigration(ctx, conn, m); err != nil {
			return err
		}
	}
	return nil
}

func applyMigration(ctx context.Context, conn *pgx.Conn, m migration) error {
	return pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, migrateLock); err != nil {
			return fmt.Errorf("hub migration %s: lock: %w", m.name, err)
		}
		if _, err := tx.Exec(ctx, `CREATE SCHEMA IF NOT EXISTS kynangso;
			CREATE TABLE IF NOT EXISTS kynangso.schema_migrations (
				version    int PRIMARY KEY,
				name       text NOT NULL,
				applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
			return fmt.Errorf("hub migration %s: %w", m.name, err)
		}
		cur, err := currentVersion(ctx, tx)
		if err != nil {
			return err
		}
		if cur > len(migrations) {
			return fmt.Errorf("%w: hub schema version %d, this program knows up to %d", ErrNewerSchema, cur, len(migrations))
		}
		if cur >= m.version {
			return nil
		}
		sqlText := m.sql
		if m.version == 1 {
			// The schema and schema_migrations exist already (above).
			sqlText = strings.Replace(sqlText, "CREATE SCHEMA kynangso;", "", 1)
		}
		if _, err := tx.Exec(ctx, sqlText); err != nil {
			return fmt.Errorf("hub migration %s: %w", m.name, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO kynangso.schema_migrations (version, name) VALUES ($1, $2)`, m.version, m.name); err != nil {
			return fmt.Errorf("hub migration %s: record: %w", m.name, err)
		}
		return nil
	})
}

// querier is what the version check needs of a connection or transaction.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

func currentVersion(ctx context.Context, q querier) (int, error) {
	var v int
	if err := q.QueryRow(ctx, `SELECT COALESCE(max(version), 0) FROM kynangso.schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read hub schema version: %w", err)
	}
	return v, nil
}

// CheckSchema refuses a hub this build cannot sync with: none at all
// (ErrNotHub), a newer schema (ErrNewerSchema) or an older one
// (ErrOlderSchema). Laptops cannot migrate the hub; the province does.
func CheckSchema(ctx context.Context, q querier) error {
	var exists bool
	if err := q.QueryRow(ctx, `SELECT to_regclass('kynangso.schema_migrations') IS NOT NULL`).Scan(&exists); err != nil {
		return fmt.Errorf("check hub schema: %w", err)
	}
	if !exists {
		return ErrNotHub
	}
	v, err := currentVersion(ctx, q)
	switch {
	case err != nil:
		return err
	case v == 0:
		return ErrNotHub
	case v > SchemaVersion:
		return fmt.Errorf("%w: hub schema version %d, this program knows up to %d", ErrNewerSchema, v, SchemaVersion)
	case v < SchemaVersion:
		return fmt.Errorf("%w: hub schema version %d, this program needs %d", ErrOlderSchema, v, SchemaVersion)
	}
	return nil
}
