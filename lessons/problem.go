package lessons

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with a content pack, found by Load. File is
// relative to the pack folder with forward slashes; Line is 1-based, or 0
// when the problem concerns the whole file (for example a missing file).
type Problem struct {
	File string
	Line int
	Msg  string
}

// String formats the problem as FILE:LINE: message (FILE: message when the
// problem has no line), the form editors and CI logs link to.
func (p Problem) String() string {
	switch {
	case p.File == "":
		return p.Msg
	case p.Line <= 0:
		return p.File + ": " + p.Msg
	default:
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
}

// Problems is a list of problems usable as an error, so loaders can return
// every problem at once and callers can still print them one per line.
type Problems []Problem

// Error lists the problems one per line after a count.
func (ps Problems) Error() string {
	if len(ps) == 0 {
		return "no problems"
	}
	var b strings.Builder
	if len(ps) == 1 {
		b.WriteString("content pack has 1 problem:")
	} else {
		fmt.Fprintf(&b, "content pack has %d problems:", len(ps))
	}
	for _, p := range ps {
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	return b.String()
}

// WithPrefix returns the problems with prefix joined in front of each file
// name, for showing problems of a pack that lives in another folder.
func (ps Problems) WithPrefix(prefix string) Problems {
	if prefix == "" {
		return ps
	}
	prefix = strings.TrimSuffix(prefix, "/") + "/"
	out := make(Problems, len(ps))
	for i, p := range ps {
		if p.File != "" {
			p.File = prefix + p.File
		}
		out[i] = p
	}
	return out
}

// problemList collects problems while a pack loads.
type problemList struct{ items []Problem }

func (l *problemList) add(file string, line int, format string, args ...any) {
	l.items = append(l.items, Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}
