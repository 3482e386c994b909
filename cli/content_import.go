package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"kynangso/internal/safetext"
	"kynangso/lessons"
	"kynangso/quiz"
)

// importOptions are the flags of `content import`.
type importOptions struct {
	module   string
	outDir   string
	skill    int
	title    string
	textLang string
	force    bool
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
		Short: "import a GIFT, Aiken or spreadsheet\nquestion bank as a module",
		Long: "Nhập ngân hàng câu hỏi có sẵn (Moodle GIFT, Aiken, Excel .xlsx hoặc .csv) thành một thư mục bài học.\n" +
			"Imports an existing question bank (Moodle GIFT, Aiken, Excel .xlsx or .csv) as a module folder.\n\n" +
			"Câu hỏi được ghi là ngôn ngữ đầu tiên trong pack.yaml của thư mục -o (không có pack.yaml: vi); đổi bằng --text-lang.\n" +
			"Text is tagged with the first language of the -o folder's pack.yaml (no pack.yaml: vi); change it with --text-lang.\n" +
			"Câu không nhập được được liệt kê kèm số dòng. / Questions it cannot import are listed with their line.\n\n" +
			"Bảng tính / spreadsheet columns: Câu hỏi (question), A, B, C, D, Đáp án (answer: \"B\" or \"A,C\"), Giải thích (explanation).",
		Example: "  kynangso content import gift ngan-hang.gift --module antoan-2 --skill 4 --title \"An toàn trên mạng 2\"\n" +
			"  kynangso content import sheet cau-hoi.xlsx --module thanhtoan-2 -o noi-dung",
		Args: argsRange(2, 2, "loại tệp (gift, aiken hoặc sheet) và tên tệp, ví dụ `kynangso content import gift ngan-hang.gift`",
			"the kind (gift, aiken or sheet) and the file, e.g. `kynangso content import gift bank.gift`"),
		ValidArgs: []string{"gift", "aiken", "sheet"},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runImport(o, opts, args[0], args[1])
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.module, "module", "", "id of the new module: lowercase ASCII\nletters, digits, - or _ (required)")
	f.StringVarP(&opts.outDir, "out", "o", ".", "folder to write the module folder <ID>/ into")
	f.IntVar(&opts.skill, "skill", 1, "which of the five basic digital skills\n(1-5) the module teaches, or 0 for a foundation module")
	f.StringVar(&opts.title, "title", "", "module title (default: the module id)")
	f.StringVar(&opts.textLang, "text-lang", "", "language the question bank is written\nin, e.g. vi or en (default: the first\nlanguage of -o DIR/pack.yaml, else vi)")
	f.BoolVar(&opts.force, "force", false, "overwrite module.yaml, quiz.yaml and\nlessons of an existing module folder")
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
	if opts.skill < 0 || opts.skill > 5 {
		return fmt.Errorf("--skill phải từ 1 đến 5, hoặc 0 cho bài nền tảng (làm quen với điện thoại) / --skill must be 1 to 5, or 0 for a foundation module (getting to know the phone), not %d", opts.skill)
	}
	lang, langs, err := importLanguages(opts)
	if err != nil {
		return err
	}
	qs, skipped, err := parseFile(parse, file, lang)
	if err != nil {
		return err
	}
	for _, s := range skipped {
		if o.Lang == "vi" {
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
	if err := write(opts.outDir, m, langs); err != nil {
		if errors.Is(err, lessons.ErrModuleExists) {
			return fmt.Errorf("thư mục %s đã có: chọn --module khác hoặc thêm --force để ghi đè / folder %s already exists: choose another --module or add --force to overwrite",
				filepath.Join(opts.outDir, opts.module), filepath.Join(opts.outDir, opts.module))
		}
		return fmt.Errorf("ghi thư mục bài học / write the module folder: %w", err)
	}
	reportImport(o, opts, importReport{questions: len(qs), skipped: len(skipped), lang: lang, langs: langs})
	return nil
}

// importLanguages returns the language the bank's text is tagged with and
// the languages of the pack it goes into: --text-lang, else the first
// language of -o DIR/pack.yaml, else vi. The module must be in a language
// its pack lists, or the checker would refuse every text of it.
func importLanguages(opts *importOptions) (string, []string, error) {
	pack, found, probs := lessons.ReadPackFile(opts.outDir)
	pf := filepath.Join(opts.outDir, "pack.yaml")
	if found && len(probs) > 0 && opts.textLang == "" {
		return "", nil, fmt.Errorf("%s có lỗi nên không biết ngôn ngữ của gói; sửa tệp hoặc thêm --text-lang vi\n"+
			"%s has problems, so the pack's language is unknown; fix it or add --text-lang vi\n%w", pf, pf, lessons.Problems(probs).WithPrefix(opts.outDir))
	}
	lang := opts.textLang
	switch {
	case lang == "" && found:
		lang = pack.DefaultLang()
	case lang == "":
		lang = "vi"
	case !lessons.ValidLanguage(lang):
		return "", nil, fmt.Errorf("--text-lang %q không phải mã ngôn ngữ: dùng 2-3 chữ thường như vi hoặc en / --text-lang %q is not a language code: use 2-3 lowercase letters such as vi or en", lang, lang)
	}
	if found && !slices.Contains(pack.Languages, lang) {
		return "", nil, fmt.Errorf("%s chỉ có các ngôn ngữ %s, không có %s: thêm %s vào languages hoặc chọn --text-lang khác\n"+
			"%s lists the languages %s, not %s: add %s to languages or choose another --text-lang",
			pf, strings.Join(pack.Languages, ", "), lang, lang, pf, strings.Join(pack.Languages, ", "), lang, lang)
	}
	langs := pack.Languages
	if !slices.Contains(langs, lang) {
		langs = append(slices.Clone(langs), lang)
	}
	return lang, langs, nil
}

// parseFile opens and parses the question bank.
func parseFile(parse func(io.Reader, string) ([]quiz.Question, []quiz.Skipped, error), file, lang string) ([]quiz.Question, []quiz.Skipped, error) {
	if st, err := os.Stat(file); err == nil && st.IsDir() {
		return nil, nil, fmt.Errorf("%s là một thư mục, không phải tệp: hãy ghi tên tệp ngân hàng câu hỏi ở trong đó / "+
			"%s is a folder, not a file: give the question bank file in it", file, file)
	}
	// A pipe is read as it comes (`... | kynangso content import gift
	// /dev/stdin`); the parsers read at most quiz.MaxImportBytes of it.
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

// importReport is what reportImport tells the trainer.
type importReport struct {
	questions, skipped int
	lang               string   // the language the text was tagged with
	langs              []string // the languages of the pack it went into
}

// reportImport says, in --lang, what was written and what the content author
// must do next. The lesson file holds only a page for participants, so the
// instructions for authors are printed here.
func reportImport(o *Options, opts *importOptions, r importReport) {
	dir := filepath.Join(opts.outDir, opts.module)
	lesson := filepath.Join(dir, "lesson."+r.lang+".md")
	var others, files []string
	for _, l := range append(slices.Clone(r.langs), lessons.DefaultLanguages...) {
		if l != r.lang && !slices.Contains(others, l) {
			others = append(others, l)
			files = append(files, "lesson."+l+".md")
		}
	}
	files = append([]string{"module.yaml", "quiz.yaml"}, files...)
	w := o.Out()
	if o.Lang == "vi" {
		fmt.Fprintf(w, "Đã ghi %s: module.yaml, quiz.yaml (%d câu hỏi, tiếng %s), lesson.%s.md.\n", dir, r.questions, r.lang, r.lang)
		if r.skipped > 0 {
			fmt.Fprintf(w, "%d câu bị bỏ qua (xem danh sách ở trên).\n", r.skipped)
		}
		fmt.Fprintf(w, "Bài học mới có một trang mời người học làm bài kiểm tra. Tiếp theo, người soạn nội dung:\n"+
			"  1. viết bài vào %s, mỗi trang bắt đầu bằng dòng \"# Tiêu đề\", các trang cách nhau bằng dòng \"---\";\n"+
			"  2. dịch sang %s (%s) và thêm nguồn (sources) vào module.yaml;\n"+
			"  3. kiểm tra như ứng dụng sẽ thấy:\n     kynangso --content %s content check\n",
			lesson, strings.Join(others, ", "), strings.Join(files, ", "), opts.outDir)
		return
	}
	fmt.Fprintf(w, "Wrote %s: module.yaml, quiz.yaml (%d questions, in %s), lesson.%s.md.\n", dir, r.questions, r.lang, r.lang)
	if r.skipped > 0 {
		fmt.Fprintf(w, "%d questions skipped (listed above).\n", r.skipped)
	}
	fmt.Fprintf(w, "The lesson has one page inviting participants to take the quiz. Next, the content author should:\n"+
		"  1. write the lesson in %s, each page starting with a \"# Title\" line, pages separated by a \"---\" line;\n"+
		"  2. translate it into %s (%s) and add the sources to module.yaml;\n"+
		"  3. check it as the app will see it:\n     kynangso --content %s content check\n",
		lesson, strings.Join(others, ", "), strings.Join(files, ", "), opts.outDir)
}
