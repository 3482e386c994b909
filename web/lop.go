package web

import (
	"net/http"

	"kynangso/app/ui"
	"kynangso/results"
)

// lopView is the projector page's data: counts only, never a name.
type lopView struct {
	Class   string
	In      int
	Phones  int
	Modules []lopModule
	Hard    string
	HardOf  string
	Code    string
}

// lopModule is one module's count of people who passed it in this class.
type lopModule struct {
	Title  string
	Passed int
}

// minAnswersForHard is how many answers a question needs before the
// projector names it the hardest: one wrong answer out of one says nothing.
const minAnswersForHard = 3

// projector is the read-only page a trainer shows on a TV: how many have
// checked in, how many passed each module, and the question most people
// got wrong. It shows no one's name, and asks for the class code first.
func (s *Server) projector(w http.ResponseWriter, r *http.Request) {
	sess := s.sessions.get(r)
	if sess == nil || !sess.joined && !sess.projector {
		if sess == nil {
			sess = s.sessions.create(w, s.cfg.Lang)
		}
		cat := ui.NewCatalog(sess.lang)
		s.render(w, r, sess, http.StatusOK, "lopjoin", view{Title: cat.T("web.lop.title"), Path: "/lop"})
		return
	}
	cat := ui.NewCatalog(sess.lang)
	rows, err := s.cfg.Store.Dashboard(r.Context(), s.cfg.Class.ID)
	if err != nil {
		s.refuse(w, r, http.StatusInternalServerError, "web.lop.err")
		return
	}
	v := lopView{Class: ui.CleanLine(s.cfg.Class.Title), In: len(rows), Phones: s.Phones(), Code: s.cfg.Code}
	passed := map[string]int{}
	for _, row := range rows {
		for _, b := range row.Best {
			if b.Passed {
				passed[b.ModuleID]++
			}
		}
	}
	for _, m := range s.cfg.Pack.Modules {
		v.Modules = append(v.Modules, lopModule{Title: ui.CleanLine(m.Title.In(cat.Lang)), Passed: passed[m.ID]})
	}
	v.Hard, v.HardOf = s.hardest(r, cat)
	w.Header().Set("Refresh", "15")
	s.render(w, r, sess, http.StatusOK, "lop", view{Title: cat.T("web.lop.title"), Path: "/lop", Page: v})
}

// hardest is the question of this class most often answered wrongly.
func (s *Server) hardest(r *http.Request, cat ui.Catalog) (string, string) {
	rep, err := s.cfg.Store.ItemAnalysis(r.Context(), results.Filter{SessionID: s.cfg.Class.ID}, results.NewCatalog(s.cfg.Pack, cat.Lang))
	if err != nil {
		return "", ""
	}
	var best *results.ItemStat
	for i := range rep.Items {
		it := &rep.Items[i]
		wrong := it.Answered - it.Correct
		if it.Answered < minAnswersForHard || wrong == 0 {
			continue
		}
		if best == nil || wrong*best.Answered > (best.Answered-best.Correct)*it.Answered {
			best = it
		}
	}
	if best == nil {
		return "", ""
	}
	return ui.CleanLine(best.Question.Prompt), cat.F("web.lop.hardpct", best.Answered-best.Correct, best.Answered)
}

// projectorJoin takes the class code for the projector page; it counts
// against the same limit as the phones' codes.
func (s *Server) projectorJoin(w http.ResponseWriter, r *http.Request) {
	sess := s.sessions.get(r)
	if sess == nil || r.ParseForm() != nil || !sess.validCSRF(r) {
		s.refuse(w, r, http.StatusForbidden, "web.err.csrf")
		return
	}
	ip := peerIP(r)
	cat := ui.NewCatalog(sess.lang)
	if wait := s.limiter.wait(ip); wait > 0 {
		s.render(w, r, sess, http.StatusTooManyRequests, "lopjoin", view{Title: cat.T("web.lop.title"), Note: cat.F("web.join.wait", waitText(cat, wait))})
		return
	}
	if digits(r.PostFormValue("code")) != s.cfg.Code {
		s.limiter.wrong(ip)
		s.render(w, r, sess, http.StatusForbidden, "lopjoin", view{Title: cat.T("web.lop.title"), Note: cat.T("web.join.wrong")})
		return
	}
	s.limiter.right(ip)
	sess.mu.Lock()
	sess.projector = true
	sess.mu.Unlock()
	http.Redirect(w, r, "/lop", http.StatusSeeOther)
}
