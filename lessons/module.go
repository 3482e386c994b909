package lessons

import (
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"kynangso/internal/safetext"
)

var (
	packFields   = []string{"id", "version", "languages", "title", "rule"}
	moduleFields = []string{"id", "skill", "order", "title", "summary", "pass_percent", "questions_per_attempt", "sources"}
	langRE       = regexp.MustCompile(`^[a-z]{2,3}$`)
	lessonRE     = regexp.MustCompile(`^lesson\.([^.]+)\.md$`)
)

// loadPackFile reads pack.yaml into p and reports whether the file exists.
// Without it the pack is checked against DefaultLanguages.
func (l *loader) loadPackFile(p *Pack) bool {
	p.Languages = slices.Clone(DefaultLanguages)
	data, ok := l.readFile("pack.yaml", false)
	if !ok {
		_, err := fs.Stat(l.fsys, "pack.yaml")
		return err == nil
	}
	f := &yamlFile{name: "pack.yaml", probs: &l.probs}
	root, ok := f.parseYAML(data)
	if !ok {
		return true
	}
	if root == nil {
		f.add(1, "pack.yaml is empty: give id, version, languages and title")
		return true
	}
	fl := f.fields(root, "pack", packFields)
	f.require(fl, "pack", root.Line, "id", "version", "languages")
	if n := fl["id"]; n != nil {
		p.ID = f.id(n, "pack")
	}
	if n := fl["version"]; n != nil {
		v, _ := f.str(n, "version")
		p.Version = safetext.Line(v)
	}
	if n := fl["languages"]; n != nil {
		if langs := l.packLanguages(f, n); len(langs) > 0 {
			p.Languages = langs
		}
	}
	f.langs = p.Languages
	p.Title = f.text(fl["title"], "pack title", false)
	p.Rule = f.text(fl["rule"], "pack rule", false)
	return true
}

func (l *loader) packLanguages(f *yamlFile, n *yaml.Node) []string {
	var langs []string
	for _, s := range f.list(n, "languages") {
		switch {
		case !langRE.MatchString(s):
			f.add(n.Line, "language %q must be a short lowercase code such as vi or en", s)
		case slices.Contains(langs, s):
			f.add(n.Line, "language %q is listed twice", s)
		default:
			langs = append(langs, s)
		}
	}
	if len(langs) == 0 && n.Kind == yaml.SequenceNode {
		f.add(n.Line, "languages must list at least one language, e.g. [vi, en]")
	}
	return langs
}

// loadModule reads the module in dir (prefix "" or "name/"), whose folder is
// called folder ("" when unknown). It returns nil when module.yaml could
// not be read, after reporting why.
func (l *loader) loadModule(dir, folder string) *Module {
	l.checkModuleFiles(dir)
	m := l.moduleFile(dir, folder)
	// The quiz and lessons are checked even without a usable module.yaml,
	// so one run reports everything.
	questions, lines := l.quizFile(dir + "quiz.yaml")
	pages := l.lessonFiles(dir)
	if m == nil {
		return nil
	}
	m.Questions, m.QuizFile, m.QuestionLines = questions, dir+"quiz.yaml", lines
	m.Pages = pages
	if m.qpaLine > 0 && len(questions) > 0 && m.QuestionsPerAttempt > len(questions) {
		l.probs.add(dir+"module.yaml", m.qpaLine, "questions_per_attempt is %d but quiz.yaml has only %d questions", m.QuestionsPerAttempt, len(questions))
	}
	return &m.Module
}

// checkModuleFiles reports files a module folder should not hold, which are
// usually misnamed lesson or quiz files.
func (l *loader) checkModuleFiles(dir string) {
	d := strings.TrimSuffix(dir, "/")
	if d == "" {
		d = "."
	}
	entries, _ := fs.ReadDir(l.fsys, d)
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || strings.HasPrefix(strings.ToUpper(name), "README") {
			continue
		}
		if name == "module.yaml" || name == "quiz.yaml" {
			continue
		}
		if m := lessonRE.FindStringSubmatch(name); m != nil {
			if !slices.Contains(l.langs, m[1]) {
				l.probs.add(dir+name, 0, "language %q is not in the pack languages %v%s", m[1], l.langs, suggest(m[1], l.langs))
			}
			continue
		}
		known := []string{"module.yaml", "quiz.yaml"}
		for _, lang := range l.langs {
			known = append(known, "lesson."+lang+".md")
		}
		l.probs.add(dir+name, 0, "unexpected file: a module folder holds only %s%s", strings.Join(known, ", "), suggest(name, known))
	}
}

// moduleData is a module with the line numbers later checks need.
type moduleData struct {
	Module
	qpaLine int
}

func (l *loader) moduleFile(dir, folder string) *moduleData {
	name := dir + "module.yaml"
	data, ok := l.readFile(name, true)
	if !ok {
		return nil
	}
	f := &yamlFile{name: name, langs: l.langs, probs: &l.probs}
	root, ok := f.parseYAML(data)
	if !ok {
		return nil
	}
	if root == nil {
		f.add(1, "module.yaml is empty: give at least id, skill, title and summary")
		return nil
	}
	fl := f.fields(root, "module", moduleFields)
	f.require(fl, "module", root.Line, "id", "skill", "title", "summary")
	m := &moduleData{Module: Module{PassPercent: 70}}
	if n := fl["id"]; n != nil {
		m.ID = f.id(n, "module")
		if folder != "" && m.ID != "" && m.ID != folder {
			f.add(n.Line, "module id %q must match its folder name %q", m.ID, folder)
		}
	}
	if m.ID == "" {
		m.ID = folder
	}
	f.moduleNumbers(fl, m)
	m.Title = f.text(fl["title"], "module title", false)
	m.Summary = f.text(fl["summary"], "module summary", true)
	if n := fl["sources"]; n != nil {
		m.Sources = l.sources(f, n)
	}
	if m.ID == "" {
		return nil
	}
	return m
}

func (l *loader) sources(f *yamlFile, n *yaml.Node) []string {
	urls := f.list(n, "sources")
	for i, u := range urls {
		if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") || strings.ContainsAny(u, " \t") {
			line := n.Line
			if i < len(n.Content) {
				line = n.Content[i].Line
			}
			f.add(line, "source %q must be a full web address starting with https:// or http://", clip(u, 60))
		}
	}
	return urls
}

// lessonFiles reads lesson.<lang>.md for every pack language and reports
// translations whose page count differs from the default language's.
func (l *loader) lessonFiles(dir string) map[string][]Page {
	pages := map[string][]Page{}
	for _, lang := range l.langs {
		name := dir + "lesson." + lang + ".md"
		data, ok := l.readFile(name, true)
		if !ok {
			continue
		}
		ps, probs := ParsePages(string(data))
		for _, p := range probs {
			l.probs.add(name, p.Line, "%s", p.Msg)
		}
		pages[lang] = ps
	}
	def := l.langs[0]
	base, ok := pages[def]
	if !ok {
		return pages
	}
	for _, lang := range l.langs[1:] {
		ps, ok := pages[lang]
		if !ok || len(ps) == len(base) || len(ps) == 0 || len(base) == 0 {
			continue
		}
		line := 0
		if len(ps) > len(base) {
			line = ps[len(base)].Line
		} else if len(ps) > 0 {
			line = ps[len(ps)-1].Line
		}
		l.probs.add(dir+"lesson."+lang+".md", line, "has %s but lesson.%s.md has %d: a translation must have the same pages in the same order",
			pageCount(len(ps)), def, len(base))
	}
	return pages
}

func pageCount(n int) string {
	if n == 1 {
		return "1 page"
	}
	return strconv.Itoa(n) + " pages"
}

// moduleNumbers reads skill, order, pass_percent and questions_per_attempt,
// checking their ranges.
func (f *yamlFile) moduleNumbers(fl map[string]*yaml.Node, m *moduleData) {
	if n := fl["skill"]; n != nil {
		if v, ok := f.integer(n, "skill"); ok {
			m.Skill = v
			if v < FoundationSkill || v > 5 {
				f.add(n.Line, "skill must be 1 to 5 (one of the five basic digital skills) or 0 (a foundation module, before the five skills), found %d", v)
			}
		}
	}
	if n := fl["order"]; n != nil {
		m.Order, _ = f.integer(n, "order")
	}
	if n := fl["pass_percent"]; n != nil {
		if v, ok := f.integer(n, "pass_percent"); ok {
			m.PassPercent = v
			if v < 1 || v > 100 {
				f.add(n.Line, "pass_percent must be 1 to 100, found %d", v)
			}
		}
	}
	if n := fl["questions_per_attempt"]; n != nil {
		if v, ok := f.integer(n, "questions_per_attempt"); ok {
			m.QuestionsPerAttempt, m.qpaLine = v, n.Line
			if v < 1 {
				f.add(n.Line, "questions_per_attempt must be at least 1 (leave it out to use all questions), found %d", v)
			}
		}
	}
}
