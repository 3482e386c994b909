package app

import (
	"context"
	"kynangso/app/ui"
	"strings"
	"testing"

	"kynangso/lessons"
	"kynangso/results"
)

// participantEnv is a root model on a real SQLite store with one stored
// person checked in; the first module gets four pages so reading can stop
// half-way.
func participantEnv(t *testing.T) (*trainerEnv, results.Participant) {
	t.Helper()
	e := newTrainerEnv(t, 80, 24)
	p, err := e.Store.CreateParticipant(context.Background(), results.Participant{
		FullName: "Điểu Thị Bơ", BirthYear: 1957, Village: "Buôn Ol", ConsentVersion: results.ConsentVersion, ConsentAt: fixedNow,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Store.SetPIN(context.Background(), "2468"); err != nil {
		t.Fatal(err)
	}
	e.Open(80, 24)
	pack := e.m().Common().Pack
	mod := pack.Modules[0]
	vi := mod.Pages["vi"]
	mod.Pages["vi"] = append(vi, lessons.Page{Title: "Trang ba", Body: "Ba."}, lessons.Page{Title: "Trang bốn", Body: "Bốn."})
	e.Press(enter)
	e.Typ("bo")
	e.Press(enter)
	if e.m().Screen() != ScreenMenu {
		e.T.Fatalf("check-in failed:\n%s", e.Screen())
	}
	return e, p
}

func (e *trainerEnv) attempts(id string) []results.Attempt {
	e.T.Helper()
	atts, err := e.Store.Attempts(context.Background(), id)
	if err != nil {
		e.T.Fatal(err)
	}
	return atts
}

// The thank-you screen and the welcome after it show nothing of the person
// who just left: not the name in the header, not an answer they gave.
func TestFinishAndWelcomeShowNothingOfThePreviousPerson(t *testing.T) {
	e, _ := participantEnv(t)
	e.Press(keyK)
	e.Want("Câu 1/3")
	q := e.m().stack.Base().(*quizScreen).current()
	e.Press(num(1), enter)
	e.Want("Đã lưu")
	answer := q.Choices[0].Text.In("vi")
	e.Press(esc, esc, num(1))
	if e.m().Screen() != ScreenFinish {
		t.Fatalf("screen %v, want finish:\n%s", e.m().Screen(), e.Screen())
	}
	e.Lacks("Điểu", "Bơ", answer)
	if e.m().Common().Visit.Active() {
		t.Fatal("the visit is still active on the thank-you screen")
	}
	e.Press(enter)
	e.Lacks("Điểu", "Bơ", answer)
	e.Press(enter) // the search screen starts empty
	e.Lacks("Điểu", "Bơ", answer)
}

// Reopening a lesson read half-way opens it at the page the menu shows;
// once read to the end it starts again at page 1.
func TestLessonReopensAtTheSavedPage(t *testing.T) {
	e, _ := participantEnv(t)
	e.Press(enter, right, right)
	e.Want("Trang 3/4")
	e.Press(esc)
	e.Want("Đang đọc (trang 3/4)", "Enter đọc tiếp")
	e.Press(enter)
	e.Want("Trang 3/4")
	e.Press(right, right) // past the last page: the end-of-lesson choice
	e.Want("Bạn đã đọc xong bài này")
	e.Press(num(2))
	if e.m().Screen() != ScreenMenu {
		t.Fatalf("2 should go back to the lessons:\n%s", e.Screen())
	}
	e.Want("Đã đọc", "Enter đọc bài")
	e.Press(enter)
	e.Want("Trang 1/4")
}

// Paging past the last page asks what to do next, with "take the quiz"
// focused: Enter, the key people have just been taught, takes it (it used
// to show only a hint). Reaching the choice never starts an attempt by
// itself, and → then Enter goes back to the lessons.
func TestLessonEndPreselectsTheQuiz(t *testing.T) {
	e, p := participantEnv(t)
	e.Press(enter)
	for range 4 {
		e.Press(enter)
	}
	e.Want("Bạn đã đọc xong bài này", "▶ 1 Làm bài kiểm tra ◀", "[ 2 Về danh sách bài ]", "Enter làm bài kiểm tra")
	if e.m().Screen() != ScreenLesson || len(e.attempts(p.ID)) != 0 {
		t.Fatalf("paging to the end left the lesson (screen %v, attempts %d):\n%s", e.m().Screen(), len(e.attempts(p.ID)), e.Screen())
	}
	e.Press(right)
	e.Want("[ 1 Làm bài kiểm tra ]", "▶ 2 Về danh sách bài ◀", "Enter về danh sách bài")
	e.Press(enter)
	if e.m().Screen() != ScreenMenu || len(e.attempts(p.ID)) != 0 {
		t.Fatalf("Enter on the second button should go back to the lessons:\n%s", e.Screen())
	}
	e.Press(enter)
	for range 4 {
		e.Press(enter)
	}
	e.Press(enter)
	if e.m().Screen() != ScreenQuiz {
		t.Fatalf("Enter on the end of the lesson should open the quiz:\n%s", e.Screen())
	}
}

// A quiz left before any answer is abandoned, so the menu does not call it
// "in progress"; one left after an answer stays in progress, and the menu's
// help says Enter continues it.
func TestQuizLeftUntouchedIsNotInProgress(t *testing.T) {
	e, p := participantEnv(t)
	e.Press(keyK)
	e.Want("Câu 1/3")
	e.Press(esc)
	atts := e.attempts(p.ID)
	if len(atts) != 1 || atts[0].State != results.StateAbandoned {
		t.Fatalf("attempts %+v: want one abandoned", atts)
	}
	e.Lacks("Đang làm bài kiểm tra")
	e.Want("Enter đọc bài", "k làm bài kiểm tra")

	e.Press(keyK, num(1), enter)
	e.Want("Đã lưu")
	e.Press(esc)
	atts = e.attempts(p.ID)
	if len(atts) != 2 || atts[0].State != results.StateInProgress {
		t.Fatalf("attempts %+v: want the new one in progress", atts)
	}
	e.Want("Đang làm bài kiểm tra", "Enter làm tiếp bài kiểm tra")
}

// The quiz help line gives the real number range of the question.
func TestQuizHelpShowsTheRealNumberRange(t *testing.T) {
	st := newFakeStore()
	m := toQuiz(t, st, 80, 24)
	for range 3 {
		n := len(quizOf(m).current().Choices)
		want := "1-" + ui.Itoa(n) + " chọn"
		if s := screen(m); !strings.Contains(s, want) {
			t.Fatalf("want %q in the help line:\n%s", want, s)
		}
		answerRight(t, m)
		press(t, m, enter)
	}
}

// welcomeEnv is a real store with a PIN set and two stored people, on the
// welcome screen.
func welcomeEnv(t *testing.T) *trainerEnv {
	t.Helper()
	e := newTrainerEnv(t, 80, 24)
	ctx := context.Background()
	for _, p := range []results.Participant{{FullName: "Nguyễn Thị Lan", BirthYear: 1958}, {FullName: "Lê Văn Lành", BirthYear: 1949}} {
		p.ConsentVersion, p.ConsentAt = results.ConsentVersion, fixedNow
		if _, err := e.Store.CreateParticipant(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	e.SetPIN("2468")
	return e
}

// One letter lists nobody (and says why); two letters, typed without
// accents, list the matching names.
func TestCheckinNeedsTwoLetters(t *testing.T) {
	e := welcomeEnv(t)
	e.Press(enter)
	e.Want("Gõ ít nhất 2 chữ")
	e.Typ("l")
	e.Want("tên chỉ hiện khi đã gõ ít nhất 2 chữ")
	e.Lacks("sinh 1958", "Lê Văn Lành")
	e.Typ("a")
	e.Want("sinh 1958", "Lê Văn Lành")
	e.Lacks("tên chỉ hiện khi")
}

// Esc on a filled-in form asks before throwing it away; No keeps every
// field, Yes goes back to the search. An empty form leaves at once.
func TestRegisterEscAsksWhenSomethingWasTyped(t *testing.T) {
	e := welcomeEnv(t)
	e.Press(enter)
	e.Typ("Y Bhim Niê")
	e.Press(enter) // nobody matches: "register as new", with the name typed
	if e.m().Screen() != ScreenRegister {
		t.Fatalf("want the form:\n%s", e.Screen())
	}
	e.Press(tab)
	e.Typ("1960")
	e.Press(esc)
	e.Want("Bỏ những gì đã gõ?")
	e.Press(num(2))
	if e.m().Screen() != ScreenRegister || e.m().stack.Len() != 1 {
		t.Fatalf("No should keep the form:\n%s", e.Screen())
	}
	e.Want("Y Bhim Niê", "1960")
	e.Press(esc, num(1))
	if e.m().Screen() != ScreenCheckin {
		t.Fatalf("Yes should go back to the search:\n%s", e.Screen())
	}

	e.Press(enter) // the form again, empty this time
	if e.m().Screen() != ScreenRegister {
		t.Fatalf("want the form:\n%s", e.Screen())
	}
	e.Press(esc)
	if e.m().Screen() != ScreenCheckin {
		t.Fatalf("an empty form should leave at once:\n%s", e.Screen())
	}
}
