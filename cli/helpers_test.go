package cli

import (
	"bytes"
	"context"
	"testing"
)

// execCLI runs kynangso with args and returns the exit code, stdout and stderr.
func execCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}
