//go:build !unix

package lessons

import "io/fs"

// Open opens name as os.DirFS does. Outside unix a folder cannot hold a
// FIFO (Windows named pipes live in \\.\pipe\, not in a folder), so an open
// never waits for a writer.
func (c contentFS) Open(name string) (fs.File, error) { return c.base.Open(name) }
