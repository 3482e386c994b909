package lessons

import (
	"errors"
	"io/fs"
	"slices"
)

// ValidLanguage reports whether code has the form of a pack language: two or
// three lowercase ASCII letters, such as vi, en or ede.
func ValidLanguage(code string) bool { return langRE.MatchString(code) }

// ReadPackFile reads only dir/pack.yaml: the pack's id, version, languages
// and title, for a command that writes into a pack (content import) and must
// follow its languages. found is false when dir has no pack.yaml; the
// problems are those of pack.yaml alone. A pack.yaml without languages gives
// DefaultLanguages, as Load does.
func ReadPackFile(dir string) (pack *Pack, found bool, probs []Problem) {
	pack = &Pack{Languages: slices.Clone(DefaultLanguages)}
	fsys := newContentFS(dir)
	if _, err := fs.Stat(fsys, "pack.yaml"); errors.Is(err, fs.ErrNotExist) {
		return pack, false, nil
	}
	l := &loader{fsys: fsys}
	found = l.loadPackFile(pack)
	return pack, found, l.sorted()
}

// MissingLanguages returns the languages of langs, in order, in which m lacks
// some text a participant would see: the title, the summary, the lesson
// pages, or a question's prompt, message, choices or explanation. A module
// checked against its own pack's languages has none missing; a module merged
// into a pack with more languages (a Vietnamese-only --content folder in the
// vi+en app) may, and would show another language's text instead.
func MissingLanguages(m *Module, langs []string) []string {
	var out []string
	for _, lang := range langs {
		if !hasLanguage(m, lang) {
			out = append(out, lang)
		}
	}
	return out
}

// hasLanguage reports whether every text of m exists in lang.
func hasLanguage(m *Module, lang string) bool {
	if m.Title[lang] == "" || m.Summary[lang] == "" || len(m.Pages[lang]) == 0 {
		return false
	}
	for _, q := range m.Questions {
		if q.Prompt[lang] == "" || q.Explanation[lang] == "" || (len(q.Message) > 0 && q.Message[lang] == "") {
			return false
		}
		for _, c := range q.Choices {
			if c.Text[lang] == "" {
				return false
			}
		}
	}
	return true
}
