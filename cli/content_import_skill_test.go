package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"kynangso/lessons"
)

// A foundation module (skill 0, docs/content-format.md) can be imported;
// a skill outside 0–5 is refused with the range in the message.
func TestContentImportFoundationSkill(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join("..", "quiz", "testdata", "moodle.gift")
	code, out, errOut := execCLI(t, "content", "import", "gift", src, "--module", "lam-quen-2", "--skill", "0", "-o", dir)
	if code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	pack, _ := lessons.LoadDir(dir)
	if m := pack.Module("lam-quen-2"); m == nil || m.Skill != 0 {
		t.Fatalf("foundation module not written with skill 0: %+v", m)
	}
	code, _, errOut = execCLI(t, "content", "import", "gift", src, "--module", "x", "--skill", "-1", "-o", dir)
	if code == 0 || !strings.Contains(errOut, "hoặc 0 cho bài nền tảng") {
		t.Errorf("--skill -1: exit %d, stderr:\n%s", code, errOut)
	}
}
