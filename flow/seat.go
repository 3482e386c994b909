package flow

import (
	"context"
	"fmt"

	"kynangso/results"
)

// SeatStore is the part of a store that records where people sit (the
// laptop or a phone) and when they end their turn, for the trainer's
// dashboard. *results.Store has it; a store without it (a front test's
// fake) simply keeps no seats.
type SeatStore interface {
	TakeSeat(ctx context.Context, sessionID, participantID string, seat results.Seat) error
	LeaveSeat(ctx context.Context, sessionID, participantID string) error
}

// WithSeat sets where the people of this front sit: results.SeatLaptop (the
// default, the terminal app) or results.SeatPhone (the phone pages).
func WithSeat(seat results.Seat) Option { return func(f *Flow) { f.seat = seat } }

// Seat is where the people of this front sit.
func (f *Flow) Seat() results.Seat { return f.seat }

// takeSeat notes the person's seat at check-in. It is best effort: the
// seat only marks the dashboard row, and a check-in that was recorded must
// not be reported as failed (the person would be asked to try again).
func (f *Flow) takeSeat(ctx context.Context, sessionID, participantID string) {
	if ss, ok := f.store.(SeatStore); ok {
		_ = ss.TakeSeat(ctx, sessionID, participantID, f.seat) // best effort, see above
	}
}

// Sit notes that the person is at this front's seat again without a new
// check-in: a phone whose page is opened after the person had moved to
// the laptop. Like the check-in's, it is best effort.
func (f *Flow) Sit(ctx context.Context, v Visit) {
	if v.HasClass && v.Active() {
		f.takeSeat(ctx, v.Class.ID, v.Participant.ID)
	}
}

// EndVisit records that the person finished their turn ("Xong", "Kết thúc
// lượt"), so the trainer's dashboard shows them as gone home rather than
// still working. Nothing is recorded without an open class.
func (f *Flow) EndVisit(ctx context.Context, v Visit) error {
	ss, ok := f.store.(SeatStore)
	if !ok || !v.HasClass || !v.Active() {
		return nil
	}
	if err := ss.LeaveSeat(ctx, v.Class.ID, v.Participant.ID); err != nil {
		return fmt.Errorf("end visit: %w", err)
	}
	return nil
}
