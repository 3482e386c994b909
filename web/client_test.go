package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"time"
)

// rider is a phone for load and class tests, which run many at once: it
// returns errors instead of failing the test from its goroutine.
type rider struct {
	base string
	c    *http.Client
	last string
	path string
}

// riderTransport keeps a connection per phone open, as a phone's browser
// does (the default keeps two per host, so 40 phones would reconnect on
// almost every tap).
var riderTransport = &http.Transport{MaxIdleConnsPerHost: 100, IdleConnTimeout: time.Minute}

func newRider(base string) *rider {
	jar, _ := cookiejar.New(nil)
	return &rider{base: base, c: &http.Client{Jar: jar, Timeout: 60 * time.Second, Transport: riderTransport}}
}

func (r *rider) do(method, path string, form url.Values) error {
	var body io.Reader
	if form != nil {
		if form.Get("csrf") == "" {
			m := csrfRe.FindStringSubmatch(r.last)
			if m == nil {
				return fmt.Errorf("no form token at %s", r.path)
			}
			form.Set("csrf", m[1])
		}
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, r.base+path, body)
	if err != nil {
		return err
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := r.c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	r.last, r.path = string(b), resp.Request.URL.Path
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: status %d at %s", method, path, resp.StatusCode, r.path)
	}
	return nil
}

// register joins the class and registers name with consent.
func (r *rider) register(name string) error {
	steps := []func() error{
		func() error { return r.do(http.MethodGet, "/", nil) },
		func() error { return r.do(http.MethodPost, "/vao", url.Values{"code": {testCode}}) },
		func() error { return r.do(http.MethodGet, "/dang-ky", nil) },
		func() error {
			return r.do(http.MethodPost, "/dang-ky", url.Values{"name": {name}, "year": {"1960"}, "village": {"Buôn Đôn"}})
		},
		func() error { return r.do(http.MethodPost, "/dong-y", url.Values{"choice": {"1"}}) },
	}
	for _, s := range steps {
		if err := s(); err != nil {
			return err
		}
	}
	if r.path != "/bai" {
		return fmt.Errorf("registration ended at %s", r.path)
	}
	return nil
}

// start opens module's quiz and returns the attempt id.
func (r *rider) start(module string) (string, error) {
	if err := r.do(http.MethodPost, "/bai/"+module+"/kiem-tra", url.Values{}); err != nil {
		return "", err
	}
	m := attemptRe.FindStringSubmatch(r.last)
	if m == nil {
		return "", fmt.Errorf("no question page for %s at %s", module, r.path)
	}
	return m[1], nil
}

// answer answers the question on the page with choice 1 and returns its
// id once the page says it is saved (and only then).
func (r *rider) answer(att string) (string, error) {
	m := questionRe.FindStringSubmatch(r.last)
	if m == nil {
		return "", fmt.Errorf("no question at %s", r.path)
	}
	if err := r.do(http.MethodPost, "/kt/"+att, url.Values{"q": {m[1]}, "c": {"1"}}); err != nil {
		return "", err
	}
	if !strings.Contains(r.last, "✓ Đã lưu") {
		return "", errors.New("the answer page does not say saved")
	}
	return m[1], nil
}

// next goes from the saved page to the next question; false at the end.
func (r *rider) next(att string) (bool, error) {
	if strings.Contains(r.last, "/kt/"+att+"/ket-qua") {
		return false, r.do(http.MethodGet, "/kt/"+att+"/ket-qua", nil)
	}
	return true, r.do(http.MethodGet, "/kt/"+att, nil)
}
