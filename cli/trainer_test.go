package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"kynangso/results"
)

func TestTrainerResetPIN(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "lop.db")
	s, err := results.Open(ctx, db, testStoreOptions()...)
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.CreateParticipant(ctx, results.Participant{FullName: "Y Bih Niê", BirthYear: 1960, Village: "Buôn Đôn", ConsentVersion: results.ConsentVersion, ConsentAt: testClock.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetPIN(ctx, "2468"); err != nil {
		t.Fatal(err)
	}
	s.Close()

	// Without --yes the answer decides; "n" keeps the PIN and exits 1.
	var out, errOut bytes.Buffer
	root := NewRoot(&Options{out: &out, errOut: &errOut})
	root.SetIn(strings.NewReader("n\n"))
	root.SetArgs([]string{"--db", db, "trainer", "reset-pin"})
	if err := root.ExecuteContext(ctx); err == nil {
		t.Fatal("declined reset returned no error")
	}
	if has := hasPIN(t, db); !has {
		t.Fatal("PIN removed although the answer was no")
	}
	if code := run(ctx, []string{"--db", db, "trainer", "reset-pin", "--yes"}, &out, &errOut); code != 0 {
		t.Fatalf("reset-pin --yes exit %d: %s", code, errOut.String())
	}
	if hasPIN(t, db) {
		t.Fatal("PIN still set after reset-pin --yes")
	}
	if !strings.Contains(out.String(), "Đã xóa mã PIN") {
		t.Fatalf("output: %s", out.String())
	}
	s, err = results.Open(ctx, db, testStoreOptions()...)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got, err := s.Participant(ctx, p.ID); err != nil || got.FullName != "Y Bih Niê" {
		t.Fatalf("data not kept: %+v %v", got, err)
	}
}

func TestTrainerSetName(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "lop.db")
	var out, errOut bytes.Buffer
	if code := run(ctx, []string{"--db", db, "trainer", "set-name", "Máy tổ 3, xã Ea Tu"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	s, err := results.Open(ctx, db, testStoreOptions()...)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if name, _ := s.DeviceName(ctx); name != "Máy tổ 3, xã Ea Tu" {
		t.Fatalf("device name %q", name)
	}
}

func hasPIN(t *testing.T, db string) bool {
	t.Helper()
	s, err := results.Open(context.Background(), db, testStoreOptions()...)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	has, err := s.HasPIN(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return has
}

func TestTrainerSetNameTooLong(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "lop.db")
	var out, errOut bytes.Buffer
	long := strings.Repeat("Máy tổ ", 800) // 5,600 characters
	if code := run(ctx, []string{"--db", db, "trainer", "set-name", long}, &out, &errOut); code == 0 {
		t.Fatal("a 5,600-character name was accepted")
	}
	if !strings.Contains(errOut.String(), "tối đa 60 ký tự") || !strings.Contains(errOut.String(), "use at most 60") {
		t.Errorf("no plain message about the limit:\n%s", errOut.String())
	}
	// Exactly 60 characters, with control characters that are stripped
	// before counting, is fine.
	name := "\x1b[31m" + strings.Repeat("ê", 60)
	out.Reset()
	errOut.Reset()
	if code := run(ctx, []string{"--db", db, "trainer", "set-name", name}, &out, &errOut); code != 0 {
		t.Fatalf("60-character name: exit %d\n%s", code, errOut.String())
	}
	s, err := results.Open(ctx, db, testStoreOptions()...)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got, _ := s.DeviceName(ctx); got != strings.Repeat("ê", 60) {
		t.Fatalf("device name %q", got)
	}
}
