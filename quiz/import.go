package quiz

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"

	"kynangso/internal/safetext"
)

// Skipped is a question an importer could not turn into a pack question, with
// the 1-based line (or sheet row) where the problem is, so the trainer can
// find and fix it. Nothing in an imported file is dropped silently.
type Skipped struct {
	Line int
	// Reason says what is wrong, in English.
	Reason string
	// ReasonVi says the same in Vietnamese, for the Vietnamese interface.
	ReasonVi string
}

// skip builds a Skipped with both languages of its reason.
func skip(line int, vi, en string) Skipped {
	return Skipped{Line: line, Reason: en, ReasonVi: vi}
}

// MaxChoices is the most choices an imported question may have; it matches
// the content checker's limit (lessons.MaxChoices), which quiz cannot import.
const MaxChoices = 6

// MaxImportBytes is the largest question-bank file the importers accept. Real
// banks are a few hundred kilobytes; anything bigger is almost surely the
// wrong file.
const MaxImportBytes = 16 << 20

// trueFalseWords are the texts of the true/false choices in the languages
// whose words are known, because these two words never need a translator.
var trueFalseWords = map[string][2]string{
	"vi": {"Đúng", "Sai"},
	"en": {"True", "False"},
}

// fixedLang is the language of the words an importer writes itself (the
// true/false choices, an explanation naming the right answer) for a bank in
// lang: lang when the words are known in it, else Vietnamese, the language
// every class in the country shares (an Ê Đê pack, "ede", gets "Đúng").
func fixedLang(lang string) string {
	if _, ok := trueFalseWords[lang]; ok {
		return lang
	}
	return "vi"
}

// TrueFalseChoices returns the two choices of a true/false question in the
// pack format (ids "dung" and "sai"), marking the right one correct, with
// their text in Vietnamese and English, the built-in pack's languages.
func TrueFalseChoices(answerTrue bool) []Choice {
	c := TrueFalseChoicesIn(answerTrue, "vi")
	for i, w := range trueFalseWords["en"] {
		c[i].Text["en"] = w
	}
	return c
}

// TrueFalseChoicesIn is TrueFalseChoices with text in lang only, as an
// importer writes them: a pack checks that every text is in one of its
// languages, so a Vietnamese-only pack must not get "True". A language whose
// words are not known gets the Vietnamese ones (see fixedLang).
func TrueFalseChoicesIn(answerTrue bool, lang string) []Choice {
	w := trueFalseWords[fixedLang(lang)]
	return []Choice{
		{ID: "dung", Text: Text{lang: w[0]}, Correct: answerTrue},
		{ID: "sai", Text: Text{lang: w[1]}, Correct: !answerTrue},
	}
}

// choiceID returns the id of the i-th choice: a, b, c ... z, then c27, c28.
func choiceID(i int) string {
	if i < 26 {
		return string(rune('a' + i))
	}
	return fmt.Sprintf("c%d", i+1)
}

// allHint is what a multiple-answer prompt ends with in the pack format, so a
// participant knows to tick every right answer.
var allHint = map[string]string{
	"vi": "(Chọn tất cả đáp án đúng)",
	"en": "(Choose all correct answers)",
}

// finish completes an imported question: clean text, a type from the number
// of correct choices (unless already true/false), the "choose all" hint on
// multiple-answer prompts, and an explanation naming the right answer when
// the file gave none, because every pack question must teach something.
func finish(q *Question, lang string) {
	// Trimmed after cleaning: a prompt of control characters and spaces
	// is empty once cleaned, and checkImported must see it empty.
	q.Prompt[lang] = strings.TrimSpace(safetext.Text(q.Prompt[lang]))
	for i := range q.Choices {
		q.Choices[i].Text[lang] = safetext.Line(q.Choices[i].Text[lang])
	}
	if q.Type != TypeTrueFalse {
		q.Type = TypeSingle
		if len(q.CorrectIDs()) > 1 {
			q.Type = TypeMultiple
			if hint, ok := allHint[lang]; ok && !strings.Contains(safetext.Fold(q.Prompt[lang]), safetext.Fold(hint)) {
				q.Prompt[lang] += " " + hint
			}
		}
	}
	expl := strings.TrimSpace(safetext.Text(q.Explanation[lang]))
	if expl == "" {
		expl = answerSentence(*q, lang)
	}
	q.Explanation = Text{lang: expl}
}

// answerSentence says which choice is right, as a fallback explanation, in
// English for an English bank and otherwise in Vietnamese (see fixedLang).
func answerSentence(q Question, lang string) string {
	var right []string
	for _, c := range q.Choices {
		if c.Correct {
			right = append(right, c.Text.In(lang))
		}
	}
	list := strings.Join(right, "; ")
	if !strings.HasSuffix(list, ".") && !strings.HasSuffix(list, "!") && !strings.HasSuffix(list, "?") {
		list += "."
	}
	switch vi := fixedLang(lang) == "vi"; {
	case vi && len(right) > 1:
		return "Các đáp án đúng: " + list
	case vi:
		return "Đáp án đúng: " + list
	case len(right) > 1:
		return "The correct answers are: " + list
	default:
		return "The correct answer is: " + list
	}
}

// idSet hands out question ids that are unique within one import: q01,
// q02 ... in file order, or a slug of a title when the file has one.
type idSet struct {
	used  map[string]bool
	tries map[string]int // next suffix to try per base, so many equal titles stay linear
	count int
}

func newIDSet() *idSet { return &idSet{used: map[string]bool{}, tries: map[string]int{}} }

// next returns the id for the next question; title may be empty.
func (s *idSet) next(title string) string {
	s.count++
	base := Slug(title)
	if base == "" {
		base = fmt.Sprintf("q%02d", s.count)
	}
	id := base
	for s.used[id] {
		n := max(s.tries[base], 2)
		s.tries[base] = n + 1
		id = base + "-" + strconv.Itoa(n)
	}
	s.used[id] = true
	return id
}

// Slug turns a title into a readable ASCII id: "Câu 1: Mật khẩu" becomes
// "cau-1-mat-khau". It returns "" when nothing usable is left. Slugs are cut
// at 36 characters so that with a "-NN" suffix they stay within the pack's
// 40-character id limit.
func Slug(title string) string { return safetext.Slug(title, 36) }

// checkImported is a last guard on every importer's output: a question that
// could not be answered right is reported instead of returned.
func checkImported(q Question, lang string) (string, string, bool) {
	if len(q.Choices) < 2 {
		return "câu hỏi cần ít nhất 2 lựa chọn", "a question needs at least 2 choices", false
	}
	if len(q.Choices) > MaxChoices {
		return fmt.Sprintf("có %d lựa chọn, tối đa %d lựa chọn vừa màn hình", len(q.Choices), MaxChoices),
			fmt.Sprintf("has %d choices; at most %d fit on the screen", len(q.Choices), MaxChoices), false
	}
	if len(q.CorrectIDs()) == 0 {
		return "không có đáp án đúng", "no choice is marked correct", false
	}
	if q.Prompt[lang] == "" {
		return "câu hỏi không có nội dung", "the question has no text", false
	}
	seen := map[string]bool{}
	for _, c := range q.Choices {
		if strings.TrimSpace(c.Text.In(lang)) == "" {
			return "có lựa chọn để trống", "a choice is empty", false
		}
		if seen[c.ID] {
			return "trùng mã lựa chọn " + c.ID, "duplicate choice id " + c.ID, false
		}
		seen[c.ID] = true
	}
	return "", "", true
}

// readText reads a whole text file for an importer: at most MaxImportBytes,
// UTF-8 (a leading byte-order mark is dropped), Windows line ends made plain.
// A file in another encoding gets an error that says how to fix it, because
// guessing a legacy Vietnamese code page would corrupt every accent.
func readText(r io.Reader) (string, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxImportBytes+1))
	if err != nil {
		return "", fmt.Errorf("read question file: %w", err)
	}
	if len(data) > MaxImportBytes {
		return "", fmt.Errorf("tệp lớn hơn %d MiB, có lẽ không phải ngân hàng câu hỏi / file is larger than %d MiB, probably not a question bank", MaxImportBytes>>20, MaxImportBytes>>20)
	}
	return decodeText(data)
}

// decodeText turns file bytes into NFC-ready text; see readText.
func decodeText(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		d := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
		out, err := d.Bytes(data)
		if err != nil {
			return "", fmt.Errorf("decode UTF-16 file: %w", err)
		}
		data = out
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(data) {
		return "", errors.New("tệp không phải UTF-8: hãy lưu lại với bảng mã UTF-8 (trong Excel: \"CSV UTF-8\") / the file is not UTF-8: save it again as UTF-8 (in Excel: \"CSV UTF-8\")")
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", errors.New("tệp chứa byte NUL, không phải tệp văn bản / the file contains NUL bytes: it is not a text file")
	}
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n"), nil
}
