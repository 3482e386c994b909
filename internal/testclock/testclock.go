// Package testclock gives tests a pinned clock and the users' time zone, so
// that the suite passes on any day, in any zone, and with the machine's
// clock moved years ahead. Production code never imports it.
package testclock

import (
	"sync"
	"time"
	_ "time/tzdata" // Asia/Ho_Chi_Minh even where the system has no zone files
)

// Zone is Asia/Ho_Chi_Minh (UTC+7, no daylight saving), where the users live.
var Zone = mustZone("Asia/Ho_Chi_Minh")

// Start is the instant pinned clocks start at by default: 14/03/2026 09:00
// in Vietnam, a Saturday morning class.
var Start = time.Date(2026, 3, 14, 9, 0, 0, 0, Zone)

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic("testclock: " + err.Error())
	}
	return loc
}

// Clock is a pinned clock that moves forward by Step on every reading, so
// two records made one after the other never share a timestamp (times are
// stored to the millisecond) without any test having to sleep. It is safe
// for concurrent use.
type Clock struct {
	mu   sync.Mutex
	t    time.Time
	step time.Duration
}

// New returns a clock at start that steps 1 ms per reading.
func New(start time.Time) *Clock { return &Clock{t: start, step: time.Millisecond} }

// Fixed returns a clock at start that never moves on its own.
func Fixed(start time.Time) *Clock { return &Clock{t: start} }

// Now returns the current reading and moves the clock on by its step.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := c.t
	c.t = c.t.Add(c.step)
	return t
}

// Peek returns the next reading without moving the clock.
func (c *Clock) Peek() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward by d (backwards for a negative d, as a
// laptop whose clock was corrected).
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// Set puts the clock at t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}
