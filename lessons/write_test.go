package lessons

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"kynangso/quiz"
)

// awkwardModule has text that breaks naive YAML writers: values YAML would
// read as booleans or numbers, ": " and "#" inside text, a leading dash,
// quotes, and multi-line messages and explanations.
func awkwardModule() *Module {
	tricky := quiz.Text{"vi": "yes", "en": "1/7"}
	return &Module{
		ID: "nhap-thu", Skill: 4, Order: 100, PassPercent: 80, QuestionsPerAttempt: 2,
		Title:   quiz.Text{"vi": "Nhập thử: câu hỏi", "en": "Import test: questions"},
		Summary: quiz.Text{"vi": "- Bắt đầu bằng gạch", "en": "# not a comment"},
		Sources: []string{"https://dichvucong.gov.vn"},
		Questions: []quiz.Question{
			{ID: "q01", Type: quiz.TypeSingle,
				Message: quiz.Text{"vi": "[SMS từ 0868xxxxxx]\nBạn trúng thưởng: nhấn link", "en": "[SMS from 0868xxxxxx]\nYou won: tap the link"},
				Prompt:  quiz.Text{"vi": `Tin nhắn "này" là gì?`, "en": `What is "this" message?`},
				Choices: []quiz.Choice{
					{ID: "a", Text: tricky, Correct: true},
					{ID: "b", Text: quiz.Text{"vi": "null", "en": "~"}},
					{ID: "c", Text: quiz.Text{"vi": "Lừa đảo: đừng nhấn", "en": "A scam: don't tap"}},
				},
				Explanation: quiz.Text{"vi": "Dòng một.\nDòng hai: có dấu hai chấm.", "en": "Line one.\nLine two: has a colon."},
				Tags:        []string{"digcomp-4.1"}},
			quiz.Question{ID: "q02", Type: quiz.TypeTrueFalse, Prompt: quiz.Text{"vi": "Đúng không?", "en": "True?"},
				Choices: quiz.TrueFalseChoices(false), Explanation: quiz.Text{"vi": "Sai.", "en": "False."}},
		},
	}
}

func TestWriteModuleRoundTrips(t *testing.T) {
	dir := t.TempDir()
	m := awkwardModule()
	if err := WriteModule(dir, m, []string{"vi", "en"}); err != nil {
		t.Fatal(err)
	}
	pack, probs := LoadDir(dir)
	for _, p := range probs {
		t.Errorf("problem: %s", p)
	}
	got := pack.Module("nhap-thu")
	if got == nil {
		t.Fatal("module not loaded")
	}
	if !reflect.DeepEqual(got.Questions, m.Questions) {
		g, _ := yaml.Marshal(got.Questions)
		t.Errorf("questions changed on the way:\n%s", g)
	}
	if got.Skill != 4 || got.Order != 100 || got.PassPercent != 80 || got.QuestionsPerAttempt != 2 ||
		!reflect.DeepEqual(got.Title, m.Title) || !reflect.DeepEqual(got.Summary, m.Summary) || !reflect.DeepEqual(got.Sources, m.Sources) {
		t.Errorf("module fields changed: %+v", got)
	}
	for _, lang := range []string{"vi", "en"} {
		// The placeholder is for participants: the module's own title and
		// a plain invitation to the quiz, never a note to content authors.
		pages := got.Pages[lang]
		if len(pages) != 1 || pages[0].Title != m.Title[lang] || pages[0].Body != placeholderBody[lang] {
			t.Errorf("%s lesson: %+v", lang, pages)
		}
		for _, author := range []string{"# ", "tệp", "file", "soạn", "author"} {
			if len(pages) == 1 && strings.Contains(pages[0].Body, author) {
				t.Errorf("%s placeholder speaks to authors (%q): %q", lang, author, pages[0].Body)
			}
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "nhap-thu", "quiz.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"explanation:\n    vi: |-\n      Dòng một.", "prompt: {vi: \"Tin nhắn \\\"này\\\" là gì?\""} {
		if !strings.Contains(string(data), want) {
			t.Errorf("quiz.yaml is not written in the house style; want %q in:\n%s", want, data)
		}
	}
}

func TestWriteModuleRefusesExistingFolder(t *testing.T) {
	dir := t.TempDir()
	m := awkwardModule()
	if err := WriteModule(dir, m, []string{"vi", "en"}); err != nil {
		t.Fatal(err)
	}
	notes := filepath.Join(dir, m.ID, "README.md")
	if err := os.WriteFile(notes, []byte("ghi chú"), 0o644); err != nil {
		t.Fatal(err)
	}
	m.Questions = m.Questions[:1]
	m.QuestionsPerAttempt = 1
	if err := WriteModule(dir, m, []string{"vi", "en"}); !errors.Is(err, ErrModuleExists) {
		t.Fatalf("second write: %v, want ErrModuleExists", err)
	}
	if pack, _ := LoadDir(dir); len(pack.Module(m.ID).Questions) != 2 {
		t.Fatal("a refused write changed the module")
	}
	if err := OverwriteModule(dir, m, []string{"vi", "en"}); err != nil {
		t.Fatal(err)
	}
	pack, probs := LoadDir(dir)
	if len(probs) != 0 || len(pack.Module(m.ID).Questions) != 1 {
		t.Errorf("after overwrite: %d questions, problems %v", len(pack.Module(m.ID).Questions), probs)
	}
	if _, err := os.Stat(notes); err != nil {
		t.Errorf("overwrite removed a file it does not own: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, m.ID))
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestWriteModuleRejectsBadID(t *testing.T) {
	m := awkwardModule()
	for _, id := range []string{"", "Thanh Toan", "../x", "thanh/toan"} {
		m.ID = id
		if err := WriteModule(t.TempDir(), m, []string{"vi"}); err == nil {
			t.Errorf("id %q accepted", id)
		}
	}
}

// TestImportedModulesPassCheck imports the real test files, writes each as
// a module and loads it back: the only problems allowed are the missing
// English translations an import in Vietnamese is expected to leave.
func TestImportedModulesPassCheck(t *testing.T) {
	parsers := map[string]func(*os.File) ([]quiz.Question, []quiz.Skipped, error){
		"moodle.gift":    func(f *os.File) ([]quiz.Question, []quiz.Skipped, error) { return quiz.ParseGIFT(f, "vi") },
		"bank.aiken.txt": func(f *os.File) ([]quiz.Question, []quiz.Skipped, error) { return quiz.ParseAiken(f, "vi") },
		"vi-headers.csv": func(f *os.File) ([]quiz.Question, []quiz.Skipped, error) { return quiz.ParseSheet(f, "vi") },
	}
	for name, parse := range parsers {
		t.Run(name, func(t *testing.T) {
			f, err := os.Open(filepath.Join("..", "quiz", "testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			qs, _, err := parse(f)
			if err != nil {
				t.Fatal(err)
			}
			m := &Module{ID: "nhap", Skill: 4, Order: 100, Title: quiz.Text{"vi": "Câu hỏi nhập"},
				Summary: quiz.Text{"vi": "Nhập từ " + name + "."}, Questions: qs, QuestionsPerAttempt: min(10, len(qs))}
			dir := t.TempDir()
			if err := WriteModule(dir, m, []string{"vi", "en"}); err != nil {
				t.Fatal(err)
			}
			pack, probs := LoadDir(dir)
			for _, p := range probs {
				if !strings.Contains(p.Msg, "missing the en text") && p.File != "nhap/lesson.en.md" {
					t.Errorf("unexpected problem: %s", p)
				}
			}
			if len(probs) == 0 {
				t.Error("no missing-translation problems reported for a Vietnamese-only import")
			}
			if got := pack.Module("nhap"); got == nil || !reflect.DeepEqual(got.Questions, qs) {
				t.Errorf("questions changed on the way through quiz.yaml")
			}
		})
	}
}
