package quiz

import (
	"html"
	"io"
	"regexp"
	"strconv"
	"strings"

	"kynangso/internal/safetext"
)

// ParseGIFT reads a Moodle GIFT question bank and returns the questions the
// pack format can hold, their text in lang. Single and multiple choice
// (weights: a positive %n% means correct) and true/false are imported;
// essay, numeric, matching, short-answer and fill-in questions, and anything
// it cannot read, are returned in skipped with their line. The error is only
// for a file it cannot read at all (too big, not UTF-8).
func ParseGIFT(r io.Reader, lang string) ([]Question, []Skipped, error) {
	text, err := readText(r)
	if err != nil {
		return nil, nil, err
	}
	var (
		qs      []Question
		skipped []Skipped
		ids     = newIDSet()
	)
	for _, b := range giftBlocks(text) {
		q, title, sk := parseGIFTBlock(b, lang)
		if sk != nil {
			skipped = append(skipped, *sk)
			continue
		}
		finish(&q, lang)
		if vi, en, ok := checkImported(q, lang); !ok {
			skipped = append(skipped, skip(b.line, vi, en))
			continue
		}
		q.ID = ids.next(title)
		qs = append(qs, q)
	}
	return qs, skipped, nil
}

// giftBlock is one question's source: its lines joined, and the line it
// starts on.
type giftBlock struct {
	text string
	line int
}

// giftBlocks splits a GIFT file into questions the way Moodle does: blank
// lines separate questions, lines starting with // are comments, and
// $CATEGORY lines only choose a Moodle category, which a pack has no use for.
func giftBlocks(text string) []giftBlock {
	var (
		out   []giftBlock
		cur   []string
		start int
	)
	flush := func() {
		if len(cur) > 0 {
			out = append(out, giftBlock{text: strings.Join(cur, "\n"), line: start})
		}
		cur = nil
	}
	for i, raw := range strings.Split(text, "\n") {
		line := strings.TrimSpace(raw)
		switch {
		case line == "":
			flush()
		case strings.HasPrefix(line, "//"):
		case strings.HasPrefix(line, "$CATEGORY:"):
			flush()
		default:
			if len(cur) == 0 {
				start = i + 1
			}
			cur = append(cur, line)
		}
	}
	flush()
	return out
}

// giftFormat is the optional text-format prefix Moodle writes before the
// question text.
var giftFormat = regexp.MustCompile(`^\[(html|markdown|plain|moodle)\]\s*`)

// parseGIFTBlock turns one block into a question, or says why it cannot.
func parseGIFTBlock(b giftBlock, lang string) (Question, string, *Skipped) {
	fail := func(vi, en string) (Question, string, *Skipped) {
		s := skip(b.line, vi, en)
		return Question{}, "", &s
	}
	s := b.text
	title := ""
	if strings.HasPrefix(s, "::") {
		end := indexUnescaped(s, "::", 2)
		if end < 0 {
			return fail("tiêu đề ::...:: không có dấu :: đóng", "the ::title:: has no closing ::")
		}
		title = giftUnescape(s[2:end])
		s = strings.TrimSpace(s[end+2:])
	}
	format := "moodle"
	if m := giftFormat.FindStringSubmatch(s); m != nil {
		format = m[1]
		s = s[len(m[0]):]
	}
	clean := func(t string) string { return giftPlain(giftUnescape(t), format) }
	open := indexUnescaped(s, "{", 0)
	if open < 0 {
		return fail("không có phần đáp án {…}: đây là đoạn mô tả, không phải câu hỏi", "no answer block {…}: a description is not a question")
	}
	end := indexUnescaped(s, "}", open+1)
	if end < 0 {
		return fail("phần đáp án { không có dấu } đóng", "the answer block { has no closing }")
	}
	if strings.TrimSpace(s[end+1:]) != "" {
		return fail("câu điền vào chỗ trống (có chữ sau phần đáp án) chưa được hỗ trợ", "fill-in-the-blank question (text after the answer block) is not supported")
	}
	q := Question{Prompt: Text{lang: clean(s[:open])}, Explanation: Text{}}
	if q.Prompt[lang] == "" {
		return fail("câu hỏi không có nội dung", "the question has no text")
	}
	if vi, en, ok := giftAnswers(&q, s[open+1:end], lang, clean); !ok {
		return fail(vi, en)
	}
	return q, title, nil
}

// giftAnswers reads the answer block into q, following Moodle's own order of
// tests, or returns why the question type cannot be imported.
func giftAnswers(q *Question, block, lang string, clean func(string) string) (string, string, bool) {
	block = strings.TrimSpace(block)
	general := ""
	if i := indexUnescaped(block, "####", 0); i >= 0 {
		general = clean(block[i+4:])
		block = strings.TrimSpace(block[:i])
	}
	switch {
	case block == "":
		return "câu tự luận không có lựa chọn", "essay question has no choices", false
	case block[0] == '#':
		return "câu trả lời bằng số chưa được hỗ trợ", "numeric question is not supported", false
	case indexUnescaped(block, "~", 0) >= 0:
		return giftChoices(q, block, general, lang, clean)
	}
	if ok, feedback, wrong := giftTrueFalse(q, block, lang, clean); ok {
		var lines []string
		if wrong != "" {
			lines = append(lines, choiceFeedback(q.Choices, false, lang, wrong))
		}
		q.Explanation[lang] = explanation(*q, lang, []string{feedback, general}, lines)
		return "", "", true
	}
	if strings.Contains(block, "->") {
		return "câu ghép đôi chưa được hỗ trợ", "matching question is not supported", false
	}
	return "câu trả lời ngắn (không có lựa chọn sai ~) chưa được hỗ trợ", "short-answer question (no ~ wrong choices) is not supported", false
}

// giftTrueFalse reads {T}, {TRUE#wrong feedback#right feedback}, {F}...
// Moodle shows the first feedback after a wrong answer and the second after a
// right one. It returns the right one (or the only one given) as feedback,
// and the wrong one, when there are both, so the explanation keeps it too.
func giftTrueFalse(q *Question, block, lang string, clean func(string) string) (ok bool, feedback, wrong string) {
	parts := splitUnescaped(block, '#')
	var answer bool
	switch strings.ToUpper(strings.TrimSpace(parts[0])) {
	case "T", "TRUE":
		answer = true
	case "F", "FALSE":
	default:
		return false, "", ""
	}
	q.Type = TypeTrueFalse
	q.Choices = TrueFalseChoicesIn(answer, lang)
	if len(parts) > 2 {
		feedback = clean(strings.Join(parts[2:], "#"))
		wrong = clean(parts[1])
	}
	if feedback == "" && len(parts) > 1 {
		feedback, wrong = clean(parts[1]), ""
	}
	if wrong == feedback {
		wrong = ""
	}
	return true, feedback, wrong
}

// giftChoices reads a multiple-choice block: =right, ~wrong, ~%50%right,
// ~%-100%wrong, each with an optional #feedback. The explanation is the
// feedback of the right answers and the general feedback, then one line
// «choice»: feedback for each wrong choice that has feedback, because that
// is often where a bank explains the tempting mistake.
func giftChoices(q *Question, block, general, lang string, clean func(string) string) (string, string, bool) {
	if lead := block[:indexAnyUnescaped(block, "=~")]; strings.TrimSpace(lead) != "" {
		return "không đọc được phần đáp án: mỗi lựa chọn phải bắt đầu bằng = hoặc ~", "cannot read the answers: each choice must start with = or ~", false
	}
	var feedback, wrong []string
	for _, a := range splitAnswers(block) {
		correct := a[0] == '='
		body := a[1:]
		if w, rest, ok := giftWeight(body); ok {
			correct = w > 0
			body = rest
		}
		fb := ""
		if i := indexUnescaped(body, "#", 0); i >= 0 {
			fb = clean(body[i+1:])
			body = body[:i]
		}
		q.Choices = append(q.Choices, Choice{ID: choiceID(len(q.Choices)), Text: Text{lang: clean(body)}, Correct: correct})
		switch {
		case fb == "":
		case correct && !containsString(feedback, fb):
			feedback = append(feedback, fb)
		case !correct:
			wrong = append(wrong, choiceFeedback(q.Choices[len(q.Choices)-1:], false, lang, fb))
		}
	}
	q.Explanation[lang] = explanation(*q, lang, append(feedback, general), wrong)
	return "", "", true
}

// choiceFeedback formats the feedback on the first choice of choices whose
// Correct is correct as «choice text»: feedback, one line of an explanation.
func choiceFeedback(choices []Choice, correct bool, lang, fb string) string {
	for _, c := range choices {
		if c.Correct == correct {
			return "«" + safetext.Line(c.Text.In(lang)) + "»: " + fb
		}
	}
	return fb
}

// explanation joins the main feedback and the per-choice lines. When the
// bank gave per-choice feedback only, the main part says which answer is
// right, so the explanation still starts with what the learner must know.
func explanation(q Question, lang string, main, perChoice []string) string {
	head := joinNonEmpty(main...)
	if head == "" && len(perChoice) > 0 {
		head = answerSentence(q, lang)
	}
	return joinNonEmpty(append([]string{head}, perChoice...)...)
}

// giftWeight reads a leading %50% or %-100% weight.
func giftWeight(s string) (float64, string, bool) {
	s = strings.TrimLeft(s, " \t\n")
	if !strings.HasPrefix(s, "%") {
		return 0, s, false
	}
	end := strings.IndexByte(s[1:], '%')
	if end < 0 {
		return 0, s, false
	}
	w, err := strconv.ParseFloat(strings.TrimSpace(s[1:end+1]), 64)
	if err != nil {
		return 0, s, false
	}
	return w, s[end+2:], true
}

// splitAnswers cuts a choice block at every unescaped = or ~, keeping the
// marker at the start of each piece.
func splitAnswers(block string) []string {
	var out []string
	start := -1
	for i := 0; i < len(block); i++ {
		switch block[i] {
		case '\\':
			i++
		case '=', '~':
			if start >= 0 {
				out = append(out, block[start:i])
			}
			start = i
		}
	}
	if start >= 0 {
		out = append(out, block[start:])
	}
	return out
}

// indexUnescaped returns the index of the first sep in s at or after from
// that is not escaped with a backslash, or -1.
func indexUnescaped(s, sep string, from int) int {
	for i := from; i < len(s); i++ {
		if s[i] == '\\' {
			i++
			continue
		}
		if strings.HasPrefix(s[i:], sep) {
			return i
		}
	}
	return -1
}

// indexAnyUnescaped is like indexUnescaped for any byte of chars; it returns
// len(s) when there is none.
func indexAnyUnescaped(s, chars string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' {
			i++
			continue
		}
		if strings.IndexByte(chars, s[i]) >= 0 {
			return i
		}
	}
	return len(s)
}

// splitUnescaped splits s at every unescaped sep.
func splitUnescaped(s string, sep byte) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' {
			i++
			continue
		}
		if s[i] == sep {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// giftUnescape resolves GIFT escapes: \~ \= \# \{ \} \: \\ and \n (a line
// break). Any other backslash is kept as written.
func giftUnescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			switch c := s[i+1]; c {
			case '~', '=', '#', '{', '}', ':', '\\':
				b.WriteByte(c)
				i++
				continue
			case 'n':
				b.WriteByte('\n')
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// giftPlain turns text in a GIFT text format into the plain text the app
// draws: HTML tags and entities go in html and moodle (Moodle's default
// "auto-format", which allows HTML) texts, Markdown emphasis, code and links
// in markdown texts; plain text is kept as written.
func giftPlain(s, format string) string {
	switch format {
	case "html", "moodle":
		s = stripHTML(s)
	case "markdown":
		s = stripMarkdown(stripHTML(s))
	}
	return strings.TrimSpace(s)
}

var (
	htmlBreak   = regexp.MustCompile(`(?i)<br\s*/?>|</(p|div|li|h[1-6])>`)
	htmlComment = regexp.MustCompile(`(?s)<!--.*?-->`)
	// htmlTag matches a real tag only (a letter after < or </), so that a
	// prompt such as "5 < 7 và 9 > 8" keeps its signs.
	htmlTag  = regexp.MustCompile(`</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>`)
	blankRun = regexp.MustCompile(`\n[ \t]*\n[\s]*`)
)

// stripHTML turns the simple HTML Moodle exports ("<p>Text</p>") into plain
// text: paragraph ends and <br> become line breaks, other tags go, entities
// are decoded.
func stripHTML(s string) string {
	s = htmlComment.ReplaceAllString(s, "")
	s = htmlBreak.ReplaceAllString(s, "\n")
	s = htmlTag.ReplaceAllString(s, "")
	s = html.UnescapeString(s)
	s = strings.ReplaceAll(s, "\u00a0", " ")
	s = blankRun.ReplaceAllString(strings.TrimSpace(s), "\n\n")
	return s
}

func joinNonEmpty(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n")
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// markdownRules undo the Markdown a question bank uses for emphasis, after
// images and links (whose text may hold emphasis): code, bold and italic,
// headings and quotes. Underscore italics need a space or punctuation around
// them, so names such as tai_khoan_1 stay whole.
var markdownRules = []struct {
	re   *regexp.Regexp
	repl string
}{
	{regexp.MustCompile("`([^`\n]+)`"), "$1"},
	{regexp.MustCompile(`\*\*([^*\n]+)\*\*`), "$1"},
	{regexp.MustCompile(`__([^_\n]+)__`), "$1"},
	{regexp.MustCompile(`\*([^*\s][^*\n]*)\*`), "$1"},
	{regexp.MustCompile(`(^|[\s(])_([^_\s][^_\n]*)_($|[\s.,;:!?)])`), "$1$2$3"},
	{regexp.MustCompile(`(?m)^[ \t]*#{1,6}[ \t]+`), ""},
	{regexp.MustCompile(`(?m)^[ \t]*>[ \t]?`), ""},
}

// markdownEscapable are the characters a backslash keeps literal in
// Markdown; stripMarkdown hides them from the rules as private-use runes.
const markdownEscapable = "\\*_`[]()#>!-"

var markdownEscape = regexp.MustCompile(`\\[\\*_\x60\[\]()#>!-]`)

// markdownImage is ![alt](address) and markdownLink [text](address "title").
var (
	markdownImage = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	markdownLink  = regexp.MustCompile(`\[([^\]]*)\]\(\s*([^)\s]+)[^)]*\)`)
)

// stripMarkdown turns Markdown emphasis into plain text: "**quét mã QR**"
// becomes "quét mã QR" and a link "[VNeID](https://vneid.gov.vn)" becomes
// "VNeID (https://vneid.gov.vn)", since the app shows prompts and choices
// as plain text.
func stripMarkdown(s string) string {
	s = markdownEscape.ReplaceAllStringFunc(s, func(e string) string {
		return string(rune(0xE000 + strings.IndexByte(markdownEscapable, e[1])))
	})
	s = markdownImage.ReplaceAllString(s, "$1")
	s = markdownLink.ReplaceAllStringFunc(s, func(link string) string {
		m := markdownLink.FindStringSubmatch(link)
		if strings.TrimSpace(m[1]) == m[2] || m[1] == "" {
			return m[2]
		}
		return m[1] + " (" + m[2] + ")"
	})
	for _, r := range markdownRules {
		s = r.re.ReplaceAllString(s, r.repl)
	}
	for i := range len(markdownEscapable) {
		s = strings.ReplaceAll(s, string(rune(0xE000+i)), markdownEscapable[i:i+1])
	}
	return s
}
