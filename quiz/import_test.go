package quiz

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// mc builds an expected vi question with choices a, b, c ...; right lists the
// indexes of the correct choices.
func mc(id string, typ Type, prompt, expl string, right []int, choices ...string) Question {
	q := Question{ID: id, Type: typ, Prompt: Text{"vi": prompt}, Explanation: Text{"vi": expl}}
	for i, c := range choices {
		q.Choices = append(q.Choices, Choice{ID: choiceID(i), Text: Text{"vi": c}})
	}
	for _, i := range right {
		q.Choices[i].Correct = true
	}
	return q
}

// tf builds an expected vi true/false question.
func tf(id, prompt, expl string, answer bool) Question {
	return Question{ID: id, Type: TypeTrueFalse, Prompt: Text{"vi": prompt}, Choices: TrueFalseChoicesIn(answer, "vi"), Explanation: Text{"vi": expl}}
}

// parseFile runs parse on a testdata file.
func parseFile(t *testing.T, name string, parse func(*os.File) ([]Question, []Skipped, error)) ([]Question, []Skipped) {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	qs, sk, err := parse(f)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return qs, sk
}

// sameQuestions compares question by question, printing both as YAML so a
// difference is easy to see.
func sameQuestions(t *testing.T, got, want []Question) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d questions, want %d", len(got), len(want))
	}
	for i := 0; i < len(got) && i < len(want); i++ {
		if !reflect.DeepEqual(got[i], want[i]) {
			g, _ := yaml.Marshal(got[i])
			w, _ := yaml.Marshal(want[i])
			t.Errorf("question %d:\ngot:\n%s\nwant:\n%s", i+1, g, w)
		}
	}
}

// sameSkipped compares the line and English reason of skipped questions, and
// checks that every one has a Vietnamese reason too.
func sameSkipped(t *testing.T, got []Skipped, want []string) {
	t.Helper()
	var lines []string
	for _, s := range got {
		lines = append(lines, strings.TrimSpace(strings.Join([]string{itoa(s.Line), s.Reason}, ": ")))
		if s.ReasonVi == "" {
			t.Errorf("line %d: no Vietnamese reason", s.Line)
		}
	}
	if !reflect.DeepEqual(lines, want) {
		t.Errorf("skipped:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

func itoa(n int) string {
	b, _ := yaml.Marshal(n)
	return strings.TrimSpace(string(b))
}

func TestParseGIFTMoodleExport(t *testing.T) {
	qs, sk := parseFile(t, "testdata/moodle.gift", func(f *os.File) ([]Question, []Skipped, error) { return ParseGIFT(f, "vi") })
	sameQuestions(t, qs, []Question{
		mc("ma-otp", TypeSingle,
			"Có người gọi điện, xưng là nhân viên ngân hàng và xin mã OTP vừa gửi đến điện thoại của bạn. Bạn làm gì?",
			"Đúng: ngân hàng không bao giờ hỏi mã OTP.\nMã OTP chỉ dùng để chính bạn xác nhận giao dịch.\n"+
				"«Đọc mã cho họ vì họ biết tên bạn»: Kẻ gian thường biết tên và số tài khoản của bạn.",
			[]int{0}, "Không đọc mã, cúp máy và gọi lại số tổng đài in trên thẻ", "Đọc mã cho họ vì họ biết tên bạn",
			"Nhắn mã qua Zalo cho họ", "Hỏi họ mã số nhân viên rồi đọc mã"),
		mc("mat-khau-manh", TypeMultiple,
			"Những mật khẩu nào dưới đây là mật khẩu mạnh? (Chọn tất cả đáp án đúng)",
			"Dài và có chữ, số, ký hiệu.\nMột câu dài dễ nhớ cũng là mật khẩu mạnh.",
			[]int{0, 2}, "Tre-Xanh-Ea-Tu-2024!", "123456", "ca phe buon ma thuot sang som", "ngày sinh của bạn"),
		tf("vneid-muc-2", "Tài khoản VNeID mức 2 phải làm trực tiếp tại công an xã.",
			"Đúng: cán bộ cần chụp ảnh và lấy vân tay của bạn.\n«Sai»: Sai rồi: mức 2 cần chụp ảnh và lấy vân tay tại công an.", true),
		tf("ai-nhan", "Con cháu nhắn Zalo xin chuyển tiền gấp thì cứ chuyển ngay.", "Đáp án đúng: Sai.", false),
		mc("q05", TypeSingle,
			"Trong tin nhắn \"Nhấn vào link: http://vietcombank-xacminh.top để nhận quà {100}\",\ndấu hiệu lừa đảo là gì?",
			"Đáp án đúng: Tên miền lạ, không phải trang của ngân hàng.",
			[]int{0}, "Tên miền lạ, không phải trang của ngân hàng", "Có số 100 = tiền thưởng", "Có dấu hai chấm"),
		mc("ma-otp-2", TypeSingle,
			"Khi quét mã QR để trả tiền, bạn cần kiểm tra gì trước khi xác nhận?",
			"Đáp án đúng: Tên người nhận và số tiền.",
			[]int{0}, "Tên người nhận và số tiền", "Màu của mã QR", "Giờ trên điện thoại", "Không cần kiểm tra gì"),
		mc("chuyen-khoan", TypeSingle,
			"Trước khi bấm chuyển khoản, bạn đọc lại điều gì?",
			"Đáp án đúng: Tên người nhận hiện trên màn hình.\n«Ảnh chụp màn hình người ta gửi»: Ảnh có thể bị sửa.",
			[]int{0}, "Tên người nhận hiện trên màn hình", "Ảnh chụp màn hình người ta gửi", "Không cần đọc lại"),
		mc("tra-cuu", TypeSingle,
			"Tra cứu tiền điện trên trang nào?",
			"Xem hướng dẫn tại CSKH (https://cskh.evn.com.vn) hoặc gọi 19001006.",
			[]int{0}, "Trang của ngành điện", "Trang lạ trong tin nhắn"),
	})
	sameSkipped(t, sk, []string{
		"40: essay question has no choices",
		"43: matching question is not supported",
		"50: numeric question is not supported",
		"53: short-answer question (no ~ wrong choices) is not supported",
		"56: fill-in-the-blank question (text after the answer block) is not supported",
		"59: no answer block {…}: a description is not a question",
	})
}

func TestParseGIFTCases(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []Question
		skipped  []string
	}{
		{"true/false forms", "A{T}\n\nB{FALSE#chỉ một phản hồi}\n\nC{true}\n\nD{F####chung}",
			[]Question{
				tf("q01", "A", "Đáp án đúng: Đúng.", true),
				tf("q02", "B", "chỉ một phản hồi", false),
				tf("q03", "C", "Đáp án đúng: Đúng.", true),
				tf("q04", "D", "chung", false),
			}, nil},
		{"weights, zero and negative are wrong", "Q {~%100%a ~%0%b ~%-50%c ~d}",
			[]Question{mc("q01", TypeSingle, "Q", "Đáp án đúng: a.", []int{0}, "a", "b", "c", "d")}, nil},
		{"all escapes", `\{x\} \~ \= \# \: \\ {=a\#1 ~b\~2 ~c\=3 ~d\}\{}`,
			[]Question{mc("q01", TypeSingle, `{x} ~ = # : \`, "Đáp án đúng: a#1.", []int{0}, "a#1", "b~2", "c=3", "d}{")}, nil},
		{"titles are deduplicated and never empty", "::Câu 1::A{=x ~y}\n\n::Câu 1::B{=x ~y}\n\n::!!!::C{=x ~y}",
			[]Question{
				mc("cau-1", TypeSingle, "A", "Đáp án đúng: x.", []int{0}, "x", "y"),
				mc("cau-1-2", TypeSingle, "B", "Đáp án đúng: x.", []int{0}, "x", "y"),
				mc("q03", TypeSingle, "C", "Đáp án đúng: x.", []int{0}, "x", "y"),
			}, nil},
		{"CRLF, BOM and comments inside a question", "\ufeff// đầu\r\nCâu\r\n// giữa\r\n{\r\n=đúng\r\n~sai\r\n}\r\n",
			[]Question{mc("q01", TypeSingle, "Câu", "Đáp án đúng: đúng.", []int{0}, "đúng", "sai")}, nil},
		{"terminal escapes stripped, NFC", "Q\x1b[31m {=Tie\u0302\u0301ng Vie\u0302\u0323t ~b}",
			[]Question{mc("q01", TypeSingle, "Q", "Đáp án đúng: Tiếng Việt.", []int{0}, "Tiếng Việt", "b")}, nil},
		{"html entities and breaks", "[html]<p>A &amp; B<br>C</p>{=<b>x</b> ~y}",
			[]Question{mc("q01", TypeSingle, "A & B\nC", "Đáp án đúng: x.", []int{0}, "x", "y")}, nil},
		{"markdown to plain text, escapes kept", "[markdown]# Câu **một**: *in nghiêng* và \\*sao\\* tai_khoan_1 {=[vneid.gov.vn](vneid.gov.vn) ~![ảnh](a.png) _b_ ~`c`}",
			[]Question{mc("q01", TypeSingle, "Câu một: in nghiêng và *sao* tai_khoan_1", "Đáp án đúng: vneid.gov.vn.", []int{0}, "vneid.gov.vn", "ảnh b", "c")}, nil},
		{"moodle format drops tags, keeps comparison signs", "5 < 7 và 9 > 8, <u>đúng</u> không?<!-- ghi chú -->{T}",
			[]Question{tf("q01", "5 < 7 và 9 > 8, đúng không?", "Đáp án đúng: Đúng.", true)}, nil},
		{"plain format keeps text as written", "[plain]Thẻ <b> là gì? **x**{=in đậm ~in nghiêng}",
			[]Question{mc("q01", TypeSingle, "Thẻ <b> là gì? **x**", "Đáp án đúng: in đậm.", []int{0}, "in đậm", "in nghiêng")}, nil},
		{"feedback on wrong choices only", "Q{=a ~b#vì sao b sai ~c#vì sao c sai}",
			[]Question{mc("q01", TypeSingle, "Q", "Đáp án đúng: a.\n«b»: vì sao b sai\n«c»: vì sao c sai", []int{0}, "a", "b", "c")}, nil},
		{"no correct choice", "Q{~a ~b}", nil, []string{"1: no choice is marked correct"}},
		{"unclosed", "Q{=a ~b", nil, []string{"1: the answer block { has no closing }"}},
		{"unclosed title", "::T Q{=a ~b}", nil, []string{"1: the ::title:: has no closing ::"}},
		{"no text", "{=a ~b}", nil, []string{"1: the question has no text"}},
		{"junk before answers", "Q{x =a ~b}", nil, []string{"1: cannot read the answers: each choice must start with = or ~"}},
		{"empty choice", "Q{=a ~}", nil, []string{"1: a choice is empty"}},
		{"one choice", "\n\nQ{~%100%a}", nil, []string{"3: a question needs at least 2 choices"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			qs, sk, err := ParseGIFT(strings.NewReader(tc.in), "vi")
			if err != nil {
				t.Fatal(err)
			}
			sameQuestions(t, qs, tc.want)
			sameSkipped(t, sk, tc.skipped)
		})
	}
}

func TestParseGIFTLanguage(t *testing.T) {
	qs, _, err := ParseGIFT(strings.NewReader("Which? {~%50%a ~%50%b ~c}"), "en")
	if err != nil {
		t.Fatal(err)
	}
	want := mc("q01", TypeMultiple, "", "", []int{0, 1}, "a", "b", "c")
	want.Prompt = Text{"en": "Which? (Choose all correct answers)"}
	want.Explanation = Text{"en": "The correct answers are: a; b."}
	for i := range want.Choices {
		want.Choices[i].Text = Text{"en": want.Choices[i].Text["vi"]}
	}
	sameQuestions(t, qs, []Question{want})
}

func TestImportRejectsUnreadableFiles(t *testing.T) {
	for name, in := range map[string]string{
		"windows-1258": "C\xe2u h\xf4i {=a ~b}",
		"nul bytes":    "Q {=a ~b}\x00",
	} {
		if _, _, err := ParseGIFT(strings.NewReader(in), "vi"); err == nil {
			t.Errorf("%s: no error", name)
		}
		if _, _, err := ParseAiken(strings.NewReader(in), "vi"); err == nil {
			t.Errorf("%s: Aiken: no error", name)
		}
	}
	big := strings.NewReader(strings.Repeat("x", MaxImportBytes+1))
	if _, _, err := ParseGIFT(big, "vi"); err == nil || !strings.Contains(err.Error(), "MiB") {
		t.Errorf("too big: %v", err)
	}
}

func TestParseAikenFile(t *testing.T) {
	qs, sk := parseFile(t, "testdata/bank.aiken.txt", func(f *os.File) ([]Question, []Skipped, error) { return ParseAiken(f, "vi") })
	sameQuestions(t, qs, []Question{
		mc("q01", TypeSingle, "Khi nhận tin nhắn báo trúng thưởng kèm đường link, bạn nên làm gì?",
			"Đáp án đúng: Không nhấn, xoá tin nhắn và báo cho con cháu.", []int{1},
			"Nhấn vào link ngay để nhận quà", "Không nhấn, xoá tin nhắn và báo cho con cháu", "Gửi lại số căn cước để xác minh"),
		mc("q02", TypeSingle, "Mạng Wi-Fi công cộng ở quán cà phê\nthì không nên làm gì?",
			"Đáp án đúng: Đăng nhập ngân hàng và chuyển tiền.", []int{1},
			"Xem tin tức", "Đăng nhập ngân hàng và chuyển tiền", "Xem dự báo thời tiết", "Nghe nhạc"),
		mc("q03", TypeMultiple, "Những việc nào giúp bảo vệ tài khoản Zalo? (Chọn tất cả đáp án đúng)",
			"Các đáp án đúng: Bật xác thực hai lớp; Đặt mật khẩu dài, khó đoán.", []int{0, 2},
			"Bật xác thực hai lớp", "Đưa mật khẩu cho người bán hàng", "Đặt mật khẩu dài, khó đoán", "Dùng chung mật khẩu với mọi ứng dụng"),
		tf("q04", "Ngân hàng có gọi điện hỏi mã OTP không?", "Đáp án đúng: Sai.", false),
	})
	sameSkipped(t, sk, []string{
		"22: missing ANSWER: line after the options",
		"30: answer \"E\" does not match an option (A–C)",
		"39: option C is out of order (expected B)",
		"42: question has no options A. B. …",
	})
}

func TestParseAikenCases(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []Question
		skipped  []string
	}{
		{"no blank lines between questions", "Q1\nA. x\nB. y\nANSWER: A\nQ2\nA) x\nB) y\nanswer: b\n",
			[]Question{
				mc("q01", TypeSingle, "Q1", "Đáp án đúng: x.", []int{0}, "x", "y"),
				mc("q02", TypeSingle, "Q2", "Đáp án đúng: y.", []int{1}, "x", "y"),
			}, nil},
		{"Vietnamese answer line and letters", "Q\nA. x\nB. y\nC. z\nĐáp án: A và C",
			[]Question{mc("q01", TypeMultiple, "Q (Chọn tất cả đáp án đúng)", "Các đáp án đúng: x; z.", []int{0, 2}, "x", "y", "z")}, nil},
		{"answer letters run together", "Q\nA. x\nB. y\nC. z\nANSWER: BC",
			[]Question{mc("q01", TypeMultiple, "Q (Chọn tất cả đáp án đúng)", "Các đáp án đúng: y; z.", []int{1, 2}, "x", "y", "z")}, nil},
		{"answer before options", "ANSWER: A\n\nQ\nA. x\nB. y\nANSWER: A",
			[]Question{mc("q01", TypeSingle, "Q", "Đáp án đúng: x.", []int{0}, "x", "y")},
			[]string{"1: ANSWER: line without options before it"}},
		{"stray line after options, next question still read", "Q\nA. x\nB. y\nstray\nANSWER: A\nQ2\nA. x\nB. y\nANSWER: B",
			[]Question{mc("q01", TypeSingle, "Q2", "Đáp án đúng: y.", []int{1}, "x", "y")},
			[]string{"4: expected an option (like \"C. …\") or an \"ANSWER: X\" line"}},
		{"missing answer at end", "Q\nA. x\nB. y", nil, []string{"1: missing ANSWER: line at the end of the file"}},
		{"empty answer", "Q\nA. x\nB. y\nANSWER:", nil, []string{"4: answer \"\" does not match an option (A–B)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			qs, sk, err := ParseAiken(strings.NewReader(tc.in), "vi")
			if err != nil {
				t.Fatal(err)
			}
			sameQuestions(t, qs, tc.want)
			sameSkipped(t, sk, tc.skipped)
		})
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Câu 1: Mật khẩu":         "cau-1-mat-khau",
		"  Đắk Lắk -- 2024!! ":    "dak-lak-2024",
		"!!!":                     "",
		strings.Repeat("ab ", 30): "ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTooManyChoicesSkipped(t *testing.T) {
	_, sk, err := ParseGIFT(strings.NewReader("Q{=a ~b ~c ~d ~e ~f ~g}"), "vi")
	if err != nil {
		t.Fatal(err)
	}
	sameSkipped(t, sk, []string{"1: has 7 choices; at most 6 fit on the screen"})
}

// BenchmarkParseGIFT parses a 1,000-question bank, larger than any real
// class bank, all with the same title to exercise id deduplication.
func BenchmarkParseGIFT(b *testing.B) {
	var sb strings.Builder
	for i := 0; i < 1000; i++ {
		sb.WriteString("// câu hỏi\n::Mật khẩu::Mật khẩu nào mạnh nhất\\: chọn một?{\n=Tre-Xanh-2024!#Dài, đủ loại ký tự.\n~123456\n~%-100%ngày sinh\n####Dùng câu dài dễ nhớ.}\n\n")
	}
	in := sb.String()
	for b.Loop() {
		qs, _, err := ParseGIFT(strings.NewReader(in), "vi")
		if err != nil || len(qs) != 1000 {
			b.Fatalf("%d questions, %v", len(qs), err)
		}
	}
}
