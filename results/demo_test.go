package results

import (
	"context"
	"database/sql"
	"path/filepath"
	"reflect"
	"testing"
)

func demoDB(t *testing.T, seed int64, n int) (string, DemoCounts) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.db")
	c, err := Demo(context.Background(), path, DemoOptions{Participants: n, Seed: seed}, nil)
	if err != nil {
		t.Fatalf("Demo: %v", err)
	}
	return path, c
}

func openRO(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestDemoIsDeterministicAndRealistic(t *testing.T) {
	p1, c1 := demoDB(t, 42, 1500)
	p2, c2 := demoDB(t, 42, 1500)
	p3, _ := demoDB(t, 43, 1500)
	if c1 != c2 || c1.Participants != 1500 {
		t.Fatalf("counts %+v vs %+v", c1, c2)
	}
	d1, d2, d3 := dumpTables(t, openRO(t, p1)), dumpTables(t, openRO(t, p2)), dumpTables(t, openRO(t, p3))
	if !reflect.DeepEqual(d1, d2) {
		t.Fatal("same seed gave different content")
	}
	if reflect.DeepEqual(d1["meta"], d3["meta"]) || reflect.DeepEqual(d1["participants"], d3["participants"]) {
		t.Fatal("different seeds gave the same device id or people")
	}

	db := openRO(t, p1)
	count := func(q string) int {
		t.Helper()
		var n int
		if err := db.QueryRow(q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	checks := []struct {
		q    string
		want int
	}{
		{`SELECT count(*) FROM participants`, c1.Participants},
		{`SELECT count(*) FROM class_sessions`, c1.Sessions},
		{`SELECT count(*) FROM attendance`, c1.Attendance},
		{`SELECT count(*) FROM attempts WHERE kind = 'quiz'`, c1.Attempts},
		{`SELECT count(*) FROM answers AS n JOIN attempts AS a ON a.id = n.attempt_id WHERE a.kind = 'quiz'`, c1.Answers},
		{`SELECT count(*) FROM attempts WHERE kind = 'review'`, c1.Reviews},
		// a review asks one question, answered once, and is never a pass
		{`SELECT count(*) FROM attempts AS a WHERE kind = 'review' AND (json_array_length(question_ids) <> 1
			OR passed <> 0 OR max_score <> 1 OR (SELECT count(*) FROM answers WHERE attempt_id = a.id) <> 1)`, 0},
		// and comes after the same person missed that question in a quiz
		{`SELECT count(*) FROM attempts AS r WHERE r.kind = 'review' AND NOT EXISTS (
			SELECT 1 FROM attempts AS a JOIN answers AS n ON n.attempt_id = a.id
			WHERE a.kind = 'quiz' AND a.participant_id = r.participant_id AND a.module_id = r.module_id
			AND n.question_id = r.question_ids ->> 0 AND n.correct = 0 AND n.answered_at < r.started_at)`, 0},
		{`SELECT count(*) FROM lesson_progress`, c1.LessonProgress},
		// every finished attempt has an answer for each question drawn
		{`SELECT count(*) FROM attempts a WHERE state = 'finished' AND
			json_array_length(question_ids) <> (SELECT count(*) FROM answers WHERE attempt_id = a.id)`, 0},
		// scores agree with the answers
		{`SELECT count(*) FROM attempts a WHERE state = 'finished' AND
			score <> (SELECT count(*) FROM answers WHERE attempt_id = a.id AND correct = 1)`, 0},
		{`SELECT count(*) FROM participants WHERE anonymous = 0 AND (full_name = '' OR birth_year NOT BETWEEN 1945 AND 2008)`, 0},
		{`SELECT count(*) FROM class_sessions WHERE closed_at IS NULL`, 0},
	}
	for _, c := range checks {
		if got := count(c.q); got != c.want {
			t.Errorf("%s = %d, want %d", c.q, got, c.want)
		}
	}
	passRate := float64(count(`SELECT count(*) FROM attempts WHERE passed = 1 AND kind = 'quiz'`)) / float64(c1.Attempts)
	if passRate < 0.2 || passRate > 0.9 || c1.Attempts < c1.Participants/2 || c1.Households < c1.Participants/6 ||
		c1.Reviews < c1.Participants/10 {
		t.Errorf("implausible demo: pass rate %.2f, counts %+v", passRate, c1)
	}
	// The demo database opens like any other and is searchable.
	s, err := Open(context.Background(), p1)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if res, err := s.SearchParticipants(context.Background(), "nguyen", 5); err != nil || len(res) == 0 {
		t.Fatalf("search demo: %v %v", len(res), err)
	}
	if _, err := Demo(context.Background(), p1, DemoOptions{}, nil); err == nil {
		t.Fatal("Demo overwrote an existing file")
	}
}

// The follow-up and duplicates screens must not look broken on demo data:
// nobody shares a name with someone of their own household, and few people
// share a name and birth year with someone of their village.
func TestDemoNamesAreDistinct(t *testing.T) {
	path, c := demoDB(t, 42, 3000)
	db := openRO(t, path)
	one := func(q string) int {
		t.Helper()
		var n int
		if err := db.QueryRow(q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	if n := one(`SELECT count(*) FROM (SELECT 1 FROM participants WHERE anonymous = 0
		GROUP BY village, household, full_name HAVING count(*) > 1)`); n != 0 {
		t.Errorf("%d households have two people with one name", n)
	}
	twins := one(`SELECT count(*) FROM (SELECT 1 FROM participants WHERE anonymous = 0
		GROUP BY village, full_name, birth_year HAVING count(*) > 1)`)
	if twins*100 > c.Participants {
		t.Errorf("%d name+birth-year pairs repeat within a village (of %d people): more than 1%%", twins, c.Participants)
	}
	if n := one(`SELECT count(DISTINCT full_name) FROM participants WHERE village LIKE 'Bon %'`); n < 30 {
		t.Errorf("only %d different names in the M'nông villages", n)
	}
}
