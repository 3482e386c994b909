package cli

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"kynangso/results"
)

// demoFlags are the options of `kynangso demo`.
type demoFlags struct {
	out          string
	participants int
	sessions     int
	seed         int64
	force        bool
}

func newDemoCmd(o *Options) *cobra.Command {
	var f demoFlags
	cmd := &cobra.Command{
		Use:   "demo -o FILE",
		Short: "tạo cơ sở dữ liệu mẫu / write a demo database",
		Long: "Tạo một tệp dữ liệu mẫu giống thật (người dân, thôn buôn, hộ gia đình của Đắk Lắk, các lớp học, bài làm) để thử màn hình của cán bộ, đo tốc độ và kiểm thử.\n" +
			"Writes a realistic demo database (people, villages and households of Đắk Lắk, classes, quiz attempts) for trying the trainer screens, benchmarks and tests.\n" +
			"Cùng --seed cho cùng dữ liệu. / The same --seed gives the same data.",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runDemo(cmd, o, f) },
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.out, "output", "o", "", "file to write (must not exist unless --force)")
	fl.IntVar(&f.participants, "participants", 200, "number of participants")
	fl.IntVar(&f.sessions, "sessions", 0, "number of class sessions\n(default: participants/25, at least 4)")
	fl.Int64Var(&f.seed, "seed", 1, "random seed: the same seed gives the same data")
	fl.BoolVar(&f.force, "force", false, "replace FILE if it exists")
	return cmd
}

func runDemo(cmd *cobra.Command, o *Options, f demoFlags) error {
	switch {
	case f.out == "":
		return errors.New("hãy chọn tệp sẽ ghi bằng -o TỆP / choose the file to write with -o FILE")
	case f.participants < 1 || f.participants > 2_000_000:
		return fmt.Errorf("--participants phải từ 1 đến 2.000.000, không phải %d / --participants must be 1 to 2,000,000, not %d", f.participants, f.participants)
	case f.sessions < 0:
		return fmt.Errorf("--sessions không được âm / --sessions cannot be negative")
	}
	if err := clearDemoTarget(o, f); err != nil {
		return err
	}
	pack, err := o.LoadPack()
	if err != nil && pack == nil {
		return err
	}
	if err != nil {
		fmt.Fprintln(o.Err(), err)
	}
	start := time.Now()
	c, err := results.Demo(cmd.Context(), f.out, results.DemoOptions{Participants: f.participants,
		Sessions: f.sessions, Seed: f.seed, PackVersion: pack.Version}, results.DemoModulesOf(pack))
	if err != nil {
		return fmt.Errorf("không tạo được dữ liệu mẫu / could not write the demo database: %w", err)
	}
	fmt.Fprintf(o.Out(), "Đã ghi %s trong %.1f giây / wrote %s in %.1f s:\n", f.out, time.Since(start).Seconds(), f.out, time.Since(start).Seconds())
	for _, row := range []struct {
		vi, en string
		n      int
	}{
		{"người học", "participants", c.Participants}, {"hộ gia đình", "households", c.Households},
		{"lớp học", "class sessions", c.Sessions}, {"lượt điểm danh", "check-ins", c.Attendance},
		{"tiến độ bài học", "lesson progress rows", c.LessonProgress}, {"bài làm", "attempts", c.Attempts},
		{"câu trả lời", "answers", c.Answers},
	} {
		fmt.Fprintf(o.Out(), "  %9d  %s / %s\n", row.n, row.vi, row.en)
	}
	return nil
}

// clearDemoTarget refuses an existing file unless --force, and never
// replaces the database the app itself uses.
func clearDemoTarget(o *Options, f demoFlags) error {
	fi, err := os.Stat(f.out)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("không đọc được %s / cannot read %s: %w", f.out, f.out, err)
	}
	if !f.force {
		return fmt.Errorf("tệp %s đã có; chọn tên khác hoặc thêm --force để ghi đè / %s already exists; choose another name or add --force to replace it", f.out, f.out)
	}
	if real, _, err := results.LocatePath(o.DB); err == nil {
		if rfi, err := os.Stat(real); err == nil && os.SameFile(fi, rfi) {
			return fmt.Errorf("%s là dữ liệu thật của ứng dụng, không ghi đè bằng dữ liệu mẫu / %s is the app's real database; it is never replaced by demo data", f.out, f.out)
		}
	}
	for _, p := range []string{f.out, f.out + "-wal", f.out + "-shm"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("không xoá được %s / cannot remove %s: %w", p, p, err)
		}
	}
	return nil
}
