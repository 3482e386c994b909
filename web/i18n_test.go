package web

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"kynangso/app/apptest"
	"kynangso/app/ui"
)

// Every string the phone pages look up is in the catalog in both
// languages: in the Go files, in the messages of refused requests, and in
// the templates.
func TestCatalogCoversEveryKeyUsed(t *testing.T) {
	apptest.CheckCatalog(t, 40, "*.go")
	uses := []*regexp.Regexp{
		regexp.MustCompile(`refuse\(w, r, [^,]+, "([a-z][a-z0-9_.]+)"\)`),
		regexp.MustCompile(`\.[TF] "([a-z][a-z0-9_.]+)"`),
	}
	files, _ := filepath.Glob("*.go")
	tpls, _ := filepath.Glob("templates/*.html")
	seen := 0
	for _, f := range append(files, tpls...) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, re := range uses {
			for _, m := range re.FindAllStringSubmatch(string(src), -1) {
				seen++
				if e, ok := ui.Lookup(m[1]); !ok || e[0] == "" || e[1] == "" {
					t.Errorf("%s: key %q is not in the catalog in both languages", f, m[1])
				}
			}
		}
	}
	if seen < 80 {
		t.Fatalf("found only %d lookups in templates and refusals: the pattern is broken", seen)
	}
}
