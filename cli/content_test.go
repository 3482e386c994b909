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
	want := "mau/module.yaml:2: skill must be 1 to 5 (one of the five basic digital skills) or 0 (a foundation module, before the five skills), found 6\nFAIL: 1 problem in 1 file\n"
	if code != 1 || out != want {
		t.Fatalf("exit %d\nstdout:\n%s\nwant:\n%s\nstderr:\n%s", code, out, want, errOut)
	}
	if strings.TrimSpace(errOut) != "" {
		t.Errorf("problems already printed, stderr should be empty:\n%s", errOut)
	}
}

const giveawayPack = "../lessons/testdata/lint/giveaway"

// TestContentCheckLintWarns checks the answer-cue lint runs in content
// check: warnings with FILE:LINE after the problems, a summary that counts
// them, and exit 0, since a pack that gives answers away still works.
func TestContentCheckLintWarns(t *testing.T) {
	code, out, _ := execCLI(t, "content", "check", giveawayPack)
	for _, want := range []string{
		"lo/quiz.yaml:1: warning: vi: the right answer is the longest choice in 8 of 8",
		"lo/quiz.yaml:105: warning: question m1: only one of its 3 choices is wrong",
		"lo/quiz.yaml:133: warning: the answer is False (Sai) in 5 of 5",
		"WARN: 7 warnings about answer cues (see docs/content-format.md, \"Answer cues\"; --strict fails on them)\nOK: 1 module, 15 questions, 1 page per language (vi, en)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if code != 0 {
		t.Errorf("exit %d, want 0 without --strict", code)
	}
}

// TestContentCheckStrict checks --strict turns warnings into a failure.
func TestContentCheckStrict(t *testing.T) {
	code, out, _ := execCLI(t, "content", "check", "--strict", giveawayPack)
	if code != 1 || !strings.HasSuffix(out, "FAIL: 7 warnings about answer cues (--strict)\n") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	code, out, _ = execCLI(t, "content", "check", "--strict", goodPack)
	if code != 0 || strings.Contains(out, "warning") {
		t.Fatalf("good pack under --strict: exit %d\n%s", code, out)
	}
}

// TestContentCheckBuiltinStrict holds the built-in pack to its own lint:
// no problem and no answer-cue warning, merged path (no DIR) included.
func TestContentCheckBuiltinStrict(t *testing.T) {
	code, out, _ := execCLI(t, "content", "check", "--strict")
	if code != 0 || strings.Contains(out, "warning") || !strings.HasPrefix(out, "OK: ") {
		t.Fatalf("exit %d\n%s", code, out)
	}
}

// TestContentCheckMergedLintNamesFolders checks that with --content each
// module's warnings name the folder it came from.
func TestContentCheckMergedLintNamesFolders(t *testing.T) {
	_, out, _ := execCLI(t, "--content", giveawayPack, "content", "check")
	if !strings.Contains(out, giveawayPack+"/lo/quiz.yaml:105: warning: question m1") {
		t.Fatalf("warning not against the --content folder:\n%s", out)
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
