package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kynangso/results"
)

// laptopDB writes a small database with one person who took a quiz.
func laptopDB(t *testing.T, path, name string) {
	t.Helper()
	ctx := context.Background()
	s, err := results.Open(ctx, path, testStoreOptions()...)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := s.CreateParticipant(ctx, results.Participant{FullName: name, BirthYear: 1965,
		Village: "Buôn Ea Tu", ConsentVersion: results.ConsentVersion})
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.StartAttempt(ctx, results.Attempt{ParticipantID: p.ID, ModuleID: "nentang", QuestionIDs: []string{"q1"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordAnswer(ctx, results.Answer{AttemptID: a.ID, QuestionID: "q1", Chosen: []string{"a"}, Correct: true}); err != nil {
		t.Fatal(err)
	}
}

func TestMergeCommand(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	laptopDB(t, a, "Nguyễn Văn An")
	laptopDB(t, b, "Nguyen Van An")
	notes := filepath.Join(dir, "notes.txt")
	os.WriteFile(notes, []byte("không phải cơ sở dữ liệu"), 0o600)
	local := filepath.Join(dir, "local.db")

	code, out, errOut := execCLI(t, "--db", local, "merge", notes)
	if code != 1 || !strings.Contains(out, "Total: 0 files merged; 1 file refused. This laptop's data was not changed.") {
		t.Errorf("exit %d when every file is refused, want 1 and a true total:\n%s", code, out)
	}
	if !strings.Contains(errOut, "notes.txt: KHÔNG GỘP / NOT MERGED") {
		t.Errorf("the refused file is not named:\n%s", errOut)
	}
	code, out, errOut = execCLI(t, "--db", local, "merge", a, notes)
	if code != ExitPartialMerge {
		t.Errorf("exit %d with one file merged and one refused, want %d", code, ExitPartialMerge)
	}
	if !strings.Contains(errOut, "notes.txt: KHÔNG GỘP / NOT MERGED") || !strings.Contains(errOut, "not a kynangso data file") ||
		!strings.Contains(errOut, "Nothing from this file was taken") || strings.Contains(errOut+out, "This laptop's data was not changed") {
		t.Errorf("refusal not explained per file:\n%s", errOut)
	}
	if !strings.Contains(out, "Total: 1 file merged and saved; 1 file refused, nothing taken from them.") {
		t.Errorf("the total of a partial merge is not true:\n%s", out)
	}
	if !strings.Contains(out, "participants") || !strings.Contains(out, "1 mới/new") {
		t.Errorf("arrivals not printed:\n%s", out)
	}
	code, out, _ = execCLI(t, "--db", local, "merge", b)
	if code != 0 || !strings.Contains(out, "Probable duplicates") || !strings.Contains(out, "1 pair.") {
		t.Errorf("exit %d, duplicates not listed:\n%s", code, out)
	}
	code, out, _ = execCLI(t, "--db", local, "merge", "--link-exact", a, b)
	if code != 0 || !strings.Contains(out, "Joined 1 exact") || !strings.Contains(out, "No probable duplicates") ||
		strings.Count(out, "merged before") != 3 || !strings.Contains(out, "Total: 0 files merged, 2 files merged before.") {
		t.Errorf("exit %d, --link-exact output:\n%s", code, out)
	}

	other := filepath.Join(dir, "other.db")
	execCLI(t, "--db", other, "merge", b)
	execCLI(t, "--db", other, "merge", a)
	execCLI(t, "--db", other, "merge", "--link-exact", a)
	c1, fp1, _ := execCLI(t, "--db", local, "fingerprint")
	c2, fp2, _ := execCLI(t, "--db", other, "fingerprint")
	if c1 != 0 || c2 != 0 || len(strings.TrimSpace(fp1)) != 64 || fp1 != fp2 {
		t.Errorf("fingerprints %q (exit %d) and %q (exit %d), want the same SHA-256", fp1, c1, fp2, c2)
	}
}

func TestBackupCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "live.db")
	laptopDB(t, db, "Trần Thị Lan")
	stick := filepath.Join(dir, "usb")
	os.Mkdir(stick, 0o700)
	code, out, errOut := execCLI(t, "--db", db, "backup", "-o", stick)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	path := strings.SplitN(out, "\n", 2)[0]
	if filepath.Dir(path) != stick || !strings.HasPrefix(filepath.Base(path), "kynangso-backup-") {
		t.Errorf("backup went to %q, want the default name in %s", path, stick)
	}
	if !strings.Contains(out, "integrity_check ok") {
		t.Errorf("no check line:\n%s", out)
	}
	if err := results.CheckBackup(context.Background(), path); err != nil {
		t.Error(err)
	}
	code, _, errOut = execCLI(t, "--db", db, "backup", "-o", path)
	if code == 0 || !strings.Contains(errOut, "--force") {
		t.Errorf("overwriting without --force: exit %d, %s", code, errOut)
	}
	if code, _, errOut = execCLI(t, "--db", db, "backup", "-o", path, "--force"); code != 0 {
		t.Errorf("--force: exit %d, %s", code, errOut)
	}
}
