//go:build unix

package lessons

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// replaceWith removes the file mau/NAME of dir and lets make put something
// else there.
func replaceWith(t *testing.T, dir, name string, make func(path string) error) {
	t.Helper()
	p := filepath.Join(dir, "mau", name)
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	if err := make(p); err != nil {
		t.Fatal(err)
	}
}

func TestLinkToDevZeroIsNotRead(t *testing.T) {
	dir := copyGood(t)
	replaceWith(t, dir, "lesson.en.md", func(p string) error { return os.Symlink("/dev/zero", p) })
	wantOneProblem(t, loadPromptly(t, dir), "mau/lesson.en.md",
		"mau/lesson.en.md: đây là liên kết tới /dev/zero, một thiết bị, không phải tệp văn bản",
		"this is a link to /dev/zero, which is a device, not a text file: put an ordinary UTF-8 text file named lesson.en.md in its place")
}

func TestFIFOIsNotOpened(t *testing.T) {
	dir := copyGood(t)
	replaceWith(t, dir, "quiz.yaml", func(p string) error { return syscall.Mkfifo(p, 0o644) })
	replaceWith(t, dir, "lesson.vi.md", func(p string) error {
		fifo := filepath.Join(filepath.Dir(dir), "ong-dan")
		if err := syscall.Mkfifo(fifo, 0o644); err != nil {
			return err
		}
		return os.Symlink(fifo, p)
	})
	probs := loadPromptly(t, dir)
	if len(probs) != 2 {
		t.Fatalf("want 2 problems, got %v", probs)
	}
	wantOneProblem(t, probs[:1], "mau/lesson.vi.md", "đây là liên kết tới ", "ong-dan, một ống dẫn (FIFO), không phải tệp văn bản", "which is a named pipe (FIFO)")
	wantOneProblem(t, probs[1:], "mau/quiz.yaml", "mau/quiz.yaml: đây là một ống dẫn (FIFO), không phải tệp văn bản", "this is a named pipe (FIFO), not a text file")
}

// A FIFO swapped in after the kind was checked is opened without waiting
// for a writer, and refused once open.
func TestFIFOSwappedInAfterStat(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pack.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	l := &loader{fsys: lyingFS{newContentFS(dir)}}
	done := make(chan bool, 1)
	go func() {
		_, ok := l.readFile("pack.yaml", true)
		done <- ok
	}()
	select {
	case ok := <-done:
		if ok {
			t.Fatal("a FIFO was read as a file")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("opening a FIFO blocked, waiting for a writer")
	}
	wantOneProblem(t, l.probs.items, "pack.yaml", "tệp vừa bị thay khi đang đọc", "the file changed while it was read")
}
