package results

import (
	"context"
	"slices"
	"testing"

	"kynangso/quiz"
)

// TestItemAnalysisChooseAll: on a choose-all question, ticking only some of
// the right choices is reported as what it is ("chỉ chọn …, thiếu …"), never
// as "a wrong answer" named after a right choice, and each choice says how
// often it was ticked.
func TestItemAnalysisChooseAll(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	ch := func(id, vi string, ok bool) quiz.Choice {
		return quiz.Choice{ID: id, Text: quiz.Text{"vi": vi, "en": "EN " + vi}, Correct: ok}
	}
	q := quiz.Question{ID: "q7", Type: quiz.TypeMultiple, Prompt: quiz.Text{"vi": "Chọn tất cả việc nên làm"},
		Choices: []quiz.Choice{ch("a", "Gọi 113", true), ch("b", "Báo ngân hàng", true), ch("c", "Chuyển thêm tiền", false)}}
	cat := Catalog{Lang: "vi", Modules: []ModuleInfo{{ID: "antoan", Skill: 4, Title: quiz.Text{"vi": "An toàn"},
		Questions: []quiz.Question{q}}}}
	answer := func(chosen ...string) {
		p := mustParticipant(t, s, "Người "+newID()[30:], "Thôn 1", 1970)
		a, err := s.StartAttempt(ctx, Attempt{ParticipantID: p.ID, ModuleID: "antoan", QuestionIDs: []string{"q7"}})
		if err != nil {
			t.Fatal(err)
		}
		ok := slices.Equal(chosen, []string{"a", "b"})
		if _, err := s.RecordAnswer(ctx, Answer{AttemptID: a.ID, QuestionID: "q7", Chosen: chosen, Correct: ok}); err != nil {
			t.Fatal(err)
		}
	}
	answer("a", "b")
	answer("a") // 3 people forget to tell the bank
	answer("a")
	answer("a")
	answer("a", "b", "c")                                                    // one also sends more money
	for _, f := range []Filter{{}, {From: "2000-01-01", To: "2100-01-01"}} { // item_tally and the answers
		r, err := s.ItemAnalysis(ctx, f, cat)
		if err != nil || len(r.Items) != 1 {
			t.Fatalf("%+v: %+v %v", f, r, err)
		}
		it := r.Items[0]
		if !it.Multiple || it.Answered != 5 || it.Correct != 1 {
			t.Fatalf("%+v: %+v", f, it)
		}
		w := it.TopWrong
		if w == nil || w.Count != 3 || !slices.Equal(w.Missed, []string{"b"}) || len(w.Extra) != 0 ||
			w.Text != "chỉ chọn Gọi 113, thiếu Báo ngân hàng" {
			t.Errorf("%+v: top wrong %+v", f, w)
		}
		want := []ChoiceStat{{"a", "Gọi 113", true, 5}, {"b", "Báo ngân hàng", true, 2}, {"c", "Chuyển thêm tiền", false, 1}}
		if !slices.Equal(it.Choices, want) {
			t.Errorf("%+v: choices %+v, want %+v", f, it.Choices, want)
		}
		if got := it.ChoiceCounts(); got != "✓ Gọi 113: 5/5 · ✓ Báo ngân hàng: 2/5 · ✗ Chuyển thêm tiền: 1/5" {
			t.Errorf("choice counts %q", got)
		}
	}
	w := &WrongAnswer{Choices: []string{"a", "b", "c"}}
	cat.describeSet("antoan", "q7", w)
	if w.Text != "chọn nhầm Chuyển thêm tiền" {
		t.Errorf("extra wrong choice described as %q", w.Text)
	}
	w = &WrongAnswer{Choices: []string{"a", "c"}}
	cat.describeSet("antoan", "q7", w)
	if w.Text != "chọn nhầm Chuyển thêm tiền, thiếu Báo ngân hàng" {
		t.Errorf("extra and missing described as %q", w.Text)
	}
}
