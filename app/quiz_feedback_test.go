package app

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"kynangso/app/apptest"
	"kynangso/lessons"
	"kynangso/quiz"
	"kynangso/results"
)

// postmartPack is one scenario question written like the built-in ones: a
// message with a fake address in it, four choices and an explanation
// that names the address again.
func postmartPack() *lessons.Pack {
	mod := &lessons.Module{ID: "muasam", Skill: 2, Title: apptest.Vi("Mua sắm trực tuyến", "Online shopping"), PassPercent: 70,
		Pages: map[string][]lessons.Page{"vi": {{Title: "Một", Body: "x"}}},
		Questions: []quiz.Question{{ID: "q9", Type: quiz.TypeSingle,
			Message: apptest.Vi("[Tin nhắn từ số lạ]\nBưu điện báo: đơn hàng của bạn bị giữ lại vì sai địa chỉ. Bấm vào trang p0stmart-qua.cc để sửa địa chỉ và trả phí 15.000đ trong hôm nay.",
				"[Text from an unknown number]\nPost office: your parcel is held, wrong address. Go to p0stmart-qua.cc to fix it and pay 15,000đ today."),
			Prompt: apptest.Vi("Bạn nên làm gì với tin nhắn này?", "What should you do with this message?"),
			Choices: []quiz.Choice{
				{ID: "a", Text: apptest.Vi("Bấm vào trang để sửa địa chỉ cho kịp", "Open the page to fix the address in time")},
				{ID: "b", Text: apptest.Vi("Không bấm, gọi tổng đài bưu điện in trên trang chính thức để hỏi", "Do not tap, call the post office's official number"), Correct: true},
				{ID: "c", Text: apptest.Vi("Trả phí trước rồi hỏi sau", "Pay first, ask later")},
				{ID: "d", Text: apptest.Vi("Gửi tin nhắn cho người nhà để họ bấm giúp", "Forward it to family so they tap it")}},
			Explanation: apptest.Vi("Bưu điện không nhắn đòi phí qua đường link lạ. Trang p0stmart-qua.cc giả tên Postmart: chữ o bị thay bằng số 0 và đuôi .cc lạ. Muốn hỏi đơn hàng thì gọi số tổng đài in trên trang chính thức của bưu điện, hoặc hỏi người mình tin.",
				"The post office never asks for a fee by a strange link. p0stmart-qua.cc fakes the name Postmart: a zero for the o and an odd .cc ending.")}},
	}
	return &lessons.Pack{ID: "t", Languages: []string{"vi", "en"}, Modules: []*lessons.Module{mod}}
}

// quizModel is the app on pack at w×h, on a fake store, with Nguyễn Thị
// Lan checked in at the menu.
func quizModel(t *testing.T, pack *lessons.Pack, w, h int) *Model {
	t.Helper()
	st := newFakeStore()
	st.people = []results.Participant{{ID: "p1", FullName: "Nguyễn Thị Lan", BirthYear: 1958}}
	m := New(Config{Store: st, Pack: pack, Now: func() time.Time { return fixedNow }, Seed: func() uint64 { return 42 }})
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	run(t, m, m.Init())
	checkin(t, m)
	return m
}

// After an answer is confirmed, the question stays in view with the
// feedback: the message's first lines and the prompt, the verdict and the
// right answer, at both sizes (it used to scroll away: at 80×24 only the
// box's last line stayed, at 60×20 nothing of the question). The address
// is never split across lines, in the box or in the explanation. Enter
// first scrolls the explanation, then moves on.
func TestGoldenQuizFeedbackKeepsTheQuestion(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		m := quizModel(t, postmartPack(), size[0], size[1])
		press(t, m, keyK)
		q := quizOf(m)
		wrong := 0
		for i, c := range q.current().Choices {
			if c.ID == "a" {
				wrong = i + 1
			}
		}
		press(t, m, num(wrong), enter)
		got := screen(m)
		name := fmt.Sprintf("quiz-feedback-scenario-%dx%d", size[0], size[1])
		for _, want := range []string{"╭", "[Tin nhắn từ số lạ]", "Bạn nên làm gì với tin nhắn này?", "✗ Chưa đúng.", "Đáp án đúng: "} {
			if !strings.Contains(got, want) {
				t.Errorf("%s: %q is not in view:\n%s", name, want, got)
			}
		}
		if strings.Count(got, "p0stmart-qua.cc") < 1 || strings.Contains(got, "p0stmart-\n") || strings.Contains(got, "p0stmart-  ") {
			t.Errorf("%s: the address is split:\n%s", name, got)
		}
		golden(t, name, got)
		for range 5 { // Enter scrolls the explanation to its end first
			if q.phase != phaseFeedback || q.scroll.AtBottom() {
				break
			}
			press(t, m, enter)
		}
		if !strings.Contains(screen(m), "hoặc hỏi người mình tin.") || !strings.Contains(screen(m), "Bạn nên làm gì với tin nhắn này?") {
			t.Errorf("%s: the end of the explanation, with the question above it:\n%s", name, screen(m))
		}
		press(t, m, enter)
		if m.Screen() != ScreenResult {
			t.Errorf("%s: Enter at the end of the explanation did not move on:\n%s", name, screen(m))
		}
	}
}

// The feedback on a choose-all question lists its right choices one a
// line, with their numbers, never joined with "; " after a full stop.
func TestQuizFeedbackListsRightChoices(t *testing.T) {
	m := quizModel(t, rulePack(), 80, 24)
	press(t, m, keyK)
	toQuestion(t, m, "q2")
	q := quizOf(m).current()
	var want []string
	for i, c := range q.Choices {
		if c.Correct {
			want = append(want, fmt.Sprintf("  • %d. %s", i+1, c.Text.In("vi")))
		} else {
			press(t, m, num(i+1))
		}
	}
	press(t, m, enter)
	got := screen(m)
	if !strings.Contains(got, "\n  Các đáp án đúng:\n") || strings.Contains(got, ".;") {
		t.Fatalf("no list of right answers:\n%s", got)
	}
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("no %q:\n%s", w, got)
		}
	}
}

// A message too long to stay whole above the feedback at 60×20 keeps its
// first lines and a line "…", and the prompt under it.
func TestQuizFeedbackCutsALongMessage(t *testing.T) {
	pack := postmartPack()
	q := &pack.Modules[0].Questions[0]
	q.Message = apptest.Vi(q.Message["vi"]+"\n\nNếu không sửa trước 17 giờ, đơn hàng sẽ bị trả về người gửi và bạn phải trả thêm phí lưu kho 30.000đ mỗi ngày. Mọi thắc mắc xin gọi ngay số trong tin nhắn này.", "x")
	m := quizModel(t, pack, 60, 20)
	press(t, m, keyK, num(1), enter)
	got := screen(m)
	for _, want := range []string{"│ [Tin nhắn từ số lạ]", "│ …", "╰", "Bạn nên làm gì với tin nhắn này?", "Đáp án đúng: "} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "lưu kho") {
		t.Errorf("the message's end should give way to the feedback:\n%s", got)
	}
}

// With the question pinned above the feedback, a click on "▶ Bấm Enter…"
// still lands on it (the scrolled part starts lower than before).
func TestQuizFeedbackButtonClick(t *testing.T) {
	m := quizModel(t, postmartPack(), 80, 24)
	press(t, m, keyK, num(1), enter)
	row, col := findLine(m, "▶ Bấm Enter để xem kết quả.")
	if row < 0 {
		t.Fatalf("no button:\n%s", screen(m))
	}
	press(t, m, click(col+2, row-1)) // the line above: the explanation, nothing happens
	if m.Screen() != ScreenQuiz {
		t.Fatalf("a click on the explanation moved on:\n%s", screen(m))
	}
	press(t, m, click(col+2, row))
	if m.Screen() != ScreenResult {
		t.Fatalf("a click on the button did not move on:\n%s", screen(m))
	}
}
