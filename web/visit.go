package web

import (
	"net/http"
	"strconv"

	"kynangso/app/ui"
	"kynangso/flow"
	"kynangso/lessons"
)

// menuRow is one module of the menu.
type menuRow struct {
	ID       string
	Number   int
	Title    string
	Status   string
	Href     string
	Quiz     bool // the link opens the quiz in progress
	Unstable bool // the status is "in progress": shown in bold
}

// menuView is the menu's data.
type menuView struct {
	Hello string
	Rows  []menuRow
	Empty bool
}

// visit rebuilds the person's visit on this phone; a person erased from
// the laptop meanwhile is checked out.
func (s *Server) visit(w http.ResponseWriter, r *http.Request, sess *session) (flow.Visit, bool) {
	v, err := s.flow.Resume(r.Context(), sess.pid)
	if err != nil {
		sess.checkOut()
		http.Redirect(w, r, "/tim", http.StatusSeeOther)
		return flow.Visit{}, false
	}
	return v, true
}

// menu lists the modules with the person's status in each, as the laptop
// does; choosing a module with a quiz in progress goes back into it.
func (s *Server) menu(w http.ResponseWriter, r *http.Request, sess *session) {
	cat := ui.NewCatalog(sess.lang)
	v, ok := s.visit(w, r, sess)
	if !ok {
		return
	}
	s.flow.Sit(r.Context(), v) // the person may come back from the laptop
	entries, err := s.flow.Menu(r.Context(), sess.pid)
	mv := menuView{Hello: cat.T("menu.helloguest"), Empty: len(s.cfg.Pack.Modules) == 0}
	if name := ui.CleanLine(v.Participant.FullName); name != "" {
		mv.Hello = cat.F("menu.hello", name)
	}
	note := ""
	if err != nil {
		note = cat.T("menu.loaderr")
	}
	for i, e := range entries {
		row := menuRow{ID: e.Module.ID, Number: i + 1, Title: ui.CleanLine(e.Module.Title.In(cat.Lang)), Status: statusText(cat, e.Status)}
		row.Href = "/bai/" + e.Module.ID + "/" + strconv.Itoa(e.Status.Resume+1)
		if e.OpensQuiz() {
			row.Quiz, row.Unstable = true, true
		}
		mv.Rows = append(mv.Rows, row)
	}
	s.render(w, r, sess, http.StatusOK, "menu", view{Title: cat.T("menu.title"), Person: personName(cat, v), Note: note, Page: mv})
}

// personName is who the header shows: the name, or "guest".
func personName(cat ui.Catalog, v flow.Visit) string {
	if n := ui.CleanLine(v.Participant.FullName); n != "" && !v.Participant.Anonymous {
		return n
	}
	return cat.T("app.guest")
}

// statusText words a module's status as the laptop's menu does.
func statusText(cat ui.Catalog, st flow.ModuleStatus) string {
	switch st.Kind {
	case flow.StatusReading:
		return cat.F("status.reading", st.Page, st.Pages)
	case flow.StatusRead:
		return cat.T("status.read")
	case flow.StatusInProgress:
		return cat.T("status.progress")
	case flow.StatusFailed:
		return cat.F("status.failed", st.Score, st.MaxScore)
	case flow.StatusPassed:
		return cat.F("status.passed", st.Score, st.MaxScore)
	}
	return cat.T("status.new")
}

// module is the module named in the address, or nil after a "no such
// page".
func (s *Server) module(w http.ResponseWriter, r *http.Request) *lessons.Module {
	m := s.cfg.Pack.Module(r.PathValue("mod"))
	if m == nil {
		s.refuse(w, r, http.StatusNotFound, "web.err.notfound")
	}
	return m
}

// lessonView is one lesson page's data.
type lessonView struct {
	Module      string
	ModuleID    string
	Heading     string
	Body        any
	Page, Pages int
	Prev, Next  string
	End         string
	Quiz        bool
	Empty       bool
}

// lesson shows page n of a module's lesson and records it as the page
// reached, as the laptop does when it shows a page.
func (s *Server) lesson(w http.ResponseWriter, r *http.Request, sess *session) {
	m := s.module(w, r)
	if m == nil {
		return
	}
	cat := ui.NewCatalog(sess.lang)
	pages := m.PagesIn(cat.Lang)
	n, err := strconv.Atoi(r.PathValue("page"))
	if err != nil || n < 1 || (len(pages) > 0 && n > len(pages)) {
		s.refuse(w, r, http.StatusNotFound, "web.err.notfound")
		return
	}
	lv := lessonView{Module: ui.CleanLine(m.Title.In(cat.Lang)), ModuleID: m.ID, Page: n, Pages: len(pages), Quiz: len(m.Questions) > 0}
	note := ""
	if len(pages) == 0 {
		lv.Empty = true
	} else {
		p := pages[n-1]
		lv.Heading, lv.Body = ui.CleanLine(p.Title), lessonHTML(p.Body)
		if n > 1 {
			lv.Prev = "/bai/" + m.ID + "/" + strconv.Itoa(n-1)
		}
		if n < len(pages) {
			lv.Next = "/bai/" + m.ID + "/" + strconv.Itoa(n+1)
		} else {
			lv.End = "/bai/" + m.ID + "/het"
		}
		if err := s.flow.SavePage(r.Context(), sess.pid, m.ID, n, len(pages)); err != nil {
			note = cat.T("lesson.saveerr")
		}
	}
	s.render(w, r, sess, http.StatusOK, "lesson", view{Title: lv.Module, Note: note, Page: lv})
}

// lessonEnd offers the quiz or the menu after the last page.
func (s *Server) lessonEnd(w http.ResponseWriter, r *http.Request, sess *session) {
	m := s.module(w, r)
	if m == nil {
		return
	}
	cat := ui.NewCatalog(sess.lang)
	lv := lessonView{Module: ui.CleanLine(m.Title.In(cat.Lang)), ModuleID: m.ID, Quiz: len(m.Questions) > 0}
	s.render(w, r, sess, http.StatusOK, "lessonend", view{Title: lv.Module, Page: lv})
}

// finish ends the person's turn on this phone: the dashboard shows them as
// gone home, and the phone is ready for the next person.
func (s *Server) finish(w http.ResponseWriter, r *http.Request, sess *session) {
	if v, err := s.flow.Resume(r.Context(), sess.pid); err == nil {
		_ = s.flow.EndVisit(r.Context(), v) // the mark is for the dashboard; the turn ends anyway
	}
	sess.checkOut()
	http.Redirect(w, r, "/cam-on", http.StatusSeeOther)
}

// thanks is the last page of a turn.
func (s *Server) thanks(w http.ResponseWriter, r *http.Request, sess *session) {
	cat := ui.NewCatalog(sess.lang)
	s.render(w, r, sess, http.StatusOK, "thanks", view{Title: cat.T("finish.title")})
}
