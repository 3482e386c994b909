// Package cli is kynangso's command line: the root command (which starts the
// TUI) and its subcommands. Parsing, IO and exit codes live here; the work
// itself lives in app, lessons, quiz and results.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"kynangso/internal/usererr"
	"kynangso/results"
	"math"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

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
	// now is the clock of every command, of the store it opens and of the
	// TUI (time.Now unless a test pins it).
	now func() time.Time
}

// Now returns the current time from the command line's clock.
func (o *Options) Now() time.Time {
	if o.now == nil {
		return time.Now()
	}
	return o.now()
}

// storeOptions give the store the command line's clock and zone.
func (o *Options) storeOptions() []results.Option {
	return []results.Option{results.WithClock(o.Now), results.WithZone(commandZone)}
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
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runTUI(cmd.Context(), o)
		},
	}
	pf := root.PersistentFlags()
	// Flag help is listed without wrapping: lines of at most 36 characters
	// keep `--help` within an 80-column console (TestHelpFitsEightyColumns).
	pf.StringVar(&o.DB, "db", "", "results database file (default:\n$KYNANGSO_DB, else kynangso.db\nbeside the program, else the user\ndata folder)")
	pf.StringVarP(&o.Lang, "lang", "l", "vi", "language of the interface and\nreports: vi or en")
	pf.StringVar(&o.Content, "content", "", "folder of extra content modules\n(same id replaces a built-in one)")
	root.Flags().IntVar(&o.IdleMinutes, "idle-minutes", 0,
		"minutes a participant screen may\nsit untouched before the app goes\nback to the welcome screen\n(0: the laptop's setting, or 10)")
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		if err := o.CheckContentFolder(); err != nil {
			return err
		}
		if o.Lang != "vi" && o.Lang != "en" {
			return &usageError{cmd: cmd.CommandPath(), err: usererr.New(
				fmt.Sprintf("Ngôn ngữ --lang phải là vi (tiếng Việt) hoặc en (tiếng Anh), không phải %q.", o.Lang),
				fmt.Sprintf("--lang must be vi (Vietnamese) or en (English), not %q.", o.Lang), nil)}
		}
		if o.IdleMinutes < 0 || o.IdleMinutes > 24*60 {
			return &usageError{cmd: cmd.CommandPath(), err: usererr.New(
				fmt.Sprintf("Số phút chờ --idle-minutes phải từ 0 đến 1440, không phải %d.", o.IdleMinutes),
				fmt.Sprintf("--idle-minutes must be between 0 and 1440, not %d.", o.IdleMinutes), nil)}
		}
		return nil
	}
	root.SuggestionsMinimumDistance = 2
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		if fe := (*flagValueError)(nil); errors.As(err, &fe) {
			err = fe // it says itself what is wrong, in both languages
		}
		return &usageError{cmd: c.CommandPath(), err: err}
	})
	root.SetOut(o.out)
	root.SetErr(o.errOut)
	for _, sub := range []*cobra.Command{
		newContentCmd(o),
		newDemoCmd(o),
		newExportCmd(o),
		newReportCmd(o),
		newBackupCmd(o),
		newMergeCmd(o),
		newRestoreCmd(o),
		newFingerprintCmd(o),
		newClassesCmd(o),
		newServeCmd(o),
		newTrainerCmd(o),
		newVersionCmd(o),
		newHubCmd(o), newSyncCmd(o),
	} {
		root.AddCommand(sub)
	}
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Short = "tạo tệp gợi ý lệnh cho shell / generate a shell completion script"
		}
	}
	bilingualShorts(root)
	return root
}

// bilingualShorts puts the English half of each subcommand's "vi / en"
// short description on a line of its own: fang lists commands without
// wrapping, and a line longer than an 80-column console breaks mid-word.
func bilingualShorts(c *cobra.Command) {
	for _, sub := range c.Commands() {
		sub.Short = strings.Replace(sub.Short, " / ", "\n", 1)
		bilingualShorts(sub)
	}
}

// commandClock is the clock Execute gives every command: the wall clock
// (tests pin it).
var commandClock = time.Now

// commandZone is the zone stored times become dates in: the laptop's (tests
// pin Vietnam's).
var commandZone = time.Local

// Execute runs the command line with args and returns the process exit
// code. Ctrl+C (SIGINT) or SIGTERM cancels the context every command runs
// with, so an interrupted merge or export stops at its next store call and
// removes its temporary files instead of dying half-way; the TUI keeps
// ignoring both, as a kiosk (runTUI).
func Execute(ctx context.Context, args []string) int {
	ctx, stop := notifyContext(ctx)
	defer stop()
	return run(ctx, args, os.Stdout, os.Stderr)
}

// notifyContext is ctx, cancelled by the first SIGINT or SIGTERM; until stop
// is called, later signals are caught too, so none kills the process.
func notifyContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	o := &Options{out: stdout, errOut: stderr, now: commandClock}
	root := NewRoot(o)
	root.SetArgs(args)
	err := fang.Execute(ctx, root,
		fang.WithVersion(versionString()),
		fang.WithErrorHandler(printError),
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

// versionString is what --version prints: the version and, when known, the
// commit (from the linker flags, else from the toolchain's VCS stamp).
func versionString() string {
	info := BuildInfo{Version: version, Commit: commit}
	if bi, ok := debug.ReadBuildInfo(); ok {
		applyBuildSettings(&info, bi.Settings)
	}
	if info.Commit == "" {
		return info.Version
	}
	return info.Version + " (" + info.Commit + ")"
}

// usageError is a mistake in how a command was typed (a flag, an argument);
// printError adds a pointer to that command's --help.
type usageError struct {
	cmd string // the command path, e.g. "kynangso export"
	err error
}

func (e *usageError) Error() string { return e.err.Error() }

func (e *usageError) Unwrap() error { return e.err }

// printError is kynangso's fang error handler. Unlike fang's default it
// prints the message exactly as written: fang capitalises the first word
// ("--Lang", "A.aiken") and adds a full stop after our own. Cobra's English
// flag errors get a Vietnamese line first.
func printError(w io.Writer, st fang.Styles, err error) {
	if errors.Is(err, errSilent) {
		return
	}
	msg := strings.TrimRight(err.Error(), "\n")
	var ue *usageError
	hint := ""
	switch {
	case errors.As(err, &ue):
		msg = viUsage(msg)
		hint = ue.cmd
	case strings.HasPrefix(msg, "unknown command"):
		msg = viUsage(msg)
		hint = "kynangso"
	}
	if hint != "" {
		msg += fmt.Sprintf("\n\nGõ `%s --help` để xem cách dùng.\nRun `%s --help` for usage.", hint, hint)
	}
	fmt.Fprintln(w, st.ErrorHeader.SetString("LỖI / ERROR").String())
	// One line at a time: a block would pad every line to the longest.
	text := st.ErrorText.UnsetTransform().UnsetWidth()
	for _, line := range strings.Split(msg, "\n") {
		fmt.Fprintln(w, strings.TrimRight(text.Render(line), " "))
	}
	fmt.Fprintln(w)
}

// viUsage puts a Vietnamese sentence before cobra's English flag errors.
func viUsage(msg string) string {
	for _, t := range []struct{ prefix, vi string }{
		{"unknown flag:", "Không có tuỳ chọn này."},
		{"unknown shorthand flag:", "Không có tuỳ chọn này."},
		{"flag needs an argument:", "Tuỳ chọn này cần một giá trị."},
		{"invalid argument", "Giá trị của tuỳ chọn không dùng được."},
		{"bad flag syntax:", "Tuỳ chọn viết sai."},
		{"unknown command", "Không có lệnh này; xem danh sách lệnh bằng --help."},
	} {
		if strings.HasPrefix(msg, t.prefix) {
			return t.vi + "\n" + msg
		}
	}
	return msg
}

// argsRange accepts between lo and hi arguments; otherwise it says, in
// Vietnamese then English, what the command needs (vi and en name the
// arguments, e.g. "TỆP" and "FILE").
func argsRange(lo, hi int, vi, en string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) < lo:
			return &usageError{cmd: cmd.CommandPath(), err: usererr.New(
				fmt.Sprintf("Lệnh `%s` còn thiếu %s.", cmd.CommandPath(), vi),
				fmt.Sprintf("`%s` needs %s.", cmd.CommandPath(), en), nil)}
		case len(args) > hi:
			return tooManyArgs(cmd, args[hi:])
		}
		return nil
	}
}

// argsAtLeast accepts lo or more arguments (merge FILE...).
func argsAtLeast(lo int, vi, en string) cobra.PositionalArgs {
	return argsRange(lo, math.MaxInt, vi, en)
}

// noArgs is cobra.NoArgs with a bilingual message (and, for the root
// command, a suggestion when a subcommand was mistyped).
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	return tooManyArgs(cmd, args)
}

func tooManyArgs(cmd *cobra.Command, extra []string) error {
	if !cmd.HasParent() {
		msg := fmt.Sprintf("Không có lệnh %q.\nThere is no command %q.", extra[0], extra[0])
		if s := cmd.SuggestionsFor(extra[0]); len(s) > 0 {
			msg += fmt.Sprintf("\nCó phải ý bạn là / Did you mean: %s", strings.Join(s, ", "))
		}
		return &usageError{cmd: cmd.CommandPath(), err: errors.New(msg)}
	}
	q := strings.Join(extra, " ")
	return &usageError{cmd: cmd.CommandPath(), err: usererr.New(
		fmt.Sprintf("Lệnh `%s` không cần thêm %q; nếu tên tệp có dấu cách, hãy đặt nó trong ngoặc kép.", cmd.CommandPath(), q),
		fmt.Sprintf("`%s` does not take %q; if a file name has spaces, put it in quotes.", cmd.CommandPath(), q), nil)}
}
