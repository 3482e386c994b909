package results

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

// demoSources writes n demo databases of people participants each (seeds
// 1..n, so different device ids) into dir.
func demoSources(b *testing.B, dir string, n, people int) []string {
	b.Helper()
	ctx := context.Background()
	var paths []string
	for i := 1; i <= n; i++ {
		p := filepath.Join(dir, fmt.Sprintf("laptop%02d.db", i))
		if _, err := Demo(ctx, p, DemoOptions{Participants: people, Seed: int64(i)}, nil); err != nil {
			b.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// BenchmarkMerge20x5000 merges 20 demo databases of 5,000 participants each
// into an empty one (target: under 10 s per merge of all 20).
func BenchmarkMerge20x5000(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	srcs := demoSources(b, dir, 20, 5000)
	i := 0
	for b.Loop() {
		b.StopTimer()
		i++
		s, err := Open(ctx, filepath.Join(dir, fmt.Sprintf("target%d.db", i)))
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
}

// BenchmarkRemerge20x5000 merges the same 20 databases again into a
// database that already holds them all (target: under 2 s).
func BenchmarkRemerge20x5000(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	srcs := demoSources(b, dir, 20, 5000)
	s, err := Open(ctx, filepath.Join(dir, "target.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Merge(ctx, srcs...); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		rep, err := s.Merge(ctx, srcs...)
		if err != nil {
			b.Fatal(err)
		}
		for _, sr := range rep.Sources {
			if sr.Arrived() != 0 || len(sr.Conflicts) != 0 {
				b.Fatalf("re-merge of %s changed %d rows, %d conflicts", sr.Path, sr.Arrived(), len(sr.Conflicts))
			}
		}
	}
}
