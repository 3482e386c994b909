package app

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"

	"kynangso/lessons"
	"kynangso/results"
)

// term runs the real kynangso binary in a pseudo-terminal of 80×24.
type term struct {
	t   *testing.T
	cmd *exec.Cmd
	pty *os.File
	mu  sync.Mutex
	out bytes.Buffer
	end chan struct{}
}

func startTerm(t *testing.T, bin, db string) *term {
	t.Helper()
	cmd := exec.Command(bin, "--db", db)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "NO_COLOR=")
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 80})
	if err != nil {
		t.Fatalf("start in a pty: %v", err)
	}
	tm := &term{t: t, cmd: cmd, pty: f, end: make(chan struct{})}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := f.Read(buf)
			tm.mu.Lock()
			tm.out.Write(buf[:n])
			tm.mu.Unlock()
			if err != nil {
				close(tm.end)
				return
			}
		}
	}()
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = f.Close() })
	return tm
}

// send types keys: strings as text, then named keys as escape sequences.
func (tm *term) send(keys ...string) {
	for _, k := range keys {
		if _, err := tm.pty.Write([]byte(k)); err != nil {
			tm.t.Fatalf("write to the pty: %v", err)
		}
		time.Sleep(15 * time.Millisecond) // one key per read, as a person types
	}
}

// waitFor waits until the output (escape codes removed) contains s.
func (tm *term) waitFor(s string) {
	tm.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		tm.mu.Lock()
		got := stripSeq(tm.out.String())
		tm.mu.Unlock()
		if strings.Contains(got, s) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	tm.mu.Lock()
	defer tm.mu.Unlock()
	tm.t.Fatalf("timed out waiting for %q; output so far:\n%s", s, stripSeq(tm.out.String()))
}

// stripSeq removes escape sequences so text drawn in one go can be matched.
func stripSeq(s string) string { return strings.ReplaceAll(ansiStrip(s), "\r", "") }

// waitUntil polls cond for up to 30 s (generous: CI runs packages in parallel on 2 cores).
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatalf("timed out waiting until %s", what)
}

const (
	kEnter = "\r"
	kTab   = "\t"
	kRight = "\x1b[C"
	kCtrlC = "\x03"
)

// TestWholeProgramResumeAfterKill registers a person with a Vietnamese name,
// starts a quiz, kills the program with SIGKILL mid-quiz, restarts it, checks
// the same person in and finishes the quiz; the store must show one attempt,
// resumed (same id) and finished with every answer.
func TestWholeProgramResumeAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the real binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "kns")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "class.db")
	ctx := context.Background()
	// Trainer mode opens the PIN setup at the first start when no PIN is
	// set; a laptop already set up goes straight to the welcome screen.
	if err := openStore(t, db).SetPIN(ctx, "2468"); err != nil {
		t.Fatalf("set the trainer PIN: %v", err)
	}

	// The trainer has set a PIN already (otherwise the app opens the
	// trainer's PIN creation first).
	store := openStore(t, db)
	if err := store.SetPIN(ctx, "2468"); err != nil {
		t.Fatalf("set the trainer PIN: %v", err)
	}

	// First run: register and answer part of the quiz.
	tm := startTerm(t, bin, db)
	tm.waitFor("Bắt đầu")
	tm.send(kCtrlC, kEnter) // Ctrl+C does nothing in the kiosk
	tm.waitFor("Tìm tên của bạn")
	tm.send("Hoàng Thị Ngọc Ánh", kEnter)
	tm.waitFor("Đăng ký người học mới")
	tm.send(kTab, "1961", kTab, kTab, "Buôn Kô Siêr", kTab, kTab, kTab, kEnter)
	tm.waitFor("lưu thông tin")
	tm.send("1") // consent is an explicit choice: 1 agrees
	tm.waitFor("Xin chào")
	tm.send("k")

	var who results.Participant
	waitUntil(t, "the person is stored", func() bool {
		ps, err := store.SearchParticipants(ctx, "hoang anh", 5)
		if err == nil && len(ps) == 1 {
			who = ps[0]
		}
		return who.ID != ""
	})
	if who.FullName != "Hoàng Thị Ngọc Ánh" || who.BirthYear != 1961 || who.ConsentVersion != results.ConsentVersion {
		t.Fatalf("stored %+v", who)
	}
	modID := firstModuleWithQuiz(t)
	var first results.Attempt
	waitUntil(t, "the quiz has started", func() bool {
		a, _, ok, err := store.InProgressAttempt(ctx, who.ID, modID)
		first = a
		return err == nil && ok
	})
	tm.waitFor("Câu 1/")
	answerSome(t, tm, store, first.ID, 3)
	if err := tm.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-tm.end
	_ = tm.cmd.Wait()

	// Second run: check the same person in and finish.
	tm = startTerm(t, bin, db)
	tm.waitFor("Bắt đầu")
	tm.send(kEnter)
	tm.waitFor("Tìm tên của bạn")
	tm.send("ngoc anh")
	tm.waitFor("sinh 1961")
	tm.send(kEnter)
	tm.waitFor("Xin chào")
	tm.send("k")
	answerSome(t, tm, store, first.ID, len(first.QuestionIDs))
	waitUntil(t, "the attempt is finished", func() bool {
		tm.send(kRight) // after the last answer: the result (ignored until saved)
		atts, err := store.Attempts(ctx, who.ID)
		return err == nil && len(atts) == 1 && atts[0].State == results.StateFinished
	})
	tm.waitFor("Kết quả")
	_ = tm.cmd.Process.Kill()
	<-tm.end
	_ = tm.cmd.Wait()

	atts, err := store.Attempts(ctx, who.ID)
	if err != nil || len(atts) != 1 {
		t.Fatalf("attempts %+v, %v: want exactly one", atts, err)
	}
	if atts[0].ID != first.ID {
		t.Fatalf("attempt %s finished, but %s was started: not resumed", atts[0].ID, first.ID)
	}
	ans, err := store.Answers(ctx, first.ID)
	if err != nil || len(ans) != len(first.QuestionIDs) {
		t.Fatalf("%d answers (%v), want %d", len(ans), err, len(first.QuestionIDs))
	}
	for i, a := range ans {
		if a.QuestionID != first.QuestionIDs[i] {
			t.Fatalf("answer %d is to %s, want %s (same order after resume)", i, a.QuestionID, first.QuestionIDs[i])
		}
	}
}

// answerSome answers with choice 1 until the attempt has n answers, moving
// on with → after each one is stored. A key that arrives while the app is
// still busy (loading, saving) is ignored by design, so each step is
// repeated until the store shows its effect rather than timed with sleeps.
func answerSome(t *testing.T, tm *term, store *results.Store, attemptID string, n int) {
	t.Helper()
	ctx := context.Background()
	count := func() int {
		ans, err := store.Answers(ctx, attemptID)
		if err != nil {
			return -1
		}
		return len(ans)
	}
	deadline := time.Now().Add(60 * time.Second)
	for have := count(); have < n; have = count() {
		if time.Now().After(deadline) {
			t.Fatalf("only %d of %d answers stored", have, n)
		}
		tm.send("1", kEnter)
		wait := time.Now().Add(2 * time.Second)
		for count() == have && time.Now().Before(wait) {
			time.Sleep(20 * time.Millisecond)
		}
		if count() > have && count() < n {
			tm.send(kRight)
		}
	}
}

func openStore(t *testing.T, path string) *results.Store {
	t.Helper()
	s, err := results.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("open the store: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// firstModuleWithQuiz is the module the menu's first row opens.
func firstModuleWithQuiz(t *testing.T) string {
	t.Helper()
	pack, err := lessons.Builtin()
	if err != nil || len(pack.Modules) == 0 {
		t.Fatalf("built-in pack: %v", err)
	}
	return pack.Modules[0].ID
}
