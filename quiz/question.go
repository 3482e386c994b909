// Package quiz holds the questions, attempts and scoring of kynangso: pure
// logic with no file IO and no terminal code, so it can be tested with table
// tests and reused by the TUI, the command line and the reports.
package quiz

import "strings"

// Text is a human-readable string in several languages, keyed by language
// code ("vi", "en"). Answers exist once and their translations sit together.
type Text map[string]string

// In returns the text in lang, falling back to the first of fallbacks that
// has a non-empty value, then to any value at all, so a missing translation
// never shows as a blank screen.
func (t Text) In(lang string, fallbacks ...string) string {
	if s := t[lang]; s != "" {
		return s
	}
	for _, f := range fallbacks {
		if s := t[f]; s != "" {
			return s
		}
	}
	for _, k := range []string{"vi", "en"} {
		if s := t[k]; s != "" {
			return s
		}
	}
	for _, s := range t {
		if s != "" {
			return s
		}
	}
	return ""
}

// Type says how a question is answered and scored.
type Type string

// The question types a content pack may use.
const (
	// TypeSingle has exactly one correct choice.
	TypeSingle Type = "single"
	// TypeMultiple has one or more correct choices; the participant toggles
	// choices and confirms, and scores only when the chosen set is exact.
	TypeMultiple Type = "multiple"
	// TypeTrueFalse has exactly two choices, one of them correct.
	TypeTrueFalse Type = "truefalse"
)

// Valid reports whether t is one of the known question types.
func (t Type) Valid() bool {
	return t == TypeSingle || t == TypeMultiple || t == TypeTrueFalse
}

// Choice is one answer option. Its ID is stable across pack versions because
// stored answers refer to it.
type Choice struct {
	ID      string `yaml:"id" json:"id"`
	Text    Text   `yaml:"text" json:"text"`
	Correct bool   `yaml:"correct,omitempty" json:"correct,omitempty"`
}

// Question is one quiz item as written in a module's quiz.yaml.
type Question struct {
	ID          string   `yaml:"id" json:"id"`
	Type        Type     `yaml:"type" json:"type"`
	Message     Text     `yaml:"message,omitempty" json:"message,omitempty"`
	Prompt      Text     `yaml:"prompt" json:"prompt"`
	Choices     []Choice `yaml:"choices" json:"choices"`
	Explanation Text     `yaml:"explanation" json:"explanation"`
	Tags        []string `yaml:"tags,omitempty" json:"tags,omitempty"`
}

// CorrectIDs returns the ids of the correct choices in the order written.
func (q Question) CorrectIDs() []string {
	var ids []string
	for _, c := range q.Choices {
		if c.Correct {
			ids = append(ids, c.ID)
		}
	}
	return ids
}

// Choice returns the choice with the given id and whether it exists.
func (q Question) Choice(id string) (Choice, bool) {
	for _, c := range q.Choices {
		if c.ID == id {
			return c, true
		}
	}
	return Choice{}, false
}

// HasTag reports whether the question carries tag (case-insensitive).
func (q Question) HasTag(tag string) bool {
	for _, t := range q.Tags {
		if strings.EqualFold(t, tag) {
			return true
		}
	}
	return false
}
