package app

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"kynangso/app/ui"
	"kynangso/results"
)

// A person who missed a question in a finished quiz is offered a short,
// unmarked look back at it after check-in, before the menu: the question
// as the quiz shows it, the explanation after the answer, then how it went.
// The answer is stored in a review attempt, never as a quiz; one right
// answer keeps the question waiting (it leaves after two).
func TestGoldenReviewAfterCheckIn(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		w, h := size[0], size[1]
		e := sixEnv(t, w, h, ui.LangVI)
		ctx := context.Background()
		ps, err := e.Store.SearchParticipants(ctx, "nia", 1)
		if err != nil || len(ps) != 1 {
			t.Fatalf("search: %v %v", ps, err)
		}
		nia := ps[0]
		a, err := e.Store.StartAttempt(ctx, results.Attempt{ParticipantID: nia.ID, ModuleID: "antoan", QuestionIDs: []string{"q1", "q2"}})
		if err != nil {
			t.Fatal(err)
		}
		for _, ans := range []results.Answer{{QuestionID: "q1", Chosen: []string{"b"}}, {QuestionID: "q2", Chosen: []string{"a"}, Correct: true}} {
			ans.AttemptID = a.ID
			if _, err := e.Store.RecordAnswer(ctx, ans); err != nil {
				t.Fatal(err)
			}
		}
		if err := e.Store.FinishAttempt(ctx, a.ID, 1, 2, false); err != nil {
			t.Fatal(err)
		}

		m := e.M.(*Model)
		press(t, m, enter)
		typeText(t, m, "nia")
		press(t, m, enter)
		if m.Screen() != ScreenReview {
			t.Fatalf("%dx%d: after check-in, screen %v, want the review:\n%s", w, h, m.Screen(), screen(m))
		}
		got := screen(m)
		for _, want := range []string{"Ôn lại câu lần trước bạn chưa đúng", "Lần trước còn 1 câu", "không tính điểm", "Enter ôn lại ngay", "Esc để lần sau"} {
			if !strings.Contains(got, want) {
				t.Errorf("%dx%d: intro lacks %q:\n%s", w, h, want, got)
			}
		}
		golden(t, fmt.Sprintf("review-intro-%dx%d", w, h), got)

		press(t, m, enter)
		got = screen(m)
		if !strings.Contains(got, "Câu q1?") || strings.Contains(got, "Câu q2?") {
			t.Fatalf("%dx%d: the review asks the wrong question:\n%s", w, h, got)
		}
		golden(t, fmt.Sprintf("review-question-%dx%d", w, h), got)
		cur := m.stack.Base().(*reviewScreen).quiz.current()
		for i, c := range cur.Choices {
			if c.Correct {
				press(t, m, num(i+1), enter)
			}
		}
		if got = screen(m); !strings.Contains(got, "✓ Đúng rồi!") || !strings.Contains(got, "✓ Đã lưu") {
			t.Fatalf("%dx%d: after the answer:\n%s", w, h, got)
		}
		press(t, m, right)
		got = screen(m)
		for _, want := range []string{"Xong phần ôn lại!", "Bạn trả lời đúng 1/1 câu.", "Còn 1 câu"} {
			if !strings.Contains(got, want) {
				t.Errorf("%dx%d: the end of the review lacks %q:\n%s", w, h, want, got)
			}
		}
		golden(t, fmt.Sprintf("review-done-%dx%d", w, h), got)

		// Stored: one quiz attempt only, and the question still waits with
		// one right review since the miss.
		atts, err := e.Store.Attempts(ctx, nia.ID)
		if err != nil || len(atts) != 1 || atts[0].ID != a.ID {
			t.Fatalf("%dx%d: quiz attempts %+v, %v: the review must not be one", w, h, atts, err)
		}
		q, err := e.Store.ReviewQueue(ctx, nia.ID)
		if err != nil || len(q) != 1 || q[0].QuestionID != "q1" || q[0].Right != 1 {
			t.Fatalf("%dx%d: queue %+v, %v", w, h, q, err)
		}
		press(t, m, enter)
		if m.Screen() != ScreenMenu {
			t.Fatalf("%dx%d: Enter after the review: screen %v:\n%s", w, h, m.Screen(), screen(m))
		}
	}
}

// "Để lần sau" goes straight to the menu; the question still waits, and the
// next check-in offers it again.
func TestReviewLater(t *testing.T) {
	e := sixEnv(t, 80, 24, ui.LangVI)
	ctx := context.Background()
	ps, _ := e.Store.SearchParticipants(ctx, "nia", 1)
	a, err := e.Store.StartAttempt(ctx, results.Attempt{ParticipantID: ps[0].ID, ModuleID: "muasam", QuestionIDs: []string{"q1"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Store.RecordAnswer(ctx, results.Answer{AttemptID: a.ID, QuestionID: "q1", Chosen: []string{"b"}}); err != nil {
		t.Fatal(err)
	}
	if err := e.Store.FinishAttempt(ctx, a.ID, 0, 1, false); err != nil {
		t.Fatal(err)
	}
	m := e.M.(*Model)
	press(t, m, enter)
	typeText(t, m, "nia")
	press(t, m, enter, esc)
	if m.Screen() != ScreenMenu {
		t.Fatalf("Esc on the offer: screen %v:\n%s", m.Screen(), screen(m))
	}
	if q, _ := e.Store.ReviewQueue(ctx, ps[0].ID); len(q) != 1 {
		t.Fatalf("queue after 'later': %+v", q)
	}
}
