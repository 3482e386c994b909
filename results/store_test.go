package results

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// openTest opens a fresh store in a temp folder and closes it in Cleanup.
func openTest(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestOpenFreshAppliesAllMigrations(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	var n, max int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*), max(version) FROM schema_migrations`).Scan(&n, &max); err != nil {
		t.Fatal(err)
	}
	if n != len(migrations) || max != SchemaVersion {
		t.Fatalf("schema_migrations: %d rows, max %d; want %d", n, max, SchemaVersion)
	}
	var appID int64
	s.db.QueryRowContext(ctx, `PRAGMA application_id`).Scan(&appID)
	if appID != applicationID {
		t.Fatalf("application_id = %x", appID)
	}
	if len(s.DeviceID()) != 36 {
		t.Fatalf("device id %q", s.DeviceID())
	}
	// Reopening keeps the device id and applies nothing twice.
	id := s.DeviceID()
	s.Close()
	s2, err := Open(ctx, s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if s2.DeviceID() != id {
		t.Fatalf("device id changed on reopen: %s -> %s", id, s2.DeviceID())
	}
	s2.db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n)
	if n != len(migrations) {
		t.Fatalf("after reopen %d migration rows", n)
	}
}

func TestPragmasOnEveryPooledConnection(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	var conns []interface{ Close() error }
	for i := 0; i < 4; i++ {
		c, err := s.db.Conn(ctx) // distinct connections: none is returned before the loop ends
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		want := map[string]string{
			"journal_mode": "wal", "synchronous": "2", "foreign_keys": "1",
			"busy_timeout": "10000", "secure_delete": "1",
		}
		for p, w := range want {
			var got string
			if err := c.QueryRowContext(ctx, "PRAGMA "+p).Scan(&got); err != nil {
				t.Fatalf("conn %d PRAGMA %s: %v", i, p, err)
			}
			if got != w {
				t.Errorf("conn %d PRAGMA %s = %s, want %s", i, p, got, w)
			}
		}
	}
	for _, c := range conns {
		c.Close()
	}
}

func TestNewFilesArePrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix permissions")
	}
	old := umask(0) // the most permissive umask must not loosen the files
	defer umask(old)
	s := openTest(t)
	if err := s.SetSetting(context.Background(), "k", "v"); err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		fi, err := os.Stat(s.Path() + suffix)
		if err != nil {
			t.Fatalf("stat %s: %v", suffix, err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v, want 0600", filepath.Base(s.Path()+suffix), fi.Mode().Perm())
		}
	}
}

func TestOpenRefusesForeignDamagedAndNewerFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("Danh sách lớp học\nNguyễn Văn A\n"), 0o600)
	if _, err := Open(ctx, text); !errors.Is(err, ErrNotKynangso) {
		t.Errorf("text file: err = %v, want ErrNotKynangso", err)
	}

	other := filepath.Join(dir, "other.db")
	writeForeignSQLite(t, other)
	before, _ := os.ReadFile(other)
	if _, err := Open(ctx, other); !errors.Is(err, ErrNotKynangso) {
		t.Errorf("other SQLite db: err = %v, want ErrNotKynangso", err)
	}
	after, _ := os.ReadFile(other)
	if string(before) != string(after) {
		t.Error("foreign database was modified")
	}

	newer := filepath.Join(dir, "newer.db")
	s, err := Open(ctx, newer)
	if err != nil {
		t.Fatal(err)
	}
	s.db.Exec(`INSERT INTO schema_migrations VALUES (?, 'future', '2030-01-01T00:00:00.000Z')`, SchemaVersion+1)
	s.Close()
	if _, err := Open(ctx, newer); !errors.Is(err, ErrNewerSchema) {
		t.Errorf("newer schema: err = %v, want ErrNewerSchema", err)
	}

	damaged := filepath.Join(dir, "damaged.db")
	makeDamaged(t, damaged)
	before, _ = os.ReadFile(damaged)
	if _, err := Open(ctx, damaged); !errors.Is(err, ErrDamaged) {
		t.Errorf("damaged: err = %v, want ErrDamaged", err)
	}
	after, _ = os.ReadFile(damaged)
	if string(before) != string(after) {
		t.Error("damaged database was written to")
	}
	if _, err := os.Stat(damaged + "-wal"); err == nil {
		t.Error("opening a damaged database left a -wal file")
	}
}
