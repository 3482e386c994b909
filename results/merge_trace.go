package results

import (
	"fmt"
	"os"
	"time"
)

// mergeTraceOn turns on a timing line per merge phase on stderr, for
// measuring the merge (KYNANGSO_MERGE_TRACE=1); it is off otherwise.
var mergeTraceOn = os.Getenv("KYNANGSO_MERGE_TRACE") != ""

// phaseTimer prints how long each phase since the last mark took.
type phaseTimer struct {
	last time.Time
	cpu  time.Duration
}

func newPhaseTimer() *phaseTimer { return &phaseTimer{last: wallClock(), cpu: cpuTime()} }

// mark ends a phase named by format and args.
func (p *phaseTimer) mark(format string, args ...any) {
	if !mergeTraceOn {
		return
	}
	now, cpu := wallClock(), cpuTime()
	fmt.Fprintf(os.Stderr, "merge trace: %7.3fs (cpu %7.3fs) %s\n", now.Sub(p.last).Seconds(), (cpu - p.cpu).Seconds(),
		fmt.Sprintf(format, args...))
	p.last, p.cpu = now, cpu
}
