package quiz

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"kynangso/internal/safetext"
)

var (
	aikenOption = regexp.MustCompile(`^([A-Z])[.)]\s+(.*)$`)
	aikenAnswer = regexp.MustCompile(`(?i)^(answer|đáp án|dap an)\s*:\s*(.*)$`)
)

// aikenQ is the question being read: its prompt lines, options and where
// things are, for messages.
type aikenQ struct {
	line    int // line of the first prompt line
	prompt  []string
	options []string
	broken  *Skipped // set once the block is known to be malformed
}

// ParseAiken reads an Aiken question bank (Moodle's plain-text format): a
// question (one or more lines), options "A. text" or "A) text", then
// "ANSWER: B". Several letters ("ANSWER: A, C") make a multiple-answer
// question. Malformed questions are returned in skipped with the line to fix.
// The error is only for a file it cannot read at all.
func ParseAiken(r io.Reader, lang string) ([]Question, []Skipped, error) {
	text, err := readText(r)
	if err != nil {
		return nil, nil, err
	}
	var (
		qs      []Question
		skipped []Skipped
		ids     = newIDSet()
		cur     aikenQ
	)
	done := func(q *Question, sk *Skipped) {
		switch {
		case sk != nil:
			skipped = append(skipped, *sk)
		case q != nil:
			q.ID = ids.next("")
			qs = append(qs, *q)
		}
		cur = aikenQ{}
	}
	for i, raw := range strings.Split(text, "\n") {
		n, line := i+1, safetext.Line(raw)
		switch {
		case line == "":
			if len(cur.prompt) > 0 && len(cur.options) == 0 && cur.broken == nil {
				done(nil, ptr(skip(cur.line, "câu hỏi không có lựa chọn A. B. …", "question has no options A. B. …")))
			} else if len(cur.options) > 0 && cur.broken == nil {
				done(nil, ptr(skip(cur.line, "thiếu dòng ANSWER: sau các lựa chọn", "missing ANSWER: line after the options")))
			} else if cur.broken != nil {
				done(nil, cur.broken)
			}
		case cur.broken != nil:
			if aikenAnswer.MatchString(line) {
				done(nil, cur.broken)
			}
		case aikenAnswer.MatchString(line):
			done(aikenFinish(&cur, aikenAnswer.FindStringSubmatch(line)[2], n, lang))
		default:
			aikenLine(&cur, line, n)
		}
	}
	switch {
	case cur.broken != nil:
		done(nil, cur.broken)
	case len(cur.options) > 0:
		done(nil, ptr(skip(cur.line, "thiếu dòng ANSWER: ở cuối tệp", "missing ANSWER: line at the end of the file")))
	case len(cur.prompt) > 0:
		done(nil, ptr(skip(cur.line, "câu hỏi không có lựa chọn A. B. …", "question has no options A. B. …")))
	}
	return qs, skipped, nil
}

func ptr(s Skipped) *Skipped { return &s }

// aikenLine adds a prompt or option line to the question being read.
func aikenLine(cur *aikenQ, line string, n int) {
	m := aikenOption.FindStringSubmatch(line)
	switch {
	case m != nil && len(cur.prompt) > 0:
		want := string(rune('A' + len(cur.options)))
		if m[1] != want {
			cur.broken = ptr(skip(n, fmt.Sprintf("lựa chọn %s không đúng thứ tự (cần %s)", m[1], want), fmt.Sprintf("option %s is out of order (expected %s)", m[1], want)))
			return
		}
		cur.options = append(cur.options, m[2])
	case len(cur.options) > 0:
		cur.broken = ptr(skip(n, "cần một lựa chọn (như \"C. …\") hoặc dòng \"ANSWER: X\"", "expected an option (like \"C. …\") or an \"ANSWER: X\" line"))
	default:
		if len(cur.prompt) == 0 {
			cur.line = n
		}
		cur.prompt = append(cur.prompt, line)
	}
}

// aikenFinish builds the question once its ANSWER line (at line n) is read.
func aikenFinish(cur *aikenQ, answer string, n int, lang string) (*Question, *Skipped) {
	if len(cur.options) == 0 {
		return nil, ptr(skip(n, "dòng ANSWER: không đi sau lựa chọn nào", "ANSWER: line without options before it"))
	}
	letters, bad := answerLetters(answer, len(cur.options))
	if bad != "" || len(letters) == 0 {
		return nil, ptr(skip(n, fmt.Sprintf("đáp án %q không khớp lựa chọn nào (A–%c)", answer, 'A'+len(cur.options)-1),
			fmt.Sprintf("answer %q does not match an option (A–%c)", answer, 'A'+len(cur.options)-1)))
	}
	q := Question{Prompt: Text{lang: strings.Join(cur.prompt, "\n")}, Explanation: Text{}}
	for i, o := range cur.options {
		q.Choices = append(q.Choices, Choice{ID: choiceID(i), Text: Text{lang: o}, Correct: letters[i]})
	}
	if tf, ok := asTrueFalse(q, lang); ok {
		q = tf
	}
	finish(&q, lang)
	if vi, en, ok := checkImported(q, lang); !ok {
		return nil, ptr(skip(cur.line, vi, en))
	}
	return &q, nil
}

// answerLetters reads "B", "A, C", "AC" or "a;c" into the set of option
// indexes it names; bad is the first part that names no option.
func answerLetters(s string, options int) (set map[int]bool, bad string) {
	set = map[int]bool{}
	s = strings.NewReplacer(",", " ", ";", " ", ":", " ", "/", " ", "+", " ", "&", " ", " VÀ ", " ", " VA ", " ", " AND ", " ").Replace(strings.ToUpper(s))
	for _, f := range strings.Fields(s) {
		f = strings.TrimSuffix(strings.TrimSuffix(f, "."), ")")
		for _, r := range f {
			i := int(r - 'A')
			if r < 'A' || r > 'Z' || i >= options {
				return nil, f
			}
			set[i] = true
		}
	}
	return set, ""
}
