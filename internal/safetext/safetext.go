// Package safetext makes untrusted text (names people type, content from
// packs, imported files) safe to show in a terminal and to search: NFC
// normalisation, removal of terminal escape sequences, control, bidi and
// other invisible format characters, and a diacritic-free search key.
package safetext

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Invisible reports the characters that show nothing yet change what a
// terminal, a search or a spreadsheet does with the text: every format
// character (Unicode category Cf: the bidi controls of "Trojan Source",
// zero-width space and joiners, word joiner, soft hyphen, the byte-order
// mark, tag characters...) and the Hangul fillers, which are letters that
// draw as blanks. Control characters are not included (see Text).
func Invisible(r rune) bool {
	switch r {
	case 0x115F, 0x1160, 0x3164, 0xFFA0: // Hangul fillers
		return true
	}
	return unicode.Is(unicode.Cf, r)
}

// zwj is the zero-width joiner, which emoji sequences such as 👨‍👩‍👧 need.
const zwj = 0x200D

// pictographic approximates Unicode's Extended_Pictographic: the symbol
// blocks emoji come from, plus skin-tone modifiers and the emoji
// variation selector, which may sit before a joiner.
func pictographic(r rune) bool {
	return r >= 0x1F000 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF ||
		r >= 0x2B00 && r <= 0x2BFF || r == 0xFE0F || r == 0x2640 || r == 0x2642
}

// keepJoiner reports whether the invisible rune at rs[i] is part of an emoji
// (a joiner between two pictographs, or a tag of a flag such as 🏴 of
// Scotland), which is kept: emoji are text people type, and only stray
// formatting goes.
func keepJoiner(rs []rune, i int) bool {
	prev := func() rune {
		if i > 0 {
			return rs[i-1]
		}
		return 0
	}
	switch r := rs[i]; {
	case r == zwj:
		return i > 0 && i+1 < len(rs) && pictographic(rs[i-1]) && pictographic(rs[i+1])
	case r >= 0xE0020 && r <= 0xE007F: // tag characters follow 🏴 or each other
		p := prev()
		return p == 0x1F3F4 || p >= 0xE0020 && p <= 0xE007F
	}
	return false
}

// Text cleans multi-line text: it strips ANSI/OSC escape sequences, control
// characters (keeping newlines; tabs become spaces) and invisible format
// characters (Invisible; joiners inside emoji stay), and normalises to NFC.
// Use it for content and anything shown in several lines.
func Text(s string) string {
	if s == "" {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = ansi.Strip(s)
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range rs {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t':
			b.WriteByte(' ')
		case r == unicode.ReplacementChar:
			b.WriteRune(r)
		case unicode.IsControl(r):
			// dropped
		case Invisible(r) && !keepJoiner(rs, i):
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
