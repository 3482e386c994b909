package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kynangso/hub"
	"kynangso/hub/hubtest"
)

// TestProvinceReportComesFromTheSummaries syncs a demo laptop to a real
// hub and checks what `report --hub` does for the whole province: with no
// --section it answers from the hub's summaries (no report mirror is made)
// the numbers the laptop's own report gives; the named follow-up list, a
// commune, or a team's login go through the mirror and agree too.
func TestProvinceReportComesFromTheSummaries(t *testing.T) {
	home := hubHome(t)
	ctx := context.Background()
	db := hubtest.New(t)
	owner := db.DSN("")
	if code, out, errOut := execCLI(t, "hub", "init", owner); code != 0 {
		t.Fatalf("hub init: exit %d\n%s%s", code, out, errOut)
	}
	team, prov := db.Role("eatu1"), db.Role("province")
	if err := hub.AddTeam(ctx, db.Connect(t, ""), hub.Team{Role: team, Name: "Tổ 1", Commune: "Xã Ea Tu"}, "pw"); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := execCLI(t, "hub", "add-province", owner, "--role", prov); code != 0 ||
		!strings.Contains(errOut, "không trao cho tổ") || strings.Contains(errOut, "hãy trao địa chỉ này cho tổ") {
		t.Fatalf("hub add-province: exit %d, or it says to hand the province's login to a team:\n%s", code, errOut)
	}
	local := filepath.Join(t.TempDir(), "demo.db")
	if code, _, errOut := execCLI(t, "demo", "-o", local, "--participants", "120"); code != 0 {
		t.Fatalf("demo: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := execCLI(t, "hub", "set", db.DSN(team)); code != 0 {
		t.Fatalf("hub set: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := execCLI(t, "--db", local, "sync"); code != 0 {
		t.Fatalf("sync: exit %d\n%s", code, errOut)
	}
	mirrors := func() []string {
		m, _ := filepath.Glob(filepath.Join(home, "cache", "kynangso", "hub-mirror-*.db"))
		return m
	}

	_, want, _ := execCLI(t, "--db", local, "report", "--format", "json", "--section", "class,modules,questions,coverage,overview")
	code, got, errOut := execCLI(t, "report", "--format", "json", "--hub", db.DSN(prov))
	if code != 0 || got != want {
		t.Fatalf("report --hub from the summaries: exit %d\n%s\nwant the laptop's report:\n%s\n%s", code, got, want, errOut)
	}
	if !strings.Contains(want, `"overview"`) || !strings.Contains(want, `"questions"`) {
		t.Fatalf("the laptop's report lacks a section:\n%s", want)
	}
	if m := mirrors(); len(m) != 0 || strings.Contains(errOut, "bản sao") {
		t.Errorf("the province's default report made a mirror %v:\n%s", m, errOut)
	}
	if !strings.Contains(errOut, "--section followup --commune") {
		t.Errorf("no hint about the named list:\n%s", errOut)
	}

	// A village: the summaries, without the item analysis.
	_, want, _ = execCLI(t, "--db", local, "report", "--format", "json", "--village", "thon 8",
		"--section", "class,modules,coverage,overview")
	if code, got, errOut = execCLI(t, "report", "--format", "json", "--village", "thon 8", "--hub", db.DSN(prov)); code != 0 || got != want {
		t.Errorf("report --hub --village: exit %d\n%s\nwant:\n%s\n%s", code, got, want, errOut)
	}
	if m := mirrors(); len(m) != 0 {
		t.Errorf("a village's report made a mirror %v", m)
	}
	if code, _, errOut = execCLI(t, "report", "--village", "Thôn Không Có", "--hub", db.DSN(prov)); code != 1 ||
		!strings.Contains(errOut, "Không tìm thấy lớp hoặc thôn/buôn") {
		t.Errorf("an unknown village on the hub: exit %d\n%s", code, errOut)
	}

	// The named list needs the rows: the mirror, with the same numbers.
	_, want, _ = execCLI(t, "--db", local, "report", "--format", "json", "--section", "followup,class")
	if code, got, errOut = execCLI(t, "report", "--format", "json", "--section", "followup,class", "--hub", db.DSN(prov)); code != 0 || got != want {
		t.Errorf("report --hub --section followup: exit %d\n%s\nwant:\n%s\n%s", code, got, want, errOut)
	}
	if m := mirrors(); len(m) != 1 || !strings.Contains(errOut, "bản sao") {
		t.Errorf("the follow-up list did not go through the mirror (%v):\n%s", m, errOut)
	}
	for _, m := range mirrors() {
		os.Remove(m)
	}

	// A team's login reads neither the summaries nor the rows of other
	// teams: a plain refusal, whichever way the report would go.
	for _, sec := range []string{"class,coverage", "followup"} {
		code, _, errOut = execCLI(t, "report", "--section", sec, "--hub", db.DSN(team))
		if code != 1 || !strings.Contains(errOut, "tài khoản của tỉnh") || !strings.Contains(errOut, "province's login") {
			t.Errorf("report --hub --section %s with a team's login: exit %d\n%s", sec, code, errOut)
		}
	}

	// The text report of the province prints the overview, not the list.
	if code, got, errOut = execCLI(t, "report", "--hub", db.DSN(prov)); code != 0 ||
		!strings.Contains(got, "CẦN THĂM LẠI: TỔNG QUAN THEO THÔN/BUÔN") || strings.Contains(got, "Hoạt động") {
		t.Errorf("the province's text report: exit %d\n%s\n%s", code, got, errOut)
	}
}
