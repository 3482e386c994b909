package flow_test

import (
	"slices"
	"testing"

	"kynangso/flow"
	"kynangso/lessons"
	"kynangso/quiz"
	"kynangso/results"
)

// planPack is a pack shaped like the built-in one: a foundation module
// (skill 0) first, then three skills.
func planPack() *lessons.Pack {
	q := quiz.Question{ID: "q1", Type: quiz.TypeSingle, Prompt: vi("Câu"),
		Choices: []quiz.Choice{{ID: "a", Text: vi("a"), Correct: true}, {ID: "b", Text: vi("b")}}}
	mod := func(id string, skill int) *lessons.Module {
		return &lessons.Module{ID: id, Skill: skill, Order: skill, Title: vi(id), PassPercent: 50,
			Pages:     map[string][]lessons.Page{"vi": {{Title: "Một", Body: "x"}, {Title: "Hai", Body: "y"}}},
			Questions: []quiz.Question{q}}
	}
	return &lessons.Pack{ID: "t", Languages: []string{"vi", "en"}, Modules: []*lessons.Module{
		mod("dienthoai", lessons.FoundationSkill), mod("dichvucong", 1), mod("muasam", 2), mod("antoan", 4)}}
}

func ids(p flow.MenuPlan) []string {
	var out []string
	for _, e := range p.Entries {
		out = append(out, e.Module.ID)
	}
	return out
}

func TestPlanMenu(t *testing.T) {
	pack := planPack()
	entries := func(kinds map[string]flow.StatusKind) []flow.MenuEntry {
		var out []flow.MenuEntry
		for _, m := range pack.Modules {
			out = append(out, flow.MenuEntry{Module: m, Status: flow.ModuleStatus{Kind: kinds[m.ID]}})
		}
		return out
	}
	tests := []struct {
		name    string
		kinds   map[string]flow.StatusKind
		planned []string
		order   []string
		today   int
		start   string
		why     flow.StartReason
	}{
		{"new person: the foundation module", nil, nil,
			[]string{"dienthoai", "dichvucong", "muasam", "antoan"}, 0, "dienthoai", flow.StartFoundation},
		{"new person in a class that planned two: planned first, cursor still on the foundation", nil, []string{"antoan", "muasam", "nosuch"},
			[]string{"muasam", "antoan", "dienthoai", "dichvucong"}, 2, "dienthoai", flow.StartFoundation},
		{"every module planned: none is today's", nil, []string{"antoan", "muasam", "dichvucong", "dienthoai"},
			[]string{"dienthoai", "dichvucong", "muasam", "antoan"}, 0, "dienthoai", flow.StartFoundation},
		{"a quiz in progress beats a lesson half read", map[string]flow.StatusKind{"dichvucong": flow.StatusReading, "antoan": flow.StatusInProgress}, nil,
			[]string{"dienthoai", "dichvucong", "muasam", "antoan"}, 0, "antoan", flow.StartResume},
		{"a lesson half read", map[string]flow.StatusKind{"muasam": flow.StatusReading, "dienthoai": flow.StatusPassed}, []string{"antoan"},
			[]string{"antoan", "dienthoai", "dichvucong", "muasam"}, 1, "muasam", flow.StartResume},
		{"some activity, nothing unfinished: the first row", map[string]flow.StatusKind{"dichvucong": flow.StatusFailed}, []string{"muasam"},
			[]string{"muasam", "dienthoai", "dichvucong", "antoan"}, 1, "muasam", flow.StartFirst},
	}
	for _, tt := range tests {
		p := flow.PlanMenu(entries(tt.kinds), tt.planned)
		if got := ids(p); !slices.Equal(got, tt.order) || p.Today != tt.today {
			t.Errorf("%s: order %v today %d, want %v today %d", tt.name, got, p.Today, tt.order, tt.today)
			continue
		}
		if got := p.Entries[p.Start].Module.ID; got != tt.start || p.Why != tt.why {
			t.Errorf("%s: start %s (%v), want %s (%v)", tt.name, got, p.Why, tt.start, tt.why)
		}
		for i := range p.Entries {
			if p.Planned(i) != (i < tt.today) {
				t.Errorf("%s: Planned(%d) = %v", tt.name, i, p.Planned(i))
			}
		}
	}
}

// On a real store: the open class's planned modules come first, a person
// with no activity starts on the foundation module, and the same person
// back after leaving a quiz half-way starts on that quiz.
func TestMenuForClass(t *testing.T) {
	e := newEnv(t)
	f := flow.New(e.store, planPack(), flow.WithSeed(func() uint64 { return 7 }))
	if _, err := e.store.OpenSession(e.ctx, results.ClassSession{Title: "Lớp Ea Tu", Date: "2026-03-14",
		Villages: []string{"Buôn Đôn"}, PlannedModules: []string{"muasam"}}); err != nil {
		t.Fatal(err)
	}
	c, err := f.OpenClass(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	draft, _ := flow.Registration{Name: "H'Nia Êban", Year: "1958", Village: "Buôn Đôn"}.Validate(2026)
	_, v, err := f.Register(e.ctx, c, draft, true)
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.MenuFor(e.ctx, v.Participant.ID, c)
	if err != nil || ids(p)[0] != "muasam" || p.Today != 1 || p.Entries[p.Start].Module.ID != "dienthoai" || p.Why != flow.StartFoundation {
		t.Fatalf("new person: %v today %d start %d (%v) %v", ids(p), p.Today, p.Start, p.Why, err)
	}
	a, err := f.OpenQuiz(e.ctx, v, "antoan")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Answer(e.ctx, v.Participant.ID, a.ID, "q1", []string{"b"}, f.Now()); err != nil {
		t.Fatal(err)
	}
	p, err = f.MenuFor(e.ctx, v.Participant.ID, c)
	if err != nil || p.Entries[p.Start].Module.ID != "antoan" || p.Why != flow.StartResume || !p.Entries[p.Start].OpensQuiz() {
		t.Fatalf("back with a quiz half done: start %d (%v) %v", p.Start, p.Why, err)
	}
	// Without an open class nothing is "today's".
	if p, _ := f.MenuFor(e.ctx, v.Participant.ID, flow.Class{}); p.Today != 0 || ids(p)[0] != "dienthoai" {
		t.Errorf("no class: %v today %d", ids(p), p.Today)
	}
}
