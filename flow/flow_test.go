package flow_test

import (
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"kynangso/flow"
	"kynangso/internal/testclock"
	"kynangso/lessons"
	"kynangso/quiz"
	"kynangso/results"
)

// env is a flow on a real SQLite file, its clock shared with the store.
type env struct {
	t     *testing.T
	ctx   context.Context
	store *results.Store
	f     *flow.Flow
}

func newEnv(t *testing.T) *env {
	t.Helper()
	clk := testclock.New(testclock.Start)
	s, err := results.Open(context.Background(), filepath.Join(t.TempDir(), "flow.db"),
		results.WithClock(clk.Now), results.WithZone(testclock.Zone))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	f := flow.New(s, testPack(), flow.WithClock(clk.Now), flow.WithSeed(func() uint64 { return 7 }))
	return &env{t: t, ctx: context.Background(), store: s, f: f}
}

func vi(s string) quiz.Text { return quiz.Text{"vi": s, "en": "EN " + s} }

func testPack() *lessons.Pack {
	ch := func(id string, ok bool) quiz.Choice {
		return quiz.Choice{ID: id, Text: vi("lựa chọn " + id), Correct: ok}
	}
	q := func(id string) quiz.Question {
		return quiz.Question{ID: id, Type: quiz.TypeSingle, Prompt: vi("Câu " + id), Choices: []quiz.Choice{ch("a", true), ch("b", false)}}
	}
	m := &lessons.Module{ID: "antoan", Title: vi("An toàn"), PassPercent: 50,
		Pages:     map[string][]lessons.Page{"vi": {{Title: "Một", Body: "x"}, {Title: "Hai", Body: "y"}, {Title: "Ba", Body: "z"}}},
		Questions: []quiz.Question{q("q1"), q("q2"), q("q3")}}
	empty := &lessons.Module{ID: "doc", Title: vi("Chỉ đọc"), Pages: map[string][]lessons.Page{"vi": {{Title: "Một", Body: "x"}}}}
	return &lessons.Pack{ID: "t", Languages: []string{"vi", "en"}, Modules: []*lessons.Module{m, empty}}
}

// class opens a class and returns it as the flow sees it.
func (e *env) class() flow.Class {
	e.t.Helper()
	if _, err := e.store.OpenSession(e.ctx, results.ClassSession{Title: "Lớp Ea Tu", Date: "2026-03-14", Villages: []string{"Buôn Đôn"}}); err != nil {
		e.t.Fatal(err)
	}
	c, err := e.f.OpenClass(e.ctx)
	if err != nil || !c.Open {
		e.t.Fatalf("open class: %+v %v", c, err)
	}
	return c
}

// register checks in a new person who agreed to be kept by name.
func (e *env) register(c flow.Class, name string) flow.Visit {
	e.t.Helper()
	draft, problems := flow.Registration{Name: name, Year: "1960", Village: "Buôn Đôn"}.Validate(2026)
	if len(problems) > 0 {
		e.t.Fatalf("registration problems: %v", problems)
	}
	_, v, err := e.f.Register(e.ctx, c, draft, true)
	if err != nil {
		e.t.Fatal(err)
	}
	return v
}

func TestRegisterAndCheckIn(t *testing.T) {
	e := newEnv(t)
	c := e.class()
	v := e.register(c, "Y Bih Niê")
	if !v.Active() || v.Participant.ConsentVersion != results.ConsentVersion || v.Class.ID != c.Session.ID {
		t.Fatalf("visit = %+v", v)
	}
	_, anon, err := e.f.Register(e.ctx, c, results.Participant{FullName: "Không Muốn"}, false)
	if err != nil || !anon.Participant.Anonymous || anon.Participant.FullName != "" {
		t.Fatalf("declined consent kept a name: %+v %v", anon.Participant, err)
	}
	rows, err := e.store.Dashboard(e.ctx, c.Session.ID)
	if err != nil || len(rows) != 2 {
		t.Fatalf("attendance: %d rows (%v), want 2", len(rows), err)
	}
	if got, _ := e.f.Search(e.ctx, "y"); got != nil {
		t.Errorf("a one-letter search listed %d people", len(got))
	}
	got, err := e.f.Search(e.ctx, "bih nie")
	if err != nil || len(got) != 1 || got[0].ID != v.Participant.ID {
		t.Fatalf("search without diacritics: %+v %v", got, err)
	}
	again, err := e.f.CheckIn(e.ctx, c, got[0])
	if err != nil || again.Participant.ID != v.Participant.ID {
		t.Fatalf("check in again: %+v %v", again, err)
	}
	r, err := e.f.Resume(e.ctx, v.Participant.ID)
	if err != nil || r.Participant.FullName != "Y Bih Niê" || !r.HasClass {
		t.Fatalf("resume by id: %+v %v", r, err)
	}
}

func TestValidateRegistration(t *testing.T) {
	_, p := flow.Registration{Name: "A", Year: "19x", Village: " ", Phone: "12"}.Validate(2026)
	want := map[flow.Field]string{flow.FieldName: "err.name.letters", flow.FieldYear: "err.year.digits",
		flow.FieldVillage: "err.village.empty", flow.FieldPhone: "err.phone"}
	for f, k := range want {
		if p[f].Key != k {
			t.Errorf("field %d: %q, want %q", f, p[f].Key, k)
		}
	}
	_, p = flow.Registration{Name: "Lan", Year: "2025", Village: "Thôn 3"}.Validate(2026)
	if pr := p[flow.FieldYear]; pr.Key != "err.year.range" || pr.Args[0] != 1916 || pr.Args[1] != 2021 {
		t.Errorf("too young: %+v", pr)
	}
	got, p := flow.Registration{Name: "Nguyê\u0303n  Thị\tLan", Year: "1958", Village: "Thôn 3", Phone: "+84 912 345 678"}.Validate(2026)
	if len(p) != 0 || got.FullName != "Nguyễn Thị Lan" || got.Phone != "0912345678" || got.BirthYear != 1958 {
		t.Errorf("clean registration: %+v %v", got, p)
	}
}

func TestMenuStatus(t *testing.T) {
	e := newEnv(t)
	v := e.register(e.class(), "Nguyễn Thị Lan")
	id := v.Participant.ID
	if err := e.f.SavePage(e.ctx, id, "antoan", 2, 3); err != nil {
		t.Fatal(err)
	}
	menu, err := e.f.Menu(e.ctx, id)
	if err != nil || len(menu) != 2 {
		t.Fatalf("menu: %+v %v", menu, err)
	}
	if st := menu[0].Status; st.Kind != flow.StatusReading || st.Page != 2 || st.Resume != 2 || menu[0].OpensQuiz() {
		t.Errorf("reading: %+v", st)
	}
	if menu[1].HasQuiz() || menu[1].Status.Kind != flow.StatusNew {
		t.Errorf("reading-only module: %+v", menu[1])
	}
	a, err := e.f.OpenQuiz(e.ctx, v, "antoan")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.f.Answer(e.ctx, id, a.ID, a.Questions[0].ID, []string{"a"}, e.f.Now()); err != nil {
		t.Fatal(err)
	}
	menu, _ = e.f.Menu(e.ctx, id)
	if !menu[0].OpensQuiz() {
		t.Errorf("a quiz in progress must open first: %+v", menu[0].Status)
	}
	for _, q := range a.Questions[1:] {
		if _, err := e.f.Answer(e.ctx, id, a.ID, q.ID, []string{"a"}, e.f.Now()); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.f.Finish(e.ctx, id, a.ID); err != nil {
		t.Fatal(err)
	}
	menu, _ = e.f.Menu(e.ctx, id)
	if st := menu[0].Status; st.Kind != flow.StatusPassed || st.Score != 3 || st.MaxScore != 3 {
		t.Errorf("passed: %+v", st)
	}
}

// A quiz left half-way resumes with the same questions in the same order
// and the answers already given, whoever asks (a phone that lost its page
// knows only the person's id).
func TestQuizResumes(t *testing.T) {
	e := newEnv(t)
	v := e.register(e.class(), "Lan")
	a, err := e.f.OpenQuiz(e.ctx, v, "antoan")
	if err != nil || a.Resumed || len(a.Questions) != 3 || a.SessionID != v.Class.ID {
		t.Fatalf("new attempt: %+v %v", a, err)
	}
	first := a.Questions[0].ID
	if _, err := e.f.Answer(e.ctx, v.Participant.ID, a.ID, first, []string{"b"}, e.f.Now()); err != nil {
		t.Fatal(err)
	}
	r, err := e.f.Resume(e.ctx, v.Participant.ID)
	if err != nil {
		t.Fatal(err)
	}
	b, err := e.f.OpenQuiz(e.ctx, r, "antoan")
	if err != nil || !b.Resumed || b.ID != a.ID || quiz.IDs(b.Questions)[0] != first {
		t.Fatalf("resumed: %+v %v", b, err)
	}
	if n, ok := b.Next(-1); !ok || n != 1 || b.Answered() != 1 {
		t.Errorf("next unanswered %d %v, answered %d", n, ok, b.Answered())
	}
	if _, err := e.f.OpenQuiz(e.ctx, r, "doc"); !errors.Is(err, flow.ErrNoQuestions) {
		t.Errorf("a module without questions: %v", err)
	}
}

// An answer posted twice (a double tap, a retry after the Wi-Fi dropped)
// is stored once, and the second post is told what the first stored.
func TestAnswerIsIdempotent(t *testing.T) {
	e := newEnv(t)
	v := e.register(e.class(), "Lan")
	a, _ := e.f.OpenQuiz(e.ctx, v, "antoan")
	q := a.Questions[0]
	first, err := e.f.Answer(e.ctx, v.Participant.ID, a.ID, q.ID, []string{"a"}, e.f.Now())
	if err != nil || !first.Correct {
		t.Fatalf("first answer: %+v %v", first, err)
	}
	again, err := e.f.Answer(e.ctx, v.Participant.ID, a.ID, q.ID, []string{"b"}, e.f.Now())
	if err != nil || again.ID != first.ID || again.Chosen[0] != "a" {
		t.Fatalf("repeated answer: %+v %v; want the first one back", again, err)
	}
	answers, _ := e.store.Answers(e.ctx, a.ID)
	if len(answers) != 1 {
		t.Fatalf("%d answers stored, want 1", len(answers))
	}
	if _, err := e.f.Answer(e.ctx, v.Participant.ID, a.ID, "nope", []string{"a"}, e.f.Now()); !errors.Is(err, results.ErrInvalid) {
		t.Errorf("a question the attempt did not draw: %v", err)
	}
}

// Nobody answers, finishes or leaves another person's attempt by giving
// its id.
func TestAttemptBelongsToItsPerson(t *testing.T) {
	e := newEnv(t)
	c := e.class()
	lan, hoa := e.register(c, "Lan"), e.register(c, "Hoa")
	a, _ := e.f.OpenQuiz(e.ctx, lan, "antoan")
	if _, err := e.f.Answer(e.ctx, hoa.Participant.ID, a.ID, a.Questions[0].ID, []string{"a"}, e.f.Now()); !errors.Is(err, flow.ErrNotYours) {
		t.Errorf("answer: %v", err)
	}
	if _, err := e.f.Finish(e.ctx, hoa.Participant.ID, a.ID); !errors.Is(err, flow.ErrNotYours) {
		t.Errorf("finish: %v", err)
	}
	if err := e.f.Leave(e.ctx, hoa.Participant.ID, a.ID); !errors.Is(err, flow.ErrNotYours) {
		t.Errorf("leave: %v", err)
	}
	if got, _ := e.store.Attempt(e.ctx, a.ID); got.State != results.StateInProgress {
		t.Errorf("the attempt changed: %+v", got)
	}
}

func TestFinishScoresFromStoredAnswers(t *testing.T) {
	e := newEnv(t)
	v := e.register(e.class(), "Lan")
	id := v.Participant.ID
	a, _ := e.f.OpenQuiz(e.ctx, v, "antoan")
	if _, err := e.f.Answer(e.ctx, id, a.ID, a.Questions[0].ID, []string{"a"}, e.f.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := e.f.Finish(e.ctx, id, a.ID); !errors.Is(err, flow.ErrUnanswered) {
		t.Fatalf("finish with unanswered questions: %v", err)
	}
	for _, q := range a.Questions[1:] {
		if _, err := e.f.Answer(e.ctx, id, a.ID, q.ID, []string{"b"}, e.f.Now()); err != nil {
			t.Fatal(err)
		}
	}
	res, err := e.f.Finish(e.ctx, id, a.ID)
	if err != nil || res.Score != 1 || res.Max != 3 || res.Passed {
		t.Fatalf("result %+v %v; want 1/3, not passed (pass mark 50%%)", res, err)
	}
	again, err := e.f.Finish(e.ctx, id, a.ID)
	if err != nil || again.Score != res.Score {
		t.Fatalf("finishing again: %+v %v", again, err)
	}
	got, _ := e.store.Attempt(e.ctx, a.ID)
	if got.State != results.StateFinished || got.Score != 1 || got.MaxScore != 3 {
		t.Errorf("stored attempt: %+v", got)
	}
}

// Leaving a quiz before any answer abandons it; after an answer it stays
// open to resume.
func TestLeaveQuiz(t *testing.T) {
	e := newEnv(t)
	v := e.register(e.class(), "Lan")
	id := v.Participant.ID
	a, _ := e.f.OpenQuiz(e.ctx, v, "antoan")
	if err := e.f.Leave(e.ctx, id, a.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := e.store.Attempt(e.ctx, a.ID); got.State != results.StateAbandoned {
		t.Errorf("untouched attempt left as %q", got.State)
	}
	b, _ := e.f.OpenQuiz(e.ctx, v, "antoan")
	if b.ID == a.ID || b.Resumed {
		t.Fatalf("after leaving untouched, a new attempt starts: %+v", b)
	}
	if _, err := e.f.Answer(e.ctx, id, b.ID, b.Questions[0].ID, []string{"a"}, e.f.Now()); err != nil {
		t.Fatal(err)
	}
	if err := e.f.Leave(e.ctx, id, b.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := e.store.Attempt(e.ctx, b.ID); got.State != results.StateInProgress {
		t.Errorf("an attempt with answers left as %q", got.State)
	}
}

// The flow is below every front: nothing it is built from may import a
// terminal library, and the only route to net/http is the spreadsheet
// library that quiz (import) and results (export) use, which a test cannot
// remove from here; no package of ours on that route imports net/http, so
// the phone pages' server stays in its own package.
func TestFlowImportsNoFront(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "kynangso/flow").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 10 {
		t.Fatalf("go list gave %d packages: %q", len(lines), out)
	}
	// No Charm front of any version: v2 is charm.land/, v1 lives under
	// github.com/charmbracelet/; only Charm's x/ helpers are allowed (the
	// ANSI parser internal/safetext strips escapes with).
	isFront := func(pkg string) bool {
		return strings.HasPrefix(pkg, "charm.land/") ||
			strings.HasPrefix(pkg, "github.com/charmbracelet/") && !strings.HasPrefix(pkg, "github.com/charmbracelet/x/")
	}
	for _, l := range lines {
		pkg, imports, _ := strings.Cut(l, " ")
		if isFront(pkg) {
			t.Errorf("flow depends on %s", pkg)
		}
		for _, imp := range strings.Fields(imports) {
			if imp == "net/http" && pkg != "github.com/xuri/excelize/v2" {
				t.Errorf("%s imports net/http (flow depends on it)", pkg)
			}
		}
	}
}
