package quiz

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestParseSheetVietnameseCSV(t *testing.T) {
	qs, sk := parseFile(t, "testdata/vi-headers.csv", func(f *os.File) ([]Question, []Skipped, error) { return ParseSheet(f, "vi") })
	sameQuestions(t, qs, []Question{
		mc("q01", TypeSingle, "Ứng dụng nào dùng để làm thủ tục hành chính trực tuyến?",
			"VNeID là ứng dụng định danh điện tử của Bộ Công an.", []int{0}, "VNeID", "TikTok", "Zalo", "Facebook"),
		mc("q02", TypeMultiple, "Những dấu hiệu nào cho thấy tin nhắn là lừa đảo? (Chọn tất cả đáp án đúng)",
			"Các đáp án đúng: Giục chuyển tiền gấp; Có đường link lạ.", []int{0, 1},
			"Giục chuyển tiền gấp", "Có đường link lạ", "Gửi từ số của con cháu đã lưu"),
		tf("q03", "Mã OTP có được đọc cho người khác không?", "Mã OTP chỉ mình bạn biết.", false),
		mc("q04", TypeSingle, "Câu hỏi nhiều dòng:\ndòng hai", "Đáp án đúng: Không.", []int{1}, "Có", "Không"),
	})
	sameSkipped(t, sk, []string{
		"6: the question cell is empty",
		"7: the answer cell is empty",
		"8: answer \"D\" does not name a filled-in choice",
	})
}

func TestParseSheetEnglishCommaCSV(t *testing.T) {
	in := "Question,Option A,Option B,Option C,Correct answer,Explanation\n" +
		"\"Safe, or not?\",yes,no,maybe,C,\"Because: \"\"maybe\"\".\"\n" +
		"Pick,x,y,,\"a, b\",\n" +
		"Text answer,red,green,blue,Green,\n"
	qs, sk, err := ParseSheet(strings.NewReader(in), "en")
	if err != nil {
		t.Fatal(err)
	}
	en := func(q Question) Question {
		q.Prompt = Text{"en": q.Prompt["vi"]}
		q.Explanation = Text{"en": q.Explanation["vi"]}
		for i := range q.Choices {
			q.Choices[i].Text = Text{"en": q.Choices[i].Text["vi"]}
		}
		return q
	}
	sameQuestions(t, qs, []Question{
		en(mc("q01", TypeSingle, "Safe, or not?", "Because: \"maybe\".", []int{2}, "yes", "no", "maybe")),
		en(mc("q02", TypeMultiple, "Pick (Choose all correct answers)", "The correct answers are: x; y.", []int{0, 1}, "x", "y")),
		en(mc("q03", TypeSingle, "Text answer", "The correct answer is: green.", []int{1}, "red", "green", "blue")),
	})
	sameSkipped(t, sk, nil)
}

func TestParseSheetBadHeader(t *testing.T) {
	for name, in := range map[string]string{
		"no answer column": "Câu hỏi;A;B\nQ;x;y\n",
		"empty":            "\n;;\n",
		"not utf-8":        "C\xe2u h\xf4i;A;B;\xd0\xe1p \xe1n\n",
	} {
		if _, _, err := ParseSheet(strings.NewReader(in), "vi"); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestParseSheetXLSX builds a workbook the way a trainer's Excel file looks:
// title-cased Vietnamese headers in row 1, an empty row, a second sheet that
// must be ignored.
func TestParseSheetXLSX(t *testing.T) {
	f := newWorkbook(t, [][]any{
		{"STT", "CÂU HỎI", "A", "B", "C", "D", "ĐÁP ÁN", "GIẢI THÍCH"},
		{1, "Khi mua hàng trên mạng, nên trả tiền lúc nào?", "Khi nhận hàng", "Chuyển khoản trước cho người lạ", "Trả bằng thẻ cào", "", "a", "Trả khi nhận hàng để tránh mất tiền."},
		{},
		{3, "Mật khẩu nào mạnh?", "123456", "Tre-Xanh-2024!", "matkhau", "ngaysinh", "B", ""},
		{4, "Thiếu lựa chọn", "Một", "", "", "", "A", ""},
	})
	if _, err := f.NewSheet("Khác"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue("Khác", "A1", "không đọc"); err != nil {
		t.Fatal(err)
	}
	qs, sk, err := ParseSheet(bytes.NewReader(workbookBytes(t, f)), "vi")
	if err != nil {
		t.Fatal(err)
	}
	sameQuestions(t, qs, []Question{
		mc("q01", TypeSingle, "Khi mua hàng trên mạng, nên trả tiền lúc nào?", "Trả khi nhận hàng để tránh mất tiền.", []int{0},
			"Khi nhận hàng", "Chuyển khoản trước cho người lạ", "Trả bằng thẻ cào"),
		mc("q02", TypeSingle, "Mật khẩu nào mạnh?", "Đáp án đúng: Tre-Xanh-2024!", []int{1}, "123456", "Tre-Xanh-2024!", "matkhau", "ngaysinh"),
	})
	sameSkipped(t, sk, []string{"5: needs at least 2 choices"})
}

// testdata/vi-headers.xlsx holds the rows of vi-headers.csv, saved by
// excelize; it is the workbook other packages' tests import, so it must give
// what the CSV gives, row numbers included.
func TestParseSheetXLSXMatchesCSV(t *testing.T) {
	parse := func(f *os.File) ([]Question, []Skipped, error) { return ParseSheet(f, "vi") }
	csvQs, csvSk := parseFile(t, "testdata/vi-headers.csv", parse)
	xlsxQs, xlsxSk := parseFile(t, "testdata/vi-headers.xlsx", parse)
	sameQuestions(t, xlsxQs, csvQs)
	if !reflect.DeepEqual(xlsxSk, csvSk) {
		t.Errorf("skipped: xlsx %v, csv %v", xlsxSk, csvSk)
	}
}

// newWorkbook returns a workbook whose first sheet holds rows from A1.
func newWorkbook(t testing.TB, rows [][]any) *excelize.File {
	t.Helper()
	f := excelize.NewFile()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// workbookBytes returns f as an .xlsx file.
func workbookBytes(t testing.TB, f *excelize.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
