//go:build !windows

package results

import (
	"os"
	"os/user"
	"path/filepath"
)

// removableDrives lists mounted removable drives: on Linux desktops they are
// mounted under /media/$USER or /run/media/$USER.
func removableDrives() []string {
	name := os.Getenv("USER")
	if name == "" {
		if u, err := user.Current(); err == nil {
			name = u.Username
		}
	}
	if name == "" {
		return nil
	}
	return mountedUnder(filepath.Join("/media", name), filepath.Join("/run/media", name))
}
