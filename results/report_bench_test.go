package results

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// bench100k returns a 100,000-participant demo database. Building one takes
// minutes, so it is kept in the temp folder and reused by later runs.
func bench100k(b testing.TB) *Store {
	b.Helper()
	ctx := context.Background()
	path := filepath.Join(os.TempDir(), "kynangso-bench-demo100k-seed1.db")
	if _, err := os.Stat(path); err != nil {
		tmp := path + ".part"
		os.Remove(tmp)
		if _, err := Demo(ctx, tmp, DemoOptions{Participants: 100000, Seed: 1}, nil); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(tmp, path); err != nil {
			b.Fatal(err)
		}
	}
	s, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

func BenchmarkSummaries100k(b *testing.B) {
	s := bench100k(b)
	ctx := context.Background()
	cat := demoCatalog()
	var pid string
	_ = s.DB().QueryRow(`SELECT participant_id FROM attendance LIMIT 1`).Scan(&pid)
	period := Filter{From: "2025-10-01", To: "2025-12-31"}
	var village string // the biggest village
	_ = s.DB().QueryRow(`SELECT village FROM participants GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`).Scan(&village)
	for _, bc := range []struct {
		name string
		fn   func() error
	}{
		{"class", func() error { _, err := s.ClassSummary(ctx, Filter{}, cat); return err }},
		{"participant", func() error { _, err := s.ParticipantHistory(ctx, pid, cat); return err }},
		{"items", func() error { _, err := s.ItemAnalysis(ctx, Filter{}, cat); return err }},
		{"coverage", func() error { _, err := s.Coverage(ctx, Filter{}, cat); return err }},
		// What the follow-up screen loads: the overview by village, then one
		// village's list. The whole province's list (90,000 names, for the
		// command line's report) is measured last.
		{"followup-overview", func() error { _, err := s.FollowUpOverview(ctx, Filter{}, cat); return err }},
		{"followup-village", func() error { _, err := s.FollowUp(ctx, Filter{Village: village}, cat, false); return err }},
		{"followup-all", func() error { _, err := s.FollowUp(ctx, Filter{}, cat, false); return err }},
		// A period (three months of the ten) reads the attempts in it.
		{"class-period", func() error { _, err := s.ClassSummary(ctx, period, cat); return err }},
		{"coverage-period", func() error { _, err := s.Coverage(ctx, period, cat); return err }},
		{"followup-overview-period", func() error { _, err := s.FollowUpOverview(ctx, period, cat); return err }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if err := bc.fn(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkExport100k(b *testing.B) {
	s := bench100k(b)
	ctx := context.Background()
	for _, kind := range []ExportKind{ExportAttendance, ExportResults} {
		for _, format := range []Format{FormatCSV, FormatXLSX} {
			b.Run(string(kind)+"-"+string(format), func(b *testing.B) {
				var peak uint64
				stop := make(chan struct{})
				done := make(chan struct{})
				go func() { // sample the heap while the export runs
					defer close(done)
					var m runtime.MemStats
					for {
						runtime.ReadMemStats(&m)
						peak = max(peak, m.HeapInuse)
						select {
						case <-stop:
							return
						case <-time.After(10 * time.Millisecond):
						}
					}
				}()
				for b.Loop() {
					if _, err := s.Export(ctx, io.Discard, kind, format, ExportOptions{Catalog: demoCatalog()}); err != nil {
						b.Fatal(err)
					}
				}
				close(stop)
				<-done
				b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
			})
		}
	}
}
