package web

import (
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"

	"kynangso/app/ui"
)

// routes lists every address the site answers; anything else is "no such
// page". There is no file listing, no trainer function and no data of
// another person behind any of them.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.home)
	mux.HandleFunc("GET /v/{code}", s.scan)
	mux.HandleFunc("POST /vao", s.join)
	mux.HandleFunc("GET /tim", s.person(false, s.searchPage))
	mux.HandleFunc("POST /tim", s.person(false, s.search))
	mux.HandleFunc("POST /chon", s.person(false, s.choose))
	mux.HandleFunc("GET /dang-ky", s.person(false, s.registerPage))
	mux.HandleFunc("POST /dang-ky", s.person(false, s.register))
	mux.HandleFunc("GET /dong-y", s.person(false, s.consentPage))
	mux.HandleFunc("POST /dong-y", s.person(false, s.consent))
	mux.HandleFunc("GET /bai", s.person(true, s.menu))
	mux.HandleFunc("GET /bai/{mod}/{page}", s.person(true, s.lesson))
	mux.HandleFunc("GET /bai/{mod}/het", s.person(true, s.lessonEnd))
	mux.HandleFunc("POST /bai/{mod}/kiem-tra", s.person(true, s.startQuiz))
	mux.HandleFunc("GET /kt/{att}", s.person(true, s.question))
	mux.HandleFunc("POST /kt/{att}", s.person(true, s.answer))
	mux.HandleFunc("GET /kt/{att}/cau/{q}", s.person(true, s.feedback))
	mux.HandleFunc("GET /kt/{att}/ket-qua", s.person(true, s.result))
	mux.HandleFunc("POST /kt/{att}/thoat", s.person(true, s.leaveQuiz))
	mux.HandleFunc("POST /xong", s.person(true, s.finish))
	mux.HandleFunc("GET /cam-on", s.person(false, s.thanks))
	mux.HandleFunc("POST /ngon-ngu", s.person(false, s.switchLang))
	mux.HandleFunc("GET /lop", s.projector)
	mux.HandleFunc("POST /lop", s.projectorJoin)
	mux.HandleFunc("GET /"+cssPath, serveCSS)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.refuse(w, r, http.StatusNotFound, "web.err.notfound")
	})
	return mux
}

// handler is a page of a joined phone, run with its session locked.
type handler func(w http.ResponseWriter, r *http.Request, sess *session)

// person wraps a page that needs a joined phone (and, with needPerson,
// someone checked in on it), checks the CSRF token of every form, and
// holds the phone's session for the whole request, so that two taps of
// one phone run one after the other.
func (s *Server) person(needPerson bool, h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sess := s.sessions.get(r)
		if sess == nil || !sess.joined {
			if r.Method == http.MethodPost {
				s.refuse(w, r, http.StatusForbidden, "web.err.join")
				return
			}
			http.Redirect(w, r, "/", http.StatusSeeOther)
			return
		}
		sess.mu.Lock()
		defer sess.mu.Unlock()
		if r.Method == http.MethodPost {
			if err := r.ParseForm(); err != nil {
				var big *http.MaxBytesError
				if errors.As(err, &big) {
					s.refuse(w, r, http.StatusRequestEntityTooLarge, "web.err.big")
					return
				}
				s.refuse(w, r, http.StatusBadRequest, "web.err.csrf")
				return
			}
			if !sess.validCSRF(r) {
				s.refuse(w, r, http.StatusForbidden, "web.err.csrf")
				return
			}
		}
		if needPerson && sess.pid == "" {
			http.Redirect(w, r, "/tim", http.StatusSeeOther)
			return
		}
		h(w, r, sess)
	}
}

// home sends a joined phone on to where it was, and shows the code form
// to a new one.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	sess := s.sessions.get(r)
	switch {
	case sess != nil && sess.joined && sess.pid != "":
		http.Redirect(w, r, "/bai", http.StatusSeeOther)
	case sess != nil && sess.joined:
		http.Redirect(w, r, "/tim", http.StatusSeeOther)
	default:
		if sess == nil {
			sess = s.sessions.create(w, s.cfg.Lang)
		}
		s.joinPage(w, r, sess, http.StatusOK, "")
	}
}

// joinPage is the class-code form, with a problem to show (or none).
func (s *Server) joinPage(w http.ResponseWriter, r *http.Request, sess *session, status int, problem string) {
	cat := ui.NewCatalog(sess.lang)
	s.render(w, r, sess, status, "join", view{Title: cat.T("web.join.title"), Path: "/", Page: problem})
}

// scan is the address in the QR code: the code comes with it.
func (s *Server) scan(w http.ResponseWriter, r *http.Request) {
	s.tryCode(w, r, r.PathValue("code"))
}

// join is the class-code form's post.
func (s *Server) join(w http.ResponseWriter, r *http.Request) {
	sess := s.sessions.get(r)
	if sess == nil || r.ParseForm() != nil || !sess.validCSRF(r) {
		s.refuse(w, r, http.StatusForbidden, "web.err.csrf")
		return
	}
	s.tryCode(w, r, r.PostFormValue("code"))
}

// tryCode joins the phone to the class when code is right; wrong codes
// are counted, and past the limit even a right one waits.
func (s *Server) tryCode(w http.ResponseWriter, r *http.Request, code string) {
	sess := s.sessions.get(r)
	if sess == nil {
		sess = s.sessions.create(w, s.cfg.Lang)
	}
	ip := peerIP(r)
	cat := ui.NewCatalog(sess.lang)
	if wait := s.limiter.wait(ip); wait > 0 {
		s.joinPage(w, r, sess, http.StatusTooManyRequests, cat.F("web.join.wait", waitText(cat, wait)))
		return
	}
	if digits(code) != s.cfg.Code {
		s.limiter.wrong(ip)
		s.joinPage(w, r, sess, http.StatusForbidden, cat.T("web.join.wrong"))
		return
	}
	s.limiter.right(ip)
	sess.mu.Lock()
	sess.joined = true
	sess.mu.Unlock()
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// digits keeps the digits of a typed code ("123 456" is 123456).
func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// peerIP is the phone's address without the port.
func peerIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// switchLang changes the phone's language and goes back to the page.
func (s *Server) switchLang(w http.ResponseWriter, r *http.Request, sess *session) {
	if sess.lang == ui.LangEN {
		sess.lang = ui.LangVI
	} else {
		sess.lang = ui.LangEN
	}
	http.Redirect(w, r, localPath(r.PostFormValue("back")), http.StatusSeeOther)
}

// localPath keeps a return address on this site: a path, never another
// host ("//evil", "https://…").
func localPath(p string) string {
	u, err := url.Parse(p)
	if err != nil || u.IsAbs() || u.Host != "" || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(p, "//") || strings.Contains(p, "\\") {
		return "/"
	}
	return u.Path
}
