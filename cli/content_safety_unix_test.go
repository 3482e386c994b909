//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// hostileContent copies the good pack with lesson.en.md a link to
// /dev/zero, quiz.yaml a FIFO and a bidi override in pack.yaml: files that
// made content check read without end, block forever, or say OK.
func hostileContent(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(goodPack)); err != nil {
		t.Fatal(err)
	}
	mau := filepath.Join(dir, "mau")
	for _, f := range []string{"lesson.en.md", "quiz.yaml"} {
		if err := os.Remove(filepath.Join(mau, f)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("/dev/zero", filepath.Join(mau, "lesson.en.md")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(mau, "quiz.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	pack, err := os.ReadFile(filepath.Join(dir, "pack.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	pack = []byte(strings.Replace(string(pack), "Test pack", "Test \u202epack", 1))
	if err := os.WriteFile(filepath.Join(dir, "pack.yaml"), pack, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// execPromptly is execCLI that fails instead of hanging the test run.
func execPromptly(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	type result struct {
		code     int
		out, err string
	}
	done := make(chan result, 1)
	go func() {
		code, out, errOut := execCLI(t, args...)
		done <- result{code, out, errOut}
	}()
	select {
	case r := <-done:
		return r.code, r.out, r.err
	case <-time.After(30 * time.Second):
		t.Fatalf("kynangso %s did not return", strings.Join(args, " "))
		return 0, "", ""
	}
}

func TestContentCheckRefusesFilesThatAreNotFiles(t *testing.T) {
	dir := hostileContent(t)
	code, out, _ := execPromptly(t, "content", "check", dir)
	for _, want := range []string{
		"mau/lesson.en.md: đây là liên kết tới /dev/zero, một thiết bị, không phải tệp văn bản",
		"mau/quiz.yaml: đây là một ống dẫn (FIFO), không phải tệp văn bản",
		"pack.yaml:6: cột 12: ký tự ẩn U+202E RIGHT-TO-LEFT OVERRIDE",
		"FAIL: 3 problems in 3 files",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("content check lacks %q:\n%s", want, out)
		}
	}
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	code, out, errOut := execPromptly(t, "--content", dir, "content", "list")
	if code != 0 || !strings.Contains(errOut, "Warning: the content has 3 problems") || !strings.Contains(out, "mau") {
		t.Errorf("content list --content: exit %d\n%s\n%s", code, out, errOut)
	}
}
