package cli

import (
	"strings"
	"testing"
)

// Errors reach the trainer as written: fang's default handler capitalised
// the first word ("--Lang") and added a second full stop.
func TestErrorsPrintedAsWritten(t *testing.T) {
	for _, c := range []struct {
		name    string
		args    []string
		want    []string
		notWant []string
	}{
		{"lang", []string{"--lang", "fr", "version"},
			[]string{"Ngôn ngữ --lang phải là vi", "--lang must be vi (Vietnamese) or en (English), not \"fr\".\n", "kynangso version --help"},
			[]string{"--Lang", ".."}},
		{"export without kind", []string{"export"},
			[]string{"còn thiếu loại cần xuất", "needs what to export: attendance or results", "kynangso export --help"},
			[]string{"accepts 1 arg", "received 0"}},
		{"report with extra argument", []string{"report", "lop 3"},
			[]string{"không cần thêm \"lop 3\"", "does not take \"lop 3\"", "kynangso report --help"},
			[]string{"unknown command"}},
		{"restore without file", []string{"restore"},
			[]string{"còn thiếu tệp sao lưu", "needs the backup file"}, nil},
		{"format", []string{"--db", "x.db", "export", "attendance", "--format", "pdf"},
			[]string{"--format phải là csv hoặc xlsx", "--format must be csv or xlsx, not \"pdf\".\n"},
			[]string{"--Format", "..", "--help"}},
		{"unknown flag", []string{"report", "--bogus"},
			[]string{"Không có tuỳ chọn này.", "unknown flag: --bogus", "kynangso report --help"}, nil},
		{"mistyped command", []string{"exprot"},
			[]string{"Không có lệnh \"exprot\"", "Did you mean: export", "kynangso --help"}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			code, _, errOut := execCLI(t, c.args...)
			if code == 0 {
				t.Fatalf("exit 0 for %v", c.args)
			}
			for _, w := range c.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
			for _, w := range c.notWant {
				if strings.Contains(errOut, w) {
					t.Errorf("stderr has %q:\n%s", w, errOut)
				}
			}
		})
	}
}
