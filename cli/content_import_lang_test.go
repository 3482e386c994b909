package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// What content import writes into a pack passes `content check` of that
// pack, whatever the format and whatever the pack's languages: no text in a
// language the pack does not list (the true/false "True" in a
// Vietnamese-only pack), none missing in one it does.
func TestContentImportPassesCheckInEveryFormat(t *testing.T) {
	banks := map[string]string{
		"gift":  filepath.Join("..", "quiz", "testdata", "moodle.gift"),
		"aiken": filepath.Join("..", "quiz", "testdata", "bank.aiken.txt"),
		"csv":   filepath.Join("..", "quiz", "testdata", "vi-headers.csv"),
		"xlsx":  filepath.Join("..", "quiz", "testdata", "vi-headers.xlsx"),
	}
	for _, tc := range []struct{ langs, title string }{
		{"[vi]", `{vi: "Xã Ea Tu"}`},
		{"[ede]", `{ede: "Xã Ea Tu"}`},
		{"[en]", `{en: "Ea Tu commune"}`},
	} {
		for format, file := range banks {
			t.Run(tc.langs+"/"+format, func(t *testing.T) {
				dir := t.TempDir()
				pack := "id: xa-ea-tu\nversion: 1.0.0\nlanguages: " + tc.langs + "\ntitle: " + tc.title + "\n"
				if err := os.WriteFile(filepath.Join(dir, "pack.yaml"), []byte(pack), 0o644); err != nil {
					t.Fatal(err)
				}
				kind := format
				if format == "csv" || format == "xlsx" {
					kind = "sheet"
				}
				code, out, errOut := execCLI(t, "content", "import", kind, file, "--module", "nhap", "--title", "Câu hỏi nhập", "-o", dir)
				if code != 0 {
					t.Fatalf("import: exit %d\n%s\n%s", code, out, errOut)
				}
				quiz, err := os.ReadFile(filepath.Join(dir, "nhap", "quiz.yaml"))
				if err != nil || !strings.Contains(string(quiz), "id: dung") {
					t.Fatalf("the bank's true/false question was not imported as one (%v):\n%s", err, quiz)
				}
				if tc.langs == "[vi]" && strings.Contains(string(quiz), "True") {
					t.Errorf("English true/false words in a Vietnamese-only pack:\n%s", quiz)
				}
				code, out, errOut = execCLI(t, "content", "check", dir)
				if code != 0 || !strings.Contains(out, "\nOK: 1 module") && !strings.HasPrefix(out, "OK: 1 module") {
					t.Errorf("content check after import: exit %d\n%s%s", code, out, errOut)
				}
			})
		}
	}
}
