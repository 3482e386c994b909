package results

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Seat is where a person takes part in a class: the laptop's own keyboard
// or their phone over the local Wi-Fi.
type Seat string

// The seats a person can use.
const (
	SeatLaptop Seat = "laptop"
	SeatPhone  Seat = "phone"
)

// SeatVisit is where a person sat last in a class and whether they have
// ended their turn.
type SeatVisit struct {
	Seat      Seat
	ArrivedAt time.Time
	// LeftAt is when they finished their turn; zero while they are still
	// taking part.
	LeftAt time.Time
}

// Left reports whether the person has ended their turn.
func (v SeatVisit) Left() bool { return !v.LeftAt.IsZero() }

// TakeSeat records that the person checked in to class sessionID at seat
// (again): the seat replaces the one used before and a turn ended earlier
// is open again.
func (s *Store) TakeSeat(ctx context.Context, sessionID, participantID string, seat Seat) error {
	if seat != SeatLaptop && seat != SeatPhone {
		return fmt.Errorf("take seat: %w: seat %q", ErrInvalid, seat)
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO seats (session_id, participant_id, seat, arrived_at)
		VALUES (?, ?, ?, ?) ON CONFLICT (session_id, participant_id)
		DO UPDATE SET seat = excluded.seat, arrived_at = excluded.arrived_at, left_at = NULL`,
		sessionID, participantID, string(seat), s.clk.stamp())
	if err != nil {
		return fmt.Errorf("take seat: %w", err)
	}
	return nil
}

// LeaveSeat records that the person ended their turn in class sessionID.
// Someone with no seat recorded (checked in before seats were kept) gets
// one at the laptop.
func (s *Store) LeaveSeat(ctx context.Context, sessionID, participantID string) error {
	ts := s.clk.stamp()
	_, err := s.db.ExecContext(ctx, `INSERT INTO seats (session_id, participant_id, seat, arrived_at, left_at)
		VALUES (?, ?, 'laptop', ?, ?) ON CONFLICT (session_id, participant_id)
		DO UPDATE SET left_at = excluded.left_at`, sessionID, participantID, ts, ts)
	if err != nil {
		return fmt.Errorf("leave seat: %w", err)
	}
	return nil
}

// Seats returns where each person of class sessionID sat last, by
// participant id.
func (s *Store) Seats(ctx context.Context, sessionID string) (map[string]SeatVisit, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT participant_id, seat, arrived_at, left_at
		FROM seats WHERE session_id = ?`, sessionID)
	if err != nil {
		return nil, fmt.Errorf("seats: %w", err)
	}
	defer rows.Close()
	out := map[string]SeatVisit{}
	for rows.Next() {
		var pid, seat string
		var at, left sql.NullString
		if err := rows.Scan(&pid, &seat, &at, &left); err != nil {
			return nil, fmt.Errorf("seats: %w", err)
		}
		out[pid] = SeatVisit{Seat: Seat(seat), ArrivedAt: parseTime(at), LeftAt: parseTime(left)}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("seats: %w", err)
	}
	return out, nil
}
