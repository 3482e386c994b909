package results

import (
	"time"

	"kynangso/internal/testclock"
)

// testClock is the clock every store opened by this package's tests reads
// (unless a test passes its own WithClock): pinned to 14/03/2026 09:00 in
// Vietnam, stepping 1 ms per reading. With it and the pinned zone the
// tests pass on any day, in any time zone, and with the machine's clock
// moved years ahead.
var testClock = testclock.New(testclock.Start)

// pinClock makes testClock and the Vietnamese zone the defaults of every
// store this test binary opens (TestMain calls it first, child processes
// included).
func pinClock() {
	wallClock = testClock.Now
	defaultZone = testclock.Zone
}

// testNow is the pinned clock's current reading, for tests that pass a time
// to the store (CheckPIN, Restore).
func testNow() time.Time { return testClock.Now() }
