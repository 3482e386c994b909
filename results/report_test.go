package results

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"testing"
)

func TestClassSummaryHandBuilt(t *testing.T) {
	f := newReportFixture(t)
	ctx := context.Background()
	r, err := f.s.ClassSummary(ctx, Filter{}, f.cat)
	if err != nil {
		t.Fatal(err)
	}
	a := r.Attendance
	if a.Classes != 2 || a.CheckIns != 8 || a.Total != 6 || a.Anonymous != 2 {
		t.Errorf("attendance = %+v; want 2 classes, 8 check-ins, 6 people, 2 anonymous", a)
	}
	wantG := []Count{{"", "(không ghi)", 3}, {"nu", "Nữ", 2}, {"nam", "Nam", 1}}
	if !reflect.DeepEqual(a.ByGender, wantG) {
		t.Errorf("by gender = %v; want %v", a.ByGender, wantG)
	}
	wantV := []Count{{"Buôn A", "Buôn A", 2}, {"Buôn B", "Buôn B", 2}, {"", "(không ghi)", 2}}
	if !reflect.DeepEqual(a.ByVillage, wantV) {
		t.Errorf("by village = %v; want %v", a.ByVillage, wantV)
	}
	want := []ModuleSummary{
		{ModuleLabel: ModuleLabel{"m1", 1, "Nền tảng"}, Tried: 4, Finished: 4, Passed: 3, PassRate: 75,
			AverageBest: 75, Attempts: 6, FinishedAttempts: 6, Unlinked: 1},
		{ModuleLabel: ModuleLabel{"m2", 2, "Mua sắm"}, Tried: 3, Finished: 2, Passed: 1, PassRate: 33.3,
			AverageBest: 50, Attempts: 3, FinishedAttempts: 2},
	}
	if !reflect.DeepEqual(r.Modules, want) {
		t.Errorf("modules =\n%+v\nwant\n%+v", r.Modules, want)
	}

	// One class: S1 only.
	r, err = f.s.ClassSummary(ctx, Filter{SessionID: f.s1.ID}, f.cat)
	if err != nil {
		t.Fatal(err)
	}
	if r.Session == nil || r.Session.Title != "Lớp buôn A" || r.Attendance.Total != 4 || r.Attendance.CheckIns != 5 {
		t.Errorf("S1: session %+v, attendance %+v; want 4 people, 5 check-ins", r.Session, r.Attendance)
	}
	if m := r.Modules[0]; m.Tried != 3 || m.Passed != 2 || m.Unlinked != 1 {
		t.Errorf("S1 m1 = %+v; want tried 3 (An, Bình, Anon), passed 2, 1 unlinked", m)
	}
	if m := r.Modules[1]; m.Tried != 2 || m.Passed != 1 {
		t.Errorf("S1 m2 = %+v; want tried 2 (An via An2, Bình), passed 1", m)
	}

	// Village, ignoring case and diacritics: Buôn A holds An and Bình.
	r, err = f.s.ClassSummary(ctx, Filter{Village: "BUON a"}, f.cat)
	if err != nil {
		t.Fatal(err)
	}
	if r.Attendance.Total != 2 || r.Modules[0].Tried != 2 || r.Modules[0].Passed != 1 || r.Modules[0].Unlinked != 0 {
		t.Errorf("Buôn A: attendance %+v, m1 %+v", r.Attendance, r.Modules[0])
	}

	// Dates: S2's class date only; attempts count by the day they started
	// (today), so none fall on 2026-03-20 unless today is that day.
	r, err = f.s.ClassSummary(ctx, Filter{From: "2026-03-15", To: "2026-03-20"}, f.cat)
	if err != nil {
		t.Fatal(err)
	}
	if r.Attendance.Total != 3 || r.Attendance.Classes != 1 {
		t.Errorf("dates: attendance %+v; want S2's 3 people", r.Attendance)
	}
}

func TestReportFilterErrors(t *testing.T) {
	f := newReportFixture(t)
	ctx := context.Background()
	for _, tc := range []struct {
		f    Filter
		want error
	}{
		{Filter{From: "15/03/2026"}, ErrBadFilter},
		{Filter{From: "2026-03-20", To: "2026-03-10"}, ErrBadFilter},
		{Filter{SessionID: "no-such-class"}, ErrNotFound},
		{Filter{Village: "Buôn Không Có"}, ErrNotFound},
	} {
		if _, err := f.s.ClassSummary(ctx, tc.f, f.cat); !errors.Is(err, tc.want) {
			t.Errorf("%+v: err = %v; want %v", tc.f, err, tc.want)
		}
	}
}

func TestItemAnalysisHandBuilt(t *testing.T) {
	f := newReportFixture(t)
	r, err := f.s.ItemAnalysis(context.Background(), Filter{}, f.cat)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		m, q        string
		n, ok       int
		pct         float64
		wrong, text string
		wrongN      int
	}
	want := []row{
		{"m1", "q1", 6, 3, 50, "b", "Sai bê", 2},
		{"m2", "r1", 2, 1, 50, "x", "Sai ích", 1},
		{"m1", "q2", 6, 5, 83.3, "c", "Sai xê hai", 1},
	}
	if len(r.Items) != len(want) {
		t.Fatalf("got %d items; want %d", len(r.Items), len(want))
	}
	for i, w := range want {
		it := r.Items[i]
		got := row{it.Module.ID, it.Question.ID, it.Answered, it.Correct, it.PercentCorrect, "", "", 0}
		if it.TopWrong != nil {
			got.wrong, got.text, got.wrongN = it.TopWrong.Choices[0], it.TopWrong.Text, it.TopWrong.Count
		}
		if got != w {
			t.Errorf("item %d = %+v; want %+v", i, got, w)
		}
	}
}

func TestCoverageHandBuilt(t *testing.T) {
	f := newReportFixture(t)
	r, err := f.s.Coverage(context.Background(), Filter{}, f.cat)
	if err != nil {
		t.Fatal(err)
	}
	if r.Skills != 2 || len(r.Villages) != 3 {
		t.Fatalf("skills %d, villages %d; want 2, 3", r.Skills, len(r.Villages))
	}
	type vrow struct {
		v                       string
		reached, all, hh, hhAll int
		m1r, m1p, m2r, m2p      int
	}
	get := func(v VillageCoverage) vrow {
		return vrow{v.Village, v.Reached, v.PassedAll, v.Households, v.HouseholdsPassedAll,
			v.Modules[0].Reached, v.Modules[0].Passed, v.Modules[1].Reached, v.Modules[1].Passed}
	}
	want := []vrow{
		{"Buôn A", 2, 1, 1, 1, 2, 1, 2, 1}, // An passed both (m2 via An2), Bình neither; household H1
		{"Buôn B", 2, 0, 1, 0, 2, 1, 1, 0}, // Chi (H2) passed m1; Dũng read m1, no household
		{"", 2, 0, 0, 0, 1, 1, 0, 0},       // Anon passed m1; Em (erased) only checked in
	}
	for i, w := range want {
		if g := get(r.Villages[i]); g != w {
			t.Errorf("village %d = %+v; want %+v", i, g, w)
		}
	}
	if g := get(r.Overall); g != (vrow{"", 6, 1, 2, 1, 5, 3, 3, 1}) || r.Overall.HouseholdShare != 50 {
		t.Errorf("overall = %+v share %v", g, r.Overall.HouseholdShare)
	}
}

func TestFollowUpHandBuilt(t *testing.T) {
	f := newReportFixture(t)
	ctx := context.Background()
	r, err := f.s.FollowUp(ctx, Filter{}, f.cat, false)
	if err != nil {
		t.Fatal(err)
	}
	if r.People != 3 || r.Anonymous != 2 {
		t.Errorf("people %d anonymous %d; want 3 (Bình, Chi, Dũng) and 2 (Anon, Em)", r.People, r.Anonymous)
	}
	var got []string
	for _, v := range r.Villages {
		for _, h := range v.Households {
			for _, p := range h.People {
				s := v.Village + "/" + h.Household + "/" + p.Name + ":"
				for _, m := range p.NotPassed {
					s += m.ID
				}
				if p.Phone != "" || p.LastActivity == "" {
					t.Errorf("%s: phone %q (not asked for), last activity %q", p.Name, p.Phone, p.LastActivity)
				}
				got = append(got, s)
			}
		}
	}
	want := []string{"Buôn A/H1/H'Bình Êban:m1m2", "Buôn B/H2/Nguyễn Thị Chi:m2", "Buôn B//Trần Dũng:m1m2"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("follow-up = %q; want %q", got, want)
	}
	r, err = f.s.FollowUp(ctx, Filter{}, f.cat, true)
	if err != nil {
		t.Fatal(err)
	}
	if p := r.Villages[0].Households[0].People[0]; p.Phone != "0905000H" {
		t.Errorf("with phone: %q", p.Phone)
	}
}

func TestParticipantHistoryHandBuilt(t *testing.T) {
	f := newReportFixture(t)
	ctx := context.Background()
	h, err := f.s.ParticipantHistory(ctx, f.an2.ID, f.cat)
	if err != nil {
		t.Fatal(err)
	}
	if h.Person.ID != f.an.ID || len(h.Person.Records) != 2 || len(h.Classes) != 2 || h.ModulesPassed != 2 || len(h.Revisit) != 0 {
		t.Errorf("An via An2: %+v", h)
	}
	if m := h.Modules[0]; m.Attempts != 2 || m.BestPercent != 100 || m.LastPercent != 100 || !m.Passed || m.PassedOn == "" {
		t.Errorf("An m1 = %+v", m)
	}
	h, err = f.s.ParticipantHistory(ctx, f.binh.ID, f.cat)
	if err != nil {
		t.Fatal(err)
	}
	if h.ModulesPassed != 0 || len(h.Revisit) != 2 || len(h.Revisit[0].Missed) != 2 || len(h.Revisit[1].Missed) != 0 {
		t.Errorf("Bình revisit = %+v", h.Revisit)
	}
	if m := h.Modules[1]; m.Attempts != 1 || m.Finished != 0 {
		t.Errorf("Bình m2 = %+v; want 1 abandoned attempt", m)
	}
	h, err = f.s.ParticipantHistory(ctx, f.em.ID, f.cat)
	if err != nil {
		t.Fatal(err)
	}
	if h.Person.Name != "" || !h.Person.Anonymous || len(h.Modules[0:1]) != 1 || h.Modules[0].Attempts != 0 {
		t.Errorf("erased Em must show nothing personal and no attempts: %+v", h)
	}
	if _, err := f.s.ParticipantHistory(ctx, "nobody", f.cat); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown id: %v", err)
	}
}

// demoCatalog labels the demo generator's synthetic modules.
func demoCatalog() Catalog {
	c := Catalog{Lang: "vi"}
	for i, id := range []string{"nentang", "dichvucong", "thanhtoan", "antoan", "muasam"} {
		c.Modules = append(c.Modules, ModuleInfo{ID: id, Skill: i + 1})
	}
	return c
}

// TestReportsMatchPlainSQLOnDemo computes the main numbers of a demo
// database a second way, with plain SQL written here.
func TestReportsMatchPlainSQLOnDemo(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "demo.db")
	if _, err := Demo(ctx, path, DemoOptions{Participants: 2000, Seed: 7}, nil); err != nil {
		t.Fatal(err)
	}
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cat := demoCatalog()
	one := func(q string, args ...any) (n int) {
		t.Helper()
		if err := s.DB().QueryRow(quizAttempts+q, args...).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	r, err := s.ClassSummary(ctx, Filter{}, cat)
	if err != nil {
		t.Fatal(err)
	}
	if want := one(`SELECT count(DISTINCT participant_id) FROM attendance`); r.Attendance.Total != want {
		t.Errorf("attendance total %d; SQL %d", r.Attendance.Total, want)
	}
	if want := one(`SELECT count(*) FROM attendance`); r.Attendance.CheckIns != want {
		t.Errorf("check-ins %d; SQL %d", r.Attendance.CheckIns, want)
	}
	for _, m := range r.Modules {
		tried := one(`SELECT count(DISTINCT participant_id) FROM attempts WHERE module_id = ?`, m.ID)
		passed := one(`SELECT count(DISTINCT participant_id) FROM attempts WHERE module_id = ? AND passed = 1`, m.ID)
		n := one(`SELECT count(*) FROM attempts WHERE module_id = ?`, m.ID)
		if m.Tried != tried || m.Passed != passed || m.Attempts != n {
			t.Errorf("%s: tried/passed/attempts %d/%d/%d; SQL %d/%d/%d", m.ID, m.Tried, m.Passed, m.Attempts, tried, passed, n)
		}
	}
	items, err := s.ItemAnalysis(ctx, Filter{}, cat)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, it := range items.Items {
		total += it.Answered
		ok := one(`SELECT count(*) FROM answers n JOIN attempts a ON a.id = n.attempt_id
			WHERE a.module_id = ? AND n.question_id = ? AND n.correct = 1`, it.Module.ID, it.Question.ID)
		if ok != it.Correct {
			t.Errorf("%s/%s correct %d; SQL %d", it.Module.ID, it.Question.ID, it.Correct, ok)
		}
	}
	if want := one(`SELECT count(*) FROM answers n JOIN attempts a ON a.id = n.attempt_id`); total != want {
		t.Errorf("answers counted %d; SQL %d", total, want)
	}
	cov, err := s.Coverage(ctx, Filter{}, cat)
	if err != nil {
		t.Fatal(err)
	}
	allPassed := one(`SELECT count(*) FROM (SELECT participant_id FROM attempts WHERE passed = 1 AND participant_id IS NOT NULL
		GROUP BY participant_id HAVING count(DISTINCT module_id) = 5)`)
	if cov.Overall.PassedAll != allPassed {
		t.Errorf("passed all %d; SQL %d", cov.Overall.PassedAll, allPassed)
	}
	fu, err := s.FollowUp(ctx, Filter{}, cat, false)
	if err != nil {
		t.Fatal(err)
	}
	active := one(`SELECT count(*) FROM (SELECT participant_id FROM attempts WHERE participant_id IS NOT NULL
		UNION SELECT participant_id FROM attendance UNION SELECT participant_id FROM lesson_progress)`)
	if fu.People+fu.Anonymous != active-allPassed {
		t.Errorf("follow-up %d + %d anonymous; SQL active %d − all passed %d", fu.People, fu.Anonymous, active, allPassed)
	}
}
