package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/spf13/cobra"

	"kynangso/internal/safetext"
	"kynangso/lessons"
	"kynangso/quiz"
)

// importOptions are the flags of `content import`.
type importOptions struct {
	module string
	outDir string
	skill  int
	title  string
	force  bool
}

// importParsers maps each format to its parser.
var importParsers = map[string]func(io.Reader, string) ([]quiz.Question, []quiz.Skipped, error){
	"gift":  quiz.ParseGIFT,
	"aiken": quiz.ParseAiken,
	"sheet": quiz.ParseSheet,
}

var moduleIDRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,39}$`)

// newContentImportCmd builds `content import gift|aiken|sheet FILE`.
func newContentImportCmd(o *Options) *cobra.Command {
	opts := &importOptions{}
	cmd := &cobra.Command{
		Use:   "import gift|aiken|sheet FILE",
		Short: "import a GIFT, Aiken or spreadsheet question bank as a module",
		Long: "Nhập ngân hàng câu hỏi có sẵn (Moodle GIFT, Aiken, Excel .xlsx hoặc .csv) thành một thư mục bài học.\n" +
			"Imports an existing question bank (Moodle GIFT, Aiken, Excel .xlsx or .csv) as a module folder.\n\n" +
			"Văn bản được gắn ngôn ngữ --lang (mặc định vi). Câu không nhập được được liệt kê kèm số dòng.\n" +
			"Text is tagged with the --lang language (default vi). Questions it cannot import are listed with their line.\n\n" +
			"Bảng tính / spreadsheet columns: Câu hỏi (question), A, B, C, D, Đáp án (answer: \"B\" or \"A,C\"), Giải thích (explanation).",
		Example: "  kynangso content import gift ngan-hang.gift --module antoan-2 --skill 4 --title \"An toàn trên mạng 2\"\n" +
			"  kynangso content import sheet cau-hoi.xlsx --module thanhtoan-2 -o noi-dung",
		Args:      cobra.ExactArgs(2),
		ValidArgs: []string{"gift", "aiken", "sheet"},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runImport(o, opts, args[0], args[1])
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.module, "module", "", "id of the new module: lowercase ASCII letters, digits, - or _ (required)")
	f.StringVarP(&opts.outDir, "out", "o", ".", "folder to write the module folder <ID>/ into")
	f.IntVar(&opts.skill, "skill", 1, "which of the five basic digital skills (1-5) the module teaches")
	f.StringVar(&opts.title, "title", "", "module title (default: the module id)")
	f.BoolVar(&opts.force, "force", false, "overwrite module.yaml, quiz.yaml and lessons of an existing module folder")
	_ = cmd.MarkFlagRequired("module")
	return cmd
}

// runImport parses FILE, reports what it skipped and writes the module.
func runImport(o *Options, opts *importOptions, format, file string) error {
	parse, ok := importParsers[strings.ToLower(format)]
	if !ok {
		return fmt.Errorf("định dạng %q không có: dùng gift, aiken hoặc sheet / unknown format %q: use gift, aiken or sheet", format, format)
	}
	if !moduleIDRE.MatchString(opts.module) {
		return fmt.Errorf("mã bài %q không hợp lệ: chỉ dùng chữ thường không dấu, số, - hoặc _ (ví dụ antoan-2) / module id %q is not valid: use lowercase ASCII letters, digits, - or _ (e.g. antoan-2)", opts.module, opts.module)
	}
	if opts.skill < 1 || opts.skill > 5 {
		return fmt.Errorf("--skill phải từ 1 đến 5 / --skill must be 1 to 5, not %d", opts.skill)
	}
	lang := o.Lang
	qs, skipped, err := parseFile(parse, file, lang)
	if err != nil {
		return err
	}
	for _, s := range skipped {
		if lang == "vi" {
			fmt.Fprintf(o.Err(), "%s:%d: bỏ qua: %s\n", file, s.Line, s.ReasonVi)
		} else {
			fmt.Fprintf(o.Err(), "%s:%d: skipped: %s\n", file, s.Line, s.Reason)
		}
	}
	if len(qs) == 0 {
		return fmt.Errorf("không nhập được câu hỏi nào từ %s: tệp có đúng định dạng %s không? / no question could be imported from %s: is it really a %s file?", file, format, file, format)
	}
	m := importedModule(opts, qs, lang, filepath.Base(file))
	write := lessons.WriteModule
	if opts.force {
		write = lessons.OverwriteModule
	}
	if err := write(opts.outDir, m, []string{"vi", "en"}); err != nil {
		if errors.Is(err, lessons.ErrModuleExists) {
			return fmt.Errorf("thư mục %s đã có: chọn --module khác hoặc thêm --force để ghi đè / folder %s already exists: choose another --module or add --force to overwrite",
				filepath.Join(opts.outDir, opts.module), filepath.Join(opts.outDir, opts.module))
		}
		return fmt.Errorf("ghi thư mục bài học / write the module folder: %w", err)
	}
	reportImport(o, opts, len(qs), len(skipped), lang)
	return nil
}

// parseFile opens and parses the question bank.
func parseFile(parse func(io.Reader, string) ([]quiz.Question, []quiz.Skipped, error), file, lang string) ([]quiz.Question, []quiz.Skipped, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, nil, fmt.Errorf("không mở được tệp / cannot open the file: %w", err)
	}
	defer f.Close()
	qs, skipped, err := parse(f, lang)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", file, err)
	}
	return qs, skipped, nil
}

// importedModule wraps imported questions in a module: ten questions per
// attempt (fewer if the bank is smaller), as the built-in modules do.
func importedModule(opts *importOptions, qs []quiz.Question, lang, source string) *lessons.Module {
	title := safetext.Line(opts.title)
	if title == "" {
		title = opts.module
	}
	summary := "Questions imported from " + source + "."
	if lang == "vi" {
		summary = "Câu hỏi nhập từ tệp " + source + "."
	}
	return &lessons.Module{
		ID:                  opts.module,
		Skill:               opts.skill,
		Order:               100,
		Title:               quiz.Text{lang: title},
		Summary:             quiz.Text{lang: safetext.Line(summary)},
		PassPercent:         70,
		QuestionsPerAttempt: min(10, len(qs)),
		Questions:           qs,
	}
}

// reportImport says what was written and what to do next.
func reportImport(o *Options, opts *importOptions, n, skipped int, lang string) {
	dir := filepath.Join(opts.outDir, opts.module)
	other := "en"
	if lang == "en" {
		other = "vi"
	}
	if lang == "vi" {
		fmt.Fprintf(o.Out(), "Đã ghi %s: module.yaml, quiz.yaml (%d câu hỏi), lesson.vi.md (trang chờ viết bài).\n", dir, n)
		if skipped > 0 {
			fmt.Fprintf(o.Out(), "%d câu bị bỏ qua (xem danh sách ở trên).\n", skipped)
		}
		fmt.Fprintf(o.Out(), "Tiếp theo: viết bài học, thêm bản dịch %s và nguồn (sources), rồi chạy:\n  kynangso content check %s\n", other, opts.outDir)
		return
	}
	fmt.Fprintf(o.Out(), "Wrote %s: module.yaml, quiz.yaml (%d questions), lesson.en.md (placeholder page).\n", dir, n)
	if skipped > 0 {
		fmt.Fprintf(o.Out(), "%d questions skipped (listed above).\n", skipped)
	}
	fmt.Fprintf(o.Out(), "Next: write the lesson, add the %s translation and sources, then run:\n  kynangso content check %s\n", other, opts.outDir)
}
