package results

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// FileName is the database file's name in portable mode and in the user
// data folder.
const FileName = "kynangso.db"

// EnvDB names the environment variable that chooses the database file.
const EnvDB = "KYNANGSO_DB"

// ResolvePath chooses the database file: the --db flag if given, else
// $KYNANGSO_DB, else portable mode (kynangso.db beside the program, used when
// that file exists, so a USB stick carries its own data), else the per-user
// data folder (created with mode 0700). how says which rule chose it: "flag",
// "env", "portable" or "user", so the app can tell the trainer where the data
// lives.
func ResolvePath(flag string) (path string, how string, err error) {
	path, how, err = LocatePath(flag)
	if err != nil || how != "user" {
		return path, how, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", "", fmt.Errorf("create data folder %s: %w", filepath.Dir(path), err)
	}
	return path, how, nil
}

// LocatePath is ResolvePath without creating anything: commands that only
// read the data, and messages that name the default file, use it.
func LocatePath(flag string) (path string, how string, err error) {
	if flag != "" {
		return flag, "flag", nil
	}
	if env := os.Getenv(EnvDB); env != "" {
		return env, "env", nil
	}
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		p := filepath.Join(filepath.Dir(exe), FileName)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			return p, "portable", nil
		}
	}
	dir, err := UserDataDir()
	if err != nil {
		return "", "", err
	}
	return filepath.Join(dir, FileName), "user", nil
}

// UserDataDir returns kynangso's per-user data folder: $XDG_DATA_HOME/kynangso
// or ~/.local/share/kynangso on Linux and other Unix systems,
// %LOCALAPPDATA%\kynangso on Windows, ~/Library/Application Support/kynangso
// on macOS. It does not create it.
func UserDataDir() (string, error) {
	return userDataDir(runtime.GOOS, os.Getenv, os.UserHomeDir)
}

func userDataDir(goos string, getenv func(string) string, home func() (string, error)) (string, error) {
	switch goos {
	case "windows":
		if d := getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, "kynangso"), nil
		}
		if d := getenv("APPDATA"); d != "" {
			return filepath.Join(d, "kynangso"), nil
		}
		return "", errors.New("find data folder: %LOCALAPPDATA% is not set; use --db FILE")
	case "darwin", "ios":
		h, err := home()
		if err != nil {
			return "", fmt.Errorf("find data folder: %w; use --db FILE", err)
		}
		return filepath.Join(h, "Library", "Application Support", "kynangso"), nil
	default:
		if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
			return filepath.Join(d, "kynangso"), nil
		}
		h, err := home()
		if err != nil {
			return "", fmt.Errorf("find data folder: %w; use --db FILE", err)
		}
		return filepath.Join(h, ".local", "share", "kynangso"), nil
	}
}
