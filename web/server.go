// Package web is the phone seat: the participant's visit served as plain
// HTML pages on the local Wi-Fi, so the whole class can learn at once on
// their own phones while the laptop's keyboard seat keeps working.
//
// It holds no rule of its own and no SQL: every page calls package flow
// exactly as the terminal screens do (check-in, registration with consent,
// the module menu, lessons, the quiz one question at a time, the result,
// ending the turn), with the participant id from the phone's session and the
// attempt id from the address. An answer is committed by flow before the
// page that says "saved" is sent.
//
// On a shared network it keeps to a small surface: a class code to join
// (wrong codes rate-limited), a session cookie (HttpOnly, SameSite=Strict)
// with a CSRF token on every form, a strict Content-Security-Policy with no
// script at all, size and time limits, html/template escaping of every
// name and content string after the laptop's text hygiene, no file
// listing, no trainer function, and it serves only while its class is open.
// docs/web.md tells the why of each.
package web

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"kynangso/flow"
	"kynangso/lessons"
	"kynangso/results"
)

// Store is what the phone pages read and write: the participant flow's
// store, the seats, and the class figures of the projector page.
// *results.Store satisfies it.
type Store interface {
	flow.Store
	flow.SeatStore
	RecordAnswers(ctx context.Context, answers []results.Answer) ([]results.Answer, []error, error)
	Dashboard(ctx context.Context, sessionID string) ([]results.DashboardRow, error)
	ItemAnalysis(ctx context.Context, f results.Filter, cat results.Catalog) (results.ItemReport, error)
}

// Config is what a Server needs.
type Config struct {
	Store Store
	Pack  *lessons.Pack
	// Class is the class the pages serve; it must be open.
	Class results.ClassSession
	// Code is the class code; empty draws six random digits.
	Code string
	// Now is the clock (the store's, so times agree); nil is the wall clock.
	Now func() time.Time
	// Zone is where the class is (birth-year checks, times shown); nil
	// takes the store's zone.
	Zone *time.Location
	// Seed gives new attempts their seed (tests pin it).
	Seed func() uint64
	// Lang is the language a new phone starts in ("vi" unless "en").
	Lang string
	// Grace is how long, after Stop, every page says the class on the
	// phone is over before the server goes away (DefaultGrace if zero).
	Grace time.Duration
	// Watch is how often the server checks its class is still open
	// (DefaultWatch if zero).
	Watch time.Duration
}

// Defaults of Config.
const (
	DefaultGrace = 45 * time.Second
	DefaultWatch = 3 * time.Second
)

// Server serves the phone pages of one open class.
type Server struct {
	cfg      Config
	flow     *flow.Flow
	sessions *sessions
	limiter  *limiter
	handler  http.Handler
	pages    *pages

	closing atomic.Bool
	mu      sync.Mutex
	srv     *http.Server
	addr    string
	stopped chan struct{}
	once    sync.Once
}

// New builds the server for cfg.Class. It does not listen yet (Serve).
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil || cfg.Class.ID == "" {
		return nil, errors.New("web: a store and an open class are needed")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Zone == nil {
		cfg.Zone = time.UTC
		if z, ok := cfg.Store.(interface{ Zone() *time.Location }); ok {
			cfg.Zone = z.Zone()
		}
	}
	if cfg.Grace <= 0 {
		cfg.Grace = DefaultGrace
	}
	if cfg.Watch <= 0 {
		cfg.Watch = DefaultWatch
	}
	if cfg.Code == "" {
		code, err := NewCode()
		if err != nil {
			return nil, err
		}
		cfg.Code = code
	}
	warmPool(cfg.Store)
	opts := []flow.Option{flow.WithSeat(results.SeatPhone), flow.WithClock(cfg.Now)}
	if cfg.Seed != nil {
		opts = append(opts, flow.WithSeed(cfg.Seed))
	}
	s := &Server{
		cfg:      cfg,
		flow:     flow.New(&gatedStore{Store: cfg.Store}, cfg.Pack, opts...),
		sessions: newSessions(cfg.Now),
		limiter:  newLimiter(cfg.Now),
		pages:    loadPages(),
		stopped:  make(chan struct{}),
	}
	s.handler = s.guard(s.routes())
	return s, nil
}

// Handler is the whole site, for a test server or an http.Server.
func (s *Server) Handler() http.Handler { return s.handler }

// poolIdle is how many SQLite connections stay open between requests.
const poolIdle = 16

// warmPool keeps connections open for a class of phones. database/sql
// keeps two idle connections by default, so with forty phones nearly every
// request opened a new SQLite connection (open, pragmas, schema), which
// cost more than the answer's own commit.
func warmPool(st Store) {
	if d, ok := st.(interface{ DB() *sql.DB }); ok {
		d.DB().SetMaxIdleConns(poolIdle)
	}
}

// zone is where the class is.
func (s *Server) zone() *time.Location { return s.cfg.Zone }

// Code is the class code phones type to join.
func (s *Server) Code() string { return s.cfg.Code }

// Class is the class the pages serve.
func (s *Server) Class() results.ClassSession { return s.cfg.Class }

// Phones counts the phones with someone checked in who used them in the
// last ten minutes.
func (s *Server) Phones() int { return s.sessions.active(10 * time.Minute) }

// Stopped is closed once the server has stopped for good (Stop, or the
// class was closed).
func (s *Server) Stopped() <-chan struct{} { return s.stopped }

// Serve answers on ln until Stop; it also stops by itself when the class
// is closed (on this laptop's screen or by another program on the same
// file). It returns nil after a Stop.
func (s *Server) Serve(ln net.Listener) error {
	srv := &http.Server{
		Handler: s.handler,
		// A phone on a slow hotspot sends a few hundred bytes of headers:
		// five seconds is plenty, and a connection that dribbles them
		// (slowloris) cannot hold the laptop's sockets.
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    8 << 10,
	}
	s.mu.Lock()
	s.srv, s.addr = srv, ln.Addr().String()
	s.mu.Unlock()
	go s.watch()
	err := srv.Serve(ln)
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// watch stops the server when its class is no longer the open one.
func (s *Server) watch() {
	t := time.NewTicker(s.cfg.Watch)
	defer t.Stop()
	for {
		select {
		case <-s.stopped:
			return
		case <-t.C:
			if s.closing.Load() {
				continue
			}
			c, ok, err := s.cfg.Store.CurrentSession(context.Background())
			if err == nil && (!ok || c.ID != s.cfg.Class.ID) {
				_ = s.Stop() // returns at once; the notice runs its course
			}
		}
	}
}

// Stop tells the phones plainly that the class on the phone is over: for
// Config.Grace every page and every form says so (nothing more is saved),
// then the server shuts down, letting requests under way finish (an answer
// being committed is committed and answered). It returns at once; Stopped
// says when it is over.
func (s *Server) Stop() error {
	if s.closing.Swap(true) {
		return nil
	}
	go func() {
		select {
		case <-time.After(s.cfg.Grace):
		case <-s.stopped:
		}
		s.shutdown()
	}()
	return nil
}

// StopNow shuts down without the grace period (tests, the end of
// `kynangso serve`).
func (s *Server) StopNow() {
	s.closing.Store(true)
	s.shutdown()
}

func (s *Server) shutdown() {
	s.once.Do(func() {
		s.mu.Lock()
		srv := s.srv
		s.mu.Unlock()
		if srv != nil {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_ = srv.Shutdown(ctx) // requests under way had ten seconds
		}
		close(s.stopped)
	})
}

// URL is the plain address phones open, from the address Serve listens on
// (host overrides an unspecified listening address).
func URL(host string, port int) string {
	return fmt.Sprintf("http://%s", net.JoinHostPort(host, fmt.Sprint(port)))
}

// httpServer is the running http.Server (tests check its limits).
func (s *Server) httpServer() *http.Server {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.srv
}
