package results

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// TestBackupWriterChild is the writer process of TestBackupWhileAnotherProcessWrites:
// it registers people and answers quizzes in a loop until killed.
func TestBackupWriterChild(t *testing.T) {
	path := os.Getenv("KYNANGSO_BACKUP_WRITER_DB")
	if path == "" {
		t.Skip("run by TestBackupWhileAnotherProcessWrites")
	}
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; ; i++ {
		p := mergePerson(t, s, fmt.Sprintf("Người viết %d", i), 1980, "Thôn 5", "")
		mergeQuiz(t, s, p.ID, "", "nentang", i%2 == 0)
	}
}

func TestBackupWhileAnotherProcessWrites(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "live.db")
	s := openMergeStore(t, db)
	cmd := exec.Command(os.Args[0], "-test.run=^TestBackupWriterChild$")
	cmd.Env = append(os.Environ(), "KYNANGSO_BACKUP_WRITER_DB="+db)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	waitForRows(t, s, 50)
	for i := 0; i < 3; i++ {
		dst := filepath.Join(dir, fmt.Sprintf("copy%d.db", i))
		if err := s.Backup(ctx, dst); err != nil {
			t.Fatalf("backup %d: %v", i, err)
		}
		if err := CheckBackup(ctx, dst); err != nil {
			t.Errorf("backup %d: %v", i, err)
		}
		if runtime.GOOS != "windows" {
			if fi, err := os.Stat(dst); err != nil || fi.Mode().Perm() != 0o600 {
				t.Errorf("backup %d: mode %v (%v), want 0600", i, fi.Mode().Perm(), err)
			}
		}
		c := openMergeStore(t, dst)
		var people, answers int
		c.DB().QueryRow(`SELECT count(*) FROM participants`).Scan(&people)
		c.DB().QueryRow(`SELECT count(*) FROM answers`).Scan(&answers)
		c.Close()
		if people < 50 || answers < 2*(people-1) {
			t.Errorf("backup %d holds %d people and %d answers: not a consistent snapshot", i, people, answers)
		}
	}
	if cmd.ProcessState != nil {
		t.Fatal("the writer stopped early")
	}
}

// waitForRows waits until the writer has registered n people.
func waitForRows(t *testing.T, s *Store, n int) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		var got int
		s.DB().QueryRow(`SELECT count(*) FROM participants`).Scan(&got)
		if got >= n {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the writer process wrote nothing")
}

func TestBackupRefusesExistingFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openMergeStore(t, filepath.Join(dir, "db.db"))
	mergePerson(t, s, "Đinh Văn Hùng", 1966, "Buôn Kô", "")
	dst := filepath.Join(dir, "backup.db")
	if err := os.WriteFile(dst, []byte("ảnh lớp học"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(ctx, dst); !errors.Is(err, ErrBackupExists) {
		t.Fatalf("Backup over an existing file: %v, want ErrBackupExists", err)
	}
	if b, _ := os.ReadFile(dst); string(b) != "ảnh lớp học" {
		t.Fatal("the existing file was changed")
	}
	if err := s.BackupReplace(ctx, dst); err != nil {
		t.Fatal(err)
	}
	if err := CheckBackup(ctx, dst); err != nil {
		t.Fatal(err)
	}
	if err := s.BackupReplace(ctx, s.Path()); err == nil {
		t.Fatal("BackupReplace over the database itself succeeded")
	}
	if matches, _ := filepath.Glob(filepath.Join(dir, ".*part")); len(matches) != 0 {
		t.Errorf("temporary files left: %v", matches)
	}
	if err := CheckBackup(ctx, filepath.Join(dir, "db.db-nothing")); err == nil {
		t.Error("CheckBackup of a missing file passed")
	}
}

func TestSuggestBackupDirIsWritable(t *testing.T) {
	d := SuggestBackupDir()
	if !isWritableDir(d) {
		t.Errorf("SuggestBackupDir() = %q, not a writable folder", d)
	}
	media := t.TempDir()
	stick := filepath.Join(media, "USB-KYNANGSO")
	if err := os.Mkdir(stick, 0o700); err != nil {
		t.Fatal(err)
	}
	if got := mountedUnder(filepath.Join(media, "missing"), media); len(got) != 1 || got[0] != stick {
		t.Errorf("mountedUnder = %v, want [%s]", got, stick)
	}
}

// TestBackupRemovesStalePartFiles: a backup cut short (kill -9, a laptop
// switched off) leaves a hidden part file with personal data on the USB
// stick; the next backup into that folder removes it, whatever its name,
// and leaves other programs' files and a backup still being written alone.
func TestBackupRemovesStalePartFiles(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.CreateParticipant(ctx, Participant{FullName: "Y Bih Niê", ConsentVersion: ConsentVersion}); err != nil {
		t.Fatal(err)
	}
	usb := t.TempDir()
	now := s.Now()
	plant := func(name, content string, age time.Duration) string {
		p := filepath.Join(usb, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
		return p
	}
	sqliteHead := "SQLite format 3\x00 Y Bih Niê ..."
	stale := []string{
		plant(".kynangso-backup-20260301-0900.db.part", sqliteHead, time.Hour),
		plant(".kynangso-backup-20260301-0900.db.part-journal", "journal bytes", time.Hour),
		plant(".lop-thu-bay.db.part", "", 2*time.Hour),             // cut short before VACUUM wrote
		plant(".gone.db.part-journal", "journal bytes", time.Hour), // its part file already removed
	}
	kept := []string{
		plant(".being-written.db.part", sqliteHead, 5*time.Second), // a backup running elsewhere
		plant("video.mp4.part", sqliteHead, time.Hour),             // a browser's download
		plant(".notes.part", "not a database", time.Hour),
	}
	if err := s.Backup(ctx, filepath.Join(usb, "new.db")); err != nil {
		t.Fatal(err)
	}
	for _, p := range stale {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("stale part file %s kept (%v)", filepath.Base(p), err)
		}
	}
	for _, p := range kept {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s removed: %v", filepath.Base(p), err)
		}
	}
	// A backup that fails leaves no part file behind.
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := s.Backup(cancelled, filepath.Join(usb, "failed.db")); err == nil {
		t.Fatal("a backup with a cancelled context succeeded")
	}
	matches, _ := filepath.Glob(filepath.Join(usb, ".failed.db.part*"))
	if len(matches) != 0 {
		t.Errorf("a failed backup left %v", matches)
	}
}
