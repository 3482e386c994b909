package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// What content import writes into a pack passes `content check` of that
// pack, whatever the format and whatever the pack's languages: no text in a
// language the pack does not list (the true/false "True" in a
// Vietnamese-only pack), none missing in one it does.
func TestContentImportPassesCheckInEveryFormat(t *testing.T) {
	banks := map[string]string{
		"gift":  filepath.Join("..", "quiz", "testdata", "moodle.gift"),
		"aiken": filepath.Join("..", "quiz", "testdata", "bank.aiken.txt"),
		"csv":   filepath.Join("..", "quiz", "testdata", "vi-headers.csv"),
		"xlsx":  writeBankXLSX(t),
	}
	for _, tc := range []struct{ langs, title string }{
		{"[vi]", `{vi: "Xã Ea Tu"}`},
		{"[ede]", `{ede: "Xã Ea Tu"}`},
		{"[en]", `{en: "Ea Tu commune"}`},
	} {
		for format, file := range banks {
			t.Run(tc.langs+"/"+format, func(t *testing.T) {
				dir := t.TempDir()
				pack := "id: xa-ea-tu\nversion: 1.0.0\nlanguages: " + tc.langs + "\ntitle: " + tc.title + "\n"
				if err := os.WriteFile(filepath.Join(dir, "pack.yaml"), []byte(pack), 0o644); err != nil {
					t.Fatal(err)
				}
				kind := format
				if format == "csv" || format == "xlsx" {
					kind = "sheet"
				}
				code, out, errOut := execCLI(t, "content", "import", kind, file, "--module", "nhap", "--title", "Câu hỏi nhập", "-o", dir)
				if code != 0 {
					t.Fatalf("import: exit %d\n%s\n%s", code, out, errOut)
				}
				quiz, err := os.ReadFile(filepath.Join(dir, "nhap", "quiz.yaml"))
				if err != nil || !strings.Contains(string(quiz), "id: dung") {
					t.Fatalf("the bank's true/false question was not imported as one (%v):\n%s", err, quiz)
				}
				if tc.langs == "[vi]" && strings.Contains(string(quiz), "True") {
					t.Errorf("English true/false words in a Vietnamese-only pack:\n%s", quiz)
				}
				code, out, errOut = execCLI(t, "content", "check", dir)
				if code != 0 || !strings.HasPrefix(out, "OK: 1 module") {
					t.Errorf("content check after import: exit %d\n%s%s", code, out, errOut)
				}
			})
		}
	}
}

// writeBankXLSX writes the rows of quiz/testdata/vi-headers.csv, a
// true/false question among them, as an Excel workbook.
func writeBankXLSX(t *testing.T) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{
		{"STT", "Câu hỏi", "A", "B", "C", "D", "Đáp án", "Giải thích"},
		{1, "Ứng dụng nào dùng để làm thủ tục hành chính trực tuyến?", "VNeID", "TikTok", "Zalo", "Facebook", "A", ""},
		{2, "Mã OTP có được đọc cho người khác không?", "Đúng", "Sai", "", "", "B", "Mã OTP chỉ mình bạn biết."},
		{3, "Những dấu hiệu nào cho thấy tin nhắn là lừa đảo?", "Giục chuyển tiền gấp", "Có đường link lạ", "Gửi từ số đã lưu", "", "A,B", ""},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), "cau-hoi.xlsx")
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}
