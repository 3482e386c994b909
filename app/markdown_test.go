package app

import (
	"kynangso/app/ui"
	"strings"
	"testing"

	"kynangso/flow"
)

func TestParseMarkdown(t *testing.T) {
	body := "# Tiêu đề\n## Phụ\nDòng một\ndòng hai.\n\n1. Bước một\n   tiếp bước một\n2) Bước hai\n- Ý **đậm**\n\n```message Tin nhắn\nXin chào\nBác\n```\n**Ghi nhớ:** Cẩn thận\nnhé.\nRemember: this"
	got := parseMarkdown(body)
	want := []block{
		{kind: blockHeading, text: "Tiêu đề"},
		{kind: blockSubheading, text: "Phụ"},
		{kind: blockPara, text: "Dòng một dòng hai."},
		{kind: blockStep, label: "1.", text: "Bước một tiếp bước một"},
		{kind: blockStep, label: "2)", text: "Bước hai"},
		{kind: blockBullet, text: "Ý **đậm**"},
		{kind: blockMessage, label: "Tin nhắn", text: "Xin chào\nBác"},
		{kind: blockRemember, text: "**Ghi nhớ:** Cẩn thận nhé."},
		{kind: blockRemember, text: "Remember: this"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d blocks %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("block %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestRenderMarkdownWrapsAndBoxes(t *testing.T) {
	st := ui.NewStyles(true)
	body := "Một đoạn văn rất dài để kiểm tra việc xuống dòng đúng chỗ khi màn hình hẹp.\n\n```message Zalo\nBấm vào đây để nhận quà\n```\n\n**Ghi nhớ:** Không bấm link lạ."
	for _, w := range []int{30, 58, 76} {
		lines := renderMarkdown(parseMarkdown(body), w, st)
		plain := stripAll(lines)
		for _, l := range plain {
			if ui.WidthOf(l) > w {
				t.Errorf("width %d: line too wide: %q", w, l)
			}
		}
		joined := strings.Join(plain, "\n")
		for _, want := range []string{"╭─ Zalo ", "│ Bấm vào đây", "╰─", "▌ Ghi nhớ: Không bấm link lạ."} {
			if !strings.Contains(joined, want) {
				t.Errorf("width %d: missing %q in\n%s", w, want, joined)
			}
		}
	}
}

func TestRegisterFormValidation(t *testing.T) {
	cat := ui.NewCatalog(ui.LangVI)
	ok := flow.Registration{Name: " Nguyễn  Văn A ", Year: "1960", Village: "Thôn 3", Phone: "+84 912 345 678"}
	tests := []struct {
		name  string
		edit  func(f *flow.Registration)
		field int
		msg   string
	}{
		{"empty name", func(f *flow.Registration) { f.Name = "  " }, fieldName, "Xin gõ họ và tên."},
		{"short name", func(f *flow.Registration) { f.Name = "A" }, fieldName, "ít nhất hai chữ cái"},
		{"letters in year", func(f *flow.Registration) { f.Year = "19a0" }, fieldYear, "4 chữ số"},
		{"two-digit year", func(f *flow.Registration) { f.Year = "60" }, fieldYear, "4 chữ số"},
		{"future year", func(f *flow.Registration) { f.Year = "2030" }, fieldYear, "từ 1916 đến 2021"},
		{"too old", func(f *flow.Registration) { f.Year = "1900" }, fieldYear, "từ 1916 đến 2021"},
		{"no village", func(f *flow.Registration) { f.Village = "" }, fieldVillage, "thôn, buôn"},
		{"letters in phone", func(f *flow.Registration) { f.Phone = "09123abc" }, fieldPhone, "10 chữ số"},
		{"short phone", func(f *flow.Registration) { f.Phone = "0912" }, fieldPhone, "10 chữ số"},
	}
	for _, tt := range tests {
		f := ok
		tt.edit(&f)
		_, errs := ui.ValidateForm(cat, f, 2026)
		if len(errs) != 1 || !strings.Contains(errs[tt.field], tt.msg) {
			t.Errorf("%s: errors %v, want %q on field %d", tt.name, errs, tt.msg, tt.field)
		}
	}
	p, errs := ui.ValidateForm(cat, ok, 2026)
	if len(errs) != 0 || p.FullName != "Nguyễn Văn A" || p.BirthYear != 1960 || p.Phone != "0912345678" {
		t.Fatalf("valid form: %+v %v", p, errs)
	}
}
