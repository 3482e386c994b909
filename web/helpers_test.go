package web

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"kynangso/internal/testclock"
	"kynangso/lessons"
	"kynangso/results"
)

// site is the phone pages of one open class on a real SQLite file.
type site struct {
	t     testing.TB
	store *results.Store
	srv   *Server
	ts    *httptest.Server
	class results.ClassSession
	pack  *lessons.Pack
	clock *testclock.Clock
}

const testCode = "246810"

var (
	packOnce sync.Once
	pack     *lessons.Pack
)

// builtin is the built-in pack, loaded once per test binary.
func builtin(t testing.TB) *lessons.Pack {
	packOnce.Do(func() {
		p, err := lessons.Builtin()
		if err != nil {
			t.Fatalf("built-in pack: %v", err)
		}
		pack = p
	})
	return pack
}

// newSite opens a store in a temporary folder, opens a class in it and
// serves its phone pages.
func newSite(t testing.TB) *site {
	t.Helper()
	clk := testclock.New(testclock.Start)
	st, err := results.Open(context.Background(), filepath.Join(t.TempDir(), "k.db"),
		results.WithClock(clk.Now), results.WithZone(testclock.Zone))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	class, err := st.OpenSession(context.Background(), results.ClassSession{Title: "Lớp Buôn Đôn", Villages: []string{"Buôn Đôn", "Ea Huar"}})
	if err != nil {
		t.Fatal(err)
	}
	s := &site{t: t, store: st, class: class, pack: builtin(t), clock: clk}
	s.srv, err = New(Config{Store: st, Pack: s.pack, Class: class, Code: testCode, Now: clk.Now,
		Seed: func() uint64 { return 42 }})
	if err != nil {
		t.Fatal(err)
	}
	s.ts = newTestServer(t, s.srv)
	return s
}

// newTestServer serves srv's pages on a loopback port until the test ends.
func newTestServer(t testing.TB, srv *Server) *httptest.Server {
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts
}

// phone is one phone's browser: its own cookie jar, redirects followed.
type phone struct {
	t    testing.TB
	s    *site
	c    *http.Client
	last string // the body of the last page
	code int    // its status
	path string // where it ended up
}

func (s *site) phone() *phone {
	jar, _ := cookiejar.New(nil)
	return &phone{t: s.t, s: s, c: &http.Client{Jar: jar, Timeout: 20 * time.Second}}
}

// get opens path.
func (p *phone) get(path string) string {
	p.t.Helper()
	return p.do(http.MethodGet, path, nil)
}

// post sends a form from the last page's token plus fields.
func (p *phone) post(path string, fields url.Values) string {
	p.t.Helper()
	if fields == nil {
		fields = url.Values{}
	}
	if fields.Get("csrf") == "" {
		fields.Set("csrf", p.csrf())
	}
	return p.do(http.MethodPost, path, fields)
}

func (p *phone) do(method, path string, fields url.Values) string {
	p.t.Helper()
	var body io.Reader
	if fields != nil {
		body = strings.NewReader(fields.Encode())
	}
	req, err := http.NewRequest(method, p.s.ts.URL+path, body)
	if err != nil {
		p.t.Fatal(err)
	}
	if fields != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := p.c.Do(req)
	if err != nil {
		p.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		p.t.Fatal(err)
	}
	p.last, p.code, p.path = string(b), resp.StatusCode, resp.Request.URL.Path
	return p.last
}

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrf is the form token of the last page.
func (p *phone) csrf() string {
	m := csrfRe.FindStringSubmatch(p.last)
	if m == nil {
		p.t.Fatalf("no form token on the page at %s:\n%s", p.path, p.last)
	}
	return m[1]
}

// join opens the first page and types the class code.
func (p *phone) join() {
	p.t.Helper()
	p.get("/")
	p.post("/vao", url.Values{"code": {testCode}})
	if p.path != "/tim" {
		p.t.Fatalf("after the code: at %s (%d)", p.path, p.code)
	}
}

// register joins and registers a new person who agrees to be kept.
func (p *phone) register(name, year string) {
	p.t.Helper()
	p.join()
	p.get("/dang-ky")
	p.post("/dang-ky", url.Values{"name": {name}, "year": {year}, "village": {"Buôn Đôn"}})
	if p.path != "/dong-y" {
		p.t.Fatalf("registration stopped at %s (%d):\n%s", p.path, p.code, p.last)
	}
	p.post("/dong-y", url.Values{"choice": {"1"}})
	if p.path != "/bai" {
		p.t.Fatalf("consent stopped at %s (%d)", p.path, p.code)
	}
}

var attemptRe = regexp.MustCompile(`action="/kt/([^"/]+)"`)
var questionRe = regexp.MustCompile(`name="q" value="([^"]+)"`)

// startQuiz opens the module's quiz and returns the attempt id.
func (p *phone) startQuiz(module string) string {
	p.t.Helper()
	p.post("/bai/"+module+"/kiem-tra", nil)
	m := attemptRe.FindStringSubmatch(p.last)
	if m == nil {
		p.t.Fatalf("no question page after starting %s: at %s (%d)\n%s", module, p.path, p.code, p.last)
	}
	return m[1]
}

// question is the id of the question on the page.
func (p *phone) question() string {
	p.t.Helper()
	m := questionRe.FindStringSubmatch(p.last)
	if m == nil {
		p.t.Fatalf("no question on the page at %s:\n%s", p.path, p.last)
	}
	return m[1]
}

// answers reads the answers of attempt from the store.
func (s *site) answers(attempt string) []results.Answer {
	s.t.Helper()
	as, err := s.store.Answers(context.Background(), attempt)
	if err != nil {
		s.t.Fatal(err)
	}
	return as
}
