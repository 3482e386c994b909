package quiz

import (
	"archive/zip"
	"bytes"
	"io"
	"runtime"
	"strings"
	"testing"
)

// bombRow is one row of the padding a zip bomb's sheet is made of, a
// question with two choices: repeated, it compresses to almost nothing and
// unpacks to millions of questions.
const bombRow = `<row><c t="inlineStr"><is><t>Q?</t></is></c><c t="inlineStr"><is><t>a</t></is></c>` +
	`<c t="inlineStr"><is><t>b</t></is></c><c t="inlineStr"><is><t>A</t></is></c></row>`

// zipBomb returns a real workbook, made by excelize with a header row and a
// question, whose first sheet is padded with questions to unpack to at least
// sheetBytes: a few hundred kilobytes on disk for a sheet of a hundred
// megabytes, as the 2.9 MB file that unpacked to 1 GB.
func zipBomb(t testing.TB, sheetBytes int) []byte {
	t.Helper()
	f := newWorkbook(t, [][]any{{"Câu hỏi", "A", "B", "Đáp án"}, {"Mã OTP có được đọc cho người khác không?", "Có", "Không", "B"}})
	src := workbookBytes(t, f)
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if zf.Name == "xl/worksheets/sheet1.xml" {
			head, tail, ok := strings.Cut(string(data), "</sheetData>")
			if !ok {
				t.Fatalf("no </sheetData> in %s", data)
			}
			io.WriteString(w, head)
			pad := []byte(strings.Repeat(bombRow, 1<<14))
			for n := 0; n < sheetBytes; n += len(pad) {
				w.Write(pad)
			}
			data = []byte("</sheetData>" + tail)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// A workbook that unpacks to far more than any question bank is refused
// with a plain message before anything is unpacked: the memory it takes is
// that of the file, not of what it would unpack to.
func TestSheetZipBomb(t *testing.T) {
	data := zipBomb(t, 2*MaxUnpackedBytes)
	if len(data) > 1<<20 {
		t.Fatalf("the bomb is %d bytes: not a bomb", len(data))
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, _, err := ParseSheet(bytes.NewReader(data), "vi")
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Fatal("the zip bomb was read")
	}
	for _, want := range []string{
		"tệp Excel quá lớn khi giải nén: phần xl/worksheets/sheet1.xml bên trong có 128,",
		"MiB dữ liệu, tối đa 16 MiB",
		"hãy chép các câu hỏi sang một tệp Excel mới, hoặc lưu thành CSV UTF-8 / the Excel file is too large when unpacked: its part xl/worksheets/sheet1.xml holds 128.",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8<<20 {
		t.Errorf("refusing a %d KiB file allocated %d MiB: it was unpacked", len(data)>>10, alloc>>20)
	}
}

// Parts that are each small enough but together unpack to more than
// MaxUnpackedBytes are refused too.
func TestSheetTooLargeAltogether(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	part := bytes.Repeat([]byte(" "), MaxUnpackedPartBytes)
	for _, name := range []string{"xl/media/a.png", "xl/media/b.png", "xl/media/c.png", "xl/media/d.png", "xl/media/e.png"} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(part)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	_, _, err := ParseSheet(&buf, "vi")
	if err == nil || !strings.Contains(err.Error(), "tệp Excel quá lớn khi giải nén: bên trong có 80,0 MiB dữ liệu, tối đa 64 MiB") ||
		!strings.Contains(err.Error(), "/ the Excel file is too large when unpacked: it holds 80.0 MiB of data, at most 64 MiB") {
		t.Errorf("err = %v", err)
	}
}

// A workbook under the limits still imports: the limits are not so tight
// that a bank far larger than any real one is refused.
func TestSheetLargeButReal(t *testing.T) {
	data := zipBomb(t, 1<<20)
	qs, sk, err := ParseSheet(bytes.NewReader(data), "vi")
	if err != nil || len(qs) < 5_000 || len(sk) > 0 {
		t.Errorf("a 1 MiB sheet: %d questions, %d skipped, %v", len(qs), len(sk), err)
	}
}
