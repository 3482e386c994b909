//go:build unix

package cli

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"kynangso/results"
)

// A real SIGINT, then a SIGTERM, cancel the commands' context and are both
// caught: the process goes on to clean up instead of dying.
func TestSignalsCancelTheCommandsContext(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		ctx, stop := notifyContext(context.Background())
		if err := syscall.Kill(syscall.Getpid(), sig); err != nil {
			t.Fatal(err)
		}
		select {
		case <-ctx.Done():
		case <-time.After(5 * time.Second):
			t.Fatalf("%v did not cancel the context", sig)
		}
		// A second signal is caught as well (we are still here once it has
		// arrived): a trainer pressing Ctrl+C twice does not kill the
		// clean-up.
		seen := make(chan os.Signal, 1)
		signal.Notify(seen, sig)
		if err := syscall.Kill(syscall.Getpid(), sig); err != nil {
			t.Fatal(err)
		}
		select {
		case <-seen:
		case <-time.After(5 * time.Second):
			t.Fatalf("the second %v never arrived", sig)
		}
		signal.Stop(seen)
		stop()
	}
}

// An export interrupted by Ctrl+C leaves no temporary file behind: the
// command line runs in a child process (this test binary), the test sends
// it SIGINT the moment the export's temporary file appears, and whether
// the export was cut short or had just finished, the folder holds no
// ".kynangso-export-*" file afterwards.
func TestInterruptedExportCleansUp(t *testing.T) {
	if os.Getenv("KYNANGSO_SIGNAL_CHILD") != "" {
		os.Exit(Execute(context.Background(), strings.Fields(os.Getenv("KYNANGSO_SIGNAL_CHILD"))))
	}
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	if _, err := results.Demo(ctx, db, results.DemoOptions{Participants: 3000, Seed: 11}, nil); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out", "ket-qua.xlsx")
	if err := os.Mkdir(filepath.Dir(out), 0o755); err != nil {
		t.Fatal(err)
	}
	child := exec.Command(os.Args[0], "-test.run=^TestInterruptedExportCleansUp$")
	child.Env = append(os.Environ(), "KYNANGSO_SIGNAL_CHILD=--db "+db+" export results -o "+out)
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	temps := func() []string {
		m, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".kynangso-export-*"))
		return m
	}
	deadline := time.Now().Add(30 * time.Second)
	for len(temps()) == 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond) // polling for the file, not waiting for time to pass
	}
	if err := child.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	err := child.Wait()
	if left := temps(); len(left) > 0 {
		t.Fatalf("the interrupted export left %v (exit: %v)", left, err)
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) && ee.Sys().(syscall.WaitStatus).Signaled() {
		t.Fatalf("the export was killed by the signal instead of stopping: %v", err)
	}
}
