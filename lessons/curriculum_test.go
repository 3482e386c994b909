package lessons

import (
	"strings"
	"testing"
)

// TestBuiltinCurriculumCoverage holds the built-in pack to the curriculum's
// promises (issue 4): five modules for skills 1–5 in the official order, at
// least 6 lesson pages per language, at least 20 questions with prompt,
// choices and explanation in both languages, at least 5 message scenarios
// per module, and no prompt used twice.
func TestBuiltinCurriculumCoverage(t *testing.T) {
	p, probs := Load(BuiltinFS())
	for _, pr := range probs {
		t.Errorf("built-in pack: %s", pr)
	}
	if p == nil {
		t.Fatal("built-in pack did not load")
	}
	if len(p.Modules) != 5 {
		t.Fatalf("built-in pack has %d modules, want 5", len(p.Modules))
	}
	prompts := map[string]string{}
	for i, m := range p.Modules {
		if m.Skill != i+1 {
			t.Errorf("module %d (%s) teaches skill %d, want %d (official order)", i+1, m.ID, m.Skill, i+1)
		}
		if m.QuestionsPerAttempt != 10 || m.PassPercent != 70 {
			t.Errorf("%s: %d questions per attempt at %d%%, want 10 at 70%%", m.ID, m.QuestionsPerAttempt, m.PassPercent)
		}
		if len(m.Sources) == 0 {
			t.Errorf("%s: no sources listed", m.ID)
		}
		for _, lang := range p.Languages {
			if n := len(m.Pages[lang]); n < 6 || n > 10 {
				t.Errorf("%s: %d lesson pages in %s, want 6 to 10", m.ID, n, lang)
			}
		}
		if len(m.Questions) < 20 {
			t.Errorf("%s: %d questions, want at least 20", m.ID, len(m.Questions))
		}
		scenarios := 0
		for _, q := range m.Questions {
			if len(q.Message) > 0 {
				scenarios++
			}
			for _, lang := range p.Languages {
				if strings.TrimSpace(q.Prompt[lang]) == "" || strings.TrimSpace(q.Explanation[lang]) == "" {
					t.Errorf("%s/%s: prompt or explanation missing in %s", m.ID, q.ID, lang)
				}
				for _, c := range q.Choices {
					if strings.TrimSpace(c.Text[lang]) == "" {
						t.Errorf("%s/%s: choice %s has no %s text", m.ID, q.ID, c.ID, lang)
					}
				}
				if len(q.Message) > 0 && strings.TrimSpace(q.Message[lang]) == "" {
					t.Errorf("%s/%s: message missing in %s", m.ID, q.ID, lang)
				}
			}
			if len(q.Choices) < 2 || len(q.CorrectIDs()) == 0 {
				t.Errorf("%s/%s: %d choices, %d correct", m.ID, q.ID, len(q.Choices), len(q.CorrectIDs()))
			}
			key := strings.ToLower(strings.TrimSpace(q.Prompt["vi"]))
			if prev, dup := prompts[key]; dup {
				t.Errorf("%s/%s repeats the prompt of %s", m.ID, q.ID, prev)
			}
			prompts[key] = m.ID + "/" + q.ID
		}
		if scenarios < 5 {
			t.Errorf("%s: %d message scenarios, want at least 5", m.ID, scenarios)
		}
	}
}
