package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"io/fs"
	"net/http"
	"strings"

	"kynangso/app/ui"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static/app.css
var appCSS []byte

// cssPath is where the stylesheet is served: its name carries a hash of
// its content, so a phone may keep it for a year and still never shows an
// old one after an update.
var cssPath = func() string {
	sum := sha256.Sum256(appCSS)
	return "s/app-" + hex.EncodeToString(sum[:4]) + ".css"
}()

// pages are the parsed templates, one per page, each inside the layout.
type pages struct {
	byName map[string]*template.Template
}

// loadPages parses the embedded templates; a broken template is a build
// mistake, caught by every test.
func loadPages() *pages {
	funcs := template.FuncMap{"inc": func(i int) int { return i + 1 }}
	base := template.Must(template.New("layout").Funcs(funcs).ParseFS(templateFS, "templates/layout.html"))
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		panic(err)
	}
	p := &pages{byName: map[string]*template.Template{}}
	for _, n := range names {
		name := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if name == "layout" {
			continue
		}
		p.byName[name] = template.Must(template.Must(base.Clone()).ParseFS(templateFS, n))
	}
	return p
}

// view is what every page template gets: the words in the phone's
// language, the form token, who is checked in, and the page's own data.
type view struct {
	cat    ui.Catalog
	Lang   string
	CSS    string
	CSRF   string
	Title  string
	Person string
	// Path is the page's own address, where the language switch returns.
	Path string
	// Note is a line shown above the page (a saved state, a warning).
	Note string
	Page any
}

// T is the catalog string for key.
func (v view) T(key string) string { return v.cat.T(key) }

// F formats the catalog string for key.
func (v view) F(key string, args ...any) string { return v.cat.F(key, args...) }

// render writes page name with status.
func (s *Server) render(w http.ResponseWriter, r *http.Request, sess *session, status int, name string, v view) {
	t := s.pages.byName[name]
	if t == nil {
		panic("web: no template " + name)
	}
	v.cat, v.CSS = ui.NewCatalog(langOf(sess)), cssPath
	v.Lang = v.cat.Lang
	if sess != nil {
		v.CSRF = sess.csrf
	}
	if v.Path == "" && r.Method == http.MethodGet {
		v.Path = r.URL.Path
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, "layout", v); err != nil {
		http.Error(w, "500", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	// Every page is about one person: no phone or proxy keeps a copy, and
	// the back button asks the laptop again, which knows what was saved.
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes()) // a phone that left mid-page needs nothing more
}

// refuse shows a plain message page with status (a stale form, a closed
// class).
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, status int, key string) {
	sess := s.sessions.get(r)
	s.render(w, r, sess, status, "message", view{Title: ui.NewCatalog(langOf(sess)).T("app.name"), Page: key, Path: "/"})
}

func langOf(sess *session) string {
	if sess == nil {
		return ui.LangVI
	}
	return sess.lang
}

// cssGzip is the stylesheet compressed once, at start.
var cssGzip = func() []byte {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression) // the level is valid
	_, _ = zw.Write(appCSS)                                // a bytes.Buffer does not fail
	_ = zw.Close()
	return b.Bytes()
}()

// serveCSS sends the stylesheet, compressed when the phone accepts it,
// kept by the phone for a year.
func serveCSS(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/css; charset=utf-8")
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Add("Vary", "Accept-Encoding")
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		_, _ = w.Write(cssGzip) // see render
		return
	}
	_, _ = w.Write(appCSS) // see render
}
