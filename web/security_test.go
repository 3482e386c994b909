package web

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"kynangso/results"
)

// Wrong class codes are limited per phone: after five, even the right code
// waits, with a plain message; another phone is not held up until the
// whole network has made too many guesses.
func TestWrongCodeRateLimit(t *testing.T) {
	s := newSite(t)
	p := s.phone()
	p.get("/")
	for i := range perIPWrong {
		p.post("/vao", url.Values{"code": {"000000"}})
		if p.code != http.StatusForbidden || !strings.Contains(p.last, "Mã lớp chưa đúng") {
			t.Fatalf("wrong code %d: %d\n%s", i+1, p.code, p.last)
		}
	}
	p.post("/vao", url.Values{"code": {testCode}})
	if p.code != http.StatusTooManyRequests || !strings.Contains(p.last, "Xin đợi") {
		t.Fatalf("the right code after %d wrong ones: %d\n%s", perIPWrong, p.code, p.last)
	}
	p.get("/v/" + testCode) // the QR address is limited too
	if p.code != http.StatusTooManyRequests {
		t.Fatalf("QR address after the limit: %d", p.code)
	}
	// The wait is over once the window has passed (the clock moves on).
	s.srv.limiter.now = func() time.Time { return s.clock.Now().Add(ipWindow) }
	p.post("/vao", url.Values{"code": {"246 810"}})
	if p.path != "/tim" {
		t.Fatalf("after the wait the right code (typed with a space) leads to %s (%d)", p.path, p.code)
	}
}

// The whole network's guesses are limited too, so changing address does
// not help a guesser.
func TestWrongCodeLimitOverall(t *testing.T) {
	l := newLimiter(func() time.Time { return time.Unix(0, 0) })
	for i := range allWrong {
		l.wrong("10.0.0." + string(rune('0'+i%10)) + string(rune('0'+i/10)))
	}
	if l.wait("10.9.9.9") <= 0 {
		t.Fatal("a fresh address may guess after the whole network made too many wrong guesses")
	}
}

// A form without the phone's token, or with another phone's, is refused;
// so is a post from another site.
func TestCSRFRefused(t *testing.T) {
	s := newSite(t)
	a, b := s.phone(), s.phone()
	a.register("Phan Văn Cừ", "1955")
	b.join()
	att := a.startQuiz(s.pack.Modules[1].ID)
	q := a.question()
	for name, tok := range map[string]string{"none": "", "another phone's": b.csrf()} {
		form := url.Values{"q": {q}, "c": {"1"}}
		if tok != "" {
			form.Set("csrf", tok)
		} else {
			form.Set("csrf", "x")
		}
		a.do(http.MethodPost, "/kt/"+att, form)
		if a.code != http.StatusForbidden || !strings.Contains(a.last, "Trang này đã cũ") {
			t.Errorf("%s token: %d\n%s", name, a.code, a.last)
		}
	}
	a.get("/kt/" + att)
	form := url.Values{"q": {q}, "c": {"1"}, "csrf": {a.csrf()}}
	req, _ := http.NewRequest(http.MethodPost, s.ts.URL+"/kt/"+att, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := a.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site post: %d", resp.StatusCode)
	}
	if n := len(s.answers(att)); n != 0 {
		t.Fatalf("%d answers stored from refused posts", n)
	}
}

// A phone that swaps ids in the address or the form sees nothing of
// another person: not their attempt, not their answers, not a check-in as
// them.
func TestIDSwappingRefused(t *testing.T) {
	s := newSite(t)
	lan, hoa := s.phone(), s.phone()
	lan.register("Nguyễn Thị Lan", "1957")
	hoa.register("Nguyễn Thị Hoa", "1958")
	mod := s.pack.Modules[1].ID
	att := lan.startQuiz(mod)
	q := lan.question()
	lan.post("/kt/"+att, url.Values{"q": {q}, "c": {"1"}})
	for _, path := range []string{"/kt/" + att, "/kt/" + att + "/cau/" + q, "/kt/" + att + "/ket-qua"} {
		hoa.get(path)
		if hoa.code != http.StatusForbidden || strings.Contains(hoa.last, "Nguyễn Thị Lan") {
			t.Errorf("Hoa opening %s: %d", path, hoa.code)
		}
	}
	hoa.get("/bai")
	hoa.post("/kt/"+att, url.Values{"q": {lan.question2(s, att)}, "c": {"2"}})
	if hoa.code != http.StatusForbidden {
		t.Errorf("Hoa answering Lan's attempt: %d", hoa.code)
	}
	hoa.get("/bai")
	hoa.post("/kt/"+att+"/thoat", nil)
	if hoa.code != http.StatusForbidden {
		t.Errorf("Hoa leaving Lan's attempt: %d", hoa.code)
	}
	// Checking in by an id the phone's search did not list.
	v, _ := s.store.SearchParticipants(context.Background(), "lan", 5)
	hoa.get("/tim")
	hoa.post("/chon", url.Values{"id": {v[0].ID}})
	if hoa.code != http.StatusForbidden {
		t.Errorf("check-in by a swapped id: %d", hoa.code)
	}
	if n := len(s.answers(att)); n != 1 {
		t.Fatalf("Lan's attempt has %d answers, want her 1", n)
	}
}

// question2 is an unanswered question id of attempt (read from the store).
func (p *phone) question2(s *site, att string) string {
	a, err := s.store.Attempt(context.Background(), att)
	if err != nil {
		s.t.Fatal(err)
	}
	return a.QuestionIDs[len(a.QuestionIDs)-1]
}

// A hostile name is cleaned as on the laptop and escaped: no markup, no
// direction override, no invisible character reaches the page.
func TestHostileNamesEscaped(t *testing.T) {
	s := newSite(t)
	evil := "<script>alert(1)</script>\u202eNgười \u200bLạ\x1b[31m"
	if _, err := s.store.CreateParticipant(context.Background(), results.Participant{FullName: evil, BirthYear: 1970, Village: `"><img src=x>`, ConsentVersion: results.ConsentVersion, ConsentAt: s.clock.Now()}); err != nil {
		t.Fatal(err)
	}
	p := s.phone()
	p.join()
	p.post("/tim", url.Values{"q": {"nguoi"}})
	for _, bad := range []string{"<script>", "<img", "\u202e", "\u200b", "\x1b"} {
		if strings.Contains(p.last, bad) {
			t.Errorf("the page holds %q", bad)
		}
	}
	if !strings.Contains(p.last, "&lt;script&gt;") {
		t.Fatalf("the name is not shown escaped:\n%s", p.last)
	}
	p.post("/chon", url.Values{"id": {valueOf(t, p.last, `name="id" value="`)}})
	if strings.Contains(p.last, "<script>") || strings.Contains(p.last, "\u202e") {
		t.Fatalf("menu shows the raw name:\n%s", p.last)
	}
}

// Every page has the strict policy and the other headers; no page loads
// anything from elsewhere or runs a script.
func TestSecurityHeaders(t *testing.T) {
	s := newSite(t)
	p := s.phone()
	resp, err := p.c.Get(s.ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	h := resp.Header
	if h.Get("Content-Security-Policy") != csp || !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "unsafe") {
		t.Errorf("CSP: %q", h.Get("Content-Security-Policy"))
	}
	for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
		"Referrer-Policy": "no-referrer", "Cache-Control": "no-store"} {
		if h.Get(k) != want {
			t.Errorf("%s: %q, want %q", k, h.Get(k), want)
		}
	}
	var cookie *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == cookieName {
			cookie = c
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode || len(cookie.Value) < 40 {
		t.Fatalf("session cookie: %+v", cookie)
	}
	for name, tpl := range s.srv.pages.byName {
		_ = tpl
		for _, bad := range []string{"<script", "http://", "https://", "style=\"", "onclick"} {
			if b, _ := templateFS.ReadFile("templates/" + name + ".html"); strings.Contains(string(b), bad) {
				t.Errorf("template %s holds %q", name, bad)
			}
		}
	}
}

// Bodies and headers are bounded, and the server has its timeouts.
func TestLimits(t *testing.T) {
	s := newSite(t)
	p := s.phone()
	p.join()
	big := url.Values{"q": {strings.Repeat("a", maxBody+10)}, "csrf": {p.csrf()}}
	p.do(http.MethodPost, "/tim", big)
	if p.code != http.StatusRequestEntityTooLarge {
		t.Fatalf("a body over the limit: %d", p.code)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go s.srv.Serve(ln)
	defer s.srv.StopNow()
	deadline := time.Now().Add(5 * time.Second)
	for s.srv.httpServer() == nil && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	srv := s.srv.httpServer()
	if srv.ReadHeaderTimeout <= 0 || srv.ReadHeaderTimeout > 10*time.Second || srv.ReadTimeout <= 0 ||
		srv.WriteTimeout <= 0 || srv.MaxHeaderBytes > 16<<10 {
		t.Fatalf("server limits: %+v", srv)
	}
}

// There is no file listing and no trainer function, whatever is tried.
func TestNothingElseReachable(t *testing.T) {
	s := newSite(t)
	p := s.phone()
	p.register("Bế Văn Đàn", "1951")
	for _, path := range []string{"/s/", "/s", "/static/", "/templates/layout.html", "/s/../templates/",
		"/" + cssPath + "/..", "/trainer", "/tr", "/export", "/backup", "/debug/pprof/", "/api/people",
		"/results.db", "/k.db", "/.git/config", "/bai/../../etc/passwd", "/lop/people"} {
		p.get(path)
		if p.code != http.StatusNotFound && p.path != "/" && p.path != "/bai" && p.path != "/tim" {
			t.Errorf("%s: %d at %s", path, p.code, p.path)
		}
		for _, leak := range []string{"Bế Văn Đàn (", "SQLite", "{{", "Index of"} {
			if strings.Contains(p.last, leak) && p.code != http.StatusOK {
				t.Errorf("%s shows %q", path, leak)
			}
		}
	}
	p.get("/" + cssPath)
	if p.code != http.StatusOK {
		t.Fatalf("the stylesheet: %d", p.code)
	}
}

// Only this machine and local networks are answered, and only with an IP
// address as host (a name means DNS rebinding).
func TestOnlyLocalPeersAndIPHosts(t *testing.T) {
	s := newSite(t)
	for addr, want := range map[string]int{"8.8.8.8:5555": 403, "192.168.43.27:5555": 200,
		"10.1.2.3:1": 200, "[fe80::1]:80": 200, "[2001:db8::1]:80": 403, "127.0.0.1:9": 200} {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.RemoteAddr, req.Host = addr, "192.168.43.10:8080"
		w := httptest.NewRecorder()
		s.srv.Handler().ServeHTTP(w, req)
		if w.Code != want {
			t.Errorf("from %s: %d, want %d", addr, w.Code, want)
		}
	}
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.RemoteAddr, req.Host = "192.168.43.27:5555", "evil.example:8080"
	w := httptest.NewRecorder()
	s.srv.Handler().ServeHTTP(w, req)
	if w.Code != http.StatusMisdirectedRequest {
		t.Errorf("a name as host: %d", w.Code)
	}
}

// The server serves only while its class is open: closing the class (on
// the laptop or from another program) stops it; after Stop the phones are
// told plainly and nothing more is saved.
func TestRunsOnlyWhileClassOpen(t *testing.T) {
	s := newSite(t)
	s.srv.cfg.Watch = 5 * time.Millisecond
	s.srv.cfg.Grace = time.Hour
	p := s.phone()
	p.register("Hoàng Thị Sáu", "1966")
	att := p.startQuiz(s.pack.Modules[1].ID)
	q := p.question()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go s.srv.Serve(ln)
	if err := s.store.CloseSession(context.Background(), s.class.ID); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for !s.srv.closing.Load() && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	p.post("/kt/"+att, url.Values{"q": {q}, "c": {"1"}})
	if p.code != http.StatusServiceUnavailable || !strings.Contains(p.last, "Lớp học trên điện thoại đã đóng") {
		t.Fatalf("after the class closed: %d\n%s", p.code, p.last)
	}
	if n := len(s.answers(att)); n != 0 {
		t.Fatalf("%d answers saved after the class closed", n)
	}
	s.srv.StopNow()
	select {
	case <-s.srv.Stopped():
	case <-time.After(5 * time.Second):
		t.Fatal("the server did not stop")
	}
	if c, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second); err == nil {
		c.Close()
		t.Fatal("the server still listens after stopping")
	}
	if _, err := New(Config{Store: s.store, Pack: s.pack}); err == nil {
		t.Fatal("a server without an open class was built")
	}
}
