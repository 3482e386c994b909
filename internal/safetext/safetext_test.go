package safetext

import (
	"testing"
	"unicode"
)

func TestFold(t *testing.T) {
	cases := map[string]string{
		"Nguyễn Văn A":            "nguyen van a",
		"ĐẶNG THỊ ĐÀO":            "dang thi dao",
		"Y\u0301 Kho\u0302":       "y kho", // decomposed input
		"  H'Ben   Niê ":          "h'ben nie",
		"Trần\u202eThị":           "tranthi",
		"Lê\x1b[31mVăn\x1b[0m Tư": "levan tu",
	}
	for in, want := range cases {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLineStripsControlsAndNormalises(t *testing.T) {
	in := "Nguye\u0302\u0303n\x07 \x1b]0;pwned\x07Văn\r\nA\u2066"
	got := Line(in)
	want := "Nguyễn Văn A"
	if got != want {
		t.Fatalf("Line(%q) = %q, want %q", in, got, want)
	}
}

func TestTextKeepsNewlines(t *testing.T) {
	if got := Text("a\r\nb\tc\x00"); got != "a\nb c" {
		t.Fatalf("Text = %q", got)
	}
}

func TestSlug(t *testing.T) {
	cases := []struct {
		in   string
		max  int
		want string
	}{
		{"Câu 1: Mật khẩu", 0, "cau-1-mat-khau"},
		{"Buôn Đôn, xã Ea Tul", 0, "buon-don-xa-ea-tul"},
		{"  --Đắk Lắk--  ", 0, "dak-lak"},
		{"!!!", 0, ""},
		{"thon mot hai ba bon nam", 12, "thon-mot-hai"},
		{"abcdefghijklmnop", 5, "abcde"},
	}
	for _, c := range cases {
		if got := Slug(c.in, c.max); got != c.want {
			t.Errorf("Slug(%q, %d) = %q, want %q", c.in, c.max, got, c.want)
		}
	}
}

// TestLineDropsEveryFormatCharacter walks the whole Unicode category Cf:
// no format character survives between two letters, so no name, village or
// export can carry an invisible one.
func TestLineDropsEveryFormatCharacter(t *testing.T) {
	n := 0
	for _, rg := range unicode.Cf.R16 {
		for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
			n++
			if got := Line("Hoa" + string(r) + "Lan"); got != "HoaLan" {
				t.Errorf("U+%04X survives: %q", r, got)
			}
		}
	}
	for _, rg := range unicode.Cf.R32 {
		for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
			n++
			if got := Line("Hoa" + string(r) + "Lan"); got != "HoaLan" {
				t.Errorf("U+%04X survives: %q", r, got)
			}
		}
	}
	if n < 150 {
		t.Fatalf("only %d format characters checked", n)
	}
	for _, r := range []rune{0x115F, 0x1160, 0x3164, 0xFFA0} {
		if got := Line("Y" + string(r) + "Bih"); got != "YBih" {
			t.Errorf("Hangul filler U+%04X survives: %q", r, got)
		}
	}
}

// TestLineKeepsEmoji: emoji are text people type; only stray formatting
// goes, so the joiners and tags inside an emoji stay.
func TestLineKeepsEmoji(t *testing.T) {
	for _, s := range []string{
		"Bà Hoa 🌸",
		"Gia đình 👨\u200d👩\u200d👧", // family: joined by ZWJ
		"Cô giáo 👩🏽\u200d🏫",        // skin tone + ZWJ
		"🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F", // flag of Scotland (tags)
		"Thương ❤\ufe0f",
	} {
		if got := Line(s); got != s {
			t.Errorf("Line(%q) = %q: emoji changed", s, got)
		}
	}
	if got := Line("Đặng\u200bVăn\u200dZero"); got != "ĐặngVănZero" {
		t.Errorf("zero-width characters between letters kept: %q", got)
	}
}
