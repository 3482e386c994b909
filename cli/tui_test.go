package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// A negative or absurd --idle-minutes is refused before the TUI opens, with
// a message naming the flag; the flag is documented in the help.
func TestIdleMinutesFlag(t *testing.T) {
	for _, v := range []string{"-1", "1441"} {
		var out, errOut bytes.Buffer
		code := run(context.Background(), []string{"--db", t.TempDir() + "/k.db", "--idle-minutes", v}, &out, &errOut)
		if code != 1 || !strings.Contains(errOut.String(), "idle-minutes") {
			t.Fatalf("--idle-minutes %s: exit %d, stderr:\n%s", v, code, errOut.String())
		}
	}
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"--help"}, &out, &errOut); code != 0 {
		t.Fatalf("--help: exit %d", code)
	}
	if !strings.Contains(out.String(), "--idle-minutes") {
		t.Fatalf("--help does not document --idle-minutes:\n%s", out.String())
	}
}
