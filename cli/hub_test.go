package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kynangso/hub"
	"kynangso/hub/hubtest"
)

// hubHome points the user's configuration and cache folders at temporary
// ones, so a test never reads or writes the real hub address.
func hubHome(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	t.Setenv("XDG_CACHE_HOME", filepath.Join(dir, "cache"))
	t.Setenv(hub.EnvHub, "")
	return dir
}

func TestHubSetKeepsThePasswordPrivate(t *testing.T) {
	hubHome(t)
	const secret = "S3cret-pass-9"
	addr := "postgres://eatu1:" + secret + "@127.0.0.1:1/kynangso?sslmode=require&connect_timeout=1"
	code, out, errOut := execCLI(t, "hub", "set", addr)
	if code != 0 {
		t.Fatalf("hub set: exit %d\n%s%s", code, out, errOut)
	}
	if strings.Contains(out+errOut, secret) {
		t.Errorf("hub set printed the password:\n%s%s", out, errOut)
	}
	if !strings.Contains(out, "postgres://eatu1:***@127.0.0.1:1/kynangso") || !strings.Contains(errOut, "cannot be reached") && !strings.Contains(errOut, "Chưa kết nối") {
		t.Errorf("hub set output:\n%s%s", out, errOut)
	}
	path, err := hub.ConfigPath()
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("saved address %s: %v, mode %v; want 0600", path, err, fi.Mode().Perm())
	}
	if b, _ := os.ReadFile(path); !strings.Contains(string(b), secret) {
		t.Error("the saved file does not hold the address")
	}
	code, out, errOut = execCLI(t, "hub", "show")
	if code != 0 || strings.Contains(out+errOut, secret) || !strings.Contains(out, "***") {
		t.Errorf("hub show: exit %d\n%s%s", code, out, errOut)
	}
	// A failing sync explains itself without the password.
	dir := t.TempDir()
	code, out, errOut = execCLI(t, "--db", filepath.Join(dir, "k.db"), "sync")
	if code != 1 || strings.Contains(out+errOut, secret) || !strings.Contains(errOut, "check the connection") {
		t.Errorf("sync to an unreachable hub: exit %d\n%s%s", code, out, errOut)
	}
	// Addresses that would send the data unencrypted are refused.
	for _, bad := range []string{"postgres://eatu1:" + secret + "@hub.example/kynangso",
		"postgres://eatu1:" + secret + "@hub.example/kynangso?sslmode=prefer"} {
		code, out, errOut = execCLI(t, "hub", "set", bad)
		if code != 1 || strings.Contains(out+errOut, secret) || !strings.Contains(errOut, "sslmode") {
			t.Errorf("hub set %s: exit %d\n%s%s", hub.Mask(bad, bad), code, out, errOut)
		}
	}
	// A saved file that others may read is refused.
	os.Chmod(path, 0o644)
	if code, _, errOut = execCLI(t, "hub", "show"); code != 1 || !strings.Contains(errOut, "chmod 600") {
		t.Errorf("hub show with a readable file: exit %d\n%s", code, errOut)
	}
}

// TestSyncAndReportThroughTheHub runs a team's sync and the province's
// report, export and fingerprint against a real hub, as the commands
// would be typed.
func TestSyncAndReportThroughTheHub(t *testing.T) {
	hubHome(t)
	ctx := context.Background()
	db := hubtest.New(t)
	owner := db.DSN("")
	if code, out, errOut := execCLI(t, "hub", "init", owner); code != 0 || !strings.Contains(out, fmt.Sprintf("%d.", hub.SchemaVersion)) {
		t.Fatalf("hub init: exit %d\n%s%s", code, out, errOut)
	}
	team, prov := db.Role("eatu1"), db.Role("province")
	if err := hub.AddTeam(ctx, db.Connect(t, ""), hub.Team{Role: team, Name: "Tổ 1", Commune: "Xã Ea Tu"}, "pw"); err != nil {
		t.Fatal(err)
	}
	code, provURL, errOut := execCLI(t, "hub", "add-province", owner, "--role", prov)
	if code != 0 || !strings.Contains(provURL, prov+":") {
		t.Fatalf("hub add-province: exit %d\n%s%s", code, provURL, errOut)
	}
	dir := t.TempDir()
	local := filepath.Join(dir, "k.db")
	laptopDB(t, local, "Nguyễn Văn An")
	if code, out, errOut := execCLI(t, "hub", "set", db.DSN(team)); code != 0 || !strings.Contains(out, "Tổ 1, Xã Ea Tu") {
		t.Fatalf("hub set: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut := execCLI(t, "--db", local, "sync")
	if code != 0 || !strings.Contains(out, "người học: gửi 1 (1 mới") {
		t.Fatalf("sync: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut = execCLI(t, "--db", local, "sync"); code != 0 || !strings.Contains(out, "Không có gì mới") {
		t.Errorf("second sync: exit %d\n%s%s", code, out, errOut)
	}
	_, want, _ := execCLI(t, "--db", local, "report", "--format", "json")
	code, got, errOut := execCLI(t, "report", "--format", "json", "--hub", db.DSN(prov), "--commune", "Xã Ea Tu")
	if code != 0 || got != want {
		t.Errorf("report --hub: exit %d\n%s\nwant the local report:\n%s\n%s", code, got, want, errOut)
	}
	if code, _, errOut = execCLI(t, "report", "--hub", db.DSN(prov), "--commune", "Xã Không Có"); code != 1 ||
		!strings.Contains(errOut, "no such commune") || !strings.Contains(errOut, "Các xã/phường trên máy chủ: 'Xã Ea Tu'") {
		t.Errorf("report on an unknown commune: exit %d\n%s", code, errOut)
	}
	// It leaves no empty mirror behind.
	if m, _ := filepath.Glob(filepath.Join(os.Getenv("XDG_CACHE_HOME"), "kynangso", "hub-mirror-*")); len(m) != 1 {
		t.Errorf("mirrors after a report on an unknown commune: %v, want only Xã Ea Tu's", m)
	}
	out1 := filepath.Join(dir, "local.csv")
	out2 := filepath.Join(dir, "hub.csv")
	execCLI(t, "--db", local, "export", "results", "--format", "csv", "-o", out1)
	if code, _, errOut = execCLI(t, "export", "results", "--format", "csv", "-o", out2, "--hub", db.DSN(prov)); code != 0 {
		t.Fatalf("export --hub: exit %d\n%s", code, errOut)
	}
	if a, b := readFile(t, out1), readFile(t, out2); a != b || a == "" {
		t.Errorf("export --hub differs from the local export:\n%s\n%s", b, a)
	}
	_, fpLocal, _ := execCLI(t, "--db", local, "fingerprint")
	// The address add-province printed works as it is (the test server
	// listens on a socket whose port is not PostgreSQL's default).
	if _, fpHub, errOut := execCLI(t, "hub", "fingerprint", strings.TrimSpace(provURL)); strings.TrimSpace(fpHub) != strings.TrimSpace(fpLocal) {
		t.Errorf("hub fingerprint %q, laptop %q\n%s", fpHub, fpLocal, errOut)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
