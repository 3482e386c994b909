package hub

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// Each kind of trouble a sync meets is told apart, wrapped or not, so the
// trainer is told the step that fixes it.
func TestTroubleOf(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10e9)
	defer cancel()
	_, refused := Connect(ctx, Config{DSN: "postgres://eatu1:pw@127.0.0.1:1/kynangso?sslmode=disable&connect_timeout=5"})
	tests := []struct {
		err  error
		want Trouble
	}{
		{nil, TroubleNone},
		{ErrNoHub, TroubleNoHub},
		{fmt.Errorf("%w: sslmode=prefer", ErrBadAddress), TroubleAddress},
		{maskErr(fmt.Errorf("sync: %w", ErrNotTeam), ""), TroubleNotTeam},
		{fmt.Errorf("x: %w", ErrNewerSchema), TroubleAppOld},
		{ErrOlderSchema, TroubleHubOld},
		{ErrNotHub, TroubleHubOld},
		{fmt.Errorf("sync: %w", context.Canceled), TroubleStopped},
		{&pgconn.PgError{Code: "28P01"}, TroubleLogin},
		{fmt.Errorf("connect: %w", &pgconn.PgError{Code: "28000"}), TroubleLogin},
		{&pgconn.PgError{Code: "57P01"}, TroubleConnection},
		{&pgconn.PgError{Code: "23505"}, TroubleHub},
		{refused, TroubleConnection},
		{fmt.Errorf("read: %w", context.DeadlineExceeded), TroubleConnection},
		{fmt.Errorf("save ledger: %w", os.ErrPermission), TroubleLocal},
		{errors.New("database is locked"), TroubleLocal},
	}
	for _, tt := range tests {
		if got := TroubleOf(tt.err); got != tt.want {
			t.Errorf("TroubleOf(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

// A login the hub does not know, and a connection the hub drops during a
// sync, as the real server reports them.
func TestTroubleOfRealHub(t *testing.T) {
	ctx := context.Background()
	h := newTestHub(t)
	_, err := Connect(ctx, Config{DSN: h.dsn("nobody_here")})
	if got := TroubleOf(err); got != TroubleLogin {
		t.Errorf("an unknown login: %v gives %v, want TroubleLogin", err, got)
	}
	conn := h.connect(t, "")
	victim := h.connect(t, "")
	var pid int
	must(t, victim.QueryRow(ctx, `SELECT pg_backend_pid()`).Scan(&pid))
	_, err = conn.Exec(ctx, `SELECT pg_terminate_backend($1)`, pid)
	must(t, err)
	_, err = victim.Exec(ctx, `SELECT 1`)
	if got := TroubleOf(err); got != TroubleConnection {
		t.Errorf("a dropped connection: %v gives %v, want TroubleConnection", err, got)
	}
}
