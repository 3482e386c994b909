// Package safetext makes untrusted text (names people type, content from
// packs, imported files) safe to show in a terminal and to search: NFC
// normalisation, removal of terminal escape sequences, control and bidi
// characters, and a diacritic-free search key.
package safetext

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// isBidi reports the Unicode bidirectional formatting characters that can
// reorder what a terminal shows (the "Trojan Source" set) and other invisible
// format characters that have no place in a name.
func isBidi(r rune) bool {
	switch {
	case r >= 0x202A && r <= 0x202E, // LRE RLE PDF LRO RLO
		r >= 0x2066 && r <= 0x2069,            // LRI RLI FSI PDI
		r == 0x200E, r == 0x200F, r == 0x061C: // LRM RLM ALM
		return true
	}
	return false
}

// Text cleans multi-line text: it strips ANSI/OSC escape sequences, control
// characters (keeping newlines; tabs become spaces) and bidi controls, and
// normalises to NFC. Use it for content and anything shown in several lines.
func Text(s string) string {
	if s == "" {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = ansi.Strip(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t':
			b.WriteByte(' ')
		case r == unicode.ReplacementChar:
			b.WriteRune(r)
		case unicode.IsControl(r), isBidi(r), r == 0xFEFF:
			// dropped
		default:
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

// Line cleans a single-line field such as a name or village: like Text, but
// newlines become spaces and runs of spaces collapse to one, trimmed.
func Line(s string) string {
	s = Text(s)
	return strings.Join(strings.Fields(s), " ")
}

var foldMarks = runes.Remove(runes.In(unicode.Mn))

// Fold returns the diacritic-free lowercase search key of s: "Nguyễn Văn Đức"
// becomes "nguyen van duc". đ and Đ have no decomposed form, so they are
// mapped to d by hand.
func Fold(s string) string {
	s = Line(s)
	s = strings.NewReplacer("đ", "d", "Đ", "d").Replace(s)
	t := transform.Chain(norm.NFD, foldMarks, norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.ToLower(out)
}

// Slug makes a readable ASCII id or file-name part of s: without
// diacritics (đ→d), lower case, runs of other characters turned into single
// hyphens ("Câu 1: Mật khẩu" becomes "cau-1-mat-khau"). It is cut at a word
// boundary to at most maxLen bytes when maxLen > 0, and is "" when nothing
// usable is left.
func Slug(s string, maxLen int) string {
	var b strings.Builder
	dash := false
	for _, r := range Fold(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	out := b.String()
	if maxLen > 0 && len(out) > maxLen {
		cut := out[:maxLen]
		if out[maxLen] != '-' {
			if i := strings.LastIndexByte(cut, '-'); i > 0 {
				cut = cut[:i]
			}
		}
		out = strings.TrimRight(cut, "-")
	}
	return out
}
