package cli

import (
	"bytes"
	"context"
	"os"
	"testing"

	"kynangso/internal/testclock"
	"kynangso/results"
)

// testClock is the clock of every command these tests run and of every
// store they open: 14/03/2026 in Vietnam, stepping 1 ms per reading, so
// the tests pass on any day and in any zone.
var testClock = testclock.New(testclock.Start)

func TestMain(m *testing.M) {
	commandClock, commandZone = testClock.Now, testclock.Zone
	os.Exit(m.Run())
}

// testStoreOptions pin a store these tests open to the commands' clock.
func testStoreOptions() []results.Option {
	return []results.Option{results.WithClock(testClock.Now), results.WithZone(testclock.Zone)}
}

// execCLI runs kynangso with args and returns the exit code, stdout and stderr.
func execCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}
