package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kynangso/results"
)

// `classes` shows each class with the id that --session takes, and that id
// really selects the class in an export.
func TestClassesListsIDsForSession(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	s, err := results.Open(ctx, db, testStoreOptions()...)
	if err != nil {
		t.Fatal(err)
	}
	first, err := s.OpenSession(ctx, results.ClassSession{Title: "Lớp buôn Ako", Date: "2026-11-02", Commune: "Ea Tu", Villages: []string{"Buôn Ako"}})
	if err != nil {
		t.Fatal(err)
	}
	lan, err := s.CreateParticipant(ctx, results.Participant{FullName: "Nguyễn Thị Lan", BirthYear: 1958, Village: "Buôn Ako", ConsentVersion: results.ConsentVersion})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CheckIn(ctx, first.ID, lan.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.CloseSession(ctx, first.ID); err != nil {
		t.Fatal(err)
	}
	second, err := s.OpenSession(ctx, results.ClassSession{Title: "Lớp thôn 3", Date: "2026-11-20", Commune: "Ea Tu"})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	code, out, errOut := execCLI(t, "--db", db, "classes")
	if code != 0 {
		t.Fatalf("classes: exit %d\n%s", code, errOut)
	}
	for _, want := range []string{first.ID, second.ID, "Lớp buôn Ako", "Lớp thôn 3 (đang mở)", "MÃ LỚP"} {
		if !strings.Contains(out, want) {
			t.Errorf("classes output lacks %q:\n%s", want, out)
		}
	}
	if strings.Index(out, second.ID) > strings.Index(out, first.ID) {
		t.Errorf("newest class should come first:\n%s", out)
	}
	code, out, _ = execCLI(t, "--db", db, "classes", "--json")
	var rows []classRow
	if err := json.Unmarshal([]byte(out), &rows); code != 0 || err != nil || len(rows) != 2 {
		t.Fatalf("classes --json: exit %d, %v, %d rows\n%s", code, err, len(rows), out)
	}
	if rows[1].ID != first.ID || rows[1].People != 1 || rows[0].People != 0 || !rows[0].Open {
		t.Fatalf("rows = %+v", rows)
	}

	csvPath := filepath.Join(dir, "att.csv")
	if code, _, errOut := execCLI(t, "--db", db, "export", "attendance", "--format", "csv", "--session", rows[1].ID, "-o", csvPath); code != 0 {
		t.Fatalf("export --session: exit %d\n%s", code, errOut)
	}
	data, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\ufeff")))
	r.FieldsPerRecord = -1 // a header block, then the table
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "Nguyễn Thị Lan") || !strings.Contains(string(data), "Lớp buôn Ako") || len(recs) < 2 {
		t.Fatalf("export of the listed class lacks its person or title:\n%s", data)
	}
}

func TestClassesRefusesMissingDatabase(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none.db")
	if code, _, errOut := execCLI(t, "--db", missing, "classes"); code == 0 || !strings.Contains(errOut, "No database at") {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Fatalf("classes created %s", missing)
	}
}
