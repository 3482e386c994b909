package results

import (
	"unicode"
	"unicode/utf8"
)

// MaxNameLen is the longest full name, village or household the store
// accepts, in characters. Longer text is refused with a message, never cut.
const MaxNameLen = 80

// NameIssue says what is wrong with a full name, for the screens to put in
// their own words.
type NameIssue int

// The name issues CheckName finds.
const (
	NameOK         NameIssue = iota
	NameEmpty                // nothing left once cleaned
	NameFewLetters           // fewer than two letters: only marks, emoji, digits or invisible characters
	NameTooLong              // more than MaxNameLen characters
)

// CheckName applies the registration rules to a cleaned name: at least two
// letters (so a name made only of combining marks, emoji or invisible
// characters is refused) and at most MaxNameLen characters. Registration,
// correction, import and merge all use it.
func CheckName(name string) NameIssue {
	switch n := utf8.RuneCountInString(name); {
	case n == 0:
		return NameEmpty
	case n > MaxNameLen:
		return NameTooLong
	}
	letters := 0
	for _, r := range name {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < 2 {
		return NameFewLetters
	}
	return NameOK
}

// String describes the issue in English for error messages and logs.
func (i NameIssue) String() string {
	switch i {
	case NameEmpty:
		return "the full name is empty"
	case NameFewLetters:
		return "the full name needs at least two letters"
	case NameTooLong:
		return "the full name is longer than 80 characters"
	}
	return "the full name is fine"
}
