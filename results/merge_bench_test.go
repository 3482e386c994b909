package results

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// demoSources writes n demo databases of people participants each (seeds
// 1..n, so different device ids) into dir. When KYNANGSO_BENCH_SOURCES
// names a folder, the files are made there once and reused by later runs
// (making them takes longer than merging them).
func demoSources(b *testing.B, dir string, n, people int) []string {
	b.Helper()
	ctx := context.Background()
	if cache := os.Getenv("KYNANGSO_BENCH_SOURCES"); cache != "" {
		dir = filepath.Join(cache, fmt.Sprintf("v%d-%dx%d", SchemaVersion, n, people))
		if err := os.MkdirAll(dir, 0o700); err != nil {
			b.Fatal(err)
		}
	}
	var paths []string
	for i := 1; i <= n; i++ {
		p := filepath.Join(dir, fmt.Sprintf("laptop%02d.db", i))
		if _, err := os.Stat(p); err != nil {
			if _, err := Demo(ctx, p, DemoOptions{Participants: people, Seed: int64(i)}, nil); err != nil {
				b.Fatal(err)
			}
		}
		paths = append(paths, p)
	}
	return paths
}

// BenchmarkMerge20x5000 merges 20 demo databases of 5,000 participants each
// (about 135,000 rows and 48 MB per file), made once for all three parts:
//
//   - merge: into an empty database (target: under 10 s);
//   - remerge: the same files again (target: under 2 s); their bytes were
//     merged before, which the digest check recognises;
//   - remerge-rows: the same files again with that memory cleared, so every
//     row is compared (what a new backup of an already merged laptop costs).
func BenchmarkMerge20x5000(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	srcs := demoSources(b, dir, 20, 5000)
	merged := filepath.Join(dir, "merged.db")
	b.Run("merge", func(b *testing.B) {
		i := 0
		for b.Loop() {
			b.StopTimer()
			i++
			path := filepath.Join(dir, fmt.Sprintf("target%d.db", i))
			if i == 1 {
				path = merged
			}
			s, err := Open(ctx, path)
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if _, err := s.Merge(ctx, srcs...); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			s.Close()
			b.StartTimer()
		}
	})
	s, err := Open(ctx, merged)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.Run("remerge", func(b *testing.B) {
		for b.Loop() {
			remergeNoChange(b, s, srcs, true)
		}
	})
	b.Run("remerge-rows", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			if _, err := s.DB().Exec(`DELETE FROM settings WHERE key LIKE ?`, mergedKeyPrefix+"%"); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			remergeNoChange(b, s, srcs, false)
		}
	})
}

// remergeNoChange merges srcs again and fails if anything changed.
func remergeNoChange(b *testing.B, s *Store, srcs []string, skipped bool) {
	rep, err := s.Merge(context.Background(), srcs...)
	if err != nil {
		b.Fatal(err)
	}
	for _, sr := range rep.Sources {
		if sr.Arrived() != 0 || len(sr.Conflicts) != 0 || sr.AlreadyMerged != skipped {
			b.Fatalf("re-merge of %s: %d rows changed, %d conflicts, skipped %v", sr.Path,
				sr.Arrived(), len(sr.Conflicts), sr.AlreadyMerged)
		}
	}
}
