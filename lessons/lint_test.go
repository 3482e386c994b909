package lessons

import (
	"fmt"
	"strings"
	"testing"

	"kynangso/quiz"
)

// TestLintFlagsGiveawayPack lints a planted pack whose questions give their
// answers away in every way the lint knows, and checks each cue is reported
// once, at the file and line an author would open.
func TestLintFlagsGiveawayPack(t *testing.T) {
	p, probs := LoadDir("testdata/lint/giveaway")
	if len(probs) > 0 {
		t.Fatalf("the planted pack must load cleanly: %v", probs)
	}
	got := LintPack(p, "pack.yaml")
	want := []struct {
		at, msg string
	}{
		{"lo/quiz.yaml:1: warning: vi: the right answer is the longest choice in 8 of 8 single-choice questions (100%; blind guessing 33%)", "s1, s2, s3, s4, s5, s6, s7, s8"},
		{"lo/quiz.yaml:1: warning: vi: the right answer is the choice with a “;” in 8 of the 8", "s1, s2"},
		{"lo/quiz.yaml:1: warning: en: the right answer is the longest choice in 8 of 8", "s8"},
		{"lo/quiz.yaml:1: warning: en: the right answer is the choice with a “;” in 8 of the 8", "s8"},
		{"lo/quiz.yaml:105: warning: question m1: only one of its 3 choices is wrong", "add a second wrong choice"},
		{"lo/quiz.yaml:119: warning: question m2: only one of its 3 choices is wrong", "make it a single-choice question"},
		{"lo/quiz.yaml:133: warning: the answer is False (Sai) in 5 of 5 true/false questions (100%)", "t1, t2, t3, t4, t5"},
	}
	if len(got) != len(want) {
		t.Errorf("%d warnings, want %d:\n%s", len(got), len(want), lines(got))
	}
	for _, w := range want {
		found := false
		for _, g := range got {
			s := g.String()
			found = found || strings.HasPrefix(s, w.at) && strings.Contains(s, w.msg)
		}
		if !found {
			t.Errorf("missing warning %q … %q in:\n%s", w.at, w.msg, lines(got))
		}
	}
	for i := 1; i < len(got); i++ {
		if got[i].Line < got[i-1].Line {
			t.Errorf("warnings out of line order: %d after %d", got[i].Line, got[i-1].Line)
		}
	}
}

// TestLintGoodPackIsClean checks the sample pack the docs show gives no
// warning: the lint must not cry wolf on ordinary, balanced questions.
func TestLintGoodPackIsClean(t *testing.T) {
	p, probs := LoadDir("testdata/good")
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if got := LintPack(p, "pack.yaml"); len(got) > 0 {
		t.Errorf("good pack warnings:\n%s", lines(got))
	}
}

// TestLintThresholds holds the thresholds table of docs/content-format.md
// ("Answer cues") to the code: the smallest count that is reported for n
// questions with a given chance.
func TestLintThresholds(t *testing.T) {
	for _, tc := range []struct {
		n    int
		p    float64
		want int
	}{
		{10, 0.25, 5}, {20, 0.25, 9}, {30, 0.25, 12}, {100, 0.25, 36},
		{10, 1.0 / 3, 6}, {20, 1.0 / 3, 10}, {30, 1.0 / 3, 14},
		{4, 0.5, 4}, {6, 0.5, 6}, {10, 0.5, 8}, {20, 0.5, 14},
	} {
		if got := MinFlagged(tc.n, tc.p); got != tc.want {
			t.Errorf("MinFlagged(%d, %.2f) = %d, want %d (update the table in docs/content-format.md)", tc.n, tc.p, got, tc.want)
		}
	}
}

// TestLintBelowThreshold checks a cue at the edge: 8 of 20 four-choice
// questions with the longest right answer is within luck; 9 is reported.
func TestLintBelowThreshold(t *testing.T) {
	for _, tc := range []struct{ longest, want int }{{8, 0}, {9, 1}} {
		m := &Module{ID: "m", QuizFile: "m/quiz.yaml"}
		for i := range 20 {
			m.Questions = append(m.Questions, lengthQuestion(fmt.Sprintf("q%02d", i+1), i < tc.longest, 4))
		}
		if got := LintModule(m, []string{"vi"}); len(got) != tc.want {
			t.Errorf("%d of 20 longest: %d warnings, want %d:\n%s", tc.longest, len(got), tc.want, lines(got))
		}
	}
}

// TestLintAcrossModules checks a habit too weak to show in one module is
// reported for the pack: 6 of 12 in each of two modules (within luck
// alone) is 12 of 24 together (not).
func TestLintAcrossModules(t *testing.T) {
	p := &Pack{Languages: []string{"vi"}}
	for _, id := range []string{"a", "b"} {
		m := &Module{ID: id, QuizFile: id + "/quiz.yaml"}
		for i := range 12 {
			m.Questions = append(m.Questions, lengthQuestion(fmt.Sprintf("q%02d", i+1), i < 6, 3))
		}
		p.Modules = append(p.Modules, m)
		if got := LintModule(m, p.Languages); len(got) > 0 {
			t.Errorf("module %s alone: %s", id, lines(got))
		}
	}
	got := LintAcross(p, "pack.yaml")
	if len(got) != 1 || !strings.HasPrefix(got[0].String(), "pack.yaml: warning: across the pack, vi: the right answer is the longest choice in 12 of 24") ||
		!strings.Contains(got[0].Msg, "(a/q01, a/q02, a/q03, a/q04, a/q05, a/q06, b/q01, b/q02 and 4 more)") {
		t.Errorf("across the pack:\n%s", lines(got))
	}
}

// TestLintIgnoresChoiceOrder checks the order of choices in quiz.yaml is
// not a cue: the quiz shuffles single and multiple choices for every
// attempt (quiz.Draw), so a right answer always written first never
// reaches a participant in first place.
func TestLintIgnoresChoiceOrder(t *testing.T) {
	m := &Module{ID: "m"}
	for i := range 21 {
		m.Questions = append(m.Questions, rotatingQuestion(fmt.Sprintf("q%02d", i+1), i, "Hỏi người nhà", "Bấm vào link", "Chờ đến mai"))
	}
	if got := LintModule(m, []string{"vi"}); len(got) > 0 {
		t.Errorf("choice order flagged:\n%s", lines(got))
	}
}

// TestLintMarkOnlyInWrongChoices checks the reverse of a cue is not
// reported: a mark that only wrong choices carry points away from the
// answer, which a guesser cannot use to find it among the rest.
func TestLintMarkOnlyInWrongChoices(t *testing.T) {
	m := &Module{ID: "m"}
	right := []string{"Gọi", "Gọi tổng đài", "Gọi tổng đài in trên thẻ"} // shortest, middle, longest in turn
	for i := range 12 {
		m.Questions = append(m.Questions, quiz.Question{ID: fmt.Sprintf("q%02d", i+1), Type: quiz.TypeSingle, Choices: []quiz.Choice{
			{ID: "a", Text: quiz.Text{"vi": right[i%3]}, Correct: true},
			{ID: "b", Text: quiz.Text{"vi": "Bấm link; nhanh"}},
			{ID: "c", Text: quiz.Text{"vi": "Chờ xem sao"}},
		}})
	}
	if got := LintModule(m, []string{"vi"}); len(got) > 0 {
		t.Errorf("mark in wrong choices flagged:\n%s", lines(got))
	}
}

// TestLintShortAnswers checks an author who learnt to keep right answers
// short and overdid it is caught too: always the shortest choice is as
// much a give-away as always the longest.
func TestLintShortAnswers(t *testing.T) {
	m := &Module{ID: "m", QuizFile: "m/quiz.yaml"}
	for i := range 12 {
		m.Questions = append(m.Questions, quiz.Question{ID: fmt.Sprintf("q%02d", i+1), Type: quiz.TypeSingle, Choices: []quiz.Choice{
			{ID: "a", Text: quiz.Text{"vi": "Bấm vào link ngay"}},
			{ID: "b", Text: quiz.Text{"vi": "Gọi lại"}, Correct: true},
			{ID: "c", Text: quiz.Text{"vi": "Chờ đến sáng mai"}},
		}})
	}
	got := lines(LintModule(m, []string{"vi"}))
	for _, want := range []string{
		"warning: vi: the right answer is the longest choice in only 0 of 12 single-choice questions (chance 33%), so ruling out the longest choice",
		"warning: vi: the right answer is the shortest choice in 12 of 12 single-choice questions (100%; blind guessing 33%)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

// rotatingQuestion is a single-choice question whose right answer is
// always choice a, written as texts[(i+j)%3] for choice j: over three
// questions it is in turn of each length, so length says nothing.
func rotatingQuestion(id string, i int, texts ...string) quiz.Question {
	q := quiz.Question{ID: id, Type: quiz.TypeSingle}
	for j := range 3 {
		q.Choices = append(q.Choices, quiz.Choice{ID: string(rune('a' + j)), Text: quiz.Text{"vi": texts[(i+j)%3]}, Correct: j == 0})
	}
	return q
}

// TestLintTrueSide checks "always answer True" is caught as well as False.
func TestLintTrueSide(t *testing.T) {
	m := &Module{ID: "m", QuizFile: "m/quiz.yaml", QuestionLines: map[string]int{"t1": 7}}
	for i := range 6 {
		m.Questions = append(m.Questions, quiz.Question{ID: fmt.Sprintf("t%d", i+1), Type: quiz.TypeTrueFalse, Choices: quiz.TrueFalseChoices(true)})
	}
	got := LintModule(m, []string{"vi"})
	if len(got) != 1 || !strings.HasPrefix(got[0].String(), "m/quiz.yaml:7: warning: the answer is True (Đúng) in 6 of 6") {
		t.Errorf("got:\n%s", lines(got))
	}
}

// lengthQuestion is a single-choice question with k choices; its right
// answer (choice b) is the longest when longest is set, else shorter than
// the first, wrong, choice.
func lengthQuestion(id string, longest bool, k int) quiz.Question {
	q := quiz.Question{ID: id, Type: quiz.TypeSingle}
	texts := []string{"Bấm vào đường link lạ ngay", "Hỏi người nhà trước", "Chờ đến mai", "Gọi tổng đài"}
	for i := range k {
		q.Choices = append(q.Choices, quiz.Choice{ID: string(rune('a' + i)), Text: quiz.Text{"vi": texts[i]}, Correct: i == 1})
	}
	if longest {
		q.Choices[1].Text = quiz.Text{"vi": "Hỏi người nhà trước rồi gọi tổng đài in trên thẻ"}
	}
	return q
}

func lines(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.String())
		b.WriteString("\n")
	}
	return b.String()
}
