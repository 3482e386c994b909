package flow_test

import (
	"errors"
	"testing"
	"time"

	"kynangso/flow"
	"kynangso/results"
)

// A person starts a quiz on a phone, answers one question, walks to the
// laptop, checks in there and carries on with the same attempt; the
// dashboard's seat follows them, and ending the turn marks them gone.
func TestMoveBetweenPhoneAndLaptop(t *testing.T) {
	e := newEnv(t)
	c := e.class()
	phone := flow.New(e.store, testPack(), flow.WithSeat(results.SeatPhone), flow.WithClock(e.f.Now))
	if phone.Seat() != results.SeatPhone || e.f.Seat() != results.SeatLaptop {
		t.Fatalf("seats: %q %q", phone.Seat(), e.f.Seat())
	}
	draft, _ := flow.Registration{Name: "H'Hen Niê", Year: "1955", Village: "Buôn Đôn"}.Validate(2026)
	p, v, err := phone.Register(e.ctx, c, draft, true)
	if err != nil {
		t.Fatal(err)
	}
	seat := func() results.SeatVisit {
		t.Helper()
		seats, err := e.store.Seats(e.ctx, c.Session.ID)
		if err != nil {
			t.Fatal(err)
		}
		return seats[p.ID]
	}
	if s := seat(); s.Seat != results.SeatPhone || s.Left() {
		t.Fatalf("after phone check-in: %+v", s)
	}
	a, err := phone.OpenQuiz(e.ctx, v, "antoan")
	if err != nil {
		t.Fatal(err)
	}
	first := a.Questions[0]
	if _, err := phone.Answer(e.ctx, p.ID, a.ID, first.ID, []string{"a"}, time.Time{}); err != nil {
		t.Fatal(err)
	}

	lv, err := e.f.CheckIn(e.ctx, c, p)
	if err != nil {
		t.Fatal(err)
	}
	if s := seat(); s.Seat != results.SeatLaptop {
		t.Fatalf("after laptop check-in: %+v", s)
	}
	again, err := e.f.OpenQuiz(e.ctx, lv, "antoan")
	if err != nil || again.ID != a.ID || !again.Resumed || again.Answered() != 1 {
		t.Fatalf("laptop resumes %+v (%v), want attempt %s with 1 answer", again, err, a.ID)
	}
	if err := e.f.EndVisit(e.ctx, lv); err != nil {
		t.Fatal(err)
	}
	if s := seat(); !s.Left() {
		t.Fatalf("after ending the turn: %+v", s)
	}
	phone.Sit(e.ctx, v) // back to the phone page
	if s := seat(); s.Seat != results.SeatPhone || s.Left() {
		t.Fatalf("after opening the phone page again: %+v", s)
	}
}

func TestLoadAttempt(t *testing.T) {
	e := newEnv(t)
	c := e.class()
	lan, hoa := e.register(c, "Nguyễn Thị Lan"), e.register(c, "Nguyễn Thị Hoa")
	a, err := e.f.OpenQuiz(e.ctx, lan, "antoan")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.f.Answer(e.ctx, lan.Participant.ID, a.ID, a.Questions[1].ID, []string{"b"}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	got, err := e.f.LoadAttempt(e.ctx, lan.Participant.ID, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Questions) != len(a.Questions) || got.Answered() != 1 || got.Questions[0].ID != a.Questions[0].ID {
		t.Fatalf("loaded %+v", got)
	}
	if i, ok := got.Next(-1); !ok || i != 0 {
		t.Fatalf("next unanswered = %d %v, want 0", i, ok)
	}
	if _, err := e.f.LoadAttempt(e.ctx, hoa.Participant.ID, a.ID); !errors.Is(err, flow.ErrNotYours) {
		t.Fatalf("another person's attempt: %v, want ErrNotYours", err)
	}
	if _, err := e.f.LoadAttempt(e.ctx, lan.Participant.ID, "no-such-attempt"); !errors.Is(err, results.ErrNotFound) {
		t.Fatalf("unknown attempt: %v, want ErrNotFound", err)
	}
}

// Without an open class nothing is recorded about seats, and ending a
// visit is harmless.
func TestEndVisitWithoutClass(t *testing.T) {
	e := newEnv(t)
	_, v, err := e.f.Register(e.ctx, flow.Class{}, results.Participant{}, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.f.EndVisit(e.ctx, v); err != nil {
		t.Fatal(err)
	}
}

// Answers by the numbers shown: out-of-range numbers and two answers to a
// one-answer question are refused; a repeat returns the first answer with
// fresh false.
func TestAnswerNumbers(t *testing.T) {
	e := newEnv(t)
	c := e.class()
	v := e.register(c, "Lò Văn Pó")
	a, err := e.f.OpenQuiz(e.ctx, v, "antoan")
	if err != nil {
		t.Fatal(err)
	}
	q := a.Questions[0]
	pid := v.Participant.ID
	for _, bad := range [][]int{nil, {0}, {3}, {1, 2}, {-1}} {
		if _, _, err := e.f.AnswerNumbers(e.ctx, pid, a.ID, q.ID, bad, time.Time{}); !errors.Is(err, flow.ErrBadChoice) {
			t.Errorf("numbers %v: %v, want ErrBadChoice", bad, err)
		}
	}
	saved, fresh, err := e.f.AnswerNumbers(e.ctx, pid, a.ID, q.ID, []int{2, 2}, time.Time{})
	if err != nil || !fresh || len(saved.Chosen) != 1 || saved.Chosen[0] != q.Choices[1].ID {
		t.Fatalf("first answer: %+v fresh=%v %v", saved, fresh, err)
	}
	again, fresh, err := e.f.AnswerNumbers(e.ctx, pid, a.ID, q.ID, []int{1}, time.Time{})
	if err != nil || fresh || again.ID != saved.ID {
		t.Fatalf("repeat: %+v fresh=%v %v, want the first answer", again, fresh, err)
	}
	if !flow.SameChoices(q, saved.Chosen, []int{2}) || flow.SameChoices(q, saved.Chosen, []int{1}) {
		t.Error("SameChoices does not tell the stored choice from another")
	}
	if _, _, err := e.f.AnswerNumbers(e.ctx, pid, a.ID, "q9", []int{1}, time.Time{}); !errors.Is(err, results.ErrInvalid) {
		t.Errorf("a question not drawn: %v", err)
	}
	other := e.register(c, "Lò Thị Ín")
	if _, _, err := e.f.AnswerNumbers(e.ctx, other.Participant.ID, a.ID, q.ID, []int{1}, time.Time{}); !errors.Is(err, flow.ErrNotYours) {
		t.Errorf("another person's attempt: %v", err)
	}
}
