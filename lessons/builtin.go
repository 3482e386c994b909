package lessons

import (
	"embed"
	"io/fs"
	"sync"
)

//go:embed builtin
var builtinFiles embed.FS

// BuiltinFS returns the files of the built-in pack, as Load reads them.
func BuiltinFS() fs.FS {
	sub, err := fs.Sub(builtinFiles, "builtin")
	if err != nil {
		panic("lessons: embedded pack missing: " + err.Error()) // cannot happen: go:embed checked it
	}
	return sub
}

// builtinOnce parses the embedded pack once: it never changes while the
// program runs, and every screen and command asks for it.
var builtinOnce = sync.OnceValues(func() (*Pack, error) {
	p, probs := Load(BuiltinFS())
	if len(probs) > 0 {
		return p, Problems(probs)
	}
	return p, nil
})

// Builtin returns the built-in pack embedded in the binary. The pack is
// parsed once and shared: callers must not change it (use Merge to build a
// new one). When the pack has problems, the error is a Problems listing
// them all and the pack holds the modules that could be read.
func Builtin() (*Pack, error) {
	return builtinOnce()
}
