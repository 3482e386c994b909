package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A negative or absurd --idle-minutes is refused before the TUI opens, with
// a message naming the flag; the flag is documented in the help.
func TestIdleMinutesFlag(t *testing.T) {
	for _, v := range []string{"-1", "1441"} {
		var out, errOut bytes.Buffer
		code := run(context.Background(), []string{"--db", t.TempDir() + "/k.db", "--idle-minutes", v}, &out, &errOut)
		if code != 1 || !strings.Contains(errOut.String(), "idle-minutes") {
			t.Fatalf("--idle-minutes %s: exit %d, stderr:\n%s", v, code, errOut.String())
		}
	}
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"--help"}, &out, &errOut); code != 0 {
		t.Fatalf("--help: exit %d", code)
	}
	if !strings.Contains(out.String(), "--idle-minutes") {
		t.Fatalf("--help does not document --idle-minutes:\n%s", out.String())
	}
}

// viOnlyPack imports the Moodle test bank into a pack whose pack.yaml lists
// only Vietnamese: valid on its own, but without the English the app offers.
func viOnlyPack(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "pack.yaml"), []byte("id: xa-ea-tu\nversion: 1.0.0\nlanguages: [vi]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gift := filepath.Join("..", "quiz", "testdata", "moodle.gift")
	if code, _, errOut := execCLI(t, "content", "import", "gift", gift, "--module", "nhap", "-o", dir); code != 0 {
		t.Fatalf("import: exit %d\n%s", code, errOut)
	}
	return dir
}

// The app does not open on a --content folder with problems: it lists them
// and says how to check and how to start without the folder. The built-in
// pack alone always opens.
func TestTUIRefusesBadContent(t *testing.T) {
	for _, tc := range []struct {
		name, content string
		want          []string
	}{
		{"missing folder", filepath.Join(t.TempDir(), "khong-co"), []string{"không tìm thấy thư mục nội dung", "was not found"}},
		{"problems", badPack, []string{badPack + "/mau/module.yaml:2: skill must be 1 to 5", "ứng dụng chưa mở", "the app did not open",
			"kynangso --content " + badPack + " content check", "without --content"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := execCLI(t, "--db", filepath.Join(t.TempDir(), "k.db"), "--content", tc.content)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			for _, w := range tc.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
			if out != "" {
				t.Errorf("stdout should be empty:\n%s", out)
			}
		})
	}
	// A module in only some of the app's languages (a Vietnamese-only bank
	// just imported) is served with a warning, in the language it has.
	var warn bytes.Buffer
	vi := viOnlyPack(t)
	pack, err := tuiPack(&Options{errOut: &warn, Content: vi})
	if err != nil || pack.Module("nhap") == nil {
		t.Fatalf("Vietnamese-only content: %v\n%s", err, warn.String())
	}
	if w := "cảnh báo / warning: " + filepath.ToSlash(filepath.Clean(vi)) + "/nhap/module.yaml: module nhap has no en translation"; !strings.Contains(warn.String(), w) {
		t.Fatalf("no warning %q:\n%s", w, warn.String())
	}
	var errOut bytes.Buffer
	pack, err = tuiPack(&Options{errOut: &errOut})
	if err != nil || pack == nil || len(pack.Modules) < 5 || errOut.Len() != 0 {
		t.Fatalf("built-in pack alone: %v, %v\n%s", pack, err, errOut.String())
	}
	pack, err = tuiPack(&Options{errOut: &errOut, Content: goodPack})
	if err != nil || pack.Module("mau") == nil {
		t.Fatalf("good --content: %v\n%s", err, errOut.String())
	}
}

// `--content DIR content check` checks the pack as the app will see it:
// a folder without the English the app offers fails, though `content check
// DIR` alone passes for its own languages. A missing --content folder is an
// error for `content list` too.
func TestContentCheckMergedLanguages(t *testing.T) {
	dir := viOnlyPack(t)
	code, out, _ := execCLI(t, "content", "check", dir)
	if code != 0 || !strings.HasSuffix(out, "(vi)\n") {
		t.Errorf("content check DIR: exit %d\n%s", code, out)
	}
	code, out, _ = execCLI(t, "--content", dir, "content", "check")
	if code != 1 || !strings.Contains(out, "module nhap has no en translation, but the app teaches in vi, en") || strings.Contains(out, "OK:") {
		t.Errorf("--content DIR content check: exit %d\n%s", code, out)
	}
	code, _, errOut := execCLI(t, "--content", filepath.Join(dir, "khong-co"), "content", "list")
	if code != 1 || !strings.Contains(errOut, "was not found") {
		t.Errorf("content list with a missing folder: exit %d\n%s", code, errOut)
	}
}
