package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"kynangso/lessons"
	"kynangso/quiz"
	"kynangso/results"
)

// TestFollowUpTableShowsModuleCodes checks that the follow-up column names
// the modules still to pass by short codes in pack order, with a legend of
// their titles, rather than by internal module ids.
func TestFollowUpTableShowsModuleCodes(t *testing.T) {
	mods := []results.ModuleLabel{{ID: "nentang", Title: "Nền tảng số"}, {ID: "dichvucong", Title: "Dịch vụ công"},
		{ID: "muasam", Title: "Mua sắm an toàn"}}
	r := &results.FollowUpReport{Modules: mods, People: 1, Villages: []results.FollowUpVillage{{
		Village: "Buôn A", Label: "Buôn A", People: 1,
		Households: []results.FollowUpHousehold{{Household: "12", Label: "12", People: []results.FollowUpPerson{{
			PersonInfo:   results.PersonInfo{ID: "p1", Name: "Y An Niê", BirthYear: 1960},
			LastActivity: "2026-03-10", NotPassed: []results.ModuleLabel{mods[1], mods[2]},
		}}}},
	}}}
	for _, tc := range []struct{ lang, row, legend string }{
		{"vi", "B2, B3", "B2 = Dịch vụ công"},
		{"en", "M2, M3", "M3 = Mua sắm an toàn"},
	} {
		for _, md := range []bool{false, true} {
			var buf bytes.Buffer
			if err := writeReportTables(&buf, reportData{FollowUp: r}, []string{"followup"}, results.Catalog{Lang: tc.lang}, md, false); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if strings.Contains(out, "dichvucong") || strings.Contains(out, "muasam") {
				t.Errorf("%s md=%v: output shows module ids:\n%s", tc.lang, md, out)
			}
			if !strings.Contains(out, tc.row) || !strings.Contains(out, tc.legend) {
				t.Errorf("%s md=%v: want %q in the row and legend %q:\n%s", tc.lang, md, tc.row, tc.legend, out)
			}
		}
	}
}

// TestCoverageTableShowsModuleCodes checks the coverage table's module
// columns use the same codes and legend.
func TestCoverageTableShowsModuleCodes(t *testing.T) {
	r := &results.CoverageReport{Modules: []results.ModuleLabel{{ID: "nentang", Title: "Nền tảng số"},
		{ID: "dichvucong", Title: "Dịch vụ công"}}}
	tb := coverageTables(r, results.Catalog{Lang: "vi"}, false)[0].(textTable)
	if got := strings.Join(tb.head[2:4], ","); got != "B1,B2" {
		t.Errorf("module columns = %q; want B1,B2", got)
	}
	if !strings.Contains(tb.title, "B1 = Nền tảng số") || !strings.Contains(tb.title, "B2 = Dịch vụ công") {
		t.Errorf("title has no legend: %q", tb.title)
	}
}

// reportDB is a small class on the built-in pack: Lan took the first
// module's quiz and failed; Hùng read the second module's lesson only; Hoa
// answered a choose-all question of the first module three ways.
func reportDB(t *testing.T) (string, *lessons.Pack, quiz.Question) {
	t.Helper()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "k.db")
	s, err := results.Open(ctx, db, testStoreOptions()...)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	pack, err := lessons.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var multi quiz.Question
	m := skillModules(pack)[0]
	for _, q := range m.Questions {
		if q.Type == quiz.TypeMultiple && len(q.CorrectIDs()) >= 2 && multi.ID == "" {
			multi = q
		}
	}
	if multi.ID == "" {
		t.Fatalf("module %s has no choose-all question with two right choices", m.ID)
	}
	c, err := s.OpenSession(ctx, results.ClassSession{Title: "Lớp Buôn Ea Tu", Date: "2026-03-10", Commune: "Ea Tu"})
	if err != nil {
		t.Fatal(err)
	}
	person := func(name string) results.Participant {
		p, err := s.CreateParticipant(ctx, results.Participant{FullName: name, Village: "Buôn Ea Tu", BirthYear: 1960,
			ConsentVersion: results.ConsentVersion})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CheckIn(ctx, c.ID, p.ID); err != nil {
			t.Fatal(err)
		}
		return p
	}
	lan, hung, hoa := person("Nguyễn Thị Lan"), person("Y Hùng Niê"), person("H'Hoa Êban")
	right := multi.CorrectIDs()
	var wrong string
	for _, ch := range multi.Choices {
		if !ch.Correct {
			wrong = ch.ID
		}
	}
	for _, a := range []struct {
		who    results.Participant
		chosen []string
	}{{lan, []string{wrong}}, {hoa, right}, {hoa, right[:1]}, {hoa, []string{right[0], wrong}}} {
		at, err := s.StartAttempt(ctx, results.Attempt{ParticipantID: a.who.ID, SessionID: c.ID, ModuleID: m.ID,
			QuestionIDs: []string{multi.ID}})
		if err != nil {
			t.Fatal(err)
		}
		ok := strings.Join(a.chosen, ",") == strings.Join(right, ",")
		if _, err := s.RecordAnswer(ctx, results.Answer{AttemptID: at.ID, QuestionID: multi.ID, Chosen: a.chosen, Correct: ok}); err != nil {
			t.Fatal(err)
		}
		if err := s.FinishAttempt(ctx, at.ID, 0, 10, false); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SaveLessonPage(ctx, hung.ID, skillModules(pack)[1].ID, 1, 3); err != nil {
		t.Fatal(err)
	}
	return db, pack, multi
}

// reportText runs kynangso, which must succeed, and returns what it
// printed, checked to fit 80 columns.
func reportText(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := execCLI(t, args...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, errOut)
	}
	assertFits(t, out, 80)
	return out
}

// assertFits fails for any line wider than width columns.
func assertFits(t *testing.T, out string, width int) {
	t.Helper()
	for i, line := range strings.Split(out, "\n") {
		if w := ansi.StringWidth(line); w > width {
			t.Errorf("line %d is %d columns wide:\n%s", i+1, w, line)
		}
	}
}

// skillModules are the pack's modules of the five skills, in pack order:
// the follow-up list and its B1…B5 codes leave the foundation module out.
func skillModules(pack *lessons.Pack) []*lessons.Module {
	var out []*lessons.Module
	for _, m := range pack.Modules {
		if !m.Foundation() {
			out = append(out, m)
		}
	}
	return out
}

// TestReportNotTriedIsNotFailed checks `kynangso report` tells a module
// nobody tried ("chưa học", "—") from one tried and failed, in the module
// table, the coverage and the follow-up list, where a person's modules
// still to pass are split into those begun ("Chưa đạt") and not begun.
func TestReportNotTriedIsNotFailed(t *testing.T) {
	db, pack, _ := reportDB(t)
	out := reportText(t, "--db", db, "report", "--section", "modules,coverage,followup")
	lines := strings.Split(out, "\n")
	row := func(prefix string) string {
		for _, l := range lines {
			if strings.HasPrefix(strings.TrimLeft(l, " "), prefix) {
				return l
			}
		}
		t.Fatalf("no line starts with %q:\n%s", prefix, out)
		return ""
	}
	third := row(skillModules(pack)[2].Title.In("vi"))
	if !strings.Contains(third, "chưa học") || strings.Contains(third, "0.0") || strings.Contains(third, " 0 ") {
		t.Errorf("a module nobody tried reads %q; want chưa học and —", third)
	}
	if first := row(skillModules(pack)[0].Title.In("vi")); !strings.Contains(first, "0.0") || strings.Contains(first, "chưa học") {
		t.Errorf("the module tried and failed reads %q; want its 0.0 %%", first)
	}
	cov := ""
	for _, l := range lines {
		if strings.HasPrefix(l, "Buôn Ea Tu  ") {
			cov = l // the last: the table per module
		}
	}
	if !strings.Contains(cov, "—") {
		t.Errorf("coverage row %q has no — for the modules nobody reached", cov)
	}
	if lan := row("(không ghi)  Nguyễn Thị Lan"); !regexp.MustCompile(`\d\d/\d\d/2026\s+B2\s+B3–B6$`).MatchString(lan) {
		// Codes are the modules' places in the pack: B1 is the phone's
		// foundation module, which the list leaves out.
		t.Errorf("Lan (failed B2, began nothing else) reads %q; want chưa đạt B2, chưa học B3–B6", lan)
	}
	if hung := row("(không ghi)  Y Hùng Niê"); !regexp.MustCompile(`\d\d/\d\d/2026\s+B3\s+B2, B4–B6$`).MatchString(hung) {
		t.Errorf("Hùng (read B3's lesson) reads %q; want chưa đạt B3, chưa học B2, B4–B6", hung)
	}
	_, en, _ := execCLI(t, "--db", db, "--lang", "en", "report", "--section", "modules,followup")
	if !strings.Contains(en, "not studied") || !strings.Contains(en, "Not passed") || !strings.Contains(en, "Not studied") {
		t.Errorf("English report has no 'not studied':\n%s", en)
	}
}

// TestReportChoicesOfChooseAll checks the item analysis at 80 columns: a
// choose-all question says how often each choice was ticked, marked right
// or wrong, how often a right one was missed, and names an incomplete set
// "chỉ chọn …, thiếu …" rather than a wrong answer.
func TestReportChoicesOfChooseAll(t *testing.T) {
	db, _, q := reportDB(t)
	out := reportText(t, "--db", db, "report", "--section", "questions")
	right, wrong := q.CorrectIDs(), ""
	for _, ch := range q.Choices {
		if !ch.Correct {
			wrong = ch.ID // reportDB ticks the last wrong choice
		}
	}
	ticked := map[string]int{}
	for _, set := range [][]string{{wrong}, right, right[:1], {right[0], wrong}} { // the four answers reportDB gives
		for _, id := range set {
			ticked[id]++
		}
	}
	flat := strings.Join(strings.Fields(out), " ")
	if !strings.Contains(flat, "Từng đáp án (số lượt đánh dấu trong 4 lượt; ✓ đúng, ✗ sai):") {
		t.Fatalf("no per-choice block:\n%s", out)
	}
	for _, ch := range q.Choices {
		mark, missed := "✗", ""
		if ch.Correct {
			mark = "✓"
			if n := 4 - ticked[ch.ID]; n > 0 {
				missed = fmt.Sprintf(" (bỏ sót %d lượt)", n)
			}
		}
		want := fmt.Sprintf("%s %d %s%s", mark, ticked[ch.ID], strings.Join(strings.Fields(ch.Text.In("vi")), " "), missed)
		if !strings.Contains(flat, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
	if strings.Contains(flat, "sai hay gặp nhất") && !strings.Contains(flat, "chỉ chọn") && !strings.Contains(flat, "chọn nhầm") {
		t.Errorf("the common wrong answer of a choose-all question is not described by what it missed or ticked:\n%s", out)
	}
}

// TestReportFitsEightyColumns prints every section of a demo class in
// both languages, with phones: no line is wider than 80 columns; --wide
// gives the wide tables back.
func TestReportFitsEightyColumns(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	if code, _, errOut := execCLI(t, "demo", "-o", db, "--participants", "200"); code != 0 { // on the built-in pack
		t.Fatalf("demo: exit %d: %s", code, errOut)
	}
	for _, lang := range []string{"vi", "en"} {
		out := reportText(t, "--db", db, "--lang", lang, "report", "--with-phone")
		if !strings.Contains(out, tr(lang, "Từng đáp án", "Each choice")) {
			t.Errorf("%s: no choose-all question shows its choices:\n%s", lang, out)
		}
	}
	_, wide, _ := execCLI(t, "--db", db, "report", "--wide", "--section", "coverage")
	if !regexp.MustCompile(`(?m)^Thôn/buôn\s+Tiếp cận\s+B1\s+B2.*Hộ có người đạt cả$`).MatchString(wide) {
		t.Errorf("--wide does not print the coverage as one wide table:\n%s", wide)
	}
}

// TestDateFlagsAndPlainErrors checks that report and export take dates as
// the app does (15/03/2026, and ISO), give the same report for both, keep
// ISO in JSON, and refuse bad dates and filters with a plain bilingual
// sentence that says what to type, never the store's "results: …".
func TestDateFlagsAndPlainErrors(t *testing.T) {
	db, _, _ := reportDB(t)
	_, vi, _ := execCLI(t, "--db", db, "report", "--format", "json", "--from", "1/3/2026", "--to", "31.03.2026")
	_, iso, _ := execCLI(t, "--db", db, "report", "--format", "json", "--from", "2026-03-01", "--to", "2026-03-31")
	if vi != iso || !strings.Contains(iso, `"from": "2026-03-01"`) || !regexp.MustCompile(`"last_activity": "\d{4}-\d\d-\d\d"`).MatchString(iso) {
		t.Errorf("dd/mm/yyyy and ISO give different reports, or JSON is not ISO:\n%.600s\n---\n%.600s", vi, iso)
	}
	out := filepath.Join(t.TempDir(), "a.csv")
	if code, _, errOut := execCLI(t, "--db", db, "export", "attendance", "--format", "csv", "--from", "10/03/2026", "-o", out); code != 0 {
		t.Errorf("export with --from 10/03/2026: exit %d: %s", code, errOut)
	}
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"report", "--from", "31/02/2026"}, []string{"Ngày 31/02/2026 không có trên lịch", "There is no such day as 31/02/2026", "(--from 31/02/2026)", "kynangso report --help"}},
		{[]string{"report", "--to", "hôm qua"}, []string{"Không đọc được ngày \"hôm qua\"", "NGÀY/THÁNG/NĂM, ví dụ 15/03/2026", "DAY/MONTH/YEAR"}},
		{[]string{"export", "attendance", "--from", "2026-13-01"}, []string{"Không đọc được ngày", "kynangso export --help"}},
		{[]string{"report", "--from", "20/03/2026", "--to", "10/03/2026"}, []string{"Ngày --from đang sau ngày --to", "--from 01/03/2026 --to 31/03/2026", "The --from date is after the --to date"}},
		{[]string{"report", "--session", "khong-co"}, []string{"Không tìm thấy lớp hoặc thôn/buôn đã chọn", "kynangso classes", "was not found"}},
		{[]string{"export", "results", "--village", "Thôn Không Có"}, []string{"Không tìm thấy lớp hoặc thôn/buôn đã chọn"}},
	} {
		code, _, errOut := execCLI(t, append([]string{"--db", db}, c.args...)...)
		if code == 0 {
			t.Errorf("%v: exit 0", c.args)
		}
		for _, w := range c.want {
			if !strings.Contains(errOut, w) {
				t.Errorf("%v: stderr lacks %q:\n%s", c.args, w, errOut)
			}
		}
		assertFits(t, errOut, 80) // a console would cut a longer line mid-word
		for _, bad := range []string{"results:", "bad report filter", "invalid argument", "not found:"} {
			if strings.Contains(errOut, bad) {
				t.Errorf("%v: stderr shows %q:\n%s", c.args, bad, errOut)
			}
		}
	}
}

// TestHelpFitsEightyColumns renders every command's --help as fang does in
// an 80-column console and checks no line is wider, so the console never
// breaks a word. fang reads the width once per process, so each help is
// printed by a child process of this test.
func TestHelpFitsEightyColumns(t *testing.T) {
	if args := os.Getenv("KYNANGSO_HELP_ARGS"); args != "" {
		os.Exit(run(context.Background(), strings.Fields(args), os.Stdout, os.Stderr))
	}
	for _, args := range []string{"--help", "report --help", "export --help", "backup --help", "merge --help",
		"restore --help", "classes --help", "content --help", "content import --help", "content check --help",
		"demo --help", "trainer --help", "trainer set-name --help", "fingerprint --help", "version --help",
		"completion --help"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelpFitsEightyColumns$")
		cmd.Env = append(os.Environ(), "KYNANGSO_HELP_ARGS="+args, "__FANG_TEST_WIDTH=80")
		out, err := cmd.Output()
		if err != nil || !strings.Contains(string(out), "USAGE") {
			t.Fatalf("%s: %v\n%s", args, err, out)
		}
		for _, line := range strings.Split(string(out), "\n") {
			if w := ansi.StringWidth(strings.TrimRight(line, " ")); w > 80 {
				t.Errorf("kynangso %s: a line is %d columns wide:\n%s", args, w, line)
			}
		}
	}
}
