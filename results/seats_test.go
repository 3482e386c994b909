package results

import (
	"context"
	"errors"
	"testing"
)

func TestSeats(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	c, err := s.OpenSession(ctx, ClassSession{Title: "Lớp"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.TakeSeat(ctx, c.ID, "p1", SeatPhone); err != nil {
		t.Fatal(err)
	}
	if err := s.TakeSeat(ctx, c.ID, "p2", "tablet"); !errors.Is(err, ErrInvalid) {
		t.Fatalf("unknown seat: %v", err)
	}
	if err := s.LeaveSeat(ctx, c.ID, "p1"); err != nil {
		t.Fatal(err)
	}
	if err := s.LeaveSeat(ctx, c.ID, "p3"); err != nil { // no seat yet
		t.Fatal(err)
	}
	got, err := s.Seats(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if v := got["p1"]; v.Seat != SeatPhone || !v.Left() || v.LeftAt.Before(v.ArrivedAt) {
		t.Fatalf("p1 = %+v, want a phone seat left after arriving", v)
	}
	if v := got["p3"]; v.Seat != SeatLaptop || !v.Left() {
		t.Fatalf("p3 = %+v", v)
	}
	// Checking in again, at the laptop, reopens the turn.
	if err := s.TakeSeat(ctx, c.ID, "p1", SeatLaptop); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Seats(ctx, c.ID)
	if v := got["p1"]; v.Seat != SeatLaptop || v.Left() {
		t.Fatalf("p1 after coming back = %+v", v)
	}
	if other, _ := s.Seats(ctx, "another-class"); len(other) != 0 {
		t.Fatalf("another class sees %d seats", len(other))
	}
}
