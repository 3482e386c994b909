package results

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/crypto/argon2"
)

// Settings keys of the trainer PIN. They are local to this laptop (settings
// are never merged), so each laptop has its own PIN.
const (
	// SettingPINHash holds the PIN as an encoded argon2id hash.
	SettingPINHash = "trainer_pin_hash"
	// SettingPINFailures holds the number of wrong PINs since the last right one.
	SettingPINFailures = "trainer_pin_failures"
	// SettingPINNextTry holds the earliest time (UTC, TimeLayout) a PIN may
	// be tried again after too many wrong ones.
	SettingPINNextTry = "trainer_pin_next_try"
)

// PIN rules.
const (
	// PINMinLen and PINMaxLen bound the number of digits in a PIN.
	PINMinLen = 4
	PINMaxLen = 8
	// PINFreeTries is how many wrong PINs are allowed before each further
	// try has to wait.
	PINFreeTries = 5
	// PINMaxWait caps the wait between tries.
	PINMaxWait = 15 * time.Minute
)

// PINParams are the argon2id parameters a PIN hash is made with; they are
// stored inside the encoded hash so they can be raised later without
// invalidating older hashes.
type PINParams struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
	KeyLen  uint32
	SaltLen uint32
}

// DefaultPINParams follow OWASP's argon2id minimum (19 MiB, 2 passes, 1
// thread), which takes a few tens of milliseconds on a classroom laptop.
var DefaultPINParams = PINParams{Memory: 19456, Time: 2, Threads: 1, KeyLen: 32, SaltLen: 16}

// ErrBadPIN means a PIN is not 4 to 8 digits.
var ErrBadPIN = errors.New("results: a PIN is 4 to 8 digits")

// ValidPIN reports whether pin is 4 to 8 ASCII digits.
func ValidPIN(pin string) bool {
	if len(pin) < PINMinLen || len(pin) > PINMaxLen {
		return false
	}
	for _, r := range pin {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// ErrTrivialPIN means a PIN anyone could guess: one digit repeated, a run
// such as 1234 or 9876, a pair repeated (1212) or a birth year (19xx,
// 20xx).
var ErrTrivialPIN = errors.New("results: the PIN is too easy to guess")

// TrivialPIN reports whether a valid PIN is one a participant could guess
// at the first try: every digit the same (0000), a run up or down (1234,
// 3456, 9876), a repeated pair (1212) or a four-digit year from 1900 to
// 2099, the first thing people try after their own birth year.
func TrivialPIN(pin string) bool {
	if !ValidPIN(pin) {
		return false
	}
	up, down, same := true, true, true
	for i := 1; i < len(pin); i++ {
		d := int(pin[i]) - int(pin[i-1])
		up, down, same = up && d == 1, down && d == -1, same && d == 0
	}
	pair := len(pin)%2 == 0
	for i := 2; i < len(pin); i++ {
		pair = pair && pin[i] == pin[i-2]
	}
	year := len(pin) == 4 && (pin[:2] == "19" || pin[:2] == "20")
	return up || down || same || pair || year
}

// HashPIN returns pin hashed with argon2id under a fresh random salt, in the
// PHC string format: $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>.
func HashPIN(pin string, p PINParams) (string, error) {
	if !ValidPIN(pin) {
		return "", ErrBadPIN
	}
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash PIN: random salt: %w", err)
	}
	key := argon2.IDKey([]byte(pin), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version,
		p.Memory, p.Time, p.Threads, enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// DecodePINHash parses an encoded hash made by HashPIN into its parameters,
// salt and key.
func DecodePINHash(encoded string) (PINParams, []byte, []byte, error) {
	var p PINParams
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return p, nil, nil, errors.New("decode PIN hash: not an argon2id hash")
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return p, nil, nil, fmt.Errorf("decode PIN hash: unsupported version %q", parts[2])
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return p, nil, nil, fmt.Errorf("decode PIN hash parameters: %w", err)
	}
	enc := base64.RawStdEncoding
	salt, err := enc.DecodeString(parts[4])
	if err != nil {
		return p, nil, nil, fmt.Errorf("decode PIN hash salt: %w", err)
	}
	key, err := enc.DecodeString(parts[5])
	if err != nil {
		return p, nil, nil, fmt.Errorf("decode PIN hash key: %w", err)
	}
	if p.Memory == 0 || p.Time == 0 || p.Threads == 0 || len(key) == 0 {
		return p, nil, nil, errors.New("decode PIN hash: empty parameters")
	}
	p.SaltLen, p.KeyLen = uint32(len(salt)), uint32(len(key))
	return p, salt, key, nil
}

// VerifyPIN reports whether pin matches an encoded hash, in constant time.
func VerifyPIN(pin, encoded string) (bool, error) {
	p, salt, key, err := DecodePINHash(encoded)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(pin), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// PINWait is how long the next try must wait after failures wrong PINs in a
// row: nothing for the first PINFreeTries, then 1 s doubling each time up to
// PINMaxWait.
func PINWait(failures int) time.Duration {
	if failures < PINFreeTries {
		return 0
	}
	n := failures - PINFreeTries
	if n >= 10 { // 2^10 s is already past the cap
		return PINMaxWait
	}
	return min(time.Second<<n, PINMaxWait)
}

// HasPIN reports whether a trainer PIN is set on this laptop.
func (s *Store) HasPIN(ctx context.Context) (bool, error) {
	v, ok, err := s.Setting(ctx, SettingPINHash)
	if err != nil {
		return false, fmt.Errorf("read trainer PIN: %w", err)
	}
	return ok && v != "", nil
}

// SetPIN stores a new trainer PIN (4–8 digits, not TrivialPIN:
// ErrTrivialPIN) and clears the back-off.
func (s *Store) SetPIN(ctx context.Context, pin string) error {
	if TrivialPIN(pin) {
		return ErrTrivialPIN
	}
	h, err := HashPIN(pin, DefaultPINParams)
	if err != nil {
		return err
	}
	return s.withTx(ctx, "set trainer PIN", func(tx *sql.Tx) error {
		if err := s.putSetting(ctx, tx, SettingPINHash, h); err != nil {
			return err
		}
		return clearBackoff(ctx, tx)
	})
}

// ResetPIN removes the trainer PIN and its back-off state, keeping every
// other record; the app then asks for a new PIN at its next start.
func (s *Store) ResetPIN(ctx context.Context) error {
	return s.withTx(ctx, "reset trainer PIN", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, SettingPINHash); err != nil {
			return err
		}
		return clearBackoff(ctx, tx)
	})
}

// PINCheck is the outcome of one PIN try.
type PINCheck struct {
	// OK is true when the PIN was right.
	OK bool
	// Wait is how long until the next try is allowed. When a try comes too
	// early the PIN is not looked at, OK is false and Failures unchanged.
	Wait time.Duration
	// TooEarly is true when the try was refused because of the wait.
	TooEarly bool
	// Failures is the number of wrong PINs in a row, this one included.
	// After a right PIN it is the number of wrong ones since the last right
	// one, for the trainer to be told.
	Failures int
}

// pinCorruptFailures is the failure count a malformed counter reads as: a
// count whose wait is PINMaxWait. The back-off fails closed: a counter that
// cannot be read must never reset the wait to nothing.
const pinCorruptFailures = PINFreeTries + 10

// parseFailures reads a stored failure counter; a malformed or negative one
// reads as pinCorruptFailures.
func parseFailures(v string, ok bool) int {
	if !ok {
		return 0
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 {
		return pinCorruptFailures
	}
	return n
}

// PINState returns the back-off state: wrong PINs in a row and the earliest
// next try (zero when a try is allowed at once). It fails closed and is
// capped: a malformed counter reads as the maximum wait, a malformed next
// try as PINMaxWait from now, and a next try further than PINMaxWait ahead
// (the clock went back) is pulled in to now+PINMaxWait and stored that way,
// so no wait ever exceeds PINMaxWait whatever the clock did.
func (s *Store) PINState(ctx context.Context) (failures int, next time.Time, err error) {
	return s.pinState(ctx, s.clk.now())
}

// pinState is PINState at time now.
func (s *Store) pinState(ctx context.Context, now time.Time) (failures int, next time.Time, err error) {
	v, ok, err := s.Setting(ctx, SettingPINFailures)
	if err != nil {
		return 0, time.Time{}, err
	}
	failures = parseFailures(v, ok)
	v, ok, err = s.Setting(ctx, SettingPINNextTry)
	if err != nil || !ok {
		return failures, time.Time{}, err
	}
	next = parseTime(sql.NullString{String: v, Valid: true})
	if next.IsZero() && strings.TrimSpace(v) != "" || next.Sub(now) > PINMaxWait {
		next = now.Add(PINMaxWait)
		err := s.withTx(ctx, "cap trainer PIN wait", func(tx *sql.Tx) error {
			return s.putSetting(ctx, tx, SettingPINNextTry, fmtTime(next))
		})
		if err != nil {
			return 0, time.Time{}, err
		}
	}
	return failures, next, nil
}

// CheckPIN tries pin at time now. A right PIN clears the back-off; a wrong
// one is counted and, past PINFreeTries, sets the earliest next try. The
// count and the time are committed before CheckPIN returns, so the wait
// survives a restart of the app.
func (s *Store) CheckPIN(ctx context.Context, pin string, now time.Time) (PINCheck, error) {
	h, ok, err := s.Setting(ctx, SettingPINHash)
	if err != nil {
		return PINCheck{}, fmt.Errorf("check trainer PIN: %w", err)
	}
	if !ok || h == "" {
		return PINCheck{}, fmt.Errorf("check trainer PIN: no PIN set: %w", ErrNotFound)
	}
	failures, next, err := s.pinState(ctx, now)
	if err != nil {
		return PINCheck{}, fmt.Errorf("check trainer PIN: %w", err)
	}
	if now.Before(next) {
		return s.tooEarly(ctx, failures, next, now)
	}
	right, err := VerifyPIN(pin, h)
	if err != nil {
		return PINCheck{}, fmt.Errorf("check trainer PIN: %w", err)
	}
	var res PINCheck
	err = s.withTx(ctx, "check trainer PIN", func(tx *sql.Tx) error {
		if right {
			res = PINCheck{OK: true, Failures: failures}
			return clearBackoff(ctx, tx)
		}
		// Count again inside the transaction so two windows cannot both
		// record the same failure number.
		var cur string
		switch err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, SettingPINFailures).Scan(&cur); {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return err
		}
		n := parseFailures(cur, cur != "")
		n++
		wait := PINWait(n)
		res = PINCheck{Failures: n, Wait: wait}
		if err := s.putSetting(ctx, tx, SettingPINFailures, strconv.Itoa(n)); err != nil {
			return err
		}
		return s.putSetting(ctx, tx, SettingPINNextTry, fmtTime(now.Add(wait)))
	})
	if err != nil {
		return PINCheck{}, err
	}
	return res, nil
}

// tooEarly refuses a try that comes before next. The wait is never longer
// than PINMaxWait: when the laptop's clock went backwards (a flat CMOS
// battery, a wrong time zone corrected), the stored next try can lie hours
// or years ahead, so it is pulled in to now+PINMaxWait and stored that way,
// and the trainer is locked out for at most the usual maximum.
func (s *Store) tooEarly(ctx context.Context, failures int, next, now time.Time) (PINCheck, error) {
	wait := next.Sub(now)
	if wait > PINMaxWait {
		wait = PINMaxWait
		err := s.withTx(ctx, "cap trainer PIN wait", func(tx *sql.Tx) error {
			return s.putSetting(ctx, tx, SettingPINNextTry, fmtTime(now.Add(wait)))
		})
		if err != nil {
			return PINCheck{}, err
		}
	}
	return PINCheck{Wait: wait, TooEarly: true, Failures: failures}, nil
}

// putSetting writes one setting inside tx.
func (s *Store) putSetting(ctx context.Context, tx *sql.Tx, key, value string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
		key, value, s.clk.stamp())
	if err != nil {
		return fmt.Errorf("save setting %s: %w", key, err)
	}
	return nil
}

// clearBackoff forgets wrong PINs.
func clearBackoff(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE key IN (?, ?)`, SettingPINFailures, SettingPINNextTry)
	return err
}
