package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kynangso/results"
)

// damage overwrites the last pages of a closed database, as a failing disk
// or a pulled-out USB stick might.
func damage(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const page = 4096
	for p := len(b)/page - 4; p < len(b)/page; p++ {
		for i := 0; i < 64; i++ {
			b[p*page+i] = 0xA5
		}
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestRestoreCommand(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "lop.db")
	if _, err := results.Demo(ctx, db, results.DemoOptions{Participants: 60, Seed: 9}, nil); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(dir, "sao-luu.db")
	if code, _, errOut := execCLI(t, "--db", db, "backup", "-o", backup); code != 0 {
		t.Fatalf("backup: exit %d\n%s", code, errOut)
	}
	_, want, _ := execCLI(t, "--db", db, "fingerprint")
	damage(t, db)
	damaged, _ := os.ReadFile(db)

	// The damaged-file message names the exact command.
	code, _, errOut := execCLI(t, "--db", db, "report")
	if code == 0 || !strings.Contains(errOut, "kynangso --db "+db+" restore") {
		t.Fatalf("report on a damaged file: exit %d, no restore command in:\n%s", code, errOut)
	}

	// A foreign file is refused and nothing changes.
	foreign := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(foreign, []byte("ghi chú"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = execCLI(t, "--db", db, "restore", "--yes", foreign)
	if code == 0 || !strings.Contains(errOut, "không phải bản sao lưu kynangso") || !strings.Contains(errOut, "nothing was changed") {
		t.Fatalf("restore from a text file: exit %d\n%s", code, errOut)
	}
	if b, _ := os.ReadFile(db); !bytes.Equal(b, damaged) {
		t.Fatal("a refused restore changed the database")
	}

	// Without --yes, anything but yes keeps everything.
	var out, eo bytes.Buffer
	root := NewRoot(&Options{out: &out, errOut: &eo})
	root.SetIn(strings.NewReader("k\n"))
	root.SetArgs([]string{"--db", db, "restore", backup})
	if err := root.ExecuteContext(ctx); err == nil {
		t.Fatal("declined restore returned no error")
	}
	if b, _ := os.ReadFile(db); !bytes.Equal(b, damaged) {
		t.Fatal("a declined restore changed the database")
	}

	code, stdout, errOut := execCLI(t, "--db", db, "restore", "--yes", backup)
	if code != 0 {
		t.Fatalf("restore: exit %d\n%s", code, errOut)
	}
	asides, _ := filepath.Glob(filepath.Join(dir, "lop.hong-*.db"))
	if len(asides) != 1 || !strings.Contains(stdout, asides[0]) {
		t.Fatalf("damaged file kept at %v; output:\n%s", asides, stdout)
	}
	if b, _ := os.ReadFile(asides[0]); !bytes.Equal(b, damaged) {
		t.Fatal("the damaged file was not kept as it was")
	}
	if _, got, _ := execCLI(t, "--db", db, "fingerprint"); got != want {
		t.Fatalf("restored data fingerprint %q, want %q", got, want)
	}
}
