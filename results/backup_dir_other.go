//go:build !windows

package results

import (
	"errors"
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

// errNoKnownFolders says the system has no known-folder API: only Windows
// does, elsewhere the Documents folder comes from $XDG_DOCUMENTS_DIR or the
// home folder.
var errNoKnownFolders = errors.New("no known-folder API on this system")

// knownDocumentsDir fails outside Windows; see errNoKnownFolders.
func knownDocumentsDir() (string, error) { return "", errNoKnownFolders }
