package safetext

import "testing"

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
