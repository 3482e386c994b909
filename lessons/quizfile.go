package lessons

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"kynangso/quiz"
)

var (
	questionFields = []string{"id", "type", "message", "prompt", "choices", "explanation", "tags"}
	choiceFields   = []string{"id", "text", "correct"}
	questionTypes  = []string{string(quiz.TypeSingle), string(quiz.TypeMultiple), string(quiz.TypeTrueFalse)}
)

// MaxChoices is the most choices a question may have: more do not fit an
// 80x24 screen with their explanation.
const MaxChoices = 6

// quizFile reads a quiz.yaml: a list of questions. It also returns the line
// of each question, by id, for messages about it (the lint's FILE:LINE).
func (l *loader) quizFile(name string) ([]quiz.Question, map[string]int) {
	data, ok := l.readFile(name, true)
	if !ok {
		return nil, nil
	}
	f := &yamlFile{name: name, langs: l.langs, probs: &l.probs}
	root, ok := f.parseYAML(data)
	if !ok {
		return nil, nil
	}
	if root == nil || (root.Kind == yaml.SequenceNode && len(root.Content) == 0) {
		f.add(1, "quiz.yaml has no questions: write a list of questions, each starting with \"- id: q01\"")
		return nil, nil
	}
	if root.Kind != yaml.SequenceNode {
		f.add(root.Line, "quiz.yaml must be a list of questions, each starting with \"- id: q01\", found %s", kindName(root))
		return nil, nil
	}
	var (
		qs      []quiz.Question
		idLine  = map[string]int{}
		prompts = map[string]string{} // lang + "\x00" + prompt → question id
	)
	for _, item := range root.Content {
		item = deref(item)
		q, ok := f.question(item, len(qs)+1)
		if !ok {
			continue
		}
		if prev, dup := idLine[q.ID]; dup {
			f.add(item.Line, "question id %q is already used at line %d: ids must be unique within the module", q.ID, prev)
			continue
		}
		idLine[q.ID] = item.Line
		for _, lang := range l.langs {
			key := lang + "\x00" + strings.ToLower(strings.Join(strings.Fields(q.Prompt[lang]), " "))
			if q.Prompt[lang] == "" {
				continue
			}
			if other, dup := prompts[key]; dup && q.Message[lang] == "" {
				f.add(item.Line, "question %s: the %s prompt is the same as question %s's: reword one so participants can tell them apart", q.ID, lang, other)
			}
			prompts[key] = q.ID
		}
		qs = append(qs, q)
	}
	return qs, idLine
}

// question reads one question; num is its position, for messages when the id
// is missing.
func (f *yamlFile) question(n *yaml.Node, num int) (quiz.Question, bool) {
	what := fmt.Sprintf("question %d", num)
	if id := peekID(n); id != "" {
		what = "question " + id
	}
	fl := f.fields(n, what, questionFields)
	var q quiz.Question
	if id := fl["id"]; id != nil {
		q.ID = f.id(id, what)
	}
	f.require(fl, what, n.Line, "id", "type", "prompt", "choices", "explanation")
	if t := fl["type"]; t != nil {
		s, _ := f.str(t, what+" type")
		q.Type = quiz.Type(s)
		if !q.Type.Valid() {
			f.add(t.Line, "%s: type %q is not single, multiple or truefalse%s", what, s, suggest(s, questionTypes))
		}
	}
	q.Message = f.text(fl["message"], what+" message", true)
	q.Prompt = f.text(fl["prompt"], what+" prompt", true)
	q.Explanation = f.text(fl["explanation"], what+" explanation", true)
	if t := fl["tags"]; t != nil {
		q.Tags = f.list(t, what+" tags")
	}
	if c := fl["choices"]; c != nil {
		var marked int
		q.Choices, marked = f.choices(c, what)
		f.checkChoices(c, what, q, marked)
	}
	return q, q.ID != ""
}

// choices reads the choice list, leaving out choices without a usable id or
// with a repeated one. It also returns how many items are marked correct,
// those left out included, so a repeated id is not reported a second time as
// a missing correct choice.
func (f *yamlFile) choices(n *yaml.Node, what string) ([]quiz.Choice, int) {
	if n.Kind != yaml.SequenceNode {
		f.add(n.Line, "%s: choices must be a list, each starting with \"- id: a\", found %s", what, kindName(n))
		return nil, 0
	}
	var (
		out    []quiz.Choice
		marked int
		idLine = map[string]int{}
	)
	for i, item := range n.Content {
		item = deref(item)
		cw := fmt.Sprintf("%s choice %d", what, i+1)
		if id := peekID(item); id != "" {
			cw = what + " choice " + id
		}
		fl := f.fields(item, cw, choiceFields)
		var c quiz.Choice
		if id := fl["id"]; id != nil {
			c.ID = f.id(id, cw)
		}
		f.require(fl, cw, item.Line, "id", "text")
		c.Text = f.text(fl["text"], cw+" text", false)
		if b := fl["correct"]; b != nil {
			c.Correct = f.boolean(b, cw+" correct")
		}
		if c.Correct {
			marked++
		}
		if c.ID == "" {
			continue
		}
		if prev, dup := idLine[c.ID]; dup {
			f.add(item.Line, "%s: choice id %q is already used at line %d: choice ids must be unique within the question", what, c.ID, prev)
			continue
		}
		idLine[c.ID] = item.Line
		out = append(out, c)
	}
	return out, marked
}

// checkChoices applies the rules each question type sets on its choices;
// correct is the number of items marked correct in the file.
func (f *yamlFile) checkChoices(n *yaml.Node, what string, q quiz.Question, correct int) {
	if n.Kind != yaml.SequenceNode {
		return
	}
	switch q.Type {
	case quiz.TypeSingle, quiz.TypeTrueFalse:
		if correct != 1 {
			f.add(n.Line, "%s: type %s needs exactly one correct choice, found %d", what, q.Type, correct)
		}
	case quiz.TypeMultiple:
		if correct == 0 {
			f.add(n.Line, "%s: type multiple needs at least one correct choice (mark them with correct: true), found none", what)
		}
	}
	switch {
	case q.Type == quiz.TypeTrueFalse:
		ids := make([]string, len(q.Choices))
		for i, c := range q.Choices {
			ids[i] = c.ID
		}
		if len(n.Content) != 2 {
			f.add(n.Line, "%s: type truefalse needs exactly 2 choices (dung and sai), found %d", what, len(n.Content))
		} else if !slices.Equal(ids, []string{"dung", "sai"}) {
			f.add(n.Line, "%s: type truefalse needs the choices dung (True) then sai (False), found %v", what, ids)
		}
	case q.Type.Valid() && (len(n.Content) < 2 || len(n.Content) > MaxChoices):
		f.add(n.Line, "%s: type %s needs 2 to %d choices (3 or 4 is best), found %d", what, q.Type, MaxChoices, len(n.Content))
	}
}
