//go:build unix

package cli

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"testing"
	"time"
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
