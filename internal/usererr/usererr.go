// Package usererr holds the errors meant for the person at the keyboard: a
// Vietnamese sentence first, then the same in English, each saying what went
// wrong and what to do next, with the technical cause kept for errors.Is and
// errors.As.
//
// Go's convention (staticcheck ST1005) wants error strings in lower case
// without a final full stop, because they are usually wrapped into longer
// messages. These are not: they are whole sentences printed as they are, so
// they are built here instead of with fmt.Errorf, and the check stays on for
// every other error.
package usererr

import "strings"

// Error is a message for the user in Vietnamese and English, wrapping the
// cause that led to it (nil when there is none).
type Error struct {
	// VI is the Vietnamese text: one or more full sentences.
	VI string
	// EN is the same text in English.
	EN string
	// Err is the cause, shown after the sentences and matched by errors.Is.
	Err error
}

// New returns an error whose message is vi, a new line, then en; when err is
// not nil its text follows on a line of its own, in brackets, for whoever
// helps the trainer, and errors.Is and errors.As see through to it.
func New(vi, en string, err error) error {
	return &Error{VI: vi, EN: en, Err: err}
}

// Error gives the Vietnamese text, the English text and the cause, one to a
// line.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(strings.TrimRight(e.VI, "\n"))
	if e.EN != "" {
		b.WriteString("\n")
		b.WriteString(strings.TrimRight(e.EN, "\n"))
	}
	if e.Err != nil {
		if cause := e.Err.Error(); cause != "" {
			b.WriteString("\n(" + cause + ")")
		}
	}
	return b.String()
}

// Unwrap returns the cause, so errors.Is and errors.As find it.
func (e *Error) Unwrap() error { return e.Err }
