package app

import (
	"fmt"
	"strings"
	"testing"

	"kynangso/app/apptest"
	"kynangso/lessons"
)

// rulePack is the test pack with the built-in pack's rule, and the
// choose-all question's right choices written as full sentences, ending
// in a full stop as many built-in ones do.
func rulePack() *lessons.Pack {
	p := testPack()
	p.Rule = apptest.Vi("Chậm lại – Hỏi người mình tin – Rồi mới bấm.", "Slow down – Ask someone you trust – Then tap.")
	q := &p.Modules[0].Questions[1]
	q.Choices[0].Text = apptest.Vi("Giữ kín mã OTP, vì ai hỏi mã là kẻ lừa.", "Keep the OTP secret.")
	q.Choices[1].Text = apptest.Vi("Đặt mật khẩu khó đoán.", "Use a hard password.")
	return p
}

// toResult takes the first module's quiz, answering every question right
// or every one wrong, and returns on the result screen.
func toResult(t *testing.T, w, h int, right bool) *Model {
	t.Helper()
	m := quizModel(t, rulePack(), w, h)
	press(t, m, keyK)
	for range 3 {
		q := quizOf(m).current()
		if right {
			answerRight(t, m)
		} else {
			for i, c := range q.Choices {
				if !c.Correct {
					press(t, m, num(i+1), enter)
					break
				}
			}
		}
		press(t, m, right2)
	}
	if m.Screen() != ScreenResult {
		t.Fatalf("not on the result screen:\n%s", screen(m))
	}
	return m
}

var right2 = apptest.Right

// The result screen repeats the pack's rule after a pass and after a miss,
// and lists a choose-all question's right choices one a line (joined with
// "; " they printed "…kẻ lừa.; Đặt mật khẩu…").
func TestGoldenResultRuleAndAnswerList(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		for _, passed := range []bool{false, true} {
			m := toResult(t, size[0], size[1], passed)
			got := screen(m)
			name := fmt.Sprintf("result-rule-%v-%dx%d", map[bool]string{true: "passed", false: "failed"}[passed], size[0], size[1])
			if !strings.Contains(got, "Ghi nhớ: Chậm lại – Hỏi người mình tin – Rồi mới bấm.") {
				t.Errorf("%s: no rule:\n%s", name, got)
			}
			if strings.Contains(got, ".;") {
				t.Errorf("%s: doubled punctuation:\n%s", name, got)
			}
			if !passed {
				for _, want := range []string{"→ Các đáp án đúng:", "• Giữ kín mã OTP, vì ai hỏi mã là kẻ lừa.", "• Đặt mật khẩu khó đoán.", "→ Đáp án đúng: Sai"} {
					if !strings.Contains(strings.Join(stripAll(splitLines(allResultLines(m))), "\n"), want) {
						t.Errorf("%s: no %q:\n%s", name, want, allResultLines(m))
					}
				}
			}
			golden(t, name, got)
		}
	}
}

// allResultLines is the whole scrolled content of the result screen.
func allResultLines(m *Model) string {
	s := m.stack.Base().(*resultScreen)
	var out []string
	for range s.scroll.Len() {
		out = append(out, s.scroll.View(m.c.Styles, m.c.Cat))
		s.scroll.Scroll(s.scroll.Window())
		if s.scroll.AtBottom() {
			out = append(out, s.scroll.View(m.c.Styles, m.c.Cat))
			break
		}
	}
	s.scroll.Top()
	return strings.Join(out, "\n")
}
