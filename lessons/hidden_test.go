package lessons

import (
	"strings"
	"testing"
	"testing/fstest"
)

// replaceIn changes the first old to new in file of fsys, failing when old
// is not there (the test pack changed).
func replaceIn(t *testing.T, fsys fstest.MapFS, file, old, new string) {
	t.Helper()
	data := string(fsys[file].Data)
	if !strings.Contains(data, old) {
		t.Fatalf("%s has no %q", file, old)
	}
	fsys[file] = &fstest.MapFile{Data: []byte(strings.Replace(data, old, new, 1))}
}

// Hidden characters are errors with FILE:LINE, the column and the name of
// each character, in every kind of content file, whether written as they
// are or as YAML escapes. (TestTextIsCleanedAndNFC checks that what loads
// is still clean.)
func TestHiddenCharactersReported(t *testing.T) {
	fsys := goodFS(t)
	replaceIn(t, fsys, "pack.yaml", "Gói thử", "Gói\u202e thử")
	replaceIn(t, fsys, "mau/module.yaml", "Nhận ra tin", "Nhận ra\x1b]0;pwned\x07 tin")
	replaceIn(t, fsys, "mau/quiz.yaml", "Bạn nên làm gì", `Bạn\u202e nên\e[2J làm gì`)
	replaceIn(t, fsys, "mau/quiz.yaml", "Tài khoản bị khoá.", "Tài\u200b khoản bị khoá.")
	replaceIn(t, fsys, "mau/lesson.vi.md", "Kẻ gian gửi", "Kẻ gian\u009b31m gửi\u00ad")
	replaceIn(t, fsys, "mau/lesson.vi.md", "Mở khoá tại:", "Mở khoá\x1b[5m tại:")
	_, probs := Load(fsys)
	want := []string{
		"mau/lesson.vi.md:3: cột 8: ký tự ẩn U+009B CONTROL SEQUENCE INTRODUCER, U+00AD SOFT HYPHEN (",
		"mau/lesson.vi.md:8: cột 8: ký tự ẩn U+001B ESCAPE (",
		"mau/module.yaml:5: cột 23: ký tự ẩn U+001B ESCAPE, U+0007 BELL (",
		"mau/quiz.yaml:6: cột 10: ký tự ẩn U+200B ZERO WIDTH SPACE (",
		"mau/quiz.yaml:10: ký tự ẩn U+202E RIGHT-TO-LEFT OVERRIDE, U+001B ESCAPE viết bằng mã thoát trong chuỗi",
		"pack.yaml:5: cột 10: ký tự ẩn U+202E RIGHT-TO-LEFT OVERRIDE (",
	}
	if len(probs) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(probs), len(want), Problems(probs).Error())
	}
	for i, w := range want {
		if got := probs[i].String(); !strings.HasPrefix(got, w) || !strings.Contains(got, " / ") {
			t.Errorf("problem %d:\n got %s\nwant %s… / …", i, got, w)
		}
	}
	if !strings.Contains(probs[2].Msg, "/ column 23: hidden character U+001B ESCAPE, U+0007 BELL (invisible; it can reorder text or disturb the screen") {
		t.Errorf("English part: %s", probs[2].Msg)
	}
	// The YAML parser refuses a raw ESC with a message that has no line:
	// the problem above, with its line, replaces it.
	for _, pr := range probs {
		if strings.Contains(pr.Msg, "YAML syntax error") {
			t.Errorf("parser message kept: %s", pr)
		}
	}
}

// A file with old Mac line ends (CR only) gets a few problems and a count,
// not one problem per line, and a hint about line ends.
func TestHiddenCharactersCappedPerFile(t *testing.T) {
	fsys := goodFS(t)
	lines := strings.Repeat("dòng\r\n", 5) + strings.Repeat("một\rhai\n", maxHiddenLines+7)
	fsys["mau/lesson.en.md"] = &fstest.MapFile{Data: []byte("# Page\n\n" + lines + "---\n# Two\n")}
	_, probs := Load(fsys)
	if len(probs) != maxHiddenLines+1 {
		t.Fatalf("got %d problems, want %d:\n%s", len(probs), maxHiddenLines+1, Problems(probs).Error())
	}
	if got := probs[0].String(); !strings.HasPrefix(got, "mau/lesson.en.md:8: cột 4: ký tự ẩn U+000D CARRIAGE RETURN") || !strings.Contains(got, "LF or CRLF line ends") {
		t.Errorf("first: %s", got)
	}
	if got := probs[maxHiddenLines].String(); got != "mau/lesson.en.md:28: còn 7 dòng nữa từ dòng này có ký tự ẩn / 7 more lines from this one hold hidden characters" {
		t.Errorf("last: %s", got)
	}
}

// Characters that belong in Vietnamese text are not hidden characters:
// combining marks of decomposed text, the no-break space, tabs, emoji.
func TestNoHiddenCharactersInOrdinaryText(t *testing.T) {
	for _, s := range []string{"Tie\u0302\u0301ng Vie\u0302\u0323t", "50\u00a0000đ", "a\tb", "Chúc mừng 🎉", "Ê Đê: H'Hen Niê"} {
		if found, _ := hiddenIn(s); found != nil {
			t.Errorf("%q: hidden %v", s, found)
		}
		if hasHidden([]byte(s)) {
			t.Errorf("%q: hasHidden", s)
		}
	}
	for _, r := range []rune{0x1b, 0x7f, 0x85, 0x9b, 0x200b, 0x202e, 0x2066, 0xfeff, 0xe0041} {
		if !hiddenChar(r) || !hasHidden([]byte(string(r))) {
			t.Errorf("%U not hidden", r)
		}
	}
}
