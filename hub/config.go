package hub

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// EnvHub names the environment variable that gives the hub address
// instead of the saved one (postgres://team:password@host/db?sslmode=...).
const EnvHub = "KYNANGSO_HUB"

// ErrNoHub means no hub address is set: neither KYNANGSO_HUB nor a saved
// one (kynangso hub set).
var ErrNoHub = errors.New("hub: no hub address is set")

// ErrBadAddress wraps a plain description of a hub address that cannot be
// used.
var ErrBadAddress = errors.New("hub: the hub address cannot be used")

// Config is where and as whom a laptop reaches the hub.
type Config struct {
	// DSN is the PostgreSQL connection string, password included. Never
	// print it: Masked is what may be shown.
	DSN string
}

// Masked is the address with its password replaced by "***", for messages.
func (c Config) Masked() string { return Mask(c.DSN, c.DSN) }

// Password returns the password the address holds ("" for none).
func (c Config) Password() string {
	pc, err := pgconn.ParseConfig(c.DSN)
	if err != nil {
		return ""
	}
	return pc.Password
}

var userinfoRE = regexp.MustCompile(`(postgres(?:ql)?://[^:/@\s]*):[^@\s]*@`)
var passwordKV = regexp.MustCompile(`(?i)(password\s*=\s*)('[^']*'|\S+)`)

// Mask returns text with every trace of the password of dsn replaced by
// "***": the URL's user information, a password=... setting and the
// password itself wherever it appears (an error that quotes it).
func Mask(text, dsn string) string {
	// The password itself first: a pattern may stop at a space inside it.
	out := text
	if pw := (Config{DSN: dsn}).Password(); len(pw) >= 3 {
		for _, form := range []string{pw, url.QueryEscape(pw), url.PathEscape(pw), (&url.URL{User: url.UserPassword("u", pw)}).User.String()[2:]} {
			out = strings.ReplaceAll(out, form, "***")
		}
	}
	out = userinfoRE.ReplaceAllString(out, "$1:***@")
	return passwordKV.ReplaceAllString(out, "${1}***")
}

// maskedError hides the password in an error's text while keeping it
// inspectable with errors.Is and errors.As.
type maskedError struct {
	err error
	dsn string
}

func (e maskedError) Error() string { return Mask(e.err.Error(), e.dsn) }
func (e maskedError) Unwrap() error { return e.err }

// maskErr wraps err so that its text never shows the password of dsn.
func maskErr(err error, dsn string) error {
	if err == nil {
		return nil
	}
	return maskedError{err: err, dsn: dsn}
}

// Validate checks an address before it is saved or used: a PostgreSQL URL
// or key=value string that names a user and a database, with an sslmode of
// disable (only for a hub on the same machine or a private network),
// require, verify-ca or verify-full; prefer and allow are refused, because
// they fall back to no encryption without saying so.
func Validate(dsn string) error {
	dsn = strings.TrimSpace(dsn)
	if dsn == "" {
		return fmt.Errorf("%w: it is empty", ErrBadAddress)
	}
	pc, err := pgconn.ParseConfig(dsn)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrBadAddress, maskErr(err, dsn))
	}
	if pc.User == "" || pc.Database == "" {
		return fmt.Errorf("%w: it must name the team's user and the hub database, like postgres://team@host/kynangso?sslmode=require", ErrBadAddress)
	}
	mode := sslMode(dsn)
	switch mode {
	case "disable", "require", "verify-ca", "verify-full":
		return nil
	case "":
		return fmt.Errorf("%w: add sslmode=require (or verify-full) so the connection is encrypted; sslmode=disable only for a hub on this machine", ErrBadAddress)
	}
	return fmt.Errorf("%w: sslmode=%s may fall back to no encryption; use require, verify-ca or verify-full", ErrBadAddress, mode)
}

// sslMode reads the sslmode the address asks for ("" when it asks none).
func sslMode(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		return u.Query().Get("sslmode")
	}
	for _, f := range strings.Fields(dsn) {
		if k, v, ok := strings.Cut(f, "="); ok && strings.TrimSpace(k) == "sslmode" {
			return strings.Trim(v, "'")
		}
	}
	return ""
}

// ConfigPath is the file that keeps the hub address: hub.conf in the
// user's kynangso configuration folder (on Windows in the user's profile,
// %AppData%\kynangso).
func ConfigPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the configuration folder: %w", err)
	}
	return filepath.Join(dir, "kynangso", "hub.conf"), nil
}

// Save keeps the address in path, readable and writable by the user only
// (mode 0600, in a folder only the user can enter), written to a temporary
// file and renamed so a cut-off write never leaves half an address.
func Save(path string, c Config) error {
	if err := Validate(c.DSN); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("save hub address: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".hub-*.tmp")
	if err != nil {
		return fmt.Errorf("save hub address: %w", err)
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	if err := f.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
		f.Close()
		return fmt.Errorf("save hub address: %w", err)
	}
	if _, err := f.WriteString(strings.TrimSpace(c.DSN) + "\n"); err != nil {
		f.Close()
		return fmt.Errorf("save hub address: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("save hub address: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("save hub address: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("save hub address: %w", err)
	}
	return nil
}

// Load returns the hub address: KYNANGSO_HUB when set (getenv reads it,
// os.Getenv in production), else the one saved in path. A saved file that
// others can read is refused: the password would be exposed.
func Load(path string, getenv func(string) string) (Config, error) {
	if v := strings.TrimSpace(getenv(EnvHub)); v != "" {
		return Config{DSN: v}, Validate(v)
	}
	fi, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return Config{}, ErrNoHub
	}
	if err != nil {
		return Config{}, fmt.Errorf("read hub address: %w", err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		return Config{}, fmt.Errorf("%w: %s can be read by other users (mode %v); run `chmod 600 %s` or set the address again", ErrBadAddress, path, fi.Mode().Perm(), path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("read hub address: %w", err)
	}
	c := Config{DSN: strings.TrimSpace(string(b))}
	return c, Validate(c.DSN)
}
