package results

import (
	"database/sql"
	"time"
)

// Option configures a Store when it is opened.
type Option func(*clock)

// WithClock makes the store take the time from now instead of the wall
// clock. Tests pin it (and step it) so that a store and the app that uses
// it agree on "today"; the app passes its own clock in the same way.
func WithClock(now func() time.Time) Option {
	return func(c *clock) {
		if now != nil {
			c.wall = now
		}
	}
}

// WithZone sets the time zone in which stored times become dates: a class
// "today", the dates of a report filter and the dates in exports. It
// defaults to the laptop's zone; tests pin Asia/Ho_Chi_Minh, the users'
// zone, so that they pass wherever they run.
func WithZone(loc *time.Location) Option {
	return func(c *clock) {
		if loc != nil {
			c.zone = loc
		}
	}
}

// wallClock is the real clock: the default of every store, and what the merge
// trace measures elapsed time with.
var wallClock = time.Now

// defaultZone is the zone of a store opened without WithZone: the laptop's.
var defaultZone = time.Local

// clock is the store's source of time: where the wall clock and the local
// zone are read, and the only place in the package that reads them.
type clock struct {
	wall func() time.Time
	zone *time.Location
}

// newClock applies opts over the defaults: the wall clock and the laptop's
// zone.
func newClock(opts []Option) clock {
	c := clock{wall: wallClock, zone: defaultZone}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	return c
}

// now returns the current time in UTC truncated to what is stored, so a
// value returned by a method equals the one read back later.
func (c clock) now() time.Time { return c.wall().UTC().Truncate(time.Millisecond) }

// stamp is now formatted for storage.
func (c clock) stamp() string { return fmtTime(c.now()) }

// today is the current date in the store's zone (DateLayout).
func (c clock) today() string { return c.wall().In(c.zone).Format(DateLayout) }

// year is the current year in the store's zone.
func (c clock) year() int { return c.wall().In(c.zone).Year() }

// local reads a stored time in the store's zone (zero if none).
func (c clock) local(s sql.NullString) time.Time {
	t := parseTime(s)
	if t.IsZero() {
		return t
	}
	return t.In(c.zone)
}

// localDate is the date of a stored time in the store's zone, "" for none.
func (c clock) localDate(s sql.NullString) string {
	t := c.local(s)
	if t.IsZero() {
		return ""
	}
	return t.Format(DateLayout)
}

// dayStart is the first instant of a DateLayout date in the store's zone.
func (c clock) dayStart(date string) (time.Time, error) {
	return time.ParseInLocation(DateLayout, date, c.zone)
}

// Now returns the store's current time (UTC, millisecond precision).
func (s *Store) Now() time.Time { return s.clk.now() }

// Zone returns the time zone the store turns times into dates in.
func (s *Store) Zone() *time.Location { return s.clk.zone }

// Today returns the current date in the store's zone, as DateLayout.
func (s *Store) Today() string { return s.clk.today() }
