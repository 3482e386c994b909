package lessons

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// maxHiddenLines is how many lines with hidden characters one file reports
// before a single "and N more lines": a file saved with old Mac line ends
// would otherwise give one problem per line.
const maxHiddenLines = 20

// hiddenChar reports whether content must not hold r: a control character
// other than newline and tab (ESC starts the terminal escape sequences that
// recolour or clear the screen, a lone CR moves the cursor back) or an
// invisible format character, Unicode category Cf (the bidi controls that
// reorder text, zero-width spaces and joiners, a byte-order mark inside the
// text). safetext removes them when text is shown; the author is told, so
// that what the class sees is what was written.
func hiddenChar(r rune) bool {
	return unicode.IsControl(r) && r != '\n' && r != '\t' || unicode.Is(unicode.Cf, r)
}

// hiddenNames names the hidden characters authors meet, as Unicode names
// them (controls by their alias, since their Unicode name is "<control>").
// A table keeps the binary small: x/text's runenames would add a megabyte
// for the few dozen characters hiddenChar can report.
var hiddenNames = map[rune]string{
	0x07: "BELL", 0x08: "BACKSPACE", 0x0B: "LINE TABULATION", 0x0C: "FORM FEED",
	0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x7F: "DELETE",
	0x85: "NEXT LINE", 0x90: "DEVICE CONTROL STRING", 0x9B: "CONTROL SEQUENCE INTRODUCER",
	0x9C: "STRING TERMINATOR", 0x9D: "OPERATING SYSTEM COMMAND",
	0xAD: "SOFT HYPHEN", 0x061C: "ARABIC LETTER MARK", 0x180E: "MONGOLIAN VOWEL SEPARATOR",
	0x200B: "ZERO WIDTH SPACE", 0x200C: "ZERO WIDTH NON-JOINER", 0x200D: "ZERO WIDTH JOINER",
	0x200E: "LEFT-TO-RIGHT MARK", 0x200F: "RIGHT-TO-LEFT MARK",
	0x202A: "LEFT-TO-RIGHT EMBEDDING", 0x202B: "RIGHT-TO-LEFT EMBEDDING", 0x202C: "POP DIRECTIONAL FORMATTING",
	0x202D: "LEFT-TO-RIGHT OVERRIDE", 0x202E: "RIGHT-TO-LEFT OVERRIDE",
	0x2060: "WORD JOINER", 0x2061: "FUNCTION APPLICATION", 0x2062: "INVISIBLE TIMES",
	0x2063: "INVISIBLE SEPARATOR", 0x2064: "INVISIBLE PLUS",
	0x2066: "LEFT-TO-RIGHT ISOLATE", 0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE",
	0x2069: "POP DIRECTIONAL ISOLATE", 0xFEFF: "ZERO WIDTH NO-BREAK SPACE (BYTE ORDER MARK)",
	0xFFF9: "INTERLINEAR ANNOTATION ANCHOR", 0xFFFA: "INTERLINEAR ANNOTATION SEPARATOR",
	0xFFFB: "INTERLINEAR ANNOTATION TERMINATOR",
}

// hiddenName returns "U+202E RIGHT-TO-LEFT OVERRIDE": the code point an
// editor can search for, and a name that says what it does.
func hiddenName(r rune) string {
	name, ok := hiddenNames[r]
	switch {
	case ok:
	case unicode.IsControl(r):
		name = "CONTROL CHARACTER"
	case r >= 0xE0000 && r <= 0xE007F:
		name = "TAG CHARACTER"
	default:
		name = "INVISIBLE FORMAT CHARACTER"
	}
	return fmt.Sprintf("U+%04X %s", r, name)
}

// hiddenIn returns the distinct hidden characters of s in the order they
// first appear, and the 1-based column (in characters) of the first.
func hiddenIn(s string) (found []rune, col int) {
	n := 0
	for _, r := range s {
		n++
		if !hiddenChar(r) || containsRune(found, r) {
			continue
		}
		if found == nil {
			col = n
		}
		found = append(found, r)
	}
	return found, col
}

func containsRune(rs []rune, r rune) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

func hiddenList(rs []rune) string {
	names := make([]string, len(rs))
	for i, r := range rs {
		names[i] = hiddenName(r)
	}
	return strings.Join(names, ", ")
}

// reportHiddenChars reports each line of the file name (already UTF-8, with
// LF line ends) that holds hidden characters, with the column of the first
// and the name of each.
func (l *loader) reportHiddenChars(name string, data []byte) {
	if !hasHidden(data) {
		return
	}
	reported, more, moreLine := 0, 0, 0
	for i, line := range strings.Split(string(data), "\n") {
		found, col := hiddenIn(line)
		switch {
		case found == nil:
		case reported < maxHiddenLines:
			reported++
			l.probs.add(name, i+1, "%s", hiddenMsg(found, col))
		default:
			if more == 0 {
				moreLine = i + 1
			}
			more++
		}
	}
	if more > 0 {
		l.probs.add(name, moreLine, "còn %d dòng nữa từ dòng này có ký tự ẩn / %d more lines from this one hold hidden characters", more, more)
	}
}

// hasHidden is a quick scan for the common case, a clean file: only a
// control byte or a multi-byte character can be hidden.
func hasHidden(data []byte) bool {
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' && c != '\t' || c == 0x7F {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if hiddenChar(r) {
			return true
		}
		i += size
	}
	return false
}

func hiddenMsg(found []rune, col int) string {
	list := hiddenList(found)
	hintVi, hintEn := "thường do dán từ web hay Word", "it usually comes from pasting from the web or Word"
	if len(found) == 1 && found[0] == '\r' {
		hintVi, hintEn = "hoặc lưu tệp với kiểu xuống dòng LF hay CRLF", "or save the file with LF or CRLF line ends"
	}
	return fmt.Sprintf("cột %d: ký tự ẩn %s (không hiện ra, có thể đảo chữ hay làm rối màn hình; ứng dụng bỏ nó khi hiển thị): hãy xoá nó, %s / "+
		"column %d: hidden character %s (invisible; it can reorder text or disturb the screen, and the app drops it): delete it; %s",
		col, list, hintVi, col, list, hintEn)
}

// yamlRefusedHidden reports whether the YAML parser's error msg is its
// refusal of a raw control character that reportHiddenChars has already
// reported with its line and name; the parser's message has no line.
func yamlRefusedHidden(msg string, data []byte) bool {
	return strings.Contains(msg, "control characters are not allowed") && hasHidden(data)
}

// reportEscapedChars reports hidden characters that a YAML file writes as
// escapes in "double-quoted" text ("\e[31m", "\u202e"): they are not in the
// file's bytes, so reportHiddenChars cannot see them. A character the file
// also holds as it is was reported there already, with its line.
func (f *yamlFile) reportEscapedChars(n *yaml.Node, data []byte) {
	if n == nil || n.Kind == yaml.AliasNode {
		return // an alias repeats a node reported where it is defined
	}
	if n.Kind == yaml.ScalarNode && n.Style&yaml.DoubleQuotedStyle != 0 {
		var escaped []rune
		found, _ := hiddenIn(n.Value)
		for _, r := range found {
			if !bytes.ContainsRune(data, r) {
				escaped = append(escaped, r)
			}
		}
		if escaped != nil {
			list := hiddenList(escaped)
			f.add(n.Line, "ký tự ẩn %s viết bằng mã thoát trong chuỗi \"...\" (như \\e hay \\u202e; ứng dụng bỏ nó khi hiển thị): hãy xoá mã thoát đó / "+
				"hidden character %s written as an escape in a \"...\" string (such as \\e or \\u202e; the app drops it): delete that escape", list, list)
		}
	}
	for _, c := range n.Content {
		f.reportEscapedChars(c, data)
	}
}
