package lessons

import (
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"

	"kynangso/internal/safetext"
	"kynangso/quiz"
)

// yamlFile walks one parsed YAML file, reporting problems against its name.
type yamlFile struct {
	name  string
	langs []string // the pack's languages, for text fields
	probs *problemList
}

func (f *yamlFile) add(line int, format string, args ...any) {
	f.probs.add(f.name, line, format, args...)
}

var yamlLineRE = regexp.MustCompile(`^(?:yaml: )?line (\d+): `)

// unclosedFlowRE matches the parser's message for a flow mapping {…} or
// sequence […] that is never closed. The parser reports it at the line before
// the opening bracket (or at a later line when the bracket is on line 1), so
// the loader finds the bracket itself.
var unclosedFlowRE = regexp.MustCompile(`did not find expected ',' or '([}\]])'`)

// flowOpen maps a closing bracket to its opening one.
var flowOpen = map[string]string{"}": "{", "]": "["}

// unclosedFlowLine returns the 1-based line, at or before line, holding the
// last bracket opened by open (of close) and not closed on the same line,
// outside quotes and comments; 0 when there is none.
func unclosedFlowLine(data []byte, line int, close string) int {
	lines := strings.Split(string(data), "\n")
	open := flowOpen[close][0]
	for i := min(line, len(lines)) - 1; i >= 0; i-- {
		depth, quote := 0, byte(0)
		l := lines[i]
		for j := 0; j < len(l); j++ {
			c := l[j]
			switch {
			case quote == '"' && c == '\\':
				j++
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case (c == '"' || c == '\'') && (j == 0 || strings.IndexByte(" \t{[,:", l[j-1]) >= 0):
				quote = c
			case c == '#' && (j == 0 || l[j-1] == ' '):
				j = len(l)
			case c == open:
				depth++
			case c == close[0] && depth > 0:
				depth--
			}
		}
		if depth > 0 {
			return i + 1
		}
	}
	return 0
}

// parseYAML parses data into its root node, or reports the syntax error with
// its line and returns nil. An empty file gives an empty, nil root.
func (f *yamlFile) parseYAML(data []byte) (*yaml.Node, bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := 0, err.Error()
		var te *yaml.TypeError
		if errors.As(err, &te) && len(te.Errors) > 0 {
			msg = te.Errors[0]
		}
		if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = msg[len(m[0]):]
		}
		msg = strings.TrimPrefix(msg, "yaml: ")
		if yamlRefusedHidden(msg, data) {
			return nil, false
		}
		if m := unclosedFlowRE.FindStringSubmatch(msg); m != nil {
			if at := unclosedFlowLine(data, line+1, m[1]); at > 0 {
				f.add(at, "YAML syntax error: the %s opened on this line is never closed: add the missing %s (%s)", flowOpen[m[1]], m[1], msg)
				return nil, false
			}
		}
		f.add(line, "YAML syntax error: %s (check indentation, quotes around text with \": \", and that no tabs are used)", msg)
		return nil, false
	}
	f.reportEscapedChars(&doc, data)
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, true
	}
	return deref(doc.Content[0]), true
}

// peekID returns the scalar "id" of mapping n, or "", so messages about a
// question or choice can name it even before its fields are checked.
func peekID(n *yaml.Node) string {
	if n.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "id" && n.Content[i+1].Kind == yaml.ScalarNode && validID(n.Content[i+1].Value) {
			return n.Content[i+1].Value
		}
	}
	return ""
}

// deref follows an alias to the node it names.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 8; i++ {
		n = n.Alias
	}
	return n
}

// fields returns the values of mapping n by key, reporting a non-mapping,
// duplicate keys and unknown keys (with the nearest known key as a hint).
func (f *yamlFile) fields(n *yaml.Node, what string, known []string) map[string]*yaml.Node {
	out := map[string]*yaml.Node{}
	if n.Kind != yaml.MappingNode {
		f.add(n.Line, "%s must be a set of \"field: value\" lines, found %s", what, kindName(n))
		return out
	}
	keyLine := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), deref(n.Content[i+1])
		key := k.Value
		if !slices.Contains(known, key) {
			f.add(k.Line, "%s: unknown field %q%s", what, key, suggest(key, known))
			continue
		}
		if prev, dup := keyLine[key]; dup {
			f.add(k.Line, "%s: field %q is given twice (first at line %d)", what, key, prev)
			continue
		}
		keyLine[key] = k.Line
		out[key] = v
	}
	return out
}

// require reports each of names missing from fs; at is the line of the owner.
func (f *yamlFile) require(fs map[string]*yaml.Node, what string, at int, names ...string) {
	for _, name := range names {
		if _, ok := fs[name]; !ok {
			f.add(at, "%s: missing required field %q", what, name)
		}
	}
}

// str returns the scalar text of n, reporting anything else.
func (f *yamlFile) str(n *yaml.Node, what string) (string, bool) {
	if n == nil {
		return "", false
	}
	if n.Kind != yaml.ScalarNode {
		f.add(n.Line, "%s must be a single value, found %s", what, kindName(n))
		return "", false
	}
	if n.Tag == "!!null" {
		return "", true
	}
	return n.Value, true
}

// idRE is the form of module, question and choice ids (see validID).
var idRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,39}$`)

// validID reports whether s is 1-40 lowercase ASCII letters, digits, - or _,
// starting with a letter or digit.
func validID(s string) bool {
	if s == "" || len(s) > 40 || s[0] == '-' || s[0] == '_' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// id returns a stable id, reporting an empty or non-ASCII one.
func (f *yamlFile) id(n *yaml.Node, what string) string {
	s, ok := f.str(n, what+" id")
	if !ok {
		return ""
	}
	if !validID(s) {
		f.add(n.Line, "%s id %q must be 1-40 lowercase ASCII letters, digits, - or _ (ids are stored with results, so keep them plain and stable)", what, s)
	}
	return s
}

// integer returns the whole number in n, reporting anything else.
func (f *yamlFile) integer(n *yaml.Node, what string) (int, bool) {
	s, ok := f.str(n, what)
	if !ok {
		return 0, false
	}
	v, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		f.add(n.Line, "%s must be a whole number, found %q", what, s)
		return 0, false
	}
	return v, true
}

// boolean returns true or false from n, reporting anything else.
func (f *yamlFile) boolean(n *yaml.Node, what string) bool {
	s, ok := f.str(n, what)
	if !ok {
		return false
	}
	switch strings.ToLower(s) {
	case "true", "yes":
		return true
	case "false", "no":
		return false
	}
	f.add(n.Line, "%s must be true or false, found %q", what, s)
	return false
}

// strings returns the list of scalars in n, reporting anything else.
func (f *yamlFile) list(n *yaml.Node, what string) []string {
	if n.Kind != yaml.SequenceNode {
		f.add(n.Line, "%s must be a list (lines starting with \"- \" or [a, b]), found %s", what, kindName(n))
		return nil
	}
	var out []string
	for _, item := range n.Content {
		if s, ok := f.str(deref(item), what+" item"); ok {
			out = append(out, safetext.Line(s))
		}
	}
	return out
}

// text reads a language → text map, cleans every value and reports missing
// or empty pack languages and languages the pack does not list.
func (f *yamlFile) text(n *yaml.Node, what string, multiline bool) quiz.Text {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		f.add(n.Line, "%s must give the text per language, like {%s}, found %s", what, langExample(f.langs), kindName(n))
		return nil
	}
	t, bad := quiz.Text{}, map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), deref(n.Content[i+1])
		if !slices.Contains(f.langs, k.Value) {
			f.add(k.Line, "%s: language %q is not in the pack languages %v%s", what, k.Value, f.langs, suggest(k.Value, f.langs))
			continue
		}
		if _, dup := t[k.Value]; dup {
			f.add(k.Line, "%s: language %q is given twice", what, k.Value)
			continue
		}
		s, ok := f.str(v, what+" "+k.Value)
		if !ok {
			t[k.Value], bad[k.Value] = "", true // reported already
			continue
		}
		if multiline {
			s = strings.TrimRight(cleanText(s), "\n ")
		} else {
			s = cleanLine(s)
		}
		t[k.Value] = s
	}
	for _, l := range f.langs {
		if bad[l] {
			continue
		}
		if strings.TrimSpace(t[l]) == "" {
			if _, given := t[l]; given {
				f.add(n.Line, "%s: the %s text is empty", what, l)
			} else {
				f.add(n.Line, "%s: missing the %s text", what, l)
			}
		}
	}
	return t
}

func langExample(langs []string) string {
	parts := make([]string, len(langs))
	for i, l := range langs {
		parts[i] = l + ": \"...\""
	}
	return strings.Join(parts, ", ")
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a set of fields"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return strconv.Quote(n.Value)
	}
	return "something else"
}

// suggest returns ` (did you mean "x"?)` for the known word nearest to s,
// or "" when nothing is close enough to be a likely typo.
func suggest(s string, known []string) string {
	best, bestD := "", 1<<30
	for _, k := range known {
		if d := editDistance(strings.ToLower(s), k); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" || bestD > max(2, len(best)/3) {
		return ""
	}
	return " (did you mean \"" + best + "\"?)"
}

// editDistance is the Levenshtein distance between a and b in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// cleanText is safetext.Text with a fast path for text that is already clean
// NFC, which is nearly all content; it keeps loading the pack quick.
func cleanText(s string) string {
	for _, r := range s {
		if r < 0x20 && r != '\n' || r >= 0x7f && r <= 0x9f || r >= 0x200e && r <= 0x206f || r == 0x061c || r == 0xfeff || r == utf8.RuneError {
			return safetext.Text(s)
		}
	}
	if norm.NFC.QuickSpanString(s) != len(s) {
		return safetext.Text(s)
	}
	return s
}

// cleanLine is safetext.Line with the same fast path as cleanText.
func cleanLine(s string) string {
	if c := cleanText(s); c == s && !strings.Contains(s, "  ") && !strings.Contains(s, "\n") && strings.TrimSpace(s) == s {
		return s
	}
	return safetext.Line(s)
}
