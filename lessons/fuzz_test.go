package lessons

import (
	"os"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The fuzz targets check that no input crashes the loader, that every
// problem names a file, and that everything loaded is clean NFC text.
// CI runs the seeds in testdata/fuzz; fuzz with
// go test ./lessons -run '^$' -fuzz FuzzLoadQuiz -fuzztime 1m

// goodFiles is the good pack, read once so fuzzing spends its time loading.
var goodFiles = sync.OnceValues(func() (map[string][]byte, error) {
	files := map[string][]byte{}
	for _, name := range []string{"pack.yaml", "mau/module.yaml", "mau/quiz.yaml", "mau/lesson.vi.md", "mau/lesson.en.md"} {
		b, err := os.ReadFile("testdata/good/" + name)
		if err != nil {
			return nil, err
		}
		files[name] = b
	}
	return files, nil
})

func fuzzPack(t testing.TB, file string, data []byte) (*Pack, []Problem) {
	files, err := goodFiles()
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for name, b := range files {
		fsys[name] = &fstest.MapFile{Data: b}
	}
	fsys[file] = &fstest.MapFile{Data: data}
	return Load(fsys)
}

func checkLoaded(t *testing.T, p *Pack, probs []Problem) {
	for _, pr := range probs {
		if pr.File == "" || pr.Line < 0 || pr.Msg == "" {
			t.Fatalf("malformed problem %#v", pr)
		}
	}
	clean := func(s string) {
		if !utf8.ValidString(s) || !norm.NFC.IsNormalString(s) || strings.ContainsAny(s, "\x00\x1b\u202e") {
			t.Fatalf("unclean text loaded: %q", s)
		}
	}
	for _, m := range p.Modules {
		for _, s := range m.Title {
			clean(s)
		}
		for _, q := range m.Questions {
			for _, s := range q.Prompt {
				clean(s)
			}
			for _, c := range q.Choices {
				for _, s := range c.Text {
					clean(s)
				}
			}
		}
		for _, ps := range m.Pages {
			for _, pg := range ps {
				clean(pg.Title)
				clean(pg.Body)
			}
		}
	}
}

func seedFile(f *testing.F, name string) {
	b, err := os.ReadFile(name)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
}

func FuzzLoadQuiz(f *testing.F) {
	seedFile(f, "testdata/good/mau/quiz.yaml")
	f.Add([]byte("- id: q1\n  type: single\n  choices: *a\n"))
	f.Add([]byte("- &a {id: q1, choices: [*a]}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, probs := fuzzPack(t, "mau/quiz.yaml", data)
		checkLoaded(t, p, probs)
	})
}

func FuzzLoadModule(f *testing.F) {
	seedFile(f, "testdata/good/mau/module.yaml")
	seedFile(f, "testdata/good/pack.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		p, probs := fuzzPack(t, "mau/module.yaml", data)
		checkLoaded(t, p, probs)
		p, probs = fuzzPack(t, "pack.yaml", data)
		checkLoaded(t, p, probs)
	})
}

func FuzzParsePages(f *testing.F) {
	seedFile(f, "testdata/good/mau/lesson.vi.md")
	f.Add([]byte("# A\n```message\n---\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !utf8.Valid(data) {
			return // the loader rejects it before parsing
		}
		pages, probs := ParsePages(string(data))
		last := 0
		for _, pg := range pages {
			if pg.Line <= last || strings.Contains(pg.Title, "\n") {
				t.Fatalf("bad page %+v after line %d", pg, last)
			}
			last = pg.Line
		}
		if len(pages) == 0 && len(probs) == 0 {
			t.Fatal("no pages and no problem")
		}
	})
}

func BenchmarkLoadBuiltin(b *testing.B) {
	fsys := BuiltinFS()
	for b.Loop() {
		if p, _ := Load(fsys); len(p.Modules) == 0 {
			b.Fatal("no modules")
		}
	}
}
