package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// A web address or code with a hyphen stays on one line: lipgloss alone
// broke "p0stmart-qua.cc" after the hyphen, the very thing people are
// taught to read letter by letter. Other words still wrap at spaces.
func TestWrapKeepsHyphenatedWordsWhole(t *testing.T) {
	st := NewStyles(true)
	for _, c := range []struct {
		text string
		w    int
	}{
		{"Trang giao hàng giả có địa chỉ p0stmart-qua.cc, không phải của bưu điện.", 40},
		{"Bấm link de nhan giai truoc 24h: nhanqua-sh.cc ngay", 41},
		{st.Bold.Render("Địa chỉ trang: shopee-sale80.cc, đuôi lạ"), 22},
	} {
		lines := Wrap(c.text, c.w)
		for _, l := range lines {
			if WidthOf(l) > c.w {
				t.Errorf("%q at %d: line %q is too wide", c.text, c.w, l)
			}
			if strings.HasSuffix(l, "-") || strings.Contains(l, "\u2011") {
				t.Errorf("%q at %d: a line ends in a hyphen or keeps the stand-in: %q", c.text, c.w, l)
			}
		}
		if got := ansi.Strip(strings.Join(lines, " ")); got != ansi.Strip(c.text) {
			t.Errorf("%q at %d: text changed: %q", c.text, c.w, got)
		}
	}
}
