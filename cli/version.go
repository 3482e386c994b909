package cli

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"text/tabwriter"

	// The mattn driver is the one the results store uses; opening it here
	// proves cgo and SQLite made it into this very binary.
	_ "github.com/mattn/go-sqlite3"
	"github.com/spf13/cobra"
)

// BuildInfo describes the running binary: what `kynangso version` prints.
type BuildInfo struct {
	// Version is the release version (git describe), "dev" for local builds.
	Version string `json:"version"`
	// Commit is the source revision the binary was built from.
	Commit string `json:"commit"`
	// Date is when the binary was built (UTC, RFC 3339) or committed.
	Date string `json:"date"`
	// GoVersion is the Go toolchain that built the binary.
	GoVersion string `json:"go"`
	// OS and Arch are the target platform, e.g. windows and amd64.
	OS   string `json:"os"`
	Arch string `json:"arch"`
	// CGO reports whether the binary was built with cgo, which SQLite needs.
	CGO bool `json:"cgo"`
	// SQLite is the linked SQLite library's version; empty when it failed.
	SQLite string `json:"sqlite"`
	// SQLiteError says why SQLite could not be opened; empty when it works.
	SQLiteError string `json:"sqlite_error,omitempty"`
}

func newVersionCmd(o *Options) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "version",
		Short: "In phiên bản, bản dựng và phiên bản SQLite / print version, build and SQLite version",
		Long: "In phiên bản, mã commit, ngày dựng, phiên bản Go, hệ điều hành và phiên bản SQLite.\n" +
			"Thoát với mã 1 nếu SQLite không chạy được trong bản này (bản dựng thiếu cgo).\n\n" +
			"Prints the version, commit, build date, Go version, OS/arch and SQLite version.\n" +
			"Exits 1 if SQLite does not work in this binary (a build without cgo).",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			info := currentBuildInfo(cmd.Context())
			return writeVersion(o, info, asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON / in dạng JSON")
	return cmd
}

// currentBuildInfo gathers what the linker flags, the Go runtime and the
// SQLite driver say about this binary.
func currentBuildInfo(ctx context.Context) BuildInfo {
	info := BuildInfo{
		Version:   version,
		Commit:    commit,
		Date:      date,
		GoVersion: runtime.Version(),
		OS:        runtime.GOOS,
		Arch:      runtime.GOARCH,
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		applyBuildSettings(&info, bi.Settings)
	}
	v, err := sqliteVersion(ctx)
	if err != nil {
		info.SQLiteError = err.Error()
	} else {
		info.SQLite = v
	}
	return info
}

// applyBuildSettings fills what the linker flags left empty from the
// settings the Go toolchain records: a plain `go build` in a git checkout
// stamps vcs.revision, vcs.time and vcs.modified (none with -buildvcs=false,
// and then the commit stays unknown). A build from uncommitted changes gets
// "-dirty" after its commit, as git describe writes it.
func applyBuildSettings(info *BuildInfo, settings []debug.BuildSetting) {
	fromVCS, modified := false, false
	for _, s := range settings {
		switch {
		case s.Key == "CGO_ENABLED":
			info.CGO = s.Value == "1"
		case s.Key == "vcs.revision" && info.Commit == "":
			info.Commit, fromVCS = s.Value, true
		case s.Key == "vcs.time" && info.Date == "":
			info.Date = s.Value
		case s.Key == "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if fromVCS && modified {
		info.Commit += "-dirty"
	}
}

// sqliteVersion opens an in-memory database with the driver the store uses
// and asks it for its version: the cheapest proof that SQLite really works.
func sqliteVersion(ctx context.Context) (string, error) {
	db, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		return "", fmt.Errorf("open in-memory SQLite: %w", err)
	}
	defer db.Close()
	var v string
	if err := db.QueryRowContext(ctx, "select sqlite_version()").Scan(&v); err != nil {
		return "", fmt.Errorf("query SQLite version: %w", err)
	}
	return v, nil
}

// writeVersion prints info as text or JSON, and turns a SQLite failure into
// a plain-words message on stderr and exit code 1.
func writeVersion(o *Options, info BuildInfo, asJSON bool) error {
	var err error
	if asJSON {
		enc := json.NewEncoder(o.Out())
		enc.SetIndent("", "  ")
		err = enc.Encode(info)
	} else {
		err = writeVersionText(o.Out(), info, o.Lang)
	}
	if err != nil {
		return fmt.Errorf("write version: %w", err)
	}
	if info.SQLiteError != "" {
		fmt.Fprintf(o.Err(), "Lỗi: SQLite không chạy được trong bản kynangso này (%s).\n"+
			"Bản này không lưu được kết quả. Hãy dùng bản phát hành chính thức, hoặc dựng lại với CGO_ENABLED=1 và trình biên dịch C (gcc).\n"+
			"Error: SQLite does not work in this kynangso binary, so it cannot keep results.\n"+
			"Use an official release, or rebuild with CGO_ENABLED=1 and a C compiler (gcc).\n",
			info.SQLiteError)
		return &ExitError{Code: 1, Err: errSilent}
	}
	return nil
}

func writeVersionText(w io.Writer, info BuildInfo, lang string) error {
	labels := [...]string{"phiên bản", "commit", "ngày dựng", "Go", "hệ điều hành", "SQLite"}
	if lang == "en" {
		labels = [...]string{"version", "commit", "built", "Go", "OS/arch", "SQLite"}
	}
	sqlite := info.SQLite
	if sqlite == "" {
		sqlite = "LỖI / ERROR"
	}
	cgo := ""
	if !info.CGO {
		cgo = " (cgo: off)"
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for i, v := range []string{
		info.Version, orUnknown(info.Commit, lang), orUnknown(info.Date, lang),
		info.GoVersion, info.OS + "/" + info.Arch + cgo, sqlite,
	} {
		fmt.Fprintf(tw, "%s:\t%s\n", labels[i], v)
	}
	return tw.Flush()
}

func orUnknown(s, lang string) string {
	switch {
	case s != "":
		return s
	case lang == "en":
		return "unknown (local build without version information)"
	default:
		return "không rõ (bản dựng tại chỗ, không kèm thông tin phiên bản)"
	}
}
