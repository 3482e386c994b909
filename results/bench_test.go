package results

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
)

// BenchmarkRecordAnswer measures committing one answer (fsync included).
func BenchmarkRecordAnswer(b *testing.B) {
	s := openTest(b)
	ctx := context.Background()
	qs := make([]string, 100)
	for i := range qs {
		qs[i] = fmt.Sprintf("q%03d", i)
	}
	var a Attempt
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%len(qs) == 0 {
			b.StopTimer()
			var err error
			if a, err = s.StartAttempt(ctx, Attempt{ModuleID: "m", QuestionIDs: qs}); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
		if _, err := s.RecordAnswer(ctx, Answer{AttemptID: a.ID, QuestionID: qs[i%len(qs)], Chosen: []string{"a"}}); err != nil {
			b.Fatal(err)
		}
	}
}

var search100k struct {
	once sync.Once
	path string
	err  error
}

// people100k writes 100,000 demo participants once per benchmark run.
func people100k(b *testing.B) string {
	search100k.once.Do(func() {
		dir, err := mkdirTemp()
		if err != nil {
			search100k.err = err
			return
		}
		search100k.path = filepath.Join(dir, "people.db")
		_, search100k.err = Demo(context.Background(), search100k.path,
			DemoOptions{Participants: 100_000, Sessions: 4000, Seed: 3},
			[]DemoModule{{ID: "m", QuestionIDs: []string{"q"}}})
	})
	if search100k.err != nil {
		b.Fatal(search100k.err)
	}
	return search100k.path
}

// BenchmarkSearch100k finds a participant by part of a name, without
// diacritics, among 100,000.
func BenchmarkSearch100k(b *testing.B) {
	s, err := Open(context.Background(), people100k(b))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	queries := []string{"nguyen thi hoa", "hen nie", "y khoa", "tran duc", "dieu brong"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := s.SearchParticipants(ctx, queries[i%len(queries)], 20)
		if err != nil || len(res) == 0 {
			b.Fatalf("search %q: %d results, %v", queries[i%len(queries)], len(res), err)
		}
	}
}

// BenchmarkOpen opens an existing database (header check, quick_check,
// migrations already applied) and closes it.
func BenchmarkOpen(b *testing.B) {
	path := filepath.Join(b.TempDir(), "open.db")
	if _, err := Demo(context.Background(), path, DemoOptions{Participants: 2000, Seed: 1}, nil); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}
