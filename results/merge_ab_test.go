package results

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func BenchmarkMergeAB(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	srcs := demoSources(b, dir, 20, 5000)[:8]
	for _, min := range []int{1 << 40, 20000, 1 << 40, 20000} {
		b.Run(fmt.Sprint(min), func(b *testing.B) {
			bulkMinRows = min
			for b.Loop() {
				b.StopTimer()
				p := filepath.Join(dir, "t.db")
				os.Remove(p)
				os.Remove(p + "-wal")
				s, _ := Open(ctx, p)
				b.StartTimer()
				t0 := time.Now()
				if _, err := s.Merge(ctx, srcs...); err != nil {
					b.Fatal(err)
				}
				fmt.Fprintln(os.Stderr, "TOTAL", min, time.Since(t0))
				s.Close()
			}
		})
	}
}
