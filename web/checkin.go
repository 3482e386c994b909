package web

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"kynangso/app/ui"
	"kynangso/flow"
	"kynangso/results"
)

// visitClass is the class the pages serve, as the flow takes it.
func (s *Server) visitClass() flow.Class {
	return flow.Class{Session: s.cfg.Class, Open: true}
}

// personRow is one name in the search list.
type personRow struct {
	ID, Line string
}

// searchView is the search page's data.
type searchView struct {
	Query    string
	TooShort bool
	People   []personRow
	Problem  string
}

// searchPage lists the names matching the phone's last search. The query
// lives in the session, not the address, so names typed on the trainer's
// phone leave nothing in its history.
func (s *Server) searchPage(w http.ResponseWriter, r *http.Request, sess *session) {
	s.showSearch(w, r, sess, http.StatusOK, "")
}

func (s *Server) showSearch(w http.ResponseWriter, r *http.Request, sess *session, status int, problem string) {
	cat := ui.NewCatalog(sess.lang)
	v := searchView{Query: sess.query, Problem: problem}
	sess.found = nil
	if q := strings.TrimSpace(sess.query); q != "" {
		people, err := s.flow.Search(r.Context(), q)
		if err != nil {
			v.Problem = cat.T("checkin.searcherr")
		}
		v.TooShort = flow.TooShort(q)
		for _, p := range people {
			sess.found = append(sess.found, p.ID)
			v.People = append(v.People, personRow{ID: p.ID, Line: personLine(cat, p)})
		}
	}
	s.render(w, r, sess, status, "search", view{Title: cat.T("checkin.title"), Path: "/tim", Page: v})
}

// personLine is "Nguyễn Thị Lan · sinh 1958 · Buôn Ako Dhông", cleaned.
func personLine(cat ui.Catalog, p results.Participant) string {
	parts := []string{ui.CleanLine(p.FullName)}
	if p.BirthYear > 0 {
		parts = append(parts, cat.F("checkin.born", p.BirthYear))
	}
	if v := ui.CleanLine(p.Village); v != "" {
		parts = append(parts, v)
	}
	return strings.Join(parts, " · ")
}

// search keeps the name typed and shows the list (post, then redirect, so
// the back button never asks to send the form again).
func (s *Server) search(w http.ResponseWriter, r *http.Request, sess *session) {
	sess.query = ui.CleanLine(r.PostFormValue("q"))
	if len([]rune(sess.query)) > 80 {
		sess.query = string([]rune(sess.query)[:80])
	}
	http.Redirect(w, r, "/tim", http.StatusSeeOther)
}

// choose checks in a person the phone's last search listed. Any other id
// is refused: a phone cannot check in as someone it was not shown.
func (s *Server) choose(w http.ResponseWriter, r *http.Request, sess *session) {
	id := r.PostFormValue("id")
	if id == "" || !slices.Contains(sess.found, id) {
		sess.query = ""
		s.showSearch(w, r, sess, http.StatusForbidden, ui.NewCatalog(sess.lang).T("web.search.stale"))
		return
	}
	v, err := s.flow.Resume(r.Context(), id)
	if err == nil {
		_, err = s.flow.CheckIn(r.Context(), s.visitClass(), v.Participant)
	}
	if err != nil {
		s.showSearch(w, r, sess, http.StatusInternalServerError, ui.NewCatalog(sess.lang).T("checkin.saveerr"))
		return
	}
	s.checkedIn(w, r, sess, id)
}

// checkedIn notes the person on the phone and opens their menu.
func (s *Server) checkedIn(w http.ResponseWriter, r *http.Request, sess *session, id string) {
	sess.checkOut()
	sess.pid = id
	http.Redirect(w, r, "/bai", http.StatusSeeOther)
}

// registerView is the registration form's data.
type registerView struct {
	Form     flow.Registration
	Problems map[string]string // by field name
	Genders  []option
	Villages []option
	Other    bool // the village is typed, not picked
}

// option is one radio button.
type option struct {
	Value, Label string
	On           bool
}

var fieldNames = map[flow.Field]string{
	flow.FieldName: "name", flow.FieldYear: "year", flow.FieldGender: "gender",
	flow.FieldVillage: "village", flow.FieldHousehold: "household", flow.FieldPhone: "phone",
}

// registerPage is the new-learner form, with what was typed and what to
// fix.
func (s *Server) registerPage(w http.ResponseWriter, r *http.Request, sess *session) {
	s.showRegister(w, r, sess, http.StatusOK)
}

func (s *Server) showRegister(w http.ResponseWriter, r *http.Request, sess *session, status int) {
	cat := ui.NewCatalog(sess.lang)
	v := registerView{Form: sess.form, Problems: map[string]string{}}
	for f, p := range sess.problems {
		v.Problems[fieldNames[f]] = cat.F(p.Key, p.Args...)
	}
	for i, g := range flow.Genders {
		label := []string{"register.g.unset", "register.g.male", "register.g.female", "register.g.other"}[i]
		v.Genders = append(v.Genders, option{Value: g, Label: cat.T(label), On: g == sess.form.Gender})
	}
	picked := false
	for _, vil := range s.cfg.Class.Villages {
		if vil = ui.CleanLine(vil); vil != "" {
			on := vil == sess.form.Village
			picked = picked || on
			v.Villages = append(v.Villages, option{Value: vil, Label: vil, On: on})
		}
	}
	v.Other = !picked && (sess.form.Village != "" || len(v.Villages) == 0)
	s.render(w, r, sess, status, "register", view{Title: cat.T("register.title"), Page: v})
}

// register checks the form with the laptop's rules and goes on to
// consent, or shows what to fix next to each field.
func (s *Server) register(w http.ResponseWriter, r *http.Request, sess *session) {
	f := r.PostForm
	village := f.Get("village")
	if village == "" || village == "other" {
		village = f.Get("village_other")
	}
	sess.form = flow.Registration{Name: f.Get("name"), Year: f.Get("year"), Gender: f.Get("gender"),
		Village: village, Household: f.Get("household"), Phone: f.Get("phone")}
	if !slices.Contains(flow.Genders, sess.form.Gender) {
		sess.form.Gender = results.GenderUnset
	}
	p, problems := sess.form.Validate(s.cfg.Now().In(s.zone()).Year())
	sess.problems = problems
	if len(problems) > 0 {
		s.showRegister(w, r, sess, http.StatusUnprocessableEntity)
		return
	}
	sess.draft = &p
	http.Redirect(w, r, "/dong-y", http.StatusSeeOther)
}

// consentView is the consent page's data.
type consentView struct {
	Paragraphs []paragraph
	Problem    string
}

// paragraph is a consent paragraph: its bold head ("Lưu gì:") and the rest.
type paragraph struct{ Head, Rest string }

// consentPage explains what is kept and asks, with the laptop's words.
func (s *Server) consentPage(w http.ResponseWriter, r *http.Request, sess *session) {
	s.showConsent(w, r, sess, http.StatusOK, "")
}

func (s *Server) showConsent(w http.ResponseWriter, r *http.Request, sess *session, status int, problem string) {
	if sess.draft == nil && sess.created.ID == "" {
		http.Redirect(w, r, "/dang-ky", http.StatusSeeOther)
		return
	}
	cat := ui.NewCatalog(sess.lang)
	v := consentView{Problem: problem}
	for _, para := range strings.Split(cat.T("consent.body"), "\n\n") {
		if head, rest, ok := strings.Cut(para, ":"); ok && len(head) < 40 {
			v.Paragraphs = append(v.Paragraphs, paragraph{Head: head + ":", Rest: rest})
		} else {
			v.Paragraphs = append(v.Paragraphs, paragraph{Rest: para})
		}
	}
	s.render(w, r, sess, status, "consent", view{Title: cat.T("consent.title"), Page: v})
}

// consent stores the person with or without their name (Law 91/2025) and
// checks them in. The draft is used once: a second tap on the button finds
// the person already registered and goes on to the menu, so nobody is
// stored twice.
func (s *Server) consent(w http.ResponseWriter, r *http.Request, sess *session) {
	choice := r.PostFormValue("choice")
	if sess.draft == nil && sess.created.ID == "" {
		if sess.pid != "" {
			http.Redirect(w, r, "/bai", http.StatusSeeOther)
			return
		}
		http.Redirect(w, r, "/dang-ky", http.StatusSeeOther)
		return
	}
	cat := ui.NewCatalog(sess.lang)
	if sess.created.ID != "" { // registered earlier, check-in failed: retry it
		if _, err := s.flow.CheckIn(r.Context(), s.visitClass(), sess.created); err != nil {
			s.showConsent(w, r, sess, http.StatusInternalServerError, cat.T("consent.err"))
			return
		}
		s.checkedIn(w, r, sess, sess.created.ID)
		return
	}
	if choice != "1" && choice != "2" {
		s.showConsent(w, r, sess, http.StatusUnprocessableEntity, cat.T("web.consent.choose"))
		return
	}
	saved, _, err := s.flow.Register(r.Context(), s.visitClass(), *sess.draft, choice == "1")
	if errors.Is(err, flow.ErrNotCheckedIn) {
		sess.draft, sess.created = nil, saved
	}
	if err != nil {
		s.showConsent(w, r, sess, http.StatusInternalServerError, cat.T("consent.err"))
		return
	}
	s.checkedIn(w, r, sess, saved.ID)
}
