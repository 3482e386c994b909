package web

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// chromiumPath finds Debian's chromium. Without it the browser tests skip
// with a message, except in CI (CI=true), where they fail: .ci installs it.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed; .ci/steps/chromium.sh installs it (apt-get install chromium)")
	}
	t.Skip("chromium is not installed (apt-get install chromium): the browser tests are skipped")
	return ""
}

// browser starts headless chromium at w×h with a new empty profile, with
// or without JavaScript.
func browser(t *testing.T, w, h int, scripts bool) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(t)), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(w, h),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	steps := []chromedp.Action[chromedp.Void]{chromedp.EmulateViewport(int64(w), int64(h))}
	if !scripts {
		steps = append(steps, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}))
	}
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// visitor walks the pages in a browser and keeps a screenshot of each.
type visitor struct {
	t    *testing.T
	ctx  context.Context
	base string
	dir  string
	n    int
}

// shotsDir is where the screenshots go: a folder kept after the test, named
// in its log, so the pages can be looked at.
func shotsDir(t *testing.T, name string) string {
	dir, err := os.MkdirTemp("", "kynangso-web-"+name+"-")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", dir)
	return dir
}

// at waits until the page's path matches want (a path; "/kt/…" for one
// more segment; "*/ket-qua" for a suffix; "~/cau/" for a part), then keeps
// a screenshot named name.
func (v *visitor) at(want, name string) {
	v.t.Helper()
	match := func(p string) bool {
		switch {
		case strings.HasPrefix(want, "~"):
			return strings.Contains(p, want[1:])
		case strings.HasPrefix(want, "*"):
			return strings.HasSuffix(p, want[1:])
		case strings.HasSuffix(want, "/…"):
			rest, ok := strings.CutPrefix(p, strings.TrimSuffix(want, "…"))
			return ok && rest != "" && !strings.Contains(rest, "/")
		}
		return p == want
	}
	deadline := time.Now().Add(10 * time.Second)
	ok := false
	for !ok && time.Now().Before(deadline) {
		l, err := chromedp.Run(v.ctx, chromedp.Location())
		ready, _ := chromedp.Run(v.ctx, chromedp.EvaluateAsDevTools[string](`document.readyState`))
		u, perr := url.Parse(l)
		ok = err == nil && perr == nil && match(u.Path) && ready == "complete"
		if !ok {
			time.Sleep(20 * time.Millisecond)
		}
	}
	if !ok {
		html, _ := chromedp.Run(v.ctx, chromedp.OuterHTML(chromedp.CSS("main")))
		v.t.Fatalf("never reached %s:\n%s", want, html)
	}
	png, err := chromedp.Run(v.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		v.t.Fatal(err)
	}
	v.n++
	if err := os.WriteFile(filepath.Join(v.dir, fmt.Sprintf("%02d-%s.png", v.n, name)), png, 0o644); err != nil {
		v.t.Fatal(err)
	}
}

// do runs browser actions.
func (v *visitor) do(steps ...chromedp.Action[chromedp.Void]) {
	v.t.Helper()
	ctx, cancel := context.WithTimeout(v.ctx, 10*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		v.t.Fatal(err)
	}
}

// visit is a resident's whole visit by taps and typing: the QR address,
// registration with consent, the menu, the lesson to its end, the quiz to
// its result, and finishing.
func (v *visitor) visit(s *site, name string) {
	v.t.Helper()
	v.do(chromedp.Navigate(v.base + "/v/" + testCode))
	v.at("/tim", "search")
	v.do(chromedp.Click(chromedp.CSS(`a[href="/dang-ky"]`)))
	v.at("/dang-ky", "register")
	v.do(chromedp.SendKeys(chromedp.ID("name"), name), chromedp.SendKeys(chromedp.ID("year"), "1958"),
		chromedp.Click(chromedp.CSS(`input[name="village"][value="Buôn Đôn"]`)),
		chromedp.Click(chromedp.CSS(`form[action="/dang-ky"] button[type="submit"]`)))
	v.at("/dong-y", "consent")
	v.do(chromedp.Click(chromedp.CSS(`form[action="/dong-y"] button`)))
	v.at("/bai", "menu")
	mod := s.pack.Modules[1]
	v.do(chromedp.Click(chromedp.CSS(`a[href^="/bai/` + mod.ID + `/"]`)))
	v.at("/bai/"+mod.ID+"/1", "lesson")
	for p := 2; p <= len(mod.PagesIn("vi")); p++ {
		v.do(chromedp.Click(chromedp.CSS(`.pager a[href="/bai/` + mod.ID + fmt.Sprintf("/%d", p) + `"]`)))
		v.at(fmt.Sprintf("/bai/%s/%d", mod.ID, p), fmt.Sprintf("lesson-%d", p))
	}
	v.do(chromedp.Click(chromedp.CSS(`.pager a[href$="/het"]`)))
	v.at("/bai/"+mod.ID+"/het", "lesson-end")
	v.do(chromedp.Click(chromedp.CSS(`form[action$="/kiem-tra"] button`)))
	for i := 1; ; i++ {
		v.at("/kt/…", fmt.Sprintf("question-%d", i))
		v.do(chromedp.Click(chromedp.CSS(`label.choice`)), chromedp.Click(chromedp.CSS(`form[action^="/kt/"] button[type="submit"]`)))
		v.at("~/cau/", fmt.Sprintf("saved-%d", i))
		last, err := chromedp.Run(v.ctx, chromedp.EvaluateAsDevTools[bool](`!!document.querySelector('a.btn[href$="/ket-qua"]')`))
		if err != nil {
			v.t.Fatal(err)
		}
		v.do(chromedp.Click(chromedp.CSS(`main > a.btn`)))
		if last {
			break
		}
	}
	v.at("*/ket-qua", "result")
	v.do(chromedp.Click(chromedp.CSS(`form[action="/xong"] button`)))
	v.at("/cam-on", "thanks")
}

// A resident's whole visit in a real browser at 360×640, a screenshot of
// each page kept; the pages meet the rules for elderly eyes (base text at
// least 18 px, every tap target at least 48 px, nothing wider than the
// screen, not even at 320 px); and every answer the pages said was saved
// is in the database.
func TestBrowserVisit(t *testing.T) {
	s := newSite(t)
	ctx := browser(t, 360, 640, true)
	v := &visitor{t: t, ctx: ctx, base: s.ts.URL, dir: shotsDir(t, "360")}
	v.visit(s, "Nguyễn Thị Hoa")
	checkElderlyRules(t, ctx, s.ts.URL)
	rows, err := s.store.Dashboard(context.Background(), s.class.ID)
	if err != nil || len(rows) != 1 || rows[0].Name != "Nguyễn Thị Hoa" || len(rows[0].Best) != 1 {
		t.Fatalf("after the visit: %+v %v", rows, err)
	}
}

// The same visit with JavaScript switched off: plain forms do it all.
func TestBrowserVisitWithoutScripts(t *testing.T) {
	s := newSite(t)
	ctx := browser(t, 360, 640, false)
	on, err := chromedp.Run(ctx, chromedp.EvaluateAsDevTools[bool](`true`))
	if err != nil || !on {
		t.Fatalf("devtools: %v", err)
	}
	v := &visitor{t: t, ctx: ctx, base: s.ts.URL, dir: shotsDir(t, "noscript")}
	v.visit(s, "Y Bih Niê")
	rows, _ := s.store.Dashboard(context.Background(), s.class.ID)
	if len(rows) != 1 || len(rows[0].Best) != 1 {
		t.Fatalf("the visit without scripts stored %+v", rows)
	}
}

// checkElderlyRules measures the pages a participant sees at 320 and 360
// px wide.
func checkElderlyRules(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	const probe = `(() => {
		const bad = [];
		const fs = parseFloat(getComputedStyle(document.body).fontSize);
		if (fs < 18) bad.push("base text " + fs + "px");
		for (const el of document.querySelectorAll("a, button, input[type=text], input[type=tel], label.choice, label.radio")) {
			const r = el.getBoundingClientRect();
			if (r.height > 0 && r.height < 48) bad.push((el.textContent || el.name || el.tagName).trim().slice(0, 30) + " is " + Math.round(r.height) + "px high");
		}
		if (document.documentElement.scrollWidth > window.innerWidth) bad.push("page " + document.documentElement.scrollWidth + "px wide in " + window.innerWidth);
		if (document.querySelector("script, link[href^='http'], img[src^='http']")) bad.push("external resource or script");
		return bad.join("; ");
	})()`
	for _, w := range []int64{320, 360} {
		for _, path := range []string{"/", "/tim", "/dang-ky", "/lop"} {
			err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 640), chromedp.Navigate(base+path))
			if err != nil {
				t.Fatal(err)
			}
			bad, err := chromedp.Run(ctx, chromedp.Evaluate[string](probe))
			if err != nil {
				t.Fatal(err)
			}
			if bad != "" {
				t.Errorf("%s at %dpx: %s", path, w, bad)
			}
		}
	}
	if errors.Is(ctx.Err(), context.Canceled) {
		t.Fatal("the browser stopped")
	}
}
