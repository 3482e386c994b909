// Package cli is kynangso's command line: the root command (which starts the
// TUI) and its subcommands. Parsing, IO and exit codes live here; the work
// itself lives in app, lessons, quiz and results.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"
)

// Build information, set with -ldflags "-X kynangso/cli.version=..." by
// scripts/release.sh.
var (
	version = "dev"
	commit  = ""
	date    = ""
)

// Options holds the global flags every subcommand shares.
type Options struct {
	// DB is the --db flag: the results database path ("" = default location).
	DB string
	// Lang is the interface language, "vi" or "en".
	Lang string
	// Content is the --content flag: a folder of modules that adds to or
	// replaces the built-in ones.
	Content string
	// IdleMinutes is the --idle-minutes flag: how long a participant screen
	// may sit untouched before the app returns to the welcome screen. Zero
	// uses the laptop's stored setting, or 10 minutes.
	IdleMinutes int

	out, errOut io.Writer
}

// Out is where a command writes its normal output.
func (o *Options) Out() io.Writer { return o.out }

// Err is where a command writes warnings and problems.
func (o *Options) Err() io.Writer { return o.errOut }

// ExitError carries a specific process exit code (for example 1 when
// `content check` found problems it has already printed).
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// errSilent marks an error whose message the command has already printed.
var errSilent = errors.New("")

// NewRoot builds the root command with every subcommand attached.
func NewRoot(o *Options) *cobra.Command {
	root := &cobra.Command{
		Use:   "kynangso",
		Short: "kỹ năng số: lớp học kỹ năng số trên máy tính dùng chung / digital-skills classes on a shared laptop",
		Long: "kynangso dạy năm kỹ năng số cơ bản bằng bài học ngắn và câu hỏi, lưu kết quả an toàn trên máy.\n" +
			"kynangso teaches the five basic digital skills with short lessons and quizzes, keeping results safely on the laptop.\n\n" +
			"Chạy không có lệnh con để mở ứng dụng. / Run with no subcommand to open the app.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runTUI(cmd.Context(), o)
		},
	}
	pf := root.PersistentFlags()
	pf.StringVar(&o.DB, "db", "", "results database file (default: $KYNANGSO_DB, kynangso.db beside the program, or the user data folder)")
	pf.StringVarP(&o.Lang, "lang", "l", "vi", "language of the interface and reports: vi or en")
	pf.StringVar(&o.Content, "content", "", "folder of extra content modules (same id replaces a built-in module)")
	root.Flags().IntVar(&o.IdleMinutes, "idle-minutes", 0,
		"minutes a participant screen may sit untouched before the app returns to the welcome screen (0: the laptop's setting, or 10)")
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		if o.Lang != "vi" && o.Lang != "en" {
			return fmt.Errorf("--lang must be vi or en, not %q", o.Lang)
		}
		if o.IdleMinutes < 0 || o.IdleMinutes > 24*60 {
			return fmt.Errorf("số phút chờ --idle-minutes phải từ 0 đến 1440 / idle minutes must be between 0 and 1440, not %d", o.IdleMinutes)
		}
		return nil
	}
	root.SetOut(o.out)
	root.SetErr(o.errOut)
	for _, sub := range []*cobra.Command{
		newContentCmd(o),
		newDemoCmd(o),
		newExportCmd(o),
		newReportCmd(o),
		newBackupCmd(o),
		newMergeCmd(o),
		newFingerprintCmd(o),
		newTrainerCmd(o),
		newVersionCmd(o),
	} {
		root.AddCommand(sub)
	}
	return root
}

// Execute runs the command line with args and returns the process exit code.
func Execute(ctx context.Context, args []string) int {
	return run(ctx, args, os.Stdout, os.Stderr)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	o := &Options{out: stdout, errOut: stderr}
	root := NewRoot(o)
	root.SetArgs(args)
	err := fang.Execute(ctx, root,
		fang.WithVersion(versionString()),
		fang.WithErrorHandler(func(w io.Writer, s fang.Styles, err error) {
			if errors.Is(err, errSilent) {
				return
			}
			fang.DefaultErrorHandler(w, s, err)
		}),
	)
	if err == nil {
		return 0
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		return ee.Code
	}
	return 1
}

func versionString() string {
	s := version
	if commit != "" {
		s += " (" + commit + ")"
	}
	return s
}
