package trainer

import (
	"context"
	"testing"
	"time"

	"kynangso/results"
)

// The dashboard marks each person laptop or phone with where they are,
// shows someone who ended their turn as gone home with the time, and keeps
// full names and birth years at 60×20 (issue 18, items 1 and 8).
func TestDashboardSeatsAndNames(t *testing.T) {
	ctx := context.Background()
	e := newTrainerEnv(t, 60, 20)
	e.SetPIN("2468")
	s := e.Store
	class, err := s.OpenSession(ctx, results.ClassSession{Title: "Lớp Ea Tu", Date: "2026-03-14"})
	if err != nil {
		t.Fatal(err)
	}
	mk := func(name string, year int, seat results.Seat) results.Participant {
		p, err := s.CreateParticipant(ctx, results.Participant{FullName: name, BirthYear: year, Village: "Buôn Đôn",
			ConsentVersion: results.ConsentVersion, ConsentAt: fixedNow})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CheckIn(ctx, class.ID, p.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.TakeSeat(ctx, class.ID, p.ID, seat); err != nil {
			t.Fatal(err)
		}
		return p
	}
	hoa := mk("Nguyễn Thị Thanh Hoa", 1958, results.SeatPhone)
	lan := mk("Nguyễn Thị Thanh Lan", 1961, results.SeatLaptop)
	e.Clk.Add(time.Minute)
	att, err := s.StartAttempt(ctx, results.Attempt{ParticipantID: hoa.ID, SessionID: class.ID, ModuleID: "antoan", QuestionIDs: []string{"q1", "q2", "q3"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordAnswer(ctx, results.Answer{AttemptID: att.ID, QuestionID: "q1", Chosen: []string{"a"}, Correct: true}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveLessonPage(ctx, lan.ID, "antoan", 2, 2); err != nil {
		t.Fatal(err)
	}
	e.Clk.Add(time.Minute)
	if err := s.LeaveSeat(ctx, class.ID, lan.ID); err != nil {
		t.Fatal(err)
	}
	e.Open(60, 20)
	e.unlock("2468")
	e.pick(actDashboard)
	e.Want("Nguyễn Thị Thanh Hoa (1958)", "Nguyễn Thị Thanh Lan (1961)", "điện thoại · B1 câu 2/3", "máy tính · đã về")
	e.Lacks("B1 trang 2/2") // gone home, not still reading
	e.Goldens("trainer_dashboard_seats")
	e.Open(80, 24)
	e.unlock("2468")
	e.pick(actDashboard)
	e.Want("Nguyễn Thị Thanh Hoa (1958)", "điện thoại", "B1 câu 2/3", "đã về")
}
