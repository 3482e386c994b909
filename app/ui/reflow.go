package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// reflow joins the lines of a message that an author broke only to fit an
// editor, so the box can wrap the prose to its own width, and keeps the
// lines meant as separate lines: a blank line, a list item, a bracketed
// header such as "[SMS từ 0868xxx]", a label and its value such as
// "Số tiền: 45.000đ", and the line after a header or a label (unless it
// starts in lower case, which says it carries on the same sentence).
func reflow(body string) string {
	lines := strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n")
	var out []string
	prevKept, prevBlank := false, true
	for _, raw := range lines {
		l := strings.TrimSpace(raw)
		switch {
		case l == "":
			out = append(out, "")
			prevKept, prevBlank = false, true
			continue
		case prevBlank || separateLine(l) || (prevKept && !startsLower(l)):
			out = append(out, l)
		default:
			out[len(out)-1] += " " + l
		}
		prevKept, prevBlank = separateLine(l), false
	}
	return strings.Join(out, "\n")
}

// separateLine reports a line that stands on its own in a message: a list
// item, a bracketed header, or a short label followed by its value.
func separateLine(l string) bool {
	switch {
	case strings.HasPrefix(l, "- "), strings.HasPrefix(l, "* "), strings.HasPrefix(l, "• "),
		strings.HasPrefix(l, "["), StepNumber(l) != "":
		return true
	}
	return isLabelValue(l)
}

// isLabelValue reports "Số tiền: 45.000đ" or "Người nhận:": at most four
// words before a colon, no sentence punctuation among them, and a space or
// the end of the line after it (so "10:30" and "http://…" are not labels).
func isLabelValue(l string) bool {
	head, rest, ok := strings.Cut(l, ":")
	if !ok || head == "" || strings.ContainsAny(head, ".,!?\"“”") {
		return false
	}
	if rest != "" && !strings.HasPrefix(rest, " ") {
		return false
	}
	words := len(strings.Fields(head))
	return words >= 1 && words <= 4 && utf8.RuneCountInString(head) <= 30
}

// startsLower reports whether l begins with a lower-case letter.
func startsLower(l string) bool {
	r, _ := utf8.DecodeRuneInString(l)
	return unicode.IsLower(r)
}

// StepNumber returns "3." when l starts a numbered step, else "".
func StepNumber(l string) string {
	i := 0
	for i < len(l) && i < 3 && unicode.IsDigit(rune(l[i])) {
		i++
	}
	if i > 0 && i+1 < len(l) && (l[i] == '.' || l[i] == ')') && l[i+1] == ' ' {
		return l[:i+1]
	}
	return ""
}
