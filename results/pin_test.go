package results

import (
	"context"
	"errors"
	"kynangso/internal/testclock"
	"path/filepath"
	"testing"
	"time"
)

func TestValidPIN(t *testing.T) {
	for pin, want := range map[string]bool{
		"1234": true, "12345678": true, "123": false, "123456789": false,
		"12a4": false, "": false, "١٢٣٤": false, " 1234": false,
	} {
		if got := ValidPIN(pin); got != want {
			t.Errorf("ValidPIN(%q) = %v, want %v", pin, got, want)
		}
	}
}

func TestPINWait(t *testing.T) {
	cases := []struct {
		failures int
		want     time.Duration
	}{
		{0, 0}, {4, 0}, {5, time.Second}, {6, 2 * time.Second}, {7, 4 * time.Second},
		{14, 512 * time.Second}, {15, PINMaxWait}, {16, PINMaxWait}, {1000, PINMaxWait},
	}
	for _, c := range cases {
		if got := PINWait(c.failures); got != c.want {
			t.Errorf("PINWait(%d) = %v, want %v", c.failures, got, c.want)
		}
	}
}

// TestSetPINStoresArgon2id decodes the stored hash and checks its
// parameters, so a weaker setting cannot slip in unnoticed.
func TestSetPINStoresArgon2id(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "pin.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if has, err := s.HasPIN(ctx); err != nil || has {
		t.Fatalf("HasPIN on a new database = %v, %v", has, err)
	}
	if err := s.SetPIN(ctx, "12a4"); !errors.Is(err, ErrBadPIN) {
		t.Fatalf("SetPIN(12a4) = %v, want ErrBadPIN", err)
	}
	if err := s.SetPIN(ctx, "2468"); err != nil {
		t.Fatal(err)
	}
	h, ok, err := s.Setting(ctx, SettingPINHash)
	if err != nil || !ok {
		t.Fatalf("stored hash: %q %v %v", h, ok, err)
	}
	p, salt, key, err := DecodePINHash(h)
	if err != nil {
		t.Fatal(err)
	}
	if p.Memory < 19456 || p.Time < 2 || p.Threads != 1 {
		t.Errorf("parameters %+v, want memory ≥ 19456 KiB, time ≥ 2, 1 thread", p)
	}
	if len(salt) < 16 || len(key) < 32 {
		t.Errorf("salt %d bytes, key %d bytes", len(salt), len(key))
	}
	// A second hash of the same PIN uses another salt.
	h2, _ := HashPIN("2468", DefaultPINParams)
	if h2 == h {
		t.Error("two hashes of one PIN are equal: the salt is not random")
	}
	for pin, want := range map[string]bool{"2468": true, "2469": false, "24680": false} {
		if got, err := VerifyPIN(pin, h); err != nil || got != want {
			t.Errorf("VerifyPIN(%q) = %v, %v; want %v", pin, got, err, want)
		}
	}
}

// TestCheckPINBackoffSurvivesRestart walks the back-off with an injected
// clock, closing and reopening the database between tries.
func TestCheckPINBackoffSurvivesRestart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "pin.db")
	now := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	clk := testclock.Fixed(now) // the store's clock, for PINState
	open := func() *Store {
		s, err := Open(ctx, path, WithClock(clk.Now))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	s := open()
	if err := s.SetPIN(ctx, "1357"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	for i := 1; i <= 5; i++ {
		s = open()
		r, err := s.CheckPIN(ctx, "0000", now)
		s.Close()
		if err != nil || r.OK || r.TooEarly || r.Failures != i {
			t.Fatalf("wrong try %d: %+v, %v", i, r, err)
		}
		if want := PINWait(i); r.Wait != want {
			t.Fatalf("wrong try %d: wait %v, want %v", i, r.Wait, want)
		}
	}
	// The 5th failure set a 1 s wait: a try now is refused without counting,
	// even the right PIN, and even after a restart.
	s = open()
	r, err := s.CheckPIN(ctx, "1357", now.Add(500*time.Millisecond))
	if err != nil || r.OK || !r.TooEarly || r.Failures != 5 || r.Wait != 500*time.Millisecond {
		t.Fatalf("early try: %+v, %v", r, err)
	}
	s.Close()
	// Each further wrong PIN doubles the wait.
	at := now.Add(time.Second)
	for i, want := range []time.Duration{2 * time.Second, 4 * time.Second, 8 * time.Second} {
		s = open()
		r, err := s.CheckPIN(ctx, "9999", at)
		s.Close()
		if err != nil || r.OK || r.Wait != want || r.Failures != 6+i {
			t.Fatalf("wrong try %d: %+v, %v; want wait %v", 6+i, r, err, want)
		}
		at = at.Add(want)
	}
	s = open()
	defer s.Close()
	clk.Set(at.Add(-time.Second))
	failures, next, err := s.PINState(ctx)
	if err != nil || failures != 8 || !next.Equal(at) {
		t.Fatalf("state after restart: %d failures, next %v (%v); want 8, %v", failures, next, err, at)
	}
	r, err = s.CheckPIN(ctx, "1357", at)
	if err != nil || !r.OK {
		t.Fatalf("right PIN after the wait: %+v, %v", r, err)
	}
	if failures, next, _ := s.PINState(ctx); failures != 0 || !next.IsZero() {
		t.Fatalf("a right PIN must clear the back-off: %d, %v", failures, next)
	}
}

func TestResetPINKeepsData(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "pin.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := s.CreateParticipant(ctx, Participant{FullName: "Y Bih Niê", BirthYear: 1960, Village: "Buôn Đôn", ConsentVersion: ConsentVersion, ConsentAt: testNow()})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetPIN(ctx, "4739"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CheckPIN(ctx, "0000", testNow()); err != nil {
		t.Fatal(err)
	}
	if err := s.ResetPIN(ctx); err != nil {
		t.Fatal(err)
	}
	if has, _ := s.HasPIN(ctx); has {
		t.Error("PIN still set after ResetPIN")
	}
	if n, _, _ := s.PINState(ctx); n != 0 {
		t.Errorf("failures after reset = %d", n)
	}
	if _, err := s.CheckPIN(ctx, "4739", testNow()); !errors.Is(err, ErrNotFound) {
		t.Errorf("CheckPIN without a PIN = %v, want ErrNotFound", err)
	}
	if got, err := s.Participant(ctx, p.ID); err != nil || got.FullName != "Y Bih Niê" {
		t.Errorf("participant after reset: %+v, %v", got, err)
	}
}

// BenchmarkVerifyPIN measures one PIN check with the default parameters
// (the wait a trainer sees after pressing Enter).
func BenchmarkVerifyPIN(b *testing.B) {
	h, err := HashPIN("2468", DefaultPINParams)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if ok, err := VerifyPIN("2468", h); err != nil || !ok {
			b.Fatal(ok, err)
		}
	}
}

// When the clock goes backwards after a long wait was set, the wait is
// capped at PINMaxWait, and the cap is stored: the PIN works once that
// maximum has passed on the new clock.
func TestCheckPINWaitCappedWhenClockGoesBack(t *testing.T) {
	ctx := context.Background()
	clk := testclock.Fixed(time.Date(2031, 1, 1, 8, 0, 0, 0, time.UTC)) // a clock set years ahead
	s, err := Open(ctx, filepath.Join(t.TempDir(), "pin.db"), WithClock(clk.Now))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SetPIN(ctx, "1357"); err != nil {
		t.Fatal(err)
	}
	for range PINFreeTries + 8 { // a wait of over 4 minutes, then the cap
		if _, err := s.CheckPIN(ctx, "0000", clk.Now()); err != nil {
			t.Fatal(err)
		}
		clk.Advance(PINMaxWait)
	}
	clk.Advance(-PINMaxWait)
	clk.Set(clk.Now().AddDate(-5, 0, 0)) // the clock corrected
	now := clk.Now()
	// The page reads the state first: the stored wait is already capped.
	if _, next, _ := s.PINState(ctx); !next.Equal(now.Add(PINMaxWait)) {
		t.Fatalf("next try stored as %v, want %v", next, now.Add(PINMaxWait))
	}
	r, err := s.CheckPIN(ctx, "1357", now)
	if err != nil || r.OK || !r.TooEarly || r.Wait != PINMaxWait {
		t.Fatalf("try after the clock went back: %+v, %v; want refused with wait %v", r, err, PINMaxWait)
	}
	clk.Advance(PINMaxWait)
	r, err = s.CheckPIN(ctx, "1357", clk.Now())
	if err != nil || !r.OK || r.Failures != PINFreeTries+8 {
		t.Fatalf("right PIN after the capped wait: %+v, %v; want OK, told of %d wrong tries", r, err, PINFreeTries+8)
	}
}

// A failure counter or next-try time that cannot be read (a hand edit, a
// bug) fails closed: it means the longest wait, never no wait.
func TestPINBackoffFailsClosed(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct{ key, value string }{
		{SettingPINFailures, "lots"}, {SettingPINFailures, "-3"}, {SettingPINNextTry, "tomorrow"},
	} {
		clk := testclock.Fixed(testclock.Start)
		s, err := Open(ctx, filepath.Join(t.TempDir(), "pin.db"), WithClock(clk.Now))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SetPIN(ctx, "1357"); err != nil {
			t.Fatal(err)
		}
		if err := s.SetSetting(ctx, c.key, c.value); err != nil {
			t.Fatal(err)
		}
		r, err := s.CheckPIN(ctx, "0000", clk.Now())
		if c.key == SettingPINNextTry {
			if err != nil || !r.TooEarly || r.Wait != PINMaxWait {
				t.Errorf("%s=%q: %+v %v; want refused for %v", c.key, c.value, r, err, PINMaxWait)
			}
		} else if err != nil || r.Wait != PINMaxWait {
			t.Errorf("%s=%q: a wrong PIN then waits %v (%v); want %v", c.key, c.value, r.Wait, err, PINMaxWait)
		}
		s.Close()
	}
}

func TestTrivialPIN(t *testing.T) {
	for pin, want := range map[string]bool{
		"0000": true, "7777": true, "1234": true, "3456": true, "9876": true, "12345678": true,
		"1212": true, "1960": true, "1999": true, "2005": true, "123456": true, "654321": true,
		"1357": false, "2468": false, "4739": false, "2100": false, "1235": false, "80516": false, "12abc": false,
	} {
		if got := TrivialPIN(pin); got != want {
			t.Errorf("TrivialPIN(%q) = %v, want %v", pin, got, want)
		}
	}
	s := openTest(t)
	if err := s.SetPIN(context.Background(), "1234"); !errors.Is(err, ErrTrivialPIN) {
		t.Fatalf("SetPIN(1234) = %v, want ErrTrivialPIN", err)
	}
	if ok, _ := s.HasPIN(context.Background()); ok {
		t.Fatal("a trivial PIN was stored")
	}
}
