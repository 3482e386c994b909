package lessons

import (
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"kynangso/quiz"
)

// builtinPack loads the built-in pack fresh (not the shared Builtin copy)
// and fails on any problem.
func builtinPack(t *testing.T) *Pack {
	t.Helper()
	p, probs := Load(BuiltinFS())
	for _, pr := range probs {
		t.Errorf("built-in pack: %s", pr)
	}
	if p == nil || len(p.Modules) == 0 {
		t.Fatal("built-in pack did not load")
	}
	return p
}

// TestBuiltinCurriculumCoverage holds the built-in pack to the curriculum's
// promises (issues 4 and 14): the foundation module "Làm quen với điện
// thoại" (skill 0) first, then one module per skill 1–5 in the official
// order; 6 to 12 lesson pages per language; at least 20 questions with
// prompt, choices and explanation in both languages; at least 5 message
// scenarios per module; no prompt used twice.
func TestBuiltinCurriculumCoverage(t *testing.T) {
	p := builtinPack(t)
	if len(p.Modules) != 6 {
		t.Fatalf("built-in pack has %d modules, want 6 (foundation + five skills)", len(p.Modules))
	}
	if m := p.Modules[0]; m.ID != "dienthoai" || !m.Foundation() || m.Order != 0 {
		t.Errorf("first module = %s (skill %d, order %d), want dienthoai, the foundation module, order 0", m.ID, m.Skill, m.Order)
	}
	prompts := map[string]string{}
	for i, m := range p.Modules {
		if m.Skill != i {
			t.Errorf("module %d (%s) teaches skill %d, want %d (official order)", i, m.ID, m.Skill, i)
		}
		if m.QuestionsPerAttempt != 10 || m.PassPercent != 70 {
			t.Errorf("%s: %d questions per attempt at %d%%, want 10 at 70%%", m.ID, m.QuestionsPerAttempt, m.PassPercent)
		}
		if len(m.Sources) == 0 {
			t.Errorf("%s: no sources listed", m.ID)
		}
		for _, lang := range p.Languages {
			if n := len(m.Pages[lang]); n < 6 || n > 12 {
				t.Errorf("%s: %d lesson pages in %s, want 6 to 12", m.ID, n, lang)
			}
		}
		if len(m.Questions) < 20 {
			t.Errorf("%s: %d questions, want at least 20", m.ID, len(m.Questions))
		}
		if n := scenarios(m); n < 5 {
			t.Errorf("%s: %d message scenarios, want at least 5", m.ID, n)
		}
		for _, q := range m.Questions {
			checkQuestionTexts(t, m.ID, q, p.Languages)
			key := strings.ToLower(strings.TrimSpace(q.Prompt["vi"]))
			if prev, dup := prompts[key]; dup && len(q.Message) == 0 {
				t.Errorf("%s/%s repeats the prompt of %s", m.ID, q.ID, prev)
			}
			prompts[key] = m.ID + "/" + q.ID
		}
	}
}

func scenarios(m *Module) int {
	n := 0
	for _, q := range m.Questions {
		if len(q.Message) > 0 {
			n++
		}
	}
	return n
}

func checkQuestionTexts(t *testing.T, mod string, q quiz.Question, langs []string) {
	t.Helper()
	for _, lang := range langs {
		if strings.TrimSpace(q.Prompt[lang]) == "" || strings.TrimSpace(q.Explanation[lang]) == "" {
			t.Errorf("%s/%s: prompt or explanation missing in %s", mod, q.ID, lang)
		}
		for _, c := range q.Choices {
			if strings.TrimSpace(c.Text[lang]) == "" {
				t.Errorf("%s/%s: choice %s has no %s text", mod, q.ID, c.ID, lang)
			}
		}
		if len(q.Message) > 0 && strings.TrimSpace(q.Message[lang]) == "" {
			t.Errorf("%s/%s: message missing in %s", mod, q.ID, lang)
		}
	}
	if len(q.Choices) < 2 || len(q.CorrectIDs()) == 0 {
		t.Errorf("%s/%s: %d choices, %d correct", mod, q.ID, len(q.Choices), len(q.CorrectIDs()))
	}
}

// TestBuiltinPassesItsOwnLint checks the built-in questions give no answer
// away: not one lint warning, per module or across the pack (issue 14).
func TestBuiltinPassesItsOwnLint(t *testing.T) {
	p := builtinPack(t)
	for _, w := range LintPack(p, "pack.yaml") {
		t.Errorf("lessons/builtin/%s", w)
	}
}

// TestBuiltinRuleClosesEveryModule checks the pack's one rule is given in
// every language and ends the last page of every module, as the
// curriculum promises ("repeated in every module").
func TestBuiltinRuleClosesEveryModule(t *testing.T) {
	p := builtinPack(t)
	for _, lang := range p.Languages {
		rule := p.Rule[lang]
		if rule == "" {
			t.Fatalf("pack.yaml gives no %s rule", lang)
		}
		for _, m := range p.Modules {
			pages := m.Pages[lang]
			last := pages[len(pages)-1]
			if !strings.HasSuffix(strings.TrimSpace(last.Body), rule) {
				t.Errorf("%s %s: the last page %q does not end with the rule %q", m.ID, lang, last.Title, rule)
			}
		}
	}
}

// voiceRules are the wording decisions of docs/curriculum.md ("Voice and
// wording"), checked in the pack's own voice: lesson text outside message
// boxes, prompts, choices and explanations (quoted messages keep the words
// real callers use).
var voiceRules = []struct {
	lang string
	re   *regexp.Regexp
	why  string
	// allow, when set, matches the uses of re that are right (the past
	// pilot), removed before re is looked for.
	allow *regexp.Regexp
}{
	{lang: "vi", re: regexp.MustCompile(`(?i)\bbà con\b`), why: `address the learner as "bạn", not "bà con"`},
	{lang: "vi", re: regexp.MustCompile(`\bapp\b`), why: `write "ứng dụng", not "app" (App Store is a name)`},
	{lang: "", re: regexp.MustCompile(`"`), why: `use curly quotes “…”, not straight ones`},
	{lang: "vi", re: regexp.MustCompile(`\bxóm\b`), why: `Đắk Lắk has thôn, buôn and tổ dân phố, not "xóm"`,
		allow: regexp.MustCompile(`(?i)hàng xóm`)},
	{lang: "vi", re: regexp.MustCompile(`bộ phận một cửa`), why: `the desk is the "Trung tâm Phục vụ hành chính công" since 1/7/2025`},
	{lang: "vi", re: regexp.MustCompile(`thí điểm`), why: `Mobile Money is a regular service since 1/1/2026: "thí điểm" only of the past`,
		allow: regexp.MustCompile(`(lúc|không còn là|không còn|được) thí điểm|\(thí điểm: `)},
	// Ê Đê and M'nông names: "Y" marks a man, "H'" a woman; J'rai women's
	// given names carry "H'" after the clan name.
	{lang: "", re: regexp.MustCompile(`(?i)\b(bà|chị|cô|mrs|ms|grandma) (\p{Lu}\S* )?Y \p{Lu}`), why: `"Y" marks a man's name`},
	{lang: "", re: regexp.MustCompile(`(?i)\b(ông|anh|mr) (\p{Lu}\S* )?H'`), why: `"H'" marks a woman's name`},
}

// TestBuiltinVoice checks the wording decisions across every module.
func TestBuiltinVoice(t *testing.T) {
	p := builtinPack(t)
	for _, m := range p.Modules {
		for _, lang := range p.Languages {
			for _, pg := range m.Pages[lang] {
				checkVoice(t, m.ID+" page "+pg.Title, lang, pg.Title+"\n"+withoutMessages(pg.Body))
			}
			for _, q := range m.Questions {
				texts := []string{q.Prompt[lang], q.Explanation[lang]}
				for _, c := range q.Choices {
					texts = append(texts, c.Text[lang])
				}
				checkVoice(t, m.ID+"/"+q.ID, lang, strings.Join(texts, "\n"))
			}
		}
	}
}

func checkVoice(t *testing.T, where, lang, text string) {
	t.Helper()
	for _, r := range voiceRules {
		if r.lang != "" && r.lang != lang {
			continue
		}
		s := text
		if r.allow != nil {
			s = r.allow.ReplaceAllString(s, "")
		}
		if loc := r.re.FindStringIndex(s); loc != nil {
			t.Errorf("%s (%s): %q: %s", where, lang, s[max(0, loc[0]-20):min(len(s), loc[1]+20)], r.why)
		}
	}
}

var messageBlock = regexp.MustCompile("(?s)```message.*?```")

func withoutMessages(body string) string {
	return messageBlock.ReplaceAllString(body, "")
}

// TestBuiltinFilesAreNFC checks the source files themselves are NFC, not
// only the loaded text: a trainer copying a sentence from the files, or a
// diff reviewer, sees the same characters the app shows.
func TestBuiltinFilesAreNFC(t *testing.T) {
	err := fs.WalkDir(BuiltinFS(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(BuiltinFS(), path)
		if err != nil {
			return err
		}
		if !norm.NFC.IsNormal(data) {
			t.Errorf("lessons/builtin/%s is not NFC", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestCurriculumDocListsEverySource checks docs/curriculum.md names every
// source a module.yaml lists, and every module with its pages, questions
// and scenario questions in the overview table, so the reviewer's document
// cannot drift from the pack.
func TestCurriculumDocListsEverySource(t *testing.T) {
	data, err := os.ReadFile("../docs/curriculum.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	p := builtinPack(t)
	for _, m := range p.Modules {
		if !strings.Contains(doc, "`"+m.ID+"`") {
			t.Errorf("docs/curriculum.md does not name module `%s`", m.ID)
		}
		// The overview table: | order | `id` | skill | title | pages vi/en | questions | scenarios |
		row := regexp.MustCompile("(?m)^\\| \\d+ \\| `" + m.ID + "` \\|.*\\| (\\d+)/(\\d+) \\| (\\d+) \\| (\\d+) \\|$").FindStringSubmatch(doc)
		want := []string{itoa(len(m.Pages["vi"])), itoa(len(m.Pages["en"])), itoa(len(m.Questions)), itoa(scenarios(m))}
		if row == nil || !slices.Equal(row[1:], want) {
			t.Errorf("docs/curriculum.md overview row for %s = %v, want pages %s/%s, %s questions, %s scenarios", m.ID, row, want[0], want[1], want[2], want[3])
		}
		for _, src := range m.Sources {
			if !strings.Contains(doc, src) {
				t.Errorf("docs/curriculum.md does not list %s's source %s", m.ID, src)
			}
		}
	}
}
