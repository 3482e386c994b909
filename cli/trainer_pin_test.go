package cli

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"kynangso/results"
)

// setPIN runs `trainer set-pin` with stdin and returns the output and the
// error (unprinted, as ExecuteContext leaves it).
func setPIN(t *testing.T, db string, stdin io.Reader, extra ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	root := NewRoot(&Options{out: &out, errOut: &errOut, now: testClock.Now})
	root.SetIn(stdin)
	root.SetArgs(append([]string{"--db", db, "trainer", "set-pin"}, extra...))
	err := root.ExecuteContext(context.Background())
	return out.String() + errOut.String(), err
}

// checkPIN reports whether pin opens the store at db.
func checkPIN(t *testing.T, db, pin string) bool {
	t.Helper()
	s, err := results.Open(context.Background(), db, testStoreOptions()...)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	res, err := s.CheckPIN(context.Background(), pin, testClock.Now())
	if err != nil {
		t.Fatal(err)
	}
	return res.OK
}

func TestTrainerSetPINPiped(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lop.db")
	for _, c := range []struct{ pin, want string }{
		{"1234", "dễ đoán"}, {"1990", "dễ đoán"}, {"12", "4 đến 8 chữ số"}, {"", "Không có mã PIN ở đầu vào"},
	} {
		if _, err := setPIN(t, db, strings.NewReader(c.pin)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("PIN %q: %v, want %q", c.pin, err, c.want)
		}
	}
	if hasPIN(t, db) {
		t.Fatal("a refused PIN was stored")
	}
	out, err := setPIN(t, db, strings.NewReader("4826\n"))
	if err != nil || !strings.Contains(out, "Đã đặt mã PIN") || !checkPIN(t, db, "4826") {
		t.Fatalf("set-pin from stdin: %v\n%s", err, out)
	}
	// A PIN already set is replaced only with --yes: piped input is the
	// PIN, never taken as the answer to a question.
	out, err = setPIN(t, db, strings.NewReader("7391\n"))
	if err == nil || !strings.Contains(out, "--yes") || !checkPIN(t, db, "4826") {
		t.Fatalf("replaced without --yes: %v\n%s", err, out)
	}
	if _, err := setPIN(t, db, strings.NewReader("7391\n"), "--yes"); err != nil || !checkPIN(t, db, "7391") {
		t.Fatalf("--yes did not replace the PIN: %v", err)
	}
}

// syncBuffer is a bytes.Buffer the command writes to while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
