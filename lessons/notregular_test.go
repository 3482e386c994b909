package lessons

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// copyGood copies the good pack into a new folder the test may change.
func copyGood(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/good")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// loadPromptly runs LoadDir, failing the test rather than hanging it when
// the loader blocks or reads without end (the defects this file guards
// against made LoadDir run for minutes or forever).
func loadPromptly(t *testing.T, dir string) []Problem {
	t.Helper()
	done := make(chan []Problem, 1)
	go func() {
		_, probs := LoadDir(dir)
		done <- probs
	}()
	select {
	case probs := <-done:
		return probs
	case <-time.After(30 * time.Second):
		t.Fatal("LoadDir did not return: it blocked on, or kept reading, a file that is not a regular file")
		return nil
	}
}

// wantOneProblem checks that probs is exactly one whole-file problem about
// file whose text holds each of want.
func wantOneProblem(t *testing.T, probs []Problem, file string, want ...string) {
	t.Helper()
	if len(probs) != 1 || probs[0].File != file || probs[0].Line != 0 {
		t.Fatalf("want one problem about %s, got %v", file, probs)
	}
	for _, w := range want {
		if !strings.Contains(probs[0].String(), w) {
			t.Errorf("problem %q lacks %q", probs[0], w)
		}
	}
}

func TestFolderWhereAFileShouldBe(t *testing.T) {
	dir := copyGood(t)
	name := filepath.Join(dir, "mau", "lesson.en.md")
	if err := os.Remove(name); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(name, 0o755); err != nil {
		t.Fatal(err)
	}
	wantOneProblem(t, loadPromptly(t, dir), "mau/lesson.en.md",
		"mau/lesson.en.md: đây là một thư mục, không phải tệp văn bản: hãy đặt vào chỗ này một tệp văn bản UTF-8 thường tên lesson.en.md",
		" / this is a folder, not a text file")
}

func TestTooLargeFileOnDisk(t *testing.T) {
	dir := copyGood(t)
	big := "# Trang\n\n" + strings.Repeat("x", 3<<20)
	if err := os.WriteFile(filepath.Join(dir, "mau", "lesson.en.md"), []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	wantOneProblem(t, loadPromptly(t, dir), "mau/lesson.en.md",
		"tệp nặng 3,0 MiB, mỗi tệp nội dung phải dưới 1 MiB", "file is 3.0 MiB; content files must be under 1 MiB")
}

// lyingFS reports every file as a regular file of 10 bytes, as a file
// swapped or grown between Stat and Open would look.
type lyingFS struct{ fs.FS }

type smallRegular struct{ fs.FileInfo }

func (smallRegular) Mode() fs.FileMode { return 0o644 }
func (smallRegular) Size() int64       { return 10 }

func (l lyingFS) Stat(name string) (fs.FileInfo, error) {
	st, err := fs.Stat(l.FS, name)
	if err != nil {
		return nil, err
	}
	return smallRegular{st}, nil
}

// The open file is read through a limit, so a file that grows after the
// size check (or whose size was wrong) is still refused, not read whole.
func TestFileGrownAfterStatIsReadThroughALimit(t *testing.T) {
	fsys := goodFS(t)
	fsys["mau/lesson.en.md"] = &fstest.MapFile{Data: []byte("# A\n\n" + strings.Repeat("x", MaxFileSize))}
	_, probs := Load(lyingFS{fsys})
	wantOneProblem(t, probs, "mau/lesson.en.md", "tệp lớn hơn 1 MiB", "file over 1 MiB; content files must be under 1 MiB")
}
