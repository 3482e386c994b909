package results

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var writeFixture = flag.Bool("write-fixture", false, "rewrite testdata/v1.db with schema version 1")

const v1Fixture = "testdata/v1.db"

// TestWriteV1Fixture rebuilds testdata/v1.db, a database made by schema
// version 1, only when asked: go test ./results -run TestWriteV1Fixture -write-fixture.
// It must never be rewritten once later versions exist: the upgrade test
// proves that files people already have keep working.
func TestWriteV1Fixture(t *testing.T) {
	if !*writeFixture {
		t.Skip("run with -write-fixture to rebuild testdata/v1.db")
	}
	ctx := context.Background()
	tmp := filepath.Join(t.TempDir(), "v1.db")
	s, err := openAt(ctx, tmp, 1)
	if err != nil {
		t.Fatal(err)
	}
	fillFixture(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := copyFile(tmp, v1Fixture); err != nil {
		t.Fatal(err)
	}
}

// fillFixture writes one or more rows of every kind through the store.
func fillFixture(t *testing.T, s *Store) {
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	s.SetDeviceName(ctx, "Máy tổ 1, xã Ea Tu")
	must(s.SetSetting(ctx, "idle_timeout", "300"))
	names := []string{"Nguyễn Văn Hùng", "H'Hen Niê", "Y Khoa Êban", "Ama Lin", "Trần Thị Đào"}
	var ps []Participant
	for i, n := range names {
		p, err := s.CreateParticipant(ctx, Participant{FullName: n, BirthYear: 1950 + 10*i,
			Gender: []string{GenderMale, GenderFemale}[i%2], Village: "Buôn Kô Sier",
			Household: fmt.Sprintf("Số %d", i/2+1), ConsentVersion: ConsentVersion})
		must(err)
		ps = append(ps, p)
	}
	anon, err := s.CreateParticipant(ctx, Participant{Anonymous: true})
	must(err)
	c, err := s.OpenSession(ctx, ClassSession{Title: "Lớp an toàn mạng", Date: "2026-11-20", Commune: "Ea Tu",
		Villages: []string{"Buôn Kô Sier"}, Trainers: []string{"Y Khoa Êban"}, PlannedModules: []string{"antoan"}})
	must(err)
	for _, p := range append(ps, anon) {
		_, err := s.CheckIn(ctx, c.ID, p.ID)
		must(err)
		must(s.SaveLessonPage(ctx, p.ID, "antoan", 3, 5))
	}
	qs := []string{"q1", "q2", "q3"}
	for i, p := range ps {
		a, err := s.StartAttempt(ctx, Attempt{ParticipantID: p.ID, SessionID: c.ID, ModuleID: "antoan",
			PackVersion: "1.0.0", Seed: uint64(i) * 7919, QuestionIDs: qs})
		must(err)
		n := len(qs)
		if i == 0 {
			n = 2 // left in progress, to resume after the upgrade
		}
		for j := 0; j < n; j++ {
			_, err := s.RecordAnswer(ctx, Answer{AttemptID: a.ID, QuestionID: qs[j], Chosen: []string{"a"},
				Correct: (i+j)%2 == 0, Millis: int64(1000 * (j + 1))})
			must(err)
		}
		if i > 0 {
			score := (i + 1) % 3
			must(s.FinishAttempt(ctx, a.ID, score, 3, score >= 2))
		}
	}
	must(s.CloseSession(ctx, c.ID))
	ts := s.clk.stamp()
	_, err = s.db.Exec(`INSERT INTO participant_links (id, from_id, into_id, linked_by, linked_at, device_id, created_at, updated_at)
		VALUES (?1, ?2, ?3, 'Y Khoa Êban', ?4, ?5, ?4, ?4)`, newID(), ps[4].ID, ps[3].ID, ts, s.deviceID)
	must(err)
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// dumpTables returns every row of every kynangso table as text, for
// comparing content before and after an upgrade.
func dumpTables(t *testing.T, db *sql.DB) map[string][]string {
	t.Helper()
	tables := []string{"meta", "settings", "devices", "participants", "class_sessions", "attendance",
		"lesson_progress", "attempts", "answers", "participant_links", "merge_log"}
	out := map[string][]string{}
	for _, tb := range tables {
		where := ""
		if tb == "meta" { // the record of text cleaning is bookkeeping, like schema_migrations
			where = ` WHERE key <> 'text_clean'`
		}
		rows, err := db.Query(`SELECT * FROM ` + tb + where + ` ORDER BY 1, 2`)
		if err != nil {
			t.Fatalf("dump %s: %v", tb, err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var parts []string
			for _, v := range vals {
				parts = append(parts, fmt.Sprintf("%v", v))
			}
			out[tb] = append(out[tb], strings.Join(parts, "|"))
		}
		rows.Close()
	}
	return out
}

func TestUpgradeFromV1Fixture(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "copy.db")
	if err := copyFile(v1Fixture, path); err != nil {
		t.Fatalf("copy fixture: %v", err)
	}
	if v, err := Inspect(ctx, path); err != nil || v != 1 {
		t.Fatalf("fixture version = %d, %v; want 1", v, err)
	}
	ro, _ := sql.Open("sqlite3", dsn(v1Fixture, true)+"&immutable=1")
	before := dumpTables(t, ro)
	ro.Close()
	if len(before["answers"]) == 0 || len(before["participant_links"]) == 0 {
		t.Fatal("fixture is missing rows")
	}

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer s.Close()
	if v, _ := Inspect(ctx, path); v != SchemaVersion {
		t.Fatalf("version after upgrade %d, want %d", v, SchemaVersion)
	}
	after := dumpTables(t, s.db)
	// Version 7 adds attempts.kind: every attempt made before it is a quiz.
	for i, row := range after["attempts"] {
		trimmed, ok := strings.CutSuffix(row, "|"+KindQuiz)
		if !ok {
			t.Fatalf("attempt after upgrade is not a quiz: %s", row)
		}
		after["attempts"][i] = trimmed
	}
	if !reflect.DeepEqual(before, after) {
		t.Fatalf("content changed by the upgrade:\nbefore %v\nafter  %v", before, after)
	}
	// The upgraded file works: search (a v2 index) and resume.
	got, err := s.SearchParticipants(ctx, "hung", 5)
	if err != nil || len(got) != 1 || got[0].FullName != "Nguyễn Văn Hùng" {
		t.Fatalf("search after upgrade: %+v %v", got, err)
	}
	a, answers, ok, err := s.InProgressAttempt(ctx, got[0].ID, "antoan")
	if err != nil || !ok || len(answers) != 2 || len(a.QuestionIDs) != 3 {
		t.Fatalf("resume after upgrade: %+v %+v %v %v", a, answers, ok, err)
	}
	if _, err := s.RecordAnswer(ctx, Answer{AttemptID: a.ID, QuestionID: a.QuestionIDs[2], Chosen: []string{"b"}}); err != nil {
		t.Fatal(err)
	}
}
