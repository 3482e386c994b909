package app

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every key the code looks up exists, in both languages.
func TestCatalogCoversEveryKeyUsed(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	re := regexp.MustCompile(`(?:\.T|\.F|b)\("([a-z][a-z0-9_.]*\.[a-z0-9_.]+)"`)
	seen := 0
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
			e, ok := uiStrings[m[1]]
			if !ok {
				t.Errorf("%s: key %q is not in the catalog", f, m[1])
				continue
			}
			if e.vi == "" || e.en == "" {
				t.Errorf("key %q lacks a language", m[1])
			}
		}
	}
	if seen < 50 {
		t.Fatalf("found only %d lookups: the pattern is broken", seen)
	}
	for k, e := range uiStrings {
		if e.vi == "" || e.en == "" {
			t.Errorf("key %q lacks a language", k)
		}
	}
}
