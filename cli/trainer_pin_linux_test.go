//go:build linux

package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// On a terminal the PIN is asked twice and never echoed.
func TestTrainerSetPINTerminal(t *testing.T) {
	for _, c := range []struct {
		name, first, again, want string
		ok                       bool
	}{
		{"same twice", "4826", "4826", "Đã đặt mã PIN", true},
		{"not the same", "4826", "4827", "Hai lần gõ không giống nhau", false},
		{"trivial, refused before it is typed again", "1111", "", "dễ đoán", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "lop.db")
			ptm, tty, err := pty.Open()
			if err != nil {
				t.Skipf("no pseudo-terminal: %v", err)
			}
			defer ptm.Close()
			// Everything the terminal sends back (its echo) is collected
			// until the terminal's side is closed.
			var echo syncBuffer
			echoed := make(chan struct{})
			go func() {
				defer close(echoed)
				buf := make([]byte, 256)
				for {
					n, err := ptm.Read(buf)
					echo.Write(buf[:n])
					if err != nil {
						return
					}
				}
			}()
			var out syncBuffer
			root := NewRoot(&Options{out: &out, errOut: &out, now: testClock.Now})
			root.SetIn(tty)
			root.SetArgs([]string{"--db", db, "trainer", "set-pin"})
			done := make(chan error, 1)
			go func() { done <- root.ExecuteContext(context.Background()) }()
			typeSecret(t, tty, ptm, c.first)
			if c.again != "" {
				waitFor(t, &out, "Type the PIN again")
				typeSecret(t, tty, ptm, c.again)
			}
			err = <-done
			tty.Close()
			<-echoed
			if (err == nil) != c.ok || !strings.Contains(out.String()+errString(err), c.want) {
				t.Fatalf("err %v, output:\n%s", err, out.String())
			}
			if strings.Contains(echo.String(), c.first) {
				t.Fatalf("the PIN was echoed on the terminal: %q", echo.String())
			}
			if hasPIN(t, db) != c.ok {
				t.Fatalf("PIN stored = %v, want %v", !c.ok, c.ok)
			}
		})
	}
}

// typeSecret types s and Enter on the terminal once the command has turned
// its echo off, as it does before it reads a PIN.
func typeSecret(t *testing.T, tty, ptm *os.File, s string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(2 * time.Millisecond) {
		st, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
		if err != nil {
			t.Fatal(err)
		}
		if st.Lflag&unix.ECHO == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the terminal's echo was never turned off")
		}
	}
	if _, err := ptm.WriteString(s + "\r"); err != nil {
		t.Fatal(err)
	}
}

func waitFor(t *testing.T, out *syncBuffer, s string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
		if strings.Contains(out.String(), s) {
			return
		}
	}
	t.Fatalf("no %q in the output:\n%s", s, out.String())
}
