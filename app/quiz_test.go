package app

import (
	"kynangso/app/ui"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"kynangso/quiz"
	"kynangso/results"
)

// toQuiz checks in a known person and opens the first module's quiz.
func toQuiz(t *testing.T, st *fakeStore, w, h int) *Model {
	t.Helper()
	if len(st.people) == 0 {
		st.people = []results.Participant{{ID: "p1", FullName: "Đinh Văn Tâm", BirthYear: 1955, Village: "Thôn 4"}}
	}
	m := newTestModel(t, st, w, h)
	press(t, m, enter)
	typeText(t, m, "tam")
	press(t, m, enter, tea.KeyPressMsg{Code: 'k', Text: "k"})
	if m.Screen() != ScreenQuiz {
		t.Fatalf("screen %v, want quiz:\n%s", m.Screen(), screen(m))
	}
	return m
}

func quizOf(m *Model) *quizScreen { return m.stack.Base().(*quizScreen) }

// answerRight picks the correct choices of the current question by number.
func answerRight(t *testing.T, m *Model) {
	t.Helper()
	q := quizOf(m).current()
	for i, c := range q.Choices {
		if c.Correct {
			press(t, m, num(i+1))
			if q.Type != quiz.TypeMultiple {
				break
			}
		}
	}
	press(t, m, enter)
}

func TestQuizAnswersSavedAndGraded(t *testing.T) {
	st := newFakeStore()
	m := toQuiz(t, st, 80, 24)
	s := quizOf(m)
	if !strings.Contains(screen(m), "Câu 1/3") {
		t.Fatalf("no question counter:\n%s", screen(m))
	}
	for i := range 3 {
		answerRight(t, m)
		if got := screen(m); !strings.Contains(got, "✓ Đúng rồi!") || !strings.Contains(got, "✓ Đã lưu") {
			t.Fatalf("question %d: want right + saved:\n%s", i+1, got)
		}
		if len(st.answers) != i+1 || !st.answers[i].Correct {
			t.Fatalf("question %d: stored answers %+v", i+1, st.answers)
		}
		press(t, m, right)
	}
	if m.Screen() != ScreenResult {
		t.Fatalf("screen %v, want result", m.Screen())
	}
	a := st.attempts[0]
	if a.ID != s.att.ID || a.State != results.StateFinished || a.Score != 3 || a.MaxScore != 3 || !a.Passed {
		t.Fatalf("attempt stored as %+v", a)
	}
	if got := screen(m); !strings.Contains(got, "3/3") || !strings.Contains(got, "ĐẠT") {
		t.Fatalf("result screen:\n%s", got)
	}
}

func TestQuizWrongAnswerShowsRightOneInWords(t *testing.T) {
	m := toQuiz(t, newFakeStore(), 80, 24)
	q := quizOf(m).current()
	wrong := 0
	for i, c := range q.Choices {
		if !c.Correct {
			wrong = i
			break
		}
	}
	press(t, m, num(wrong+1), enter)
	if q.Type == quiz.TypeMultiple {
		t.Skip("first question is a multiple one with this seed")
	}
	got := screen(m)
	if !strings.Contains(got, "✗ Chưa đúng.") || !strings.Contains(got, "Đáp án đúng:") || !strings.Contains(got, "✗ "+ui.Itoa(wrong+1)+".") {
		t.Fatalf("wrong answer feedback missing words or marks:\n%s", got)
	}
}

func TestQuizNeedsAChoiceAndNumbersSelect(t *testing.T) {
	m := toQuiz(t, newFakeStore(), 80, 24)
	press(t, m, enter)
	if !strings.Contains(screen(m), "Hãy chọn một đáp án trước.") || quizOf(m).phase != phaseAsk {
		t.Fatalf("Enter without a choice should ask for one:\n%s", screen(m))
	}
	press(t, m, down, down)
	if quizOf(m).cursor != 1 {
		t.Fatalf("cursor %d after ↓↓, want 1", quizOf(m).cursor)
	}
	if !strings.Contains(screen(m), "▶ 2.") {
		t.Fatalf("the highlighted choice is not marked with ▶:\n%s", screen(m))
	}
}

func TestQuizMultipleTogglesThenConfirms(t *testing.T) {
	m := toQuiz(t, newFakeStore(), 80, 24)
	s := quizOf(m)
	for s.current().Type != quiz.TypeMultiple {
		answerRight(t, m)
		press(t, m, right)
	}
	if !strings.Contains(screen(m), "Chọn tất cả đáp án đúng") {
		t.Fatalf("a multiple question must say so:\n%s", screen(m))
	}
	press(t, m, num(1), num(1), down, space)
	if s.ticked[0] || !s.ticked[s.cursor] {
		t.Fatalf("toggle by number and space: ticked %v cursor %d", s.ticked, s.cursor)
	}
	if !strings.Contains(screen(m), "[x]") {
		t.Fatalf("ticked box not shown:\n%s", screen(m))
	}
}

func TestQuizMouseClicksChoiceAndAnswerButton(t *testing.T) {
	st := newFakeStore()
	m := toQuiz(t, st, 80, 24)
	s := quizOf(m)
	row, col := findLine(m, "2. ")
	press(t, m, click(col, row-headerLines+headerLines)) // screen coordinates
	if s.cursor != 1 && !s.ticked[1] {
		t.Fatalf("click on choice 2 did not select it (cursor %d):\n%s", s.cursor, screen(m))
	}
	row, col = findLine(m, "Trả lời ◀")
	press(t, m, click(col, row))
	if len(st.answers) != 1 {
		t.Fatalf("click on the answer button stored %d answers", len(st.answers))
	}
}

func TestQuizSaveFailureKeepsAnswerForRetry(t *testing.T) {
	st := newFakeStore()
	st.failSaves = 1
	m := toQuiz(t, st, 80, 24)
	answerRight(t, m)
	s := quizOf(m)
	if s.phase != phaseSaveErr || !strings.Contains(screen(m), "Chưa lưu được câu trả lời") || strings.Contains(screen(m), "Đã lưu") {
		t.Fatalf("phase %v; want the save error shown:\n%s", s.phase, screen(m))
	}
	press(t, m, esc, right) // cannot leave or skip an unsaved answer
	if s.phase != phaseSaveErr || m.Screen() != ScreenQuiz {
		t.Fatal("left an unsaved answer behind")
	}
	press(t, m, enter)
	if s.phase != phaseFeedback || len(st.answers) != 1 {
		t.Fatalf("retry: phase %v, %d answers stored", s.phase, len(st.answers))
	}
}

func TestQuizResumesWhereItStopped(t *testing.T) {
	st := newFakeStore()
	m := toQuiz(t, st, 80, 24)
	first := quizOf(m)
	answerRight(t, m)
	press(t, m, esc) // feedback → menu: the attempt stays open
	if m.Screen() != ScreenMenu || !strings.Contains(screen(m), "Đang làm bài kiểm tra") {
		t.Fatalf("menu should show the quiz in progress:\n%s", screen(m))
	}
	press(t, m, enter) // Enter on a module with a quiz in progress resumes it
	again := quizOf(m)
	if again.att.ID != first.att.ID || again.idx != 1 || !again.resumed {
		t.Fatalf("resumed attempt %q at %d, want %q at 1", again.att.ID, again.idx, first.att.ID)
	}
	if again.current().ID != first.att.Questions[1].ID || !strings.Contains(screen(m), "Câu 2/3") {
		t.Fatalf("resumed at a different question:\n%s", screen(m))
	}
	if !strings.Contains(screen(m), "Tiếp tục bài đang làm dở.") {
		t.Fatalf("the first question after a resume should say so:\n%s", screen(m))
	}
	answerRight(t, m)
	press(t, m, right)
	if got := screen(m); !strings.Contains(got, "Câu 3/3") || strings.Contains(got, "Tiếp tục bài đang làm dở.") {
		t.Fatalf("the resume note should go after the first question:\n%s", got)
	}
	if len(st.attempts) != 1 {
		t.Fatalf("%d attempts, want 1", len(st.attempts))
	}
}
