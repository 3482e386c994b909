package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kynangso/results"
)

// TestBackupAddsExtension checks that -o with a bare file name writes
// NAME.db, says so, and leaves a name with an extension alone.
func TestBackupAddsExtension(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "live.db")
	laptopDB(t, db, "Trần Thị Lan")
	bare := filepath.Join(dir, "bk")
	code, out, errOut := execCLI(t, "--db", db, "backup", "-o", bare)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if got := strings.SplitN(out, "\n", 2)[0]; got != bare+".db" {
		t.Errorf("backup went to %q, want %q", got, bare+".db")
	}
	if !strings.Contains(out, ".db") || !strings.Contains(out, "Added the .db extension") {
		t.Errorf("output does not say the extension was added:\n%s", out)
	}
	if _, err := os.Stat(bare); !os.IsNotExist(err) {
		t.Errorf("a file without extension was written: %v", err)
	}
	if err := results.CheckBackup(context.Background(), bare+".db"); err != nil {
		t.Error(err)
	}
	named := filepath.Join(dir, "lan.sqlite")
	code, out, errOut = execCLI(t, "--db", db, "backup", "-o", named)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if got := strings.SplitN(out, "\n", 2)[0]; got != named || strings.Contains(out, "Added the .db") {
		t.Errorf("backup with an extension: %q, want %q and no note", out, named)
	}
}
