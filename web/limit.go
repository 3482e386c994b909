package web

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"sync"
	"time"

	"kynangso/app/ui"
)

// CodeDigits is how long a class code is: six digits, a million codes, so
// guessing at the rate the limiter allows takes far longer than a class.
const CodeDigits = 6

// NewCode draws a random class code.
func NewCode() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return "", fmt.Errorf("draw class code: %w", err)
	}
	return fmt.Sprintf("%06d", n.Int64()), nil
}

// The limits on wrong class codes. One phone (one address) may get the code
// wrong perIPWrong times in ipWindow, a slip or two of elderly fingers
// included; the whole network allWrong times in allWindow, so that a phone
// changing its address to guess on does not get further.
const (
	perIPWrong = 5
	ipWindow   = 5 * time.Minute
	allWrong   = 30
	allWindow  = time.Minute
)

// limiter counts wrong class codes by address and overall.
type limiter struct {
	mu  sync.Mutex
	now func() time.Time
	ip  map[string][]time.Time
	all []time.Time
}

func newLimiter(now func() time.Time) *limiter {
	return &limiter{now: now, ip: map[string][]time.Time{}}
}

// recent keeps the times within d of now.
func recent(ts []time.Time, now time.Time, d time.Duration) []time.Time {
	i := 0
	for i < len(ts) && now.Sub(ts[i]) >= d {
		i++
	}
	return ts[i:]
}

// wait is how long the address must wait before trying a code again; zero
// when it may try now.
func (l *limiter) wait(ip string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.all = recent(l.all, now, allWindow)
	ts := recent(l.ip[ip], now, ipWindow)
	if len(ts) == 0 {
		delete(l.ip, ip)
	} else {
		l.ip[ip] = ts
	}
	var w time.Duration
	if len(ts) >= perIPWrong {
		w = ipWindow - now.Sub(ts[len(ts)-perIPWrong])
	}
	if len(l.all) >= allWrong {
		w = max(w, allWindow-now.Sub(l.all[len(l.all)-allWrong]))
	}
	return w
}

// wrong counts a wrong code from ip.
func (l *limiter) wrong(ip string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.ip[ip] = append(l.ip[ip], now)
	l.all = append(l.all, now)
	if len(l.ip) > maxSessions { // bound the memory of many addresses
		for k := range l.ip {
			delete(l.ip, k)
			break
		}
	}
}

// right forgets the address's wrong codes once it gave the right one.
func (l *limiter) right(ip string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.ip, ip)
}

// waitText words a wait in whole minutes, or seconds under a minute.
func waitText(cat ui.Catalog, d time.Duration) string {
	if d >= time.Minute {
		return cat.F("web.wait.m", int((d+time.Minute-1)/time.Minute))
	}
	return cat.F("web.wait.s", max(1, int((d+time.Second-1)/time.Second)))
}
