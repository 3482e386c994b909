// Package lessons loads, validates and serves content packs: the lessons and
// question banks kynangso teaches. The built-in pack is embedded in the
// binary; a folder given with --content adds or replaces modules.
package lessons

import "kynangso/quiz"

// Pack is a loaded content pack: its metadata and modules in menu order.
type Pack struct {
	ID        string
	Version   string
	Languages []string // the first is the default
	Title     quiz.Text
	// Rule is the one short rule every module ends with ("Chậm lại – Hỏi
	// người mình tin – Rồi mới bấm"), per language, for screens that close a
	// module, such as the result screen, to repeat. It comes from pack.yaml
	// and is empty when the pack gives none; a merged pack keeps the
	// built-in rule, as it keeps the built-in title.
	Rule    quiz.Text
	Modules []*Module
}

// DefaultLang returns the pack's first language, or "vi" when none is set.
func (p *Pack) DefaultLang() string {
	if len(p.Languages) == 0 {
		return "vi"
	}
	return p.Languages[0]
}

// Module returns the module with the given id, or nil.
func (p *Pack) Module(id string) *Module {
	for _, m := range p.Modules {
		if m.ID == id {
			return m
		}
	}
	return nil
}

// FoundationSkill is the skill number of a foundation module: one that
// teaches what comes before the five basic digital skills (using the phone
// itself, group 0 of the national framework). Coverage counts skills 1 to 5
// only, so passing a foundation module never counts as a sixth skill and not
// passing it never blocks "passed all five".
const FoundationSkill = 0

// Module is one skill's lesson and question bank.
type Module struct {
	ID string
	// Skill is 1..5 for the five basic digital skills, or FoundationSkill
	// (0) for a foundation module taught before them.
	Skill               int
	Order               int
	Title               quiz.Text
	Summary             quiz.Text
	PassPercent         int // default 70
	QuestionsPerAttempt int // 0 or unset means all questions
	Sources             []string
	// Pages holds the lesson pages per language code.
	Pages map[string][]Page
	// Questions is the module's question bank in file order.
	Questions []quiz.Question
	// PackVersion is the version of the pack the module came from; attempts
	// record it so results can be traced to the content they were taken on.
	PackVersion string
	// QuizFile is the path of the module's quiz.yaml relative to the folder
	// it was loaded from (e.g. "thanhtoan/quiz.yaml"), and QuestionLines the
	// line of each question's "- id:" in it, so that Lint can point authors
	// at FILE:LINE. Both are empty for modules built in code.
	QuizFile      string
	QuestionLines map[string]int
}

// Foundation reports whether m is a foundation module (skill 0), which
// reports count apart from the five basic digital skills.
func (m *Module) Foundation() bool {
	return m.Skill == FoundationSkill
}

// PagesIn returns the lesson pages in lang, falling back to the other
// languages the module has (default language first) when lang is missing.
func (m *Module) PagesIn(lang string, fallbacks ...string) []Page {
	if p := m.Pages[lang]; len(p) > 0 {
		return p
	}
	for _, f := range append(fallbacks, "vi", "en") {
		if p := m.Pages[f]; len(p) > 0 {
			return p
		}
	}
	for _, p := range m.Pages {
		return p
	}
	return nil
}

// AttemptSize returns how many questions one attempt draws.
func (m *Module) AttemptSize() int {
	if m.QuestionsPerAttempt <= 0 || m.QuestionsPerAttempt > len(m.Questions) {
		return len(m.Questions)
	}
	return m.QuestionsPerAttempt
}

// Page is one screen of a lesson: a heading and a Markdown body in the subset
// documented in docs/content-format.md.
type Page struct {
	Title string // the text of the page's "# " heading
	Body  string // Markdown after the heading line
	Line  int    // 1-based line of the heading in its file, for messages
}
