package cli

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"kynangso/lessons"
)

const (
	goodPack = "../lessons/testdata/good"
	badPack  = "../lessons/testdata/bad/skill-range"
)

func TestContentCheckGoodPack(t *testing.T) {
	code, out, errOut := execCLI(t, "content", "check", goodPack)
	if code != 0 || out != "OK: 1 module, 3 questions, 2 pages per language (vi, en)\n" {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
}

func TestContentCheckBadPack(t *testing.T) {
	code, out, errOut := execCLI(t, "content", "check", badPack)
	want := "mau/module.yaml:2: skill must be 1 to 5 (one of the five basic digital skills), found 6\nFAIL: 1 problem in 1 file\n"
	if code != 1 || out != want {
		t.Fatalf("exit %d\nstdout:\n%s\nwant:\n%s\nstderr:\n%s", code, out, want, errOut)
	}
	if strings.TrimSpace(errOut) != "" {
		t.Errorf("problems already printed, stderr should be empty:\n%s", errOut)
	}
}

func TestContentCheckWithContentFlagNamesTheFolder(t *testing.T) {
	code, out, _ := execCLI(t, "--content", badPack, "content", "check")
	if code != 1 || !strings.Contains(out, badPack+"/mau/module.yaml:2: skill must be 1 to 5") {
		t.Fatalf("exit %d\n%s", code, out)
	}
}

func TestContentCheckMissingFolder(t *testing.T) {
	code, out, _ := execCLI(t, "content", "check", t.TempDir()+"/khong-co")
	if code != 1 || !strings.Contains(out, "folder not found") {
		t.Fatalf("exit %d\n%s", code, out)
	}
}

func TestContentListJSON(t *testing.T) {
	code, out, errOut := execCLI(t, "--lang", "en", "--content", goodPack, "content", "list", "--json")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	var rows []moduleRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	var mau *moduleRow
	for i := range rows {
		if rows[i].ID == "mau" {
			mau = &rows[i]
		}
	}
	if mau == nil || len(rows) < 2 {
		t.Fatalf("rows = %+v, want the built-in modules plus mau", rows)
	}
	if mau.Title != "Spotting scam messages" || mau.Skill != 4 || mau.Questions != 3 ||
		mau.Pages["vi"] != 2 || mau.Pages["en"] != 2 || strings.Join(mau.Languages, ",") != "vi,en" {
		t.Errorf("mau = %+v", *mau)
	}
}

func TestContentListTable(t *testing.T) {
	code, out, _ := execCLI(t, "--content", goodPack, "content", "list")
	if code != 0 || !strings.HasPrefix(out, "ID ") || !strings.Contains(out, "Nhận biết tin nhắn lừa đảo") {
		t.Fatalf("exit %d\n%s", code, out)
	}
}

func TestLoadPackReportsProblems(t *testing.T) {
	o := &Options{Content: badPack}
	pack, err := o.LoadPack()
	var probs lessons.Problems
	if !errors.As(err, &probs) || pack == nil || pack.Module("mau") == nil {
		t.Fatalf("pack %v, err %v", pack, err)
	}
	if !strings.Contains(err.Error(), "skill must be 1 to 5") || !strings.Contains(err.Error(), "content check") {
		t.Errorf("error does not list the problem: %v", err)
	}
	o.Content = goodPack
	pack, err = o.LoadPack()
	if err != nil {
		t.Logf("built-in pack problems: %v", err)
	}
	if pack.Module("mau") == nil || pack.Module("mau").PackVersion != "0.1.0" {
		t.Errorf("--content module not merged")
	}
}
