package quiz

import (
	"fmt"
	"slices"
	"testing"
)

// bank builds n questions q01..qNN: every third one true/false, every fifth
// multiple (b and d right), the rest single (b right).
func bank(n int) []Question {
	var qs []Question
	for i := 1; i <= n; i++ {
		q := Question{ID: fmt.Sprintf("q%02d", i), Type: TypeSingle, Prompt: Text{"vi": fmt.Sprintf("Câu %d", i)}}
		switch {
		case i%3 == 0:
			q.Type = TypeTrueFalse
			q.Choices = TrueFalseChoices(i%2 == 0)
		case i%5 == 0:
			q.Type = TypeMultiple
			q.Choices = []Choice{{ID: "a"}, {ID: "b", Correct: true}, {ID: "c"}, {ID: "d", Correct: true}}
		default:
			q.Choices = []Choice{{ID: "a"}, {ID: "b", Correct: true}, {ID: "c"}, {ID: "d"}}
		}
		qs = append(qs, q)
	}
	return qs
}

func choiceIDs(q Question) []string {
	var ids []string
	for _, c := range q.Choices {
		ids = append(ids, c.ID)
	}
	return ids
}

func TestDrawCount(t *testing.T) {
	b := bank(12)
	for _, tc := range []struct{ n, want int }{
		{0, 12}, {-3, 12}, {1, 1}, {10, 10}, {12, 12}, {13, 12}, {100, 12},
	} {
		got := Draw(b, tc.n, 7)
		if len(got) != tc.want {
			t.Errorf("Draw(12 questions, n=%d) gave %d questions, want %d", tc.n, len(got), tc.want)
		}
		seen := map[string]bool{}
		for i, d := range got {
			if seen[d.ID] {
				t.Errorf("n=%d: question %s drawn twice", tc.n, d.ID)
			}
			seen[d.ID] = true
			if d.Number != i+1 {
				t.Errorf("n=%d: item %d has Number %d", tc.n, i, d.Number)
			}
		}
	}
	if got := Draw(nil, 5, 1); len(got) != 0 {
		t.Errorf("Draw of an empty bank gave %d questions", len(got))
	}
}

func TestDrawIsDeterministicAndSeedDependent(t *testing.T) {
	b := bank(20)
	first := Draw(b, 10, 42)
	again := Draw(b, 10, 42)
	if !slices.Equal(IDs(first), IDs(again)) {
		t.Fatalf("same seed, different questions: %v vs %v", IDs(first), IDs(again))
	}
	for i := range first {
		if !slices.Equal(choiceIDs(first[i].Question), choiceIDs(again[i].Question)) {
			t.Errorf("same seed, question %s: choices %v vs %v", first[i].ID, choiceIDs(first[i].Question), choiceIDs(again[i].Question))
		}
	}
	differ := 0
	for seed := uint64(1); seed <= 20; seed++ {
		if !slices.Equal(IDs(Draw(b, 10, seed)), IDs(first)) {
			differ++
		}
	}
	if differ < 19 {
		t.Errorf("only %d of 20 other seeds gave a different draw", differ)
	}
}

func TestDrawShufflesChoicesButNotTrueFalse(t *testing.T) {
	b := bank(30)
	moved := 0
	for seed := uint64(0); seed < 10; seed++ {
		for _, d := range Draw(b, 0, seed) {
			got := choiceIDs(d.Question)
			if d.Type == TypeTrueFalse {
				if !slices.Equal(got, []string{"dung", "sai"}) {
					t.Fatalf("true/false %s reordered to %v", d.ID, got)
				}
				continue
			}
			if !slices.Equal(got, []string{"a", "b", "c", "d"}) {
				moved++
			}
			sorted := slices.Sorted(slices.Values(got))
			if !slices.Equal(sorted, []string{"a", "b", "c", "d"}) {
				t.Fatalf("%s choices %v are not a permutation of a-d", d.ID, got)
			}
		}
	}
	if moved == 0 {
		t.Error("no choice order ever changed")
	}
	// Draw must not reorder the caller's bank.
	if !slices.Equal(choiceIDs(b[0]), []string{"a", "b", "c", "d"}) {
		t.Errorf("Draw changed the bank: %v", choiceIDs(b[0]))
	}
}

func TestChoiceOrderDependsOnlyOnSeedAndID(t *testing.T) {
	small, big := bank(6), bank(40)
	for _, seed := range []uint64{1, 99, 1 << 40} {
		a, _ := Arrange(small, []string{"q04"}, seed)
		b, _ := Arrange(big, []string{"q01", "q04"}, seed)
		if !slices.Equal(choiceIDs(a[0].Question), choiceIDs(b[1].Question)) {
			t.Errorf("seed %d: q04 choices %v in a small bank, %v in a big one", seed, choiceIDs(a[0].Question), choiceIDs(b[1].Question))
		}
	}
}

func TestArrangeRebuildsDraw(t *testing.T) {
	b := bank(15)
	for _, seed := range []uint64{0, 3, 12345} {
		drawn := Draw(b, 8, seed)
		again, missing := Arrange(b, IDs(drawn), seed)
		if len(missing) != 0 {
			t.Fatalf("missing %v", missing)
		}
		if len(again) != len(drawn) {
			t.Fatalf("Arrange gave %d questions, Draw %d", len(again), len(drawn))
		}
		for i := range drawn {
			if drawn[i].ID != again[i].ID || drawn[i].Number != again[i].Number ||
				!slices.Equal(choiceIDs(drawn[i].Question), choiceIDs(again[i].Question)) {
				t.Errorf("seed %d item %d: Draw %s %v, Arrange %s %v", seed, i,
					drawn[i].ID, choiceIDs(drawn[i].Question), again[i].ID, choiceIDs(again[i].Question))
			}
		}
	}
}

func TestArrangeReportsMissing(t *testing.T) {
	got, missing := Arrange(bank(5), []string{"q03", "gone", "q01", "q99"}, 1)
	if !slices.Equal(IDs(got), []string{"q03", "q01"}) {
		t.Errorf("ids %v, want [q03 q01]", IDs(got))
	}
	if got[1].Number != 2 {
		t.Errorf("numbers must close the gap: second item is %d", got[1].Number)
	}
	if !slices.Equal(missing, []string{"gone", "q99"}) {
		t.Errorf("missing %v, want [gone q99]", missing)
	}
}

func TestIsCorrect(t *testing.T) {
	b := bank(5)
	single, tf, multi := b[0], b[2], b[4] // q01 (b right), q03 (F: sai right), q05 (b, d right)
	for _, tc := range []struct {
		name   string
		q      Question
		chosen []string
		want   bool
	}{
		{"single right", single, []string{"b"}, true},
		{"single wrong", single, []string{"a"}, false},
		{"single nothing", single, nil, false},
		{"single right twice", single, []string{"b", "b"}, true},
		{"single right plus wrong", single, []string{"b", "a"}, false},
		{"single unknown id", single, []string{"z"}, false},
		{"truefalse right", tf, []string{"sai"}, true},
		{"truefalse wrong", tf, []string{"dung"}, false},
		{"truefalse both", tf, []string{"dung", "sai"}, false},
		{"multiple exact", multi, []string{"b", "d"}, true},
		{"multiple exact other order", multi, []string{"d", "b"}, true},
		{"multiple exact with duplicates", multi, []string{"d", "b", "d"}, true},
		{"multiple subset", multi, []string{"b"}, false},
		{"multiple superset", multi, []string{"b", "c", "d"}, false},
		{"multiple every box", multi, []string{"a", "b", "c", "d"}, false},
		{"multiple none", multi, []string{}, false},
		{"no correct choice at all", Question{Choices: []Choice{{ID: "a"}}}, nil, false},
	} {
		if got := IsCorrect(tc.q, tc.chosen); got != tc.want {
			t.Errorf("%s: IsCorrect(%v) = %v, want %v", tc.name, tc.chosen, got, tc.want)
		}
	}
	if !slices.Equal(multi.CorrectIDs(), []string{"b", "d"}) {
		t.Errorf("IsCorrect changed the question's choices: %v", multi.CorrectIDs())
	}
}

func TestGrade(t *testing.T) {
	drawn := Draw(bank(10), 0, 5)
	right := func(k int) map[string][]string {
		ans := map[string][]string{}
		for _, d := range drawn[:k] {
			ans[d.ID] = d.CorrectIDs()
		}
		return ans
	}
	for _, tc := range []struct {
		name    string
		answers map[string][]string
		pass    int
		score   int
		percent int
		passed  bool
	}{
		{"all right", right(10), 70, 10, 100, true},
		{"exactly pass percent", right(7), 70, 7, 70, true},
		{"one below", right(6), 70, 6, 60, false},
		{"nothing answered", map[string][]string{}, 70, 0, 0, false},
		{"pass percent zero", map[string][]string{}, 0, 0, 0, true},
	} {
		res := Grade(drawn, tc.answers, tc.pass)
		if res.Score != tc.score || res.Max != 10 || res.Percent != tc.percent || res.Passed != tc.passed || res.PassPercent != tc.pass {
			t.Errorf("%s: got score %d/%d %d%% passed=%v, want %d/10 %d%% passed=%v", tc.name, res.Score, res.Max, res.Percent, res.Passed, tc.score, tc.percent, tc.passed)
		}
		if len(res.Items) != 10 || len(res.Missed()) != 10-tc.score {
			t.Errorf("%s: %d items, %d missed", tc.name, len(res.Items), len(res.Missed()))
		}
	}
}

func TestGradeRoundsDownAndMarksUnanswered(t *testing.T) {
	drawn := Draw(bank(3), 0, 9)
	ans := map[string][]string{drawn[0].ID: drawn[0].CorrectIDs(), drawn[1].ID: drawn[1].CorrectIDs(), drawn[2].ID: {}}
	res := Grade(drawn, ans, 67)
	if res.Percent != 66 || res.Passed {
		t.Errorf("2 of 3 at pass 67: %d%% passed=%v, want 66%% (rounded down) and not passed", res.Percent, res.Passed)
	}
	last := res.Items[2]
	if !last.Answered || last.Correct || last.Number != 3 {
		t.Errorf("empty answer: %+v, want answered, wrong, number 3", last)
	}
	delete(ans, drawn[2].ID)
	res = Grade(drawn, ans, 60)
	if it := res.Items[2]; it.Answered || it.Correct {
		t.Errorf("unanswered item: %+v", it)
	}
	if !res.Passed || len(res.Missed()) != 1 || res.Missed()[0].Question.ID != drawn[2].ID {
		t.Errorf("2 of 3 at pass 60: passed=%v missed=%v", res.Passed, res.Missed())
	}
	if r := Grade(nil, nil, 0); r.Passed || r.Max != 0 || r.Percent != 0 {
		t.Errorf("an empty attempt never passes: %+v", r)
	}
}

func TestPercent(t *testing.T) {
	for _, tc := range []struct{ score, max, want int }{
		{0, 10, 0}, {7, 10, 70}, {10, 10, 100}, {1, 3, 33}, {2, 3, 66}, {199, 200, 99}, {5, 0, 0}, {0, -1, 0},
	} {
		if got := Percent(tc.score, tc.max); got != tc.want {
			t.Errorf("Percent(%d, %d) = %d, want %d", tc.score, tc.max, got, tc.want)
		}
	}
}

func BenchmarkDraw(b *testing.B) {
	qs := bank(200)
	for i := 0; b.Loop(); i++ {
		Draw(qs, 10, uint64(i))
	}
}
