package lessons

import (
	"io/fs"
	"os"
)

// contentFS is the file system of a content folder on disk: os.DirFS with
// an Open that never blocks. A content folder is untrusted (a USB stick, a
// download), and a FIFO named lesson.en.md would block os.Open forever
// waiting for a writer; the loader checks the kind of a file before it opens
// it, and this Open (O_NONBLOCK on unix) covers a file swapped in between.
// Links are followed as os.DirFS follows them: a shared lesson kept outside
// the folder still loads, and the loader reads only what is, in the end, a
// regular file.
type contentFS struct {
	base fs.FS // os.DirFS(dir)
	dir  string
}

// newContentFS returns the contentFS of the folder dir.
func newContentFS(dir string) contentFS {
	return contentFS{base: os.DirFS(dir), dir: dir}
}

// Stat returns the FileInfo of name, following links.
func (c contentFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.base, name) }

// Lstat returns the FileInfo of name itself, a link not followed, so a
// problem can say that the file is a link and where it points.
func (c contentFS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(c.base, name) }

// ReadLink returns where the link name points.
func (c contentFS) ReadLink(name string) (string, error) { return fs.ReadLink(c.base, name) }

// ReadDir lists the folder name.
func (c contentFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(c.base, name) }
