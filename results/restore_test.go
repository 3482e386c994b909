package results

import (
	"kynangso/internal/testclock"

	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// backupWithOne writes a kynangso database holding one participant, via
// Backup, and returns its path.
func backupWithOne(t *testing.T, dir, name string) string {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(dir, "source.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.CreateParticipant(ctx, Participant{FullName: name, ConsentVersion: ConsentVersion}); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(dir, "backup.db")
	if err := s.Backup(ctx, dst); err != nil {
		t.Fatal(err)
	}
	return dst
}

func readAll(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRestoreOverDamagedDatabase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	backup := backupWithOne(t, dir, "H'Hen Niê")
	backupBytes := readAll(t, backup)
	db := filepath.Join(dir, "kynangso.db")
	makeDamaged(t, db)
	damaged := readAll(t, db)
	if _, err := Open(ctx, db); !errors.Is(err, ErrDamaged) {
		t.Fatalf("setup: Open = %v, want ErrDamaged", err)
	}

	now := time.Date(2026, 3, 15, 10, 15, 0, 0, testclock.Zone)
	res, err := Restore(ctx, db, backup, now)
	if err != nil {
		t.Fatalf("Restore: %v", err)
	}
	wantAside := filepath.Join(dir, "kynangso.hong-20260315-101500.db")
	if res.MovedAside != wantAside {
		t.Errorf("moved aside to %q, want %q", res.MovedAside, wantAside)
	}
	if !bytes.Equal(readAll(t, wantAside), damaged) {
		t.Error("the damaged database was not kept byte for byte")
	}
	if !bytes.Equal(readAll(t, backup), backupBytes) {
		t.Error("the backup file changed")
	}
	fi, err := os.Stat(db)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o600 && runtime.GOOS != "windows" {
		t.Errorf("restored file mode %v, want 0600", perm)
	}
	s, err := Open(ctx, db)
	if err != nil {
		t.Fatalf("open restored: %v", err)
	}
	defer s.Close()
	got, err := s.SearchParticipants(ctx, "hen", 5)
	if err != nil || len(got) != 1 || got[0].FullName != "H'Hen Niê" {
		t.Fatalf("restored data = %+v, %v", got, err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*part")); len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}

	// A second restore in the same second does not overwrite the first aside.
	s.Close()
	res2, err := Restore(ctx, db, backup, now)
	if err != nil {
		t.Fatal(err)
	}
	if res2.MovedAside == wantAside || !bytes.Equal(readAll(t, wantAside), damaged) {
		t.Errorf("second restore moved to %q and touched the first aside copy", res2.MovedAside)
	}
}

func TestRestoreRefusesWithoutTouchingAnything(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "kynangso.db")
	s, err := Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateParticipant(ctx, Participant{FullName: "Y Khoa Êban", ConsentVersion: ConsentVersion}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	foreign := filepath.Join(dir, "recipes.db")
	writeForeignSQLite(t, foreign)
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte("không phải cơ sở dữ liệu"), 0o600); err != nil {
		t.Fatal(err)
	}
	damaged := filepath.Join(dir, "damaged.db")
	makeDamaged(t, damaged)
	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}

	snapshot := func() map[string][]byte {
		m := map[string][]byte{}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			m[e.Name()] = readAll(t, filepath.Join(dir, e.Name()))
		}
		return m
	}
	before := snapshot()
	for _, c := range []struct {
		from string
		want error
	}{
		{foreign, ErrNotKynangso},
		{text, ErrNotKynangso},
		{damaged, ErrDamaged},
		{empty, ErrNotKynangso},
		{db, ErrSameDatabase},
		{filepath.Join(dir, "missing.db"), os.ErrNotExist},
	} {
		if _, err := Restore(ctx, db, c.from, testNow()); !errors.Is(err, c.want) {
			t.Errorf("Restore from %s: %v, want %v", filepath.Base(c.from), err, c.want)
		}
		after := snapshot()
		if len(after) != len(before) {
			t.Fatalf("after %s: files %d, before %d", filepath.Base(c.from), len(after), len(before))
		}
		for name, b := range before {
			if !bytes.Equal(after[name], b) {
				t.Errorf("after %s: %s changed", filepath.Base(c.from), name)
			}
		}
	}
}

func TestRestoreRefusesWhileOpen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	backup := backupWithOne(t, dir, "Điểu Bơ")
	db := filepath.Join(dir, "kynangso.db")
	s, err := Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateParticipant(ctx, Participant{FullName: "H'Bia Ktla", ConsentVersion: ConsentVersion}); err != nil {
		t.Fatal(err)
	}
	// The app is idle but open, as a TUI waiting for the next learner.
	if _, err := Restore(ctx, db, backup, testNow()); !errors.Is(err, ErrDatabaseInUse) {
		t.Fatalf("Restore while open: %v, want ErrDatabaseInUse", err)
	}
	if got, _ := s.SearchParticipants(ctx, "bia", 5); len(got) != 1 {
		t.Fatal("the open database lost its data")
	}
	if aside, _ := filepath.Glob(filepath.Join(dir, "*.hong-*")); len(aside) > 0 {
		t.Fatalf("moved aside although refused: %v", aside)
	}
	s.Close()
	if _, err := Restore(ctx, db, backup, testNow()); err != nil {
		t.Fatalf("Restore after the app closed: %v", err)
	}
}

func TestFreeFileName(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "diem-danh.xlsx")
	if got := FreeFileName(p); got != p {
		t.Fatalf("free name = %q, want %q", got, p)
	}
	for i, want := range []string{"diem-danh-2.xlsx", "diem-danh-3.xlsx"} {
		if err := os.WriteFile(FreeFileName(p), []byte{byte(i)}, 0o600); err != nil {
			t.Fatal(err)
		}
		if got := FreeFileName(p); filepath.Base(got) != want {
			t.Fatalf("after %d files: %q, want %s", i+1, got, want)
		}
	}
	if got := FreeFileName(filepath.Join(dir, "noext")); filepath.Base(got) != "noext" {
		t.Fatalf("free name without extension = %q", got)
	}
}
