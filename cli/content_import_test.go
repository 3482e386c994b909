package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kynangso/lessons"
)

func TestContentImportGIFT(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join("..", "quiz", "testdata", "moodle.gift")
	code, out, errOut := execCLI(t, "content", "import", "gift", src, "--module", "antoan-2", "--skill", "4", "--title", "An toàn 2", "-o", dir)
	if code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	for _, want := range []string{src + ":40: bỏ qua: câu tự luận không có lựa chọn", src + ":43: bỏ qua: câu ghép đôi"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if n := strings.Count(errOut, "bỏ qua"); n != 6 {
		t.Errorf("%d skipped lines on stderr, want 6:\n%s", n, errOut)
	}
	for _, want := range []string{"kynangso --content " + dir + " content check", filepath.Join(dir, "antoan-2", "lesson.vi.md") + ", mỗi trang bắt đầu bằng dòng \"# Tiêu đề\"", "dịch sang en"} {
		if !strings.Contains(out, want) {
			t.Errorf("the author's next steps lack %q:\n%s", want, out)
		}
	}
	pack, probs := lessons.LoadDir(dir)
	m := pack.Module("antoan-2")
	if m == nil || len(m.Questions) != 8 || m.Skill != 4 || m.Title["vi"] != "An toàn 2" || m.QuestionsPerAttempt != 8 {
		t.Fatalf("module not written as asked: %+v", m)
	}
	// What participants see is a page for them, titled with the module.
	if p := m.Pages["vi"]; len(p) != 1 || p[0].Title != "An toàn 2" || !strings.HasPrefix(p[0].Body, "Bài này chỉ có phần câu hỏi. Bạn có thể làm bài kiểm tra ngay;") {
		t.Errorf("placeholder lesson: %+v", p)
	}
	for _, p := range probs {
		if !strings.Contains(p.Msg, "missing the en text") && p.File != "antoan-2/lesson.en.md" {
			t.Errorf("unexpected problem: %s", p)
		}
	}

	code, _, errOut = execCLI(t, "content", "import", "gift", src, "--module", "antoan-2", "-o", dir)
	if code == 0 || !strings.Contains(errOut, "--force") {
		t.Errorf("second import: exit %d, stderr:\n%s", code, errOut)
	}
	code, _, errOut = execCLI(t, "--lang", "en", "content", "import", "aiken", filepath.Join("..", "quiz", "testdata", "bank.aiken.txt"), "--module", "antoan-2", "-o", dir, "--force")
	if code != 0 || !strings.Contains(errOut, ":22: skipped: missing ANSWER: line after the options") {
		t.Errorf("forced import: exit %d, stderr:\n%s", code, errOut)
	}
	if pack, _ := lessons.LoadDir(dir); len(pack.Module("antoan-2").Questions) != 4 {
		t.Errorf("--force did not replace the questions")
	}
}

func TestContentImportBadInput(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.gift")
	if err := os.WriteFile(empty, []byte("// chỉ có chú thích\n::a::{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gift := filepath.Join("..", "quiz", "testdata", "moodle.gift")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"unknown format", []string{"qti", gift, "--module", "x"}, "gift, aiken"},
		{"bad module id", []string{"gift", gift, "--module", "An Toàn"}, "không hợp lệ"},
		{"no module flag", []string{"gift", gift}, "module"},
		{"skill out of range", []string{"gift", gift, "--module", "x", "--skill", "9"}, "1 đến 5"},
		{"missing file", []string{"gift", filepath.Join(dir, "nope.gift"), "--module", "x"}, "không mở được"},
		{"a folder", []string{"gift", dir, "--module", "x"}, "là một thư mục, không phải tệp"},
		{"nothing importable", []string{"gift", empty, "--module", "x"}, "không nhập được câu hỏi nào"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := execCLI(t, append([]string{"content", "import"}, append(tc.args, "-o", dir)...)...)
			if code == 0 || !strings.Contains(strings.ToLower(errOut), strings.ToLower(tc.want)) {
				t.Errorf("exit %d, want non-zero and %q in stderr:\n%s", code, tc.want, errOut)
			}
			if _, err := os.Stat(filepath.Join(dir, "x")); err == nil {
				t.Errorf("a failed import wrote a module folder")
			}
		})
	}
}

// The imported text is tagged with the language of the pack it goes into,
// not with the interface language: --lang en only changes the messages.
func TestContentImportTextLanguage(t *testing.T) {
	gift := filepath.Join("..", "quiz", "testdata", "moodle.gift")
	writePack := func(t *testing.T, langs string) string {
		dir := t.TempDir()
		data := "id: xa-ea-tu\nversion: 1.0.0\nlanguages: " + langs + "\n"
		if err := os.WriteFile(filepath.Join(dir, "pack.yaml"), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	for _, tc := range []struct {
		name     string
		dir      func(t *testing.T) string
		uiLang   string
		flags    []string
		wantLang string
		wantOut  string
	}{
		{"no pack.yaml: vi, whatever --lang", func(t *testing.T) string { return t.TempDir() }, "en", nil, "vi", "(8 questions, in vi)"},
		{"pack.yaml [vi]", func(t *testing.T) string { return writePack(t, "[vi]") }, "en", nil, "vi", "lesson.vi.md"},
		{"pack.yaml [en, vi]", func(t *testing.T) string { return writePack(t, "[en, vi]") }, "vi", nil, "en", "lesson.en.md"},
		{"--text-lang overrides", func(t *testing.T) string { return writePack(t, "[vi, en]") }, "vi", []string{"--text-lang", "en"}, "en", "dịch sang vi"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := tc.dir(t)
			args := append([]string{"--lang", tc.uiLang, "content", "import", "gift", gift, "--module", "nhap", "-o", dir}, tc.flags...)
			code, out, errOut := execCLI(t, args...)
			if code != 0 || !strings.Contains(out, tc.wantOut) {
				t.Fatalf("exit %d, want %q in stdout:\n%s\nstderr:\n%s", code, tc.wantOut, out, errOut)
			}
			pack, _ := lessons.LoadDir(dir)
			m := pack.Module("nhap")
			if m == nil || m.Questions[0].Prompt[tc.wantLang] == "" || len(m.Pages[tc.wantLang]) != 1 || m.Title[tc.wantLang] != "nhap" {
				t.Fatalf("module text not in %s: %+v", tc.wantLang, m)
			}
		})
	}
	for _, tc := range []struct {
		name, langs string
		args        []string
		want        string
	}{
		{"language the pack does not list", "[vi]", []string{"--text-lang", "en"}, "not en"},
		{"not a language code", "[vi]", []string{"--text-lang", "Tiếng Việt"}, "not a language code"},
		{"broken pack.yaml", "[vi", nil, "has problems"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writePack(t, tc.langs)
			args := append([]string{"content", "import", "gift", gift, "--module", "nhap", "-o", dir}, tc.args...)
			code, _, errOut := execCLI(t, args...)
			if code == 0 || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, want an error with %q:\n%s", code, tc.want, errOut)
			}
			if _, err := os.Stat(filepath.Join(dir, "nhap")); err == nil {
				t.Errorf("a refused import wrote the module")
			}
		})
	}
}
