package trainer

import (
	"context"
	"kynangso/app"
	"kynangso/app/apptest"
	"kynangso/app/ui"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"kynangso/internal/testclock"
	"kynangso/lessons"
	"kynangso/results"
)

// newDemoTrainerEnv is a trainer's area on a demo database of n people,
// with the test pack's quizzes, unlocked on the trainer's menu.
func newDemoTrainerEnv(t *testing.T, n int) *trainerEnv {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.db")
	if _, err := results.Demo(context.Background(), path, results.DemoOptions{Participants: n, Seed: 7}, results.DemoModulesOf(testPack())); err != nil {
		t.Fatal(err)
	}
	e := &trainerEnv{apptest.NewEnvAt(t, path, 80, 24, buildApp)}
	e.SetPIN("2468")
	e.unlock("2468")
	return e
}

// lowerOverviewMin makes the overview show from n people on, for a test.
func lowerOverviewMin(t testing.TB, n int) {
	old := followUpOverviewMin
	followUpOverviewMin = n
	t.Cleanup(func() { followUpOverviewMin = old })
}

// addUnplaced stores people with no village who failed a quiz, so the
// follow-up list has a "(not given)" village.
func addUnplaced(t *testing.T, s *results.Store, names ...string) {
	t.Helper()
	ctx := context.Background()
	for _, n := range names {
		p, err := s.CreateParticipant(ctx, results.Participant{FullName: n, BirthYear: 1970,
			ConsentVersion: results.ConsentVersion, ConsentAt: fixedNow})
		if err != nil {
			t.Fatal(err)
		}
		a, err := s.StartAttempt(ctx, results.Attempt{ParticipantID: p.ID, ModuleID: "antoan", QuestionIDs: []string{"q1"}})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.FinishAttempt(ctx, a.ID, 0, 1, false); err != nil {
			t.Fatal(err)
		}
	}
}

// reportTop is the report page on top of the trainer's area.
func (e *trainerEnv) reportTop() *reportPage {
	e.T.Helper()
	p, ok := e.m().Front().(*reportPage)
	if !ok {
		e.T.Fatalf("top page is %T, not a report:\n%s", e.m().Front(), e.Screen())
	}
	return p
}

// villageLine matches a village of the overview: "  2. Bon Yok Đôn   18   6  ██…".
var villageLine = regexp.MustCompile(`^▶? *(\d)\. (.+?) +([\d.]+) +([\d.]+)(  [█▏▎▍▌▋▊▉░]+)?$`)

func TestFollowUpOverviewOpensAVillage(t *testing.T) {
	ctx := context.Background()
	e := newDemoTrainerEnv(t, 400)
	addUnplaced(t, e.Store, "Lê Văn Tám", "Trần Thị Chín")
	lowerOverviewMin(t, 50)
	cat := results.NewCatalog(testPack(), ui.LangVI)
	want, err := e.Store.FollowUpOverview(ctx, results.Filter{}, cat)
	if err != nil {
		t.Fatal(err)
	}
	if want.People <= 50 || len(want.Villages) < 10 {
		t.Fatalf("the demo is too small for this test: %d people, %d villages", want.People, len(want.Villages))
	}
	e.pick(actFollowUp)
	named := len(want.Villages) - 1 // the last is "(not given)"
	e.Want("Có "+bigNum(e.m().Common().Cat, want.People)+" người cần gặp lại ở "+ui.Itoa(named)+" thôn.",
		"2 người trong số đó chưa ghi thôn.", "để xem danh sách từng hộ")
	e.Lacks("•") // no one is listed by name

	// Every village line on screen shows the store's counts.
	seen := 0
	for _, l := range splitLines(e.Screen()) {
		m := villageLine.FindStringSubmatch(strings.TrimLeft(l, " "))
		if m == nil {
			continue
		}
		i, _ := strconv.Atoi(m[1])
		v := want.Villages[i-1]
		if m[2] != v.Label || m[3] != bigNum(e.m().Common().Cat, v.People) || m[4] != bigNum(e.m().Common().Cat, v.Households) {
			t.Errorf("line %q; the store says %s: %d people, %d households", l, v.Label, v.People, v.Households)
		}
		seen++
	}
	if seen < 5 {
		t.Fatalf("only %d village lines on screen:\n%s", seen, e.Screen())
	}
	// The highlighted village's needs per module.
	e.Press(down)
	v := want.Villages[1]
	e.Want(v.Label+" · số người chưa đạt từng bài:", "An toàn trên mạng   "+ui.Itoa(v.Missing[0]))

	// Enter opens that village's list: the same people, by household.
	e.Press(enter)
	p := e.reportTop()
	if p.filter.Village != v.Village || !p.fromOverview {
		t.Fatalf("village page filter %+v", p.filter)
	}
	e.Want("thôn "+v.Label, v.Label+" · "+ui.Itoa(v.People)+" người", "Esc về danh sách các thôn")
	list, ok := p.data.(followUpList)
	if !ok || list.People != v.People || len(list.Villages) != 1 {
		t.Fatalf("village list: %T people %d, want %d", p.data, list.People, v.People)
	}
	listed := 0
	for _, l := range p.cache {
		listed += strings.Count(l, "• ")
	}
	if listed != v.People {
		t.Fatalf("%d people drawn, the store counts %d", listed, v.People)
	}

	// Esc goes back to the villages, on the same one, then to the menu.
	e.Press(esc)
	if p := e.reportTop(); p.overview() == nil || p.villages.cursor != 1 {
		t.Fatalf("after Esc: %s", e.Screen())
	}
	e.Press(esc)
	if _, ok := e.m().Front().(*trainerHome); !ok {
		t.Fatalf("second Esc: %s", e.Screen())
	}
}

func TestFollowUpOverviewUnplacedAndFilter(t *testing.T) {
	e := newDemoTrainerEnv(t, 400)
	addUnplaced(t, e.Store, "Lê Văn Tám")
	lowerOverviewMin(t, 50)
	e.pick(actFollowUp)
	p := e.reportTop()
	o := p.overview()
	if o == nil {
		t.Fatalf("no overview:\n%s", e.Screen())
	}
	// The last line, people without a village, cannot be opened: it says why.
	for range len(o.Villages) {
		e.Press(down)
	}
	e.Want("▶    (không ghi)")
	e.Lacks("Bấm f để lọc")
	e.Press(enter)
	e.Want("chưa ghi thôn nên không mở riêng được", "Bấm f để lọc theo")
	if e.m().Front() != p {
		t.Fatal("picking the people without a village opened a page")
	}
	e.Press(up)
	e.Lacks("Bấm f để lọc") // the note goes with the next key

	// r reads again and keeps the place; f with a village lists it at once.
	e.Press(tpressKey('r'))
	if e.reportTop() != p || p.overview() == nil || p.villages.cursor != len(o.Villages)-2 {
		t.Fatalf("after r: cursor %d\n%s", p.villages.cursor, e.Screen())
	}
	e.Press(tpressKey('f'))
	e.Press(down, down, down)
	e.Typ("bon yok don")
	e.Press(down, enter)
	e.Want("thôn bon yok don", "Bon Yok Đôn · ")
	if p.overview() != nil {
		t.Fatal("a village filter still shows the overview")
	}
	// Without the village again, the overview comes back.
	e.Press(tpressKey('f'))
	e.Press(down, down, down)
	for range 20 {
		e.Press(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	e.Press(down, enter)
	if p.overview() == nil {
		t.Fatalf("no overview after clearing the village:\n%s", e.Screen())
	}
}

// A list under the threshold shows as before, without the overview.
func TestFollowUpSmallListStaysAList(t *testing.T) {
	e := newDemoTrainerEnv(t, 60)
	e.pick(actFollowUp)
	if p := e.reportTop(); p.overview() != nil {
		t.Fatalf("overview for a small list:\n%s", e.Screen())
	}
	e.Want(" người cần thăm lại", "•")
}

func TestFollowUpOverviewGoldens(t *testing.T) {
	e := newDemoTrainerEnv(t, 400)
	lowerOverviewMin(t, 50)
	e.pick(actFollowUp)
	e.Press(down, down)
	e.Goldens("trainer_followup_overview")
	for _, sz := range [][2]int{{80, 24}, {60, 20}} {
		e.m().Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		for i, l := range splitLines(e.Screen()) {
			if w := ui.WidthOf(l); w > sz[0] {
				t.Fatalf("%dx%d: line %d is %d wide: %q", sz[0], sz[1], i, w, l)
			}
		}
	}
}

// The list is drawn once per change of data or width, not on every key,
// and redrawn when the width changes.
func TestFollowUpListRendersOncePerChange(t *testing.T) {
	e := newDemoTrainerEnv(t, 60)
	e.pick(actFollowUp)
	p := e.reportTop()
	e.Screen()
	first := &p.cache[0]
	e.Press(down, down, tea.KeyPressMsg{Code: tea.KeyPgDown})
	if &p.cache[0] != first {
		t.Fatal("the list was drawn again for a key")
	}
	e.m().Update(tea.WindowSizeMsg{Width: 60, Height: 20})
	e.Screen()
	if &p.cache[0] == first {
		t.Fatal("the list was not drawn again for a new width")
	}
	for i, l := range splitLines(e.Screen()) {
		if w := ui.WidthOf(l); w > 60 {
			t.Fatalf("line %d is %d wide after resize: %q", i, w, l)
		}
	}
	e.Press(tpressKey('r'))
	if &p.cache[0] == first || !p.loaded {
		t.Fatal("refresh did not draw the list again")
	}
}

// bigNum groups thousands the way each language does.
func TestBigNum(t *testing.T) {
	vi, en := ui.NewCatalog(ui.LangVI), ui.NewCatalog(ui.LangEN)
	for _, c := range []struct {
		n      int
		vi, en string
	}{{0, "0", "0"}, {999, "999", "999"}, {1000, "1.000", "1,000"}, {91234, "91.234", "91,234"}, {1234567, "1.234.567", "1,234,567"}} {
		if got := bigNum(vi, c.n); got != c.vi {
			t.Errorf("vi %d: %q, want %q", c.n, got, c.vi)
		}
		if got := bigNum(en, c.n); got != c.en {
			t.Errorf("en %d: %q, want %q", c.n, got, c.en)
		}
	}
}

// BenchmarkFollowUpScroll measures one key press (Update and View) on a
// follow-up list of 5,000 people, scrolling down and back up. The list is
// drawn once; a key only moves the window. Target: well under 1 ms.
func BenchmarkFollowUpScroll(b *testing.B) {
	clk := testclock.New(fixedNow)
	s := apptest.OpenStore(b, filepath.Join(b.TempDir(), "k.db"), clk.Now)
	m := app.New(app.Config{Store: s, Pack: testPack(), Now: clk.Now})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	p := newReportPage(m.Common(), repFollowUp, results.Filter{})
	p.SetSize(76, 21)
	p.Update(reportLoadedMsg{data: followUpList{FollowUpReport: bigFollowUp(testPack(), 5000)}})
	if v := p.View(); !strings.Contains(v, "5.000 người cần thăm lại") {
		b.Fatalf("not the list:\n%s", v)
	}
	keys := []tea.Msg{down, down, tea.KeyPressMsg{Code: tea.KeyPgDown}}
	for range 200 {
		keys = append(keys, tea.KeyPressMsg{Code: tea.KeyPgDown})
	}
	for range 200 {
		keys = append(keys, tea.KeyPressMsg{Code: tea.KeyPgUp})
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		p.Update(keys[i%len(keys)])
		_ = p.View()
	}
}

// bigFollowUp is a follow-up list of n people, two to a household, in ten
// villages, none of whom has passed anything.
func bigFollowUp(pack *lessons.Pack, n int) results.FollowUpReport {
	cat := results.NewCatalog(pack, ui.LangVI)
	r := results.FollowUpReport{People: n}
	for _, m := range cat.Modules {
		r.Modules = append(r.Modules, results.ModuleLabel{ID: m.ID, Title: m.Title["vi"]})
	}
	for i := 0; i < n; i++ {
		if i%(n/10) == 0 {
			name := "Thôn " + ui.Itoa(len(r.Villages)+1)
			r.Villages = append(r.Villages, results.FollowUpVillage{Village: name, Label: name})
		}
		v := &r.Villages[len(r.Villages)-1]
		v.People++
		if i%2 == 0 {
			hh := "Hộ " + ui.Itoa(i/2)
			v.Households = append(v.Households, results.FollowUpHousehold{Household: hh, Label: hh})
		}
		h := &v.Households[len(v.Households)-1]
		h.People = append(h.People, results.FollowUpPerson{PersonInfo: results.PersonInfo{ID: ui.Itoa(i), Name: "Người " + ui.Itoa(i), BirthYear: 1960},
			LastActivity: "2026-03-14", NotPassed: r.Modules})
	}
	return r
}

// BenchmarkFollowUpVillageLoad measures what the follow-up page loads for
// one village of a 100,000-person database (the biggest village): the
// list, then what each person on it studied, which tells "chưa đạt" from
// "chưa học". The database is the one results' benchmarks build, kept in
// the temp folder (building it takes minutes). Measured on the shared
// 2-core machine: 1.7 s for 4,690 people, of which the list (FollowUp) is
// 0.6–1 s and what they studied (ModulesStudied) 0.26 s. Target: under 2 s.
func BenchmarkFollowUpVillageLoad(b *testing.B) {
	ctx := context.Background()
	path := filepath.Join(os.TempDir(), "kynangso-bench-demo100k-seed1.db")
	if _, err := os.Stat(path); err != nil {
		tmp := path + ".part"
		os.Remove(tmp)
		if _, err := results.Demo(ctx, tmp, results.DemoOptions{Participants: 100000, Seed: 1}, nil); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(tmp, path); err != nil {
			b.Fatal(err)
		}
	}
	s, err := results.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	cat := results.Catalog{Lang: "vi"}
	for i, id := range []string{"nentang", "dichvucong", "thanhtoan", "antoan", "muasam"} {
		cat.Modules = append(cat.Modules, results.ModuleInfo{ID: id, Skill: i + 1})
	}
	var village string
	_ = s.DB().QueryRow(`SELECT village FROM participants GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`).Scan(&village)
	people := 0
	for b.Loop() {
		data, err := loadFollowUp(ctx, s, results.Filter{Village: village}, cat)
		if err != nil {
			b.Fatal(err)
		}
		people = data.(followUpList).People
	}
	b.ReportMetric(float64(people), "people")
}
