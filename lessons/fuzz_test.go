package lessons

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The fuzz targets check that no input crashes the loader, that every
// problem names a file, and that everything loaded is clean NFC text.
// CI runs the seeds in testdata/fuzz; fuzz with (see docs/content-format.md)
// go test ./lessons -run '^$' -fuzz '^FuzzLoadQuiz$' -fuzztime 1m -fuzzminimizetime 5s

// maxFuzzInput caps what the fuzz targets try. Go minimises each new
// interesting input for up to -fuzzminimizetime (60 s by default), and one
// of its passes tries removing every range of bytes: about n²/2 runs for n
// bytes, so inputs of a few kilobytes kept fuzzing at 0 execs/s for minutes.
// 512 bytes hold a question or two, or a whole module.yaml: enough for every
// path of the loader, and quick to minimise.
const maxFuzzInput = 512

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
	for _, s := range p.Title {
		clean(s)
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

// seedFile adds the file name as a seed, cut to its first maxFuzzInput
// bytes at a blank line, so the seed itself is not skipped.
func seedFile(f *testing.F, name string) {
	b, err := os.ReadFile(name)
	if err != nil {
		f.Fatal(err)
	}
	if len(b) > maxFuzzInput {
		b = b[:maxFuzzInput]
		if i := bytes.LastIndex(b, []byte("\n\n")); i > 0 {
			b = b[:i+1]
		}
	}
	f.Add(b)
}

// FuzzLoadQuiz loads arbitrary quiz.yaml files. It reads the quiz alone, as
// Load reads each module's quiz, rather than the whole good pack, so that
// each run is quick and so is minimising a new input.
func FuzzLoadQuiz(f *testing.F) {
	seedFile(f, "testdata/good/mau/quiz.yaml")
	f.Add([]byte("- id: q1\n  type: single\n  choices: *a\n"))
	f.Add([]byte("- &a {id: q1, choices: [*a]}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			return
		}
		l := &loader{fsys: fstest.MapFS{"mau/quiz.yaml": {Data: data}}, langs: DefaultLanguages}
		qs, _ := l.quizFile("mau/quiz.yaml")
		checkLoaded(t, &Pack{Modules: []*Module{{Questions: qs}}}, l.sorted())
	})
}

// FuzzLoadModule loads arbitrary module.yaml and pack.yaml files, each
// alone as Load reads it, for the same reason as FuzzLoadQuiz.
func FuzzLoadModule(f *testing.F) {
	seedFile(f, "testdata/good/mau/module.yaml")
	seedFile(f, "testdata/good/pack.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			return
		}
		l := &loader{fsys: fstest.MapFS{"mau/module.yaml": {Data: data}}, langs: DefaultLanguages}
		p := &Pack{}
		if m := l.moduleFile("mau/", "mau"); m != nil {
			p.Modules = []*Module{&m.Module}
		}
		checkLoaded(t, p, l.sorted())
		l = &loader{fsys: fstest.MapFS{"pack.yaml": {Data: data}}}
		l.loadPackFile(p)
		checkLoaded(t, p, l.sorted())
		if len(p.Languages) == 0 {
			t.Fatal("a pack without languages")
		}
	})
}

func FuzzParsePages(f *testing.F) {
	seedFile(f, "testdata/good/mau/lesson.vi.md")
	f.Add([]byte("# A\n```message\n---\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !utf8.Valid(data) || len(data) > maxFuzzInput {
			return // the loader rejects invalid UTF-8 before parsing
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
