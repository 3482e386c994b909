package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"kynangso/results"
)

// Commands that only read must refuse a database that is not there instead
// of creating an empty one and reporting on nothing.
func TestReadOnlyCommandsRefuseMissingDatabase(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	typo := filepath.Join(dir, "typo.db")
	for _, args := range [][]string{
		{"report"},
		{"export", "attendance"},
		{"backup", "-o", filepath.Join(dir, "x.db")},
		{"fingerprint"},
	} {
		t.Run(args[0], func(t *testing.T) {
			code, out, errOut := execCLI(t, append([]string{"--db", typo}, args...)...)
			if code == 0 {
				t.Fatalf("exit 0 on a missing database; stdout:\n%s", out)
			}
			for _, want := range []string{"Không thấy tệp dữ liệu " + typo, "No database at " + typo, "--db"} {
				if !strings.Contains(errOut, want) {
					t.Errorf("stderr lacks %q:\n%s", want, errOut)
				}
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 0 {
				t.Errorf("files created: %v", entries)
			}
		})
	}
	// Commands that write still create the database.
	if code, _, errOut := execCLI(t, "--db", typo, "trainer", "set-name", "Máy tổ 3"); code != 0 {
		t.Fatalf("set-name on a new database: exit %d\n%s", code, errOut)
	}
	if _, err := os.Stat(typo); err != nil {
		t.Fatalf("set-name did not create the database: %v", err)
	}
	if code, _, errOut := execCLI(t, "--db", typo, "report", "--section", "class"); code != 0 {
		t.Fatalf("report on an existing empty database: exit %d\n%s", code, errOut)
	}
}

// An export never replaces a file: without -o the next free name is used,
// with -o an existing file is refused unless --force.
func TestExportNeverOverwrites(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	t.Chdir(dir)
	db := filepath.Join(dir, "lop.db")
	if _, err := results.Demo(ctx, db, results.DemoOptions{Participants: 40, Seed: 3}, nil); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for range 3 {
		code, out, errOut := execCLI(t, "--db", db, "export", "attendance", "--format", "csv")
		if code != 0 {
			t.Fatalf("exit %d\n%s", code, errOut)
		}
		paths = append(paths, strings.TrimSpace(out))
	}
	if paths[0] == paths[1] || paths[1] == paths[2] || !strings.HasSuffix(paths[1], "-2.csv") || !strings.HasSuffix(paths[2], "-3.csv") {
		t.Fatalf("export names %v, want a new -2, -3 name each time", paths)
	}
	edited := []byte("đã ký / signed\n")
	if err := os.WriteFile(paths[0], edited, 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := execCLI(t, "--db", db, "export", "attendance", "--format", "csv", "-o", paths[0])
	if code == 0 || !strings.Contains(errOut, "--force") || !strings.Contains(errOut, "already exists") {
		t.Fatalf("export -o over an existing file: exit %d\n%s", code, errOut)
	}
	if b, _ := os.ReadFile(paths[0]); !bytes.Equal(b, edited) {
		t.Fatal("the edited sheet was replaced")
	}
	if code, _, errOut := execCLI(t, "--db", db, "export", "attendance", "--format", "csv", "-o", paths[0], "--force"); code != 0 {
		t.Fatalf("export --force: exit %d\n%s", code, errOut)
	}
	if b, _ := os.ReadFile(paths[0]); bytes.Equal(b, edited) {
		t.Fatal("--force did not replace the file")
	}
	// -o FOLDER puts the usual name in that folder.
	sub := filepath.Join(dir, "usb")
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := execCLI(t, "--db", db, "export", "results", "--format", "csv", "-o", sub)
	if code != 0 || filepath.Dir(strings.TrimSpace(out)) != sub {
		t.Fatalf("export -o folder: exit %d, wrote %q\n%s", code, out, errOut)
	}
}

// A read-only command run with no --db on a laptop that never ran the app
// creates nothing, not even the data folder its error message names.
func TestReadOnlyCommandsCreateNoDataFolder(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("the data folder comes from XDG_DATA_HOME only on Linux and other Unix systems")
	}
	home := t.TempDir()
	t.Setenv(results.EnvDB, "")
	t.Setenv("XDG_DATA_HOME", filepath.Join(home, "share"))
	for _, args := range [][]string{{"report"}, {"export", "attendance"}, {"fingerprint"}} {
		code, _, errOut := execCLI(t, args...)
		if code == 0 {
			t.Fatalf("%v: exit 0 with no database", args)
		}
		if !strings.Contains(errOut, filepath.Join(home, "share", "kynangso", "kynangso.db")) {
			t.Errorf("%v: the message does not name the default file:\n%s", args, errOut)
		}
		if _, err := os.Stat(filepath.Join(home, "share")); !os.IsNotExist(err) {
			t.Fatalf("%v created the data folder (%v)", args, err)
		}
	}
}
