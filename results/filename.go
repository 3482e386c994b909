package results

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/google/uuid"
)

// FreeFileName returns path if no file or folder has that name, else the
// first free name made by adding -2, -3, ... before the extension
// (diem-danh.xlsx, diem-danh-2.xlsx, ...). Exports use it so that a file
// someone already opened and edited is never replaced. Another program may
// still take the name before it is used; callers that must not overwrite
// should write to a temporary file and rename at the last moment.
func FreeFileName(path string) string {
	if !nameTaken(path) {
		return path
	}
	ext := filepath.Ext(path)
	base := strings.TrimSuffix(path, ext)
	for i := 2; i < 10_000; i++ {
		p := base + "-" + strconv.Itoa(i) + ext
		if !nameTaken(p) {
			return p
		}
	}
	// Every name is taken, or the folder cannot be read: a name with a
	// random part is free in practice, and the caller's write reports why
	// if the folder is unusable.
	return base + "-" + strings.ReplaceAll(uuid.NewString(), "-", "")[:12] + ext
}

// nameTaken reports whether anything has that name; an unreadable folder
// counts as taken, so the caller never writes over what it cannot see.
func nameTaken(path string) bool {
	_, err := os.Lstat(path)
	return !errors.Is(err, os.ErrNotExist)
}
