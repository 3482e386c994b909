package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

var sqliteVersionRE = regexp.MustCompile(`^3\.\d+\.\d+$`)

func TestVersionPrintsSQLiteVersion(t *testing.T) {
	for _, lang := range []string{"vi", "en"} {
		t.Run(lang, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(context.Background(), []string{"--lang", lang, "version"}, &out, &errOut)
			if code != 0 {
				t.Fatalf("exit %d, stderr:\n%s", code, errOut.String())
			}
			lines := map[string]string{}
			for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
				k, v, ok := strings.Cut(l, ":")
				if !ok {
					t.Fatalf("line without a label: %q", l)
				}
				lines[k] = strings.TrimSpace(v)
			}
			if v := lines["SQLite"]; !sqliteVersionRE.MatchString(v) {
				t.Errorf("SQLite = %q, want a 3.x.y version\n%s", v, out.String())
			}
			if v := lines["Go"]; v != runtime.Version() {
				t.Errorf("Go = %q, want %q", v, runtime.Version())
			}
			if !strings.Contains(out.String(), runtime.GOOS+"/"+runtime.GOARCH) {
				t.Errorf("no OS/arch in output:\n%s", out.String())
			}
		})
	}
}

func TestVersionJSON(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"version", "--json"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut.String())
	}
	var info BuildInfo
	if err := json.Unmarshal(out.Bytes(), &info); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out.String())
	}
	if !sqliteVersionRE.MatchString(info.SQLite) || info.SQLiteError != "" {
		t.Errorf("sqlite = %q, error = %q", info.SQLite, info.SQLiteError)
	}
	if !info.CGO {
		t.Error("cgo = false, but the test binary opened SQLite")
	}
	if info.Version != version || info.OS != runtime.GOOS || info.Arch != runtime.GOARCH {
		t.Errorf("unexpected build info %+v", info)
	}
}

// A binary built without cgo has a stub SQLite driver: version must say so
// in plain words and exit non-zero, so a release script refuses the binary.
func TestVersionWithoutSQLiteFails(t *testing.T) {
	var out, errOut bytes.Buffer
	o := &Options{Lang: "vi", out: &out, errOut: &errOut}
	info := BuildInfo{Version: "v1.0.0", GoVersion: "go1.26", OS: "windows", Arch: "amd64",
		SQLiteError: "Binary was compiled with 'CGO_ENABLED=0'"}
	err := writeVersion(o, info, false)
	var ee *ExitError
	if !errors.As(err, &ee) || ee.Code != 1 {
		t.Fatalf("err = %v, want exit code 1", err)
	}
	if !errors.Is(err, errSilent) {
		t.Error("error is not silent: the message would be printed twice")
	}
	if !strings.Contains(out.String(), "SQLite:") || !strings.Contains(out.String(), "LỖI") {
		t.Errorf("stdout does not flag SQLite:\n%s", out.String())
	}
	for _, want := range []string{"CGO_ENABLED=1", "SQLite không chạy được", "cannot keep results"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut.String())
		}
	}
}

// A plain `go build` leaves the linker flags empty; the commit then comes
// from the toolchain's VCS stamp, and stays "unknown" without one.
func TestVersionFallsBackToVCSStamp(t *testing.T) {
	stamp := []debug.BuildSetting{
		{Key: "CGO_ENABLED", Value: "1"},
		{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
		{Key: "vcs.time", Value: "2026-03-15T03:15:00Z"},
		{Key: "vcs.modified", Value: "true"},
	}
	var info BuildInfo
	applyBuildSettings(&info, stamp)
	if info.Commit != "0123456789abcdef0123456789abcdef01234567-dirty" || info.Date != "2026-03-15T03:15:00Z" || !info.CGO {
		t.Errorf("from VCS stamp: %+v", info)
	}
	// Linker flags win over the stamp, and are not marked dirty.
	info = BuildInfo{Commit: "v1.2.0-abc", Date: "2026-04-01"}
	applyBuildSettings(&info, stamp)
	if info.Commit != "v1.2.0-abc" || info.Date != "2026-04-01" {
		t.Errorf("linker flags overridden: %+v", info)
	}
	// -buildvcs=false: no stamp at all.
	info = BuildInfo{}
	applyBuildSettings(&info, []debug.BuildSetting{{Key: "CGO_ENABLED", Value: "1"}})
	var b bytes.Buffer
	if err := writeVersionText(&b, info, "vi"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "commit:") || !strings.Contains(b.String(), "không rõ (bản dựng tại chỗ") {
		t.Errorf("unknown commit not explained:\n%s", b.String())
	}
}
