package apptest

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kynangso/app/ui"
)

// CheckCatalog fails unless every key the Go files matching patterns look
// up (cat.T("…"), cat.F("…"), a key binding's b("…")) is in the catalog in
// both languages, and every catalog entry has both. min is the fewest
// lookups expected, so a broken pattern cannot pass unnoticed.
func CheckCatalog(t *testing.T, min int, patterns ...string) {
	t.Helper()
	re := regexp.MustCompile(`(?:\.T|\.F|b)\("([a-z][a-z0-9_.]*\.[a-z0-9_.]+)"`)
	seen := 0
	for _, pat := range patterns {
		files, _ := filepath.Glob(pat)
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range re.FindAllStringSubmatch(string(src), -1) {
				seen++
				e, ok := ui.Lookup(m[1])
				if !ok {
					t.Errorf("%s: key %q is not in the catalog", f, m[1])
					continue
				}
				if e[0] == "" || e[1] == "" {
					t.Errorf("key %q lacks a language", m[1])
				}
			}
		}
	}
	if seen < min {
		t.Fatalf("found only %d lookups: the pattern is broken", seen)
	}
	for _, k := range ui.Keys() {
		if e, _ := ui.Lookup(k); e[0] == "" || e[1] == "" {
			t.Errorf("key %q lacks a language", k)
		}
	}
}
