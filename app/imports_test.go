package app

import (
	"os/exec"
	"strings"
	"testing"
)

// The import rules of docs/architecture.md: the kit imports neither the
// root nor the trainer's area, the trainer's area does not import the root,
// the root does not import the trainer's area (cli wires the two), and the
// store, content and quiz packages import no terminal library.
func TestImportRules(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}",
		"kynangso/app", "kynangso/app/ui", "kynangso/app/trainer", "kynangso/results", "kynangso/lessons", "kynangso/quiz").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	banned := map[string][]string{
		"kynangso/app":         {"kynangso/app/trainer"},
		"kynangso/app/ui":      {"kynangso/app", "kynangso/app/trainer"},
		"kynangso/app/trainer": {"kynangso/app"},
		"kynangso/results":     {"charm.land/"},
		"kynangso/lessons":     {"charm.land/"},
		"kynangso/quiz":        {"charm.land/"},
	}
	seen := 0
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(l)
		seen++
		for _, imp := range f[1:] {
			for _, b := range banned[f[0]] {
				if imp == b || (strings.HasSuffix(b, "/") && strings.HasPrefix(imp, b)) {
					t.Errorf("%s imports %s", f[0], imp)
				}
			}
		}
	}
	if seen != len(banned) {
		t.Fatalf("go list gave %d packages, want %d:\n%s", seen, len(banned), out)
	}
}
