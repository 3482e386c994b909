package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"kynangso/app/ui"
	"kynangso/flow"
	"kynangso/quiz"
	"kynangso/results"
)

// startQuiz opens the module's quiz: the unfinished attempt again, at its
// first unanswered question, or a new one.
func (s *Server) startQuiz(w http.ResponseWriter, r *http.Request, sess *session) {
	m := s.module(w, r)
	if m == nil {
		return
	}
	v, ok := s.visit(w, r, sess)
	if !ok {
		return
	}
	a, err := s.flow.OpenQuiz(r.Context(), v, m.ID)
	switch {
	case errors.Is(err, flow.ErrNoQuestions):
		s.refuse(w, r, http.StatusNotFound, "quiz.noquestion")
		return
	case err != nil:
		s.refuse(w, r, http.StatusInternalServerError, "quiz.loaderr")
		return
	}
	to := "/kt/" + a.ID
	if a.Resumed {
		to += "?tiep=1"
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// attempt reads the attempt in the address for the person on the phone;
// another person's attempt, or none, is refused with a page.
func (s *Server) attempt(w http.ResponseWriter, r *http.Request, sess *session) *flow.Attempt {
	a, err := s.flow.LoadAttempt(r.Context(), sess.pid, r.PathValue("att"))
	switch {
	case errors.Is(err, flow.ErrNotYours):
		s.refuse(w, r, http.StatusForbidden, "web.err.notyours")
	case errors.Is(err, results.ErrNotFound), errors.Is(err, flow.ErrNoQuestions):
		s.refuse(w, r, http.StatusNotFound, "web.err.notfound")
	case err != nil:
		s.refuse(w, r, http.StatusInternalServerError, "quiz.loaderr")
	default:
		return a
	}
	return nil
}

// choiceRow is one answer button.
type choiceRow struct {
	Number  int
	Text    string
	Checked bool
	Right   bool
}

// questionView is a question page's data.
type questionView struct {
	Attempt string
	Number  int
	Count   int
	Module  string
	Message string
	Prompt  string
	Multi   bool
	ID      string
	Choices []choiceRow
	Problem string
	Resumed bool
}

// question shows the first unanswered question of the attempt; with none
// left it goes to the result.
func (s *Server) question(w http.ResponseWriter, r *http.Request, sess *session) {
	a := s.attempt(w, r, sess)
	if a == nil {
		return
	}
	i, ok := a.Next(-1)
	if !ok || a.State != results.StateInProgress {
		http.Redirect(w, r, "/kt/"+a.ID+"/ket-qua", http.StatusSeeOther)
		return
	}
	s.showQuestion(w, r, sess, a, i, http.StatusOK, "", nil)
}

func (s *Server) showQuestion(w http.ResponseWriter, r *http.Request, sess *session, a *flow.Attempt, i, status int, problem string, picked []int) {
	cat := ui.NewCatalog(sess.lang)
	q := a.Questions[i]
	key := a.ID + "/" + q.ID
	if _, seen := sess.shown[key]; !seen {
		sess.shown[key] = s.cfg.Now()
	}
	qv := questionView{
		Attempt: a.ID, Number: i + 1, Count: len(a.Questions), ID: q.ID, Problem: problem,
		Module:  s.moduleTitle(cat, a.ModuleID),
		Message: strings.TrimRight(ui.Clean(q.Message.In(cat.Lang)), "\n"),
		Prompt:  ui.Clean(q.Prompt.In(cat.Lang)), Multi: q.Type == quiz.TypeMultiple,
		Resumed: r.URL.Query().Get("tiep") == "1" && a.Answered() > 0,
	}
	for n, c := range q.Choices {
		qv.Choices = append(qv.Choices, choiceRow{Number: n + 1, Text: ui.Clean(c.Text.In(cat.Lang)), Checked: slices.Contains(picked, n+1)})
	}
	s.render(w, r, sess, status, "question", view{Title: cat.F("quiz.q", i+1, len(a.Questions)), Path: "/kt/" + a.ID, Page: qv})
}

// moduleTitle is the module's title in lang, cleaned.
func (s *Server) moduleTitle(cat ui.Catalog, id string) string {
	if m := s.cfg.Pack.Module(id); m != nil {
		return ui.CleanLine(m.Title.In(cat.Lang))
	}
	return ""
}

// answer commits the answer, then (only then) shows it as saved. The
// post may come twice (a double tap, a refresh, a resend after the Wi-Fi
// dropped): the flow keeps the first answer and returns it, so nothing is
// stored twice, and the page shows what is stored, saying so when this
// post chose otherwise.
func (s *Server) answer(w http.ResponseWriter, r *http.Request, sess *session) {
	att, qid := r.PathValue("att"), r.PostFormValue("q")
	var numbers []int
	for _, c := range r.PostForm["c"] {
		n, err := strconv.Atoi(c)
		if err != nil {
			n = -1
		}
		numbers = append(numbers, n)
	}
	shown, ok := sess.shown[att+"/"+qid]
	if !ok {
		shown = s.cfg.Now()
	}
	feedback := "/kt/" + att + "/cau/" + url.PathEscape(qid)
	saved, fresh, err := s.flow.AnswerNumbers(r.Context(), sess.pid, att, qid, numbers, shown)
	if err == nil {
		if !fresh && !s.sameAsStored(r, sess, att, qid, saved.Chosen, numbers) {
			feedback += "?da=1"
		}
		http.Redirect(w, r, feedback, http.StatusSeeOther)
		return
	}
	// Not saved: show the question again with what to do.
	a := s.attempt(w, r, sess)
	if a == nil {
		return
	}
	i := slices.IndexFunc(a.Questions, func(d quiz.Drawn) bool { return d.ID == qid })
	if i < 0 {
		s.refuse(w, r, http.StatusNotFound, "web.err.notfound")
		return
	}
	if _, done := a.Answers[qid]; done { // answered meanwhile, with this post's mistake
		http.Redirect(w, r, feedback+"?da=1", http.StatusSeeOther)
		return
	}
	cat := ui.NewCatalog(sess.lang)
	switch {
	case len(numbers) == 0:
		s.showQuestion(w, r, sess, a, i, http.StatusUnprocessableEntity, cat.T("quiz.pickfirst"), nil)
	case errors.Is(err, flow.ErrBadChoice):
		s.showQuestion(w, r, sess, a, i, http.StatusUnprocessableEntity, cat.T("web.quiz.badchoice"), nil)
	default:
		s.showQuestion(w, r, sess, a, i, http.StatusInternalServerError, cat.T("quiz.saveerr"), numbers)
	}
}

// sameAsStored reports whether a repeated post chose what is stored.
func (s *Server) sameAsStored(r *http.Request, sess *session, att, qid string, stored []string, numbers []int) bool {
	a, err := s.flow.LoadAttempt(r.Context(), sess.pid, att)
	if err != nil {
		return true // nothing better to say than "saved"
	}
	i := slices.IndexFunc(a.Questions, func(d quiz.Drawn) bool { return d.ID == qid })
	return i >= 0 && flow.SameChoices(a.Questions[i], stored, numbers)
}

// feedbackView is the page after an answer.
type feedbackView struct {
	questionView
	Right       bool
	Yours       string
	RightAnswer string
	Explanation string
	Already     bool
	Next        string
	Last        bool
}

// feedback shows a stored answer: right or not, the right answer and the
// explanation, "saved", and the way on. A refresh shows the same page.
func (s *Server) feedback(w http.ResponseWriter, r *http.Request, sess *session) {
	a := s.attempt(w, r, sess)
	if a == nil {
		return
	}
	qid := r.PathValue("q")
	i := slices.IndexFunc(a.Questions, func(d quiz.Drawn) bool { return d.ID == qid })
	chosen, done := a.Answers[qid]
	if i < 0 || !done {
		http.Redirect(w, r, "/kt/"+a.ID, http.StatusSeeOther)
		return
	}
	cat := ui.NewCatalog(sess.lang)
	q := a.Questions[i]
	fv := feedbackView{Right: quiz.IsCorrect(q.Question, chosen), Already: r.URL.Query().Get("da") == "1",
		Explanation: ui.Clean(q.Explanation.In(cat.Lang))}
	fv.questionView = questionView{Attempt: a.ID, Number: i + 1, Count: len(a.Questions), Prompt: ui.Clean(q.Prompt.In(cat.Lang)),
		Message: strings.TrimRight(ui.Clean(q.Message.In(cat.Lang)), "\n"), Module: s.moduleTitle(cat, a.ModuleID)}
	var yours, right []string
	for n, c := range q.Choices {
		label := strconv.Itoa(n+1) + ". " + ui.Clean(c.Text.In(cat.Lang))
		picked := slices.Contains(chosen, c.ID)
		if picked {
			yours = append(yours, label)
		}
		if c.Correct {
			right = append(right, label)
		}
		fv.Choices = append(fv.Choices, choiceRow{Number: n + 1, Text: ui.Clean(c.Text.In(cat.Lang)), Checked: picked, Right: c.Correct})
	}
	fv.Yours = strings.Join(yours, "; ")
	fv.RightAnswer = strings.Join(right, "; ")
	if _, more := a.Next(-1); more {
		fv.Next = "/kt/" + a.ID
	} else {
		fv.Next, fv.Last = "/kt/"+a.ID+"/ket-qua", true
	}
	s.render(w, r, sess, http.StatusOK, "feedback", view{Title: cat.F("quiz.q", i+1, len(a.Questions)), Path: r.URL.Path, Page: fv})
}

// resultView is the result page's data.
type resultView struct {
	Module        string
	ModuleID      string
	Score, Max    int
	Percent, Pass int
	Passed        bool
	Missed        []missedRow
	FirstPage     string
}

// missedRow is a question answered wrongly, with its right answer.
type missedRow struct {
	Number int
	Prompt string
	Right  string
}

// result scores the attempt from its stored answers (once; later calls
// only show it) and shows the result with the ways on.
func (s *Server) result(w http.ResponseWriter, r *http.Request, sess *session) {
	a := s.attempt(w, r, sess)
	if a == nil {
		return
	}
	res, err := s.flow.Finish(r.Context(), sess.pid, a.ID)
	switch {
	case errors.Is(err, flow.ErrUnanswered):
		http.Redirect(w, r, "/kt/"+a.ID, http.StatusSeeOther)
		return
	case err != nil:
		s.refuse(w, r, http.StatusInternalServerError, "quiz.finisherr")
		return
	}
	cat := ui.NewCatalog(sess.lang)
	rv := resultView{Module: s.moduleTitle(cat, a.ModuleID), ModuleID: a.ModuleID, Score: res.Score, Max: res.Max,
		Percent: res.Percent, Pass: res.PassPercent, Passed: res.Passed, FirstPage: "/bai/" + a.ModuleID + "/1"}
	for _, it := range res.Missed() {
		var right []string
		for _, c := range it.Question.Choices {
			if c.Correct {
				right = append(right, strings.TrimSuffix(ui.Clean(c.Text.In(cat.Lang)), "."))
			}
		}
		rv.Missed = append(rv.Missed, missedRow{Number: it.Number, Prompt: ui.Clean(it.Question.Prompt.In(cat.Lang)), Right: strings.Join(right, "; ")})
	}
	s.render(w, r, sess, http.StatusOK, "result", view{Title: cat.F("result.title", rv.Module), Page: rv})
}

// leaveQuiz pauses the quiz: with answers it waits to be resumed, without
// any it is dropped (the flow's rule), and the menu shows.
func (s *Server) leaveQuiz(w http.ResponseWriter, r *http.Request, sess *session) {
	err := s.flow.Leave(r.Context(), sess.pid, r.PathValue("att"))
	if errors.Is(err, flow.ErrNotYours) {
		s.refuse(w, r, http.StatusForbidden, "web.err.notyours")
		return
	}
	http.Redirect(w, r, "/bai", http.StatusSeeOther)
}
