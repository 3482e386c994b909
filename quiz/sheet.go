package quiz

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"kynangso/internal/safetext"
)

// sheetRow is one spreadsheet row with the number the trainer sees for it
// (Excel's row number, or the CSV line the record starts on).
type sheetRow struct {
	n     int
	cells []string
}

// ParseSheet reads a question spreadsheet: an .xlsx workbook (its first
// sheet) or a CSV file (UTF-8 with or without BOM, separated by commas,
// semicolons or tabs), told apart by content, not by name. The first
// non-empty row is the header: question, A, B, C, D, answer, explanation in
// Vietnamese or English ("Câu hỏi", "Đáp án", "Giải thích"; case and accents
// do not matter; other columns such as "STT" are ignored). The answer is a
// letter, or letters like "A,C" or "AC" for a multiple-answer question.
// Rows with problems are returned in skipped with their row number.
func ParseSheet(r io.Reader, lang string) ([]Question, []Skipped, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxImportBytes+1))
	if err != nil {
		return nil, nil, fmt.Errorf("read spreadsheet: %w", err)
	}
	if len(data) > MaxImportBytes {
		return nil, nil, fmt.Errorf("tệp lớn hơn %d MiB / file is larger than %d MiB", MaxImportBytes>>20, MaxImportBytes>>20)
	}
	var rows []sheetRow
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		rows, err = xlsxRows(data)
	} else {
		rows, err = csvRows(data)
	}
	if err != nil {
		return nil, nil, err
	}
	return parseSheetRows(rows, lang)
}

// Limits on what a workbook may unpack to. An .xlsx is a zip archive, and a
// few megabytes can unpack to gigabytes (a 2.9 MB file with a 1 GB sheet
// took 1.8 GB of memory): a real question bank unpacks to a few megabytes of
// XML, plus any pictures pasted in, which are stored as they are.
const (
	// MaxUnpackedBytes is the most all parts of a workbook may unpack to.
	MaxUnpackedBytes = 64 << 20
	// MaxUnpackedPartBytes is the most one part (a sheet, the shared text)
	// may unpack to; excelize would write a larger sheet to a temporary file
	// and still read it all.
	MaxUnpackedPartBytes = 16 << 20
	// maxWorkbookParts is the most parts a workbook may have; a real one
	// has a dozen or two, and each costs memory before anything is read.
	maxWorkbookParts = 10_000
)

// xlsxRows reads the first sheet of a workbook, after checking that it does
// not unpack to more than the limits above; excelize is given the same
// limits, so nothing it reads can exceed them either.
func xlsxRows(data []byte) ([]sheetRow, error) {
	if err := checkUnpackedSize(data); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: MaxUnpackedBytes, UnzipXMLSizeLimit: MaxUnpackedPartBytes,
	})
	if err != nil {
		return nil, fmt.Errorf("không mở được tệp Excel / cannot open the Excel file: %w", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, errors.New("tệp Excel không có trang tính nào / the Excel file has no sheet")
	}
	cells, err := f.GetRows(sheets[0])
	if err != nil {
		return nil, fmt.Errorf("read sheet %q: %w", sheets[0], err)
	}
	rows := make([]sheetRow, len(cells))
	for i, c := range cells {
		rows[i] = sheetRow{n: i + 1, cells: c}
	}
	return rows, nil
}

// checkUnpackedSize refuses a workbook whose parts unpack to more than
// MaxUnpackedBytes together or MaxUnpackedPartBytes alone, before anything
// is unpacked. The sizes come from the zip directory; archive/zip stops
// with an error at the first byte past a part's stated size, so a file
// cannot state small sizes and unpack to more.
func checkUnpackedSize(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("không mở được tệp Excel, có lẽ tệp bị hỏng / cannot open the Excel file, it may be damaged: %w", err)
	}
	if len(zr.File) > maxWorkbookParts {
		return fmt.Errorf("tệp Excel có %d phần bên trong, quá nhiều cho một ngân hàng câu hỏi: hãy chép các câu hỏi sang một tệp Excel mới, hoặc lưu thành CSV UTF-8 / "+
			"the Excel file has %d parts inside, far too many for a question bank: copy the questions into a new Excel file, or save it as CSV UTF-8", len(zr.File), len(zr.File))
	}
	var total uint64
	for _, zf := range zr.File {
		if zf.UncompressedSize64 > MaxUnpackedPartBytes {
			return unpackedTooLarge(zf.UncompressedSize64, MaxUnpackedPartBytes, zf.Name)
		}
		if total += zf.UncompressedSize64; total > MaxUnpackedBytes {
			return unpackedTooLarge(total, MaxUnpackedBytes, "")
		}
	}
	return nil
}

// unpackedTooLarge says plainly that the workbook (or its part named part)
// is too large once unpacked, and what the trainer can do.
func unpackedTooLarge(size, limit uint64, part string) error {
	vi, en := "bên trong có", "it holds"
	if part != "" {
		part = safetext.Line(part)
		vi, en = "phần "+part+" bên trong có", "its part "+part+" holds"
	}
	return fmt.Errorf("tệp Excel quá lớn khi giải nén: %s %s dữ liệu, tối đa %d MiB, trong khi một ngân hàng câu hỏi thật chỉ vài MiB. "+
		"Tệp có thể bị hỏng hoặc bị làm phình to cố ý: hãy chép các câu hỏi sang một tệp Excel mới, hoặc lưu thành CSV UTF-8 / "+
		"the Excel file is too large when unpacked: %s %s of data, at most %d MiB, while a real question bank is a few MiB. "+
		"It may be damaged or built to swell: copy the questions into a new Excel file, or save it as CSV UTF-8",
		vi, byteSize(size, "vi"), limit>>20, en, byteSize(size, "en"), limit>>20)
}

// byteSize writes n bytes as MiB or GiB with one decimal, with a decimal
// comma in Vietnamese.
func byteSize(n uint64, lang string) string {
	v, unit := float64(n)/(1<<20), "MiB"
	if n >= 1<<30 {
		v, unit = float64(n)/(1<<30), "GiB"
	}
	s := strconv.FormatFloat(v, 'f', 1, 64)
	if lang == "vi" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s + " " + unit
}

// csvRows reads a CSV file whose separator is guessed from its first line,
// since Excel in Vietnamese locales saves with semicolons.
func csvRows(data []byte) ([]sheetRow, error) {
	text, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	first, _, _ := strings.Cut(strings.TrimLeft(text, "\n"), "\n")
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = ','
	best := strings.Count(first, ",")
	for _, sep := range []rune{';', '\t'} {
		if c := strings.Count(first, string(sep)); c > best {
			cr.Comma, best = sep, c
		}
	}
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	var rows []sheetRow
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("tệp CSV bị lỗi / the CSV file is malformed: %w", err)
		}
		line, _ := cr.FieldPos(0)
		rows = append(rows, sheetRow{n: line, cells: rec})
	}
}

// sheetCols says which column holds what; -1 when absent.
type sheetCols struct {
	question, answer, explanation int
	options                       []int // column of option A, B, C ...
}

// sheetHeader recognises a header row, or returns ok=false.
func sheetHeader(cells []string) (sheetCols, bool) {
	c := sheetCols{question: -1, answer: -1, explanation: -1}
	letters := map[int]int{}
	for i, cell := range cells {
		k := safetext.Fold(cell)
		k = strings.Trim(strings.NewReplacer(".", "", ":", "", ")", "", "(", "").Replace(k), " ")
		switch k {
		case "cau hoi", "noi dung", "noi dung cau hoi", "de bai", "question", "question text", "prompt":
			c.question = i
		case "dap an", "dap an dung", "answer", "answers", "correct", "correct answer", "key":
			c.answer = i
		case "giai thich", "loi giai", "huong dan", "explanation", "feedback":
			c.explanation = i
		default:
			for _, p := range []string{"phuong an ", "lua chon ", "dap an ", "option ", "choice ", "answer ", ""} {
				if l, ok := strings.CutPrefix(k, p); ok && len(l) == 1 && l[0] >= 'a' && l[0] <= 'z' {
					letters[int(l[0]-'a')] = i
				}
			}
		}
	}
	for l := 0; ; l++ {
		col, ok := letters[l]
		if !ok {
			break
		}
		c.options = append(c.options, col)
	}
	return c, c.question >= 0 && c.answer >= 0 && len(c.options) >= 2
}

// parseSheetRows turns the rows after the header into questions.
func parseSheetRows(rows []sheetRow, lang string) ([]Question, []Skipped, error) {
	var (
		cols    sheetCols
		found   bool
		qs      []Question
		skipped []Skipped
		ids     = newIDSet()
	)
	for _, row := range rows {
		if blankRow(row.cells) {
			continue
		}
		if !found {
			if cols, found = sheetHeader(row.cells); !found {
				return nil, nil, fmt.Errorf("dòng %d không phải dòng tiêu đề: cần các cột Câu hỏi, A, B, C, D, Đáp án, Giải thích / row %d is not a header row: expected columns question, A, B, C, D, answer, explanation", row.n, row.n)
			}
			continue
		}
		q, sk := sheetQuestion(row, cols, lang)
		if sk != nil {
			skipped = append(skipped, *sk)
			continue
		}
		q.ID = ids.next("")
		qs = append(qs, q)
	}
	if !found {
		return nil, nil, errors.New("bảng tính trống / the spreadsheet is empty")
	}
	return qs, skipped, nil
}

// sheetQuestion reads one row into a question, or says what is wrong.
func sheetQuestion(row sheetRow, cols sheetCols, lang string) (Question, *Skipped) {
	cell := func(i int) string {
		if i < 0 || i >= len(row.cells) {
			return ""
		}
		return strings.TrimSpace(row.cells[i])
	}
	q := Question{Prompt: Text{lang: cell(cols.question)}, Explanation: Text{lang: cell(cols.explanation)}}
	if q.Prompt[lang] == "" {
		return q, ptr(skip(row.n, "ô câu hỏi để trống", "the question cell is empty"))
	}
	for l, col := range cols.options {
		if t := cell(col); t != "" {
			q.Choices = append(q.Choices, Choice{ID: choiceID(l), Text: Text{lang: t}})
		}
	}
	if len(q.Choices) < 2 {
		return q, ptr(skip(row.n, "cần ít nhất 2 lựa chọn", "needs at least 2 choices"))
	}
	ans := cell(cols.answer)
	if !markSheetAnswer(&q, ans, lang) {
		if ans == "" {
			return q, ptr(skip(row.n, "ô đáp án để trống", "the answer cell is empty"))
		}
		return q, ptr(skip(row.n, fmt.Sprintf("đáp án %q không khớp lựa chọn nào có nội dung", ans), fmt.Sprintf("answer %q does not name a filled-in choice", ans)))
	}
	if tf, ok := asTrueFalse(q, lang); ok {
		q = tf
	}
	finish(&q, lang)
	if vi, en, ok := checkImported(q, lang); !ok {
		return q, ptr(skip(row.n, vi, en))
	}
	return q, nil
}

// markSheetAnswer marks the choices the answer cell names: letters ("A",
// "A,C", "AC", "Đáp án B") or, as people also write, the full text of the
// right choice. It reports false when the cell names nothing usable.
func markSheetAnswer(q *Question, ans, lang string) bool {
	if ans == "" {
		return false
	}
	for i, c := range q.Choices {
		if safetext.Fold(c.Text[lang]) == safetext.Fold(ans) {
			q.Choices[i].Correct = true
			return true
		}
	}
	key := safetext.Fold(ans)
	for _, p := range []string{"dap an dung", "dap an", "answer"} {
		key = strings.TrimPrefix(key, p)
	}
	set, bad := answerLetters(key, 26)
	if bad != "" || len(set) == 0 {
		return false
	}
	for l := range set {
		found := false
		for i, c := range q.Choices {
			if c.ID == choiceID(l) {
				q.Choices[i].Correct, found = true, true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// asTrueFalse turns a question whose only two choices are "Đúng"/"Sai" (or
// True/False), one of them right, into a true/false question in lang. In a
// language whose words are not known the bank's own words are kept, since
// they are already in that language.
func asTrueFalse(q Question, lang string) (Question, bool) {
	if len(q.Choices) != 2 || len(q.CorrectIDs()) != 1 {
		return q, false
	}
	a, b := q.Choices[0], q.Choices[1]
	isTrue := func(c Choice) bool { s := safetext.Fold(c.Text.In(lang)); return s == "dung" || s == "true" }
	isFalse := func(c Choice) bool { s := safetext.Fold(c.Text.In(lang)); return s == "sai" || s == "false" }
	switch {
	case isTrue(a) && isFalse(b):
	case isFalse(a) && isTrue(b):
		a, b = b, a
	default:
		return q, false
	}
	q.Choices = TrueFalseChoicesIn(a.Correct, lang)
	if _, known := trueFalseWords[lang]; !known {
		q.Choices[0].Text[lang], q.Choices[1].Text[lang] = a.Text[lang], b.Text[lang]
	}
	q.Type = TypeTrueFalse
	return q, true
}

func blankRow(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
