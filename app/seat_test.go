package app

import (
	"context"
	"testing"

	"kynangso/results"
)

// Checking in at the laptop marks the seat as the laptop, and finishing
// the turn marks the person as gone home, for the trainer's dashboard.
func TestLaptopSeatAndEndOfTurn(t *testing.T) {
	ctx := context.Background()
	e := newTrainerEnv(t, 80, 24)
	class, err := e.Store.OpenSession(ctx, results.ClassSession{Title: "Lớp"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := e.Store.CreateParticipant(ctx, results.Participant{FullName: "Điểu Thị Bơ", BirthYear: 1957, Village: "Buôn Ol",
		ConsentVersion: results.ConsentVersion, ConsentAt: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Store.SetPIN(ctx, "2468"); err != nil {
		t.Fatal(err)
	}
	e.Open(80, 24)
	e.Press(enter)
	e.Typ("bo")
	e.Press(enter)
	seat := func() results.SeatVisit {
		t.Helper()
		seats, err := e.Store.Seats(ctx, class.ID)
		if err != nil {
			t.Fatal(err)
		}
		return seats[p.ID]
	}
	if s := seat(); s.Seat != results.SeatLaptop || s.Left() {
		t.Fatalf("after checking in at the laptop: %+v", s)
	}
	e.Press(esc, num(1)) // finish the turn, and confirm
	if e.m().Screen() != ScreenFinish {
		t.Fatalf("screen %v, want finish:\n%s", e.m().Screen(), e.Screen())
	}
	if s := seat(); !s.Left() {
		t.Fatalf("after finishing the turn: %+v, want gone home", s)
	}
}
