package cli

import (
	"context"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"kynangso/results"
)

var addrRe = regexp.MustCompile(`Address:  (http://127\.0\.0\.1:\d+)`)

// serveDB is a database with an open class, or none when open is false.
func serveDB(t *testing.T, open bool) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "k.db")
	s, err := results.Open(context.Background(), db, testStoreOptions()...)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if open {
		if _, err := s.OpenSession(context.Background(), results.ClassSession{Title: "Lớp Ea Tu"}); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// `kynangso serve` prints the address, the code and the QR code, answers
// phones on that address, and stops on Ctrl+C (the context).
func TestServe(t *testing.T) {
	db := serveDB(t, true)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"--db", db, "serve", "--listen", "127.0.0.1", "--port", "18180", "--grace", "0"}, &out, &errOut)
	}()
	var url string
	deadline := time.Now().Add(10 * time.Second)
	for url == "" && time.Now().Before(deadline) {
		if m := addrRe.FindStringSubmatch(out.String()); m != nil {
			url = m[1]
		}
		time.Sleep(5 * time.Millisecond)
	}
	if url == "" {
		t.Fatalf("no address printed:\n%s\n%s", out.String(), errOut.String())
	}
	if o := out.String(); !strings.Contains(o, "Mã lớp / Class code: ") || !strings.Contains(o, "█") {
		t.Fatalf("no code or QR code printed:\n%s", o)
	}
	resp, err := http.Get(url + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("the first page: %d", resp.StatusCode)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit code %d:\n%s", code, errOut.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop on Ctrl+C")
	}
	if _, err := http.Get(url + "/"); err == nil {
		t.Fatal("the server still answers after serve ended")
	}
}

// With no class open there is nothing to serve: a plain message, exit 1.
func TestServeNeedsAnOpenClass(t *testing.T) {
	db := serveDB(t, false)
	code, _, errOut := execCLI(t, "--db", db, "serve", "--listen", "127.0.0.1", "--port", "18190")
	if code != 1 || !strings.Contains(errOut, "Chưa có lớp nào đang mở") || !strings.Contains(errOut, "No class is open") {
		t.Fatalf("exit %d:\n%s", code, errOut)
	}
	code, _, errOut = execCLI(t, "--db", db, "serve", "--listen", "example.org")
	if code == 0 || !strings.Contains(errOut, "IPv4") {
		t.Fatalf("a name as --listen: exit %d:\n%s", code, errOut)
	}
}
