package lessons

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"kynangso/quiz"
)

// ErrModuleExists is returned by WriteModule when the module folder is
// already there, so an import never overwrites a trainer's edits unasked.
var ErrModuleExists = errors.New("module folder already exists")

// WriteModule writes m as the folder dir/<m.ID>/ in the pack format:
// module.yaml, quiz.yaml and lesson.<lang>.md for every language of langs
// the module has text for (its lesson pages, or PlaceholderPage when it has
// none). It refuses, with ErrModuleExists, when
// the folder exists; OverwriteModule replaces the files instead.
func WriteModule(dir string, m *Module, langs []string) error {
	return writeModule(dir, m, langs, false)
}

// OverwriteModule is WriteModule for an existing folder (the --force of
// `content import`): it replaces module.yaml, quiz.yaml and the lesson files
// it writes, and leaves any other file in the folder alone.
func OverwriteModule(dir string, m *Module, langs []string) error {
	return writeModule(dir, m, langs, true)
}

func writeModule(dir string, m *Module, langs []string, force bool) error {
	if !idRE.MatchString(m.ID) {
		return fmt.Errorf("module id %q must be 1-40 lowercase ASCII letters, digits, - or _", m.ID)
	}
	files, err := moduleFiles(m, langs)
	if err != nil {
		return err
	}
	folder := filepath.Join(dir, m.ID)
	if _, err := os.Stat(folder); err == nil && !force {
		return fmt.Errorf("%s: %w", folder, ErrModuleExists)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("check module folder: %w", err)
	}
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return fmt.Errorf("create module folder: %w", err)
	}
	for _, f := range files {
		if err := writeFileAtomic(filepath.Join(folder, f.name), f.data); err != nil {
			return err
		}
	}
	return nil
}

type namedFile struct {
	name string
	data []byte
}

// moduleFiles renders every file of the module folder before any is written,
// so a rendering error never leaves half a module on disk.
func moduleFiles(m *Module, langs []string) ([]namedFile, error) {
	modYAML, err := encodeYAML(moduleNode(m, langs))
	if err != nil {
		return nil, fmt.Errorf("write module.yaml: %w", err)
	}
	quizYAML, err := encodeQuiz(m.Questions, langs)
	if err != nil {
		return nil, fmt.Errorf("write quiz.yaml: %w", err)
	}
	files := []namedFile{{"module.yaml", modYAML}, {"quiz.yaml", quizYAML}}
	for _, lang := range moduleLangs(m, langs) {
		files = append(files, namedFile{"lesson." + lang + ".md", []byte(lessonMarkdown(m, lang))})
	}
	return files, nil
}

// moduleLangs returns the languages of langs the module has any text in,
// in langs order, so an import in Vietnamese writes only lesson.vi.md and the
// checker reports the English lesson as a missing translation.
func moduleLangs(m *Module, langs []string) []string {
	var out []string
	for _, lang := range langs {
		has := m.Title[lang] != "" || m.Summary[lang] != "" || len(m.Pages[lang]) > 0
		for _, q := range m.Questions {
			has = has || q.Prompt[lang] != ""
		}
		if has {
			out = append(out, lang)
		}
	}
	return out
}

// placeholderBody is the text of PlaceholderPage per language. It speaks to
// the participant who opens the module, because the file may reach a class
// before anyone writes the lesson; what the author must do is printed by the
// command that wrote the file instead.
var placeholderBody = map[string]string{
	"vi": "Bài này chỉ có phần câu hỏi. Bạn có thể làm bài kiểm tra ngay;\ntập huấn viên sẽ giải thích thêm.",
	"en": "This module has only questions. You can take the quiz now;\nyour trainer will explain more.",
}

// PlaceholderPage is the one lesson page written in lang for a module that
// has questions but no lesson yet (an imported question bank): titled with
// the module's title, it tells the participant to go ahead with the quiz.
func PlaceholderPage(m *Module, lang string) Page {
	body, ok := placeholderBody[lang]
	if !ok {
		body = placeholderBody["en"]
	}
	return Page{Title: m.Title.In(lang), Body: body}
}

// lessonMarkdown renders the module's pages in lang, or the placeholder.
func lessonMarkdown(m *Module, lang string) string {
	pages := m.Pages[lang]
	if len(pages) == 0 {
		pages = []Page{PlaceholderPage(m, lang)}
	}
	var b strings.Builder
	for i, p := range pages {
		if i > 0 {
			b.WriteString("\n---\n\n")
		}
		b.WriteString("# " + strings.TrimSpace(p.Title) + "\n\n")
		if body := strings.TrimSpace(p.Body); body != "" {
			b.WriteString(body + "\n")
		}
	}
	return b.String()
}

// writeFileAtomic writes through a temporary file and a rename, so a power
// cut leaves the old file or the new one, never half of one.
func writeFileAtomic(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// encodeYAML renders a node with two-space indentation.
func encodeYAML(n *yaml.Node) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// encodeQuiz renders quiz.yaml with a blank line between questions, as the
// built-in pack is written, so authors can find their way in a long file.
func encodeQuiz(qs []quiz.Question, langs []string) ([]byte, error) {
	var out bytes.Buffer
	for i, q := range qs {
		seq := &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{questionNode(q, langs)}}
		data, err := encodeYAML(seq)
		if err != nil {
			return nil, fmt.Errorf("question %s: %w", q.ID, err)
		}
		if i > 0 {
			out.WriteByte('\n')
		}
		out.Write(data)
	}
	if len(qs) == 0 {
		out.WriteString("[]\n")
	}
	return out.Bytes(), nil
}

func moduleNode(m *Module, langs []string) *yaml.Node {
	n := mapNode()
	addPair(n, "id", plain(m.ID))
	addPair(n, "skill", plain(strconv.Itoa(m.Skill)))
	addPair(n, "order", plain(strconv.Itoa(m.Order)))
	addPair(n, "title", textNode(m.Title, langs))
	addPair(n, "summary", textNode(m.Summary, langs))
	pass := m.PassPercent
	if pass == 0 {
		pass = 70
	}
	addPair(n, "pass_percent", plain(strconv.Itoa(pass)))
	if m.QuestionsPerAttempt > 0 {
		addPair(n, "questions_per_attempt", plain(strconv.Itoa(m.QuestionsPerAttempt)))
	}
	src := &yaml.Node{Kind: yaml.SequenceNode}
	if len(m.Sources) == 0 {
		src.Style = yaml.FlowStyle
	}
	for _, s := range m.Sources {
		src.Content = append(src.Content, str(s))
	}
	addPair(n, "sources", src)
	return n
}

func questionNode(q quiz.Question, langs []string) *yaml.Node {
	n := mapNode()
	addPair(n, "id", plain(q.ID))
	addPair(n, "type", plain(string(q.Type)))
	if len(q.Message) > 0 {
		addPair(n, "message", textNode(q.Message, langs))
	}
	addPair(n, "prompt", textNode(q.Prompt, langs))
	choices := &yaml.Node{Kind: yaml.SequenceNode}
	for _, c := range q.Choices {
		cn := mapNode()
		addPair(cn, "id", plain(c.ID))
		addPair(cn, "text", textNode(c.Text, langs))
		if c.Correct {
			addPair(cn, "correct", plain("true"))
		}
		choices.Content = append(choices.Content, cn)
	}
	addPair(n, "choices", choices)
	addPair(n, "explanation", textNode(q.Explanation, langs))
	if len(q.Tags) > 0 {
		tags := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, t := range q.Tags {
			tags.Content = append(tags.Content, str(t))
		}
		addPair(n, "tags", tags)
	}
	return n
}

// textNode renders a Text as {vi: "...", en: "..."} on one line, or as a
// block with | literals when any value spans lines. Languages come in langs
// order, then any others alphabetically.
func textNode(t quiz.Text, langs []string) *yaml.Node {
	n := mapNode()
	n.Style = yaml.FlowStyle
	keys := slices.Clone(langs)
	var extra []string
	for k := range t {
		if !slices.Contains(keys, k) {
			extra = append(extra, k)
		}
	}
	slices.Sort(extra)
	for _, k := range append(keys, extra...) {
		v, ok := t[k]
		if !ok {
			continue
		}
		vn := str(v)
		if strings.Contains(v, "\n") {
			vn.Style = yaml.LiteralStyle
			n.Style = 0
		}
		addPair(n, k, plain(k))
		n.Content[len(n.Content)-1] = vn
	}
	return n
}

func mapNode() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode} }

func plain(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: s} }

// str is a string scalar, double-quoted so that no text ("yes", "1/7",
// "Lưu ý: ...") is ever read back as another type or breaks the syntax.
func str(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: yaml.DoubleQuotedStyle}
}

func addPair(n *yaml.Node, key string, v *yaml.Node) {
	n.Content = append(n.Content, plain(key), v)
}
