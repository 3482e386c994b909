package results

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"kynangso/quiz"
)

// foundationCatalog is the built-in shape: a foundation module (skill 0,
// "Làm quen với điện thoại") listed first, then one module per skill 1–5,
// each with one question whose right answer is "a".
func foundationCatalog() Catalog {
	c := Catalog{Lang: "vi"}
	for i, id := range []string{"dienthoai", "m1", "m2", "m3", "m4", "m5"} {
		q := quiz.Question{ID: "q1", Type: quiz.TypeSingle, Prompt: quiz.Text{"vi": "Câu " + id},
			Choices: []quiz.Choice{{ID: "a", Correct: true}, {ID: "b"}, {ID: "c"}}}
		c.Modules = append(c.Modules, ModuleInfo{ID: id, Skill: i, Title: quiz.Text{"vi": id}, Questions: []quiz.Question{q}})
	}
	return c
}

// TestFoundationModuleOutsideTheFiveSkills checks, on a real SQLite file,
// that the foundation module never counts as a sixth skill and that not
// passing it never blocks "passed all five" or sends someone back to it:
//
//	Ama Sâm  (H1): passes m1–m5, fails dienthoai → passed all five, not listed
//	H'Nga    (H2): passes dienthoai, m1–m4       → listed for m5 only
//	Y Kông   (H3): passes dienthoai only         → listed for m1–m5
//
// on the fast path (whole history) and the scoped one (dates, a class).
func TestFoundationModuleOutsideTheFiveSkills(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "foundation.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	f := &reportFixture{s: s, cat: foundationCatalog()}
	class, err := s.OpenSession(ctx, ClassSession{Title: "Lớp buôn Ko Tam", Date: "2026-03-14", Villages: []string{"Buôn Ko Tam"}})
	if err != nil {
		t.Fatal(err)
	}
	people := map[string][]string{ // name → modules passed
		"Ama Sâm": {"m1", "m2", "m3", "m4", "m5"},
		"H'Nga":   {"dienthoai", "m1", "m2", "m3", "m4"},
		"Y Kông":  {"dienthoai"},
	}
	for i, name := range []string{"Ama Sâm", "H'Nga", "Y Kông"} {
		p, err := s.CreateParticipant(ctx, Participant{FullName: name, Village: "Buôn Ko Tam",
			Household: []string{"H1", "H2", "H3"}[i], ConsentVersion: ConsentVersion})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CheckIn(ctx, class.ID, p.ID); err != nil {
			t.Fatal(err)
		}
		if name == "Ama Sâm" {
			f.attempt(t, class, p, "dienthoai", []string{"b"})
		}
		for _, m := range people[name] {
			f.attempt(t, class, p, m, []string{"a"})
		}
	}
	for _, flt := range []Filter{{}, {From: "2026-03-01", To: "2026-03-31"}, {SessionID: class.ID}} {
		checkFoundationCoverage(t, s, flt, f.cat)
		checkFoundationFollowUp(t, s, flt, f.cat)
	}
}

func checkFoundationCoverage(t *testing.T, s *Store, flt Filter, cat Catalog) {
	t.Helper()
	r, err := s.Coverage(context.Background(), flt, cat)
	if err != nil {
		t.Fatal(err)
	}
	o := r.Overall
	if r.Skills != 5 || o.Reached != 3 || o.PassedAll != 1 || o.Households != 3 || o.HouseholdsPassedAll != 1 {
		t.Errorf("%+v: skills %d, reached %d, passed all %d, households %d/%d; want 5, 3, 1 (Ama Sâm), 1/3",
			flt, r.Skills, o.Reached, o.PassedAll, o.HouseholdsPassedAll, o.Households)
	}
	// The foundation module still has its own column: who tried it and who
	// passed it are worth knowing.
	if len(o.Modules) != 6 || o.Modules[0].ModuleID != "dienthoai" || o.Modules[0].Reached != 3 || o.Modules[0].Passed != 2 {
		t.Errorf("%+v: module columns %+v; want dienthoai first, reached 3, passed 2", flt, o.Modules)
	}
}

func checkFoundationFollowUp(t *testing.T, s *Store, flt Filter, cat Catalog) {
	t.Helper()
	ctx := context.Background()
	r, err := s.FollowUp(ctx, flt, cat, false)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, v := range r.Villages {
		for _, h := range v.Households {
			for _, p := range h.People {
				for _, m := range p.NotPassed {
					got[p.Name] = append(got[p.Name], m.ID)
				}
			}
		}
	}
	want := map[string][]string{"H'Nga": {"m5"}, "Y Kông": {"m1", "m2", "m3", "m4", "m5"}}
	if !reflect.DeepEqual(got, want) || len(r.Modules) != 5 || r.Modules[0].ID != "m1" {
		t.Errorf("%+v: follow-up %v (modules %v); want %v over m1–m5", flt, got, r.Modules, want)
	}
	o, err := s.FollowUpOverview(ctx, flt, cat)
	if err != nil {
		t.Fatal(err)
	}
	if o.People != 2 || len(o.Villages) != 1 || !reflect.DeepEqual(o.Villages[0].Missing, []int{1, 1, 1, 1, 2}) ||
		len(o.Modules) != 5 || o.Modules[4].ID != "m5" {
		t.Errorf("%+v: overview %+v", flt, o)
	}
}
