package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"kynangso/lessons"
)

// builtinDir is where the built-in pack's files live in the source tree;
// problems in the embedded pack are reported against it so an editor can
// open them.
const builtinDir = "lessons/builtin"

func newContentCmd(o *Options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "content",
		Short: "Kiểm tra, liệt kê và nhập nội dung bài học / check, list and import content packs",
		Long: "Gói nội dung là một thư mục: pack.yaml và mỗi bài một thư mục (module.yaml, lesson.vi.md, lesson.en.md, quiz.yaml).\n" +
			"A content pack is a folder: pack.yaml and one folder per module (module.yaml, lesson.<lang>.md, quiz.yaml).\n" +
			"See docs/content-format.md.",
	}
	cmd.AddCommand(newContentCheckCmd(o), newContentListCmd(o), newContentImportCmd(o))
	return cmd
}

func newContentCheckCmd(o *Options) *cobra.Command {
	var strict bool
	cmd := &cobra.Command{
		Use:   "check [DIR]",
		Short: "Báo mọi lỗi của gói nội dung / report every problem in a pack",
		Long: "Kiểm tra thư mục DIR (không có DIR: gói có sẵn, cộng với --content nếu có) và in mỗi lỗi một dòng FILE:LINE: message.\n" +
			"Sau các lỗi là các cảnh báo (warning:) về câu hỏi tự lộ đáp án, ví dụ đáp án đúng luôn dài nhất; có --strict thì cảnh báo cũng tính là lỗi.\n" +
			"Checks DIR (no DIR: the built-in pack, merged with --content if given) and prints every problem as FILE:LINE: message,\n" +
			"then warnings about questions that give their answer away (the right choice is usually the longest, …).\n" +
			"Exits 1 when there is any problem, or any warning with --strict. See docs/content-format.md, \"Answer cues\".",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var (
				pack         *lessons.Pack
				probs, warns lessons.Problems
			)
			if len(args) == 1 {
				pack, probs = lessons.LoadDir(args[0])
				warns = lessons.LintPack(pack, packFileIn(args[0]))
			} else {
				pack, probs = loadPackProblems(o)
				warns = lintMerged(o, pack)
			}
			return reportCheck(o.Out(), pack, probs, warns, strict)
		},
	}
	cmd.Flags().BoolVar(&strict, "strict", false, "treat answer-cue warnings as problems\n(exit 1), for CI and before publishing a pack")
	return cmd
}

// packFileIn names dir's pack.yaml for pack-wide warnings, or "" when the
// folder has none (a folder of modules, or one module).
func packFileIn(dir string) string {
	if _, err := os.Stat(filepath.Join(dir, "pack.yaml")); err == nil {
		return "pack.yaml"
	}
	return ""
}

// lintMerged lints the pack the app will teach from: each module against
// the folder it came from (the built-in source tree or --content), and the
// merged pack as a whole against the built-in pack.yaml.
func lintMerged(o *Options, merged *lessons.Pack) lessons.Problems {
	builtin, _ := lessons.Builtin()
	content := filepath.ToSlash(filepath.Clean(o.Content))
	var warns lessons.Problems
	for _, m := range merged.Modules {
		prefix := builtinDir
		if builtin == nil || builtin.Module(m.ID) != m {
			prefix = content
		}
		warns = append(warns, lessons.Problems(lessons.LintModule(m, merged.Languages)).WithPrefix(prefix)...)
	}
	return append(warns, lessons.LintAcross(merged, builtinDir+"/pack.yaml")...)
}

// reportCheck prints the problems, or when there are none the warnings,
// and a summary line. Answer cues in a pack that does not load yet are
// noise (the bad test packs are full of them), so they wait for a clean
// pack. It returns a silent exit-1 error when there is any problem, or any
// warning under strict.
func reportCheck(w io.Writer, pack *lessons.Pack, probs, warns lessons.Problems, strict bool) error {
	for _, p := range probs {
		fmt.Fprintln(w, p.String())
	}
	if len(probs) > 0 {
		warns = nil
	}
	for _, p := range warns {
		fmt.Fprintln(w, p.String())
	}
	if len(warns) > 0 && !strict {
		// A line of its own, before the verdict, so the verdict stays the
		// last line scripts read.
		fmt.Fprintf(w, "WARN: %s about answer cues (see docs/content-format.md, \"Answer cues\"; --strict fails on them)\n", plural(len(warns), "warning"))
	}
	if len(probs) > 0 {
		files := map[string]bool{}
		for _, p := range probs {
			files[p.File] = true
		}
		fmt.Fprintf(w, "FAIL: %s in %s\n", plural(len(probs), "problem"), plural(len(files), "file"))
		return &ExitError{Code: 1, Err: errSilent}
	}
	if strict && len(warns) > 0 {
		fmt.Fprintf(w, "FAIL: %s about answer cues (--strict)\n", plural(len(warns), "warning"))
		return &ExitError{Code: 1, Err: errSilent}
	}
	questions, pages := 0, 0
	for _, m := range pack.Modules {
		questions += len(m.Questions)
		pages += len(m.Pages[pack.DefaultLang()])
	}
	fmt.Fprintf(w, "OK: %s, %s, %s per language (%s)\n", plural(len(pack.Modules), "module"),
		plural(questions, "question"), plural(pages, "page"), strings.Join(pack.Languages, ", "))
	return nil
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// moduleRow is one module in `content list`.
type moduleRow struct {
	ID        string         `json:"id"`
	Skill     int            `json:"skill"`
	Order     int            `json:"order"`
	Title     string         `json:"title"`
	Pages     map[string]int `json:"pages"`
	Questions int            `json:"questions"`
	Languages []string       `json:"languages"`
	Version   string         `json:"pack_version"`
}

func newContentListCmd(o *Options) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "Liệt kê các bài học / list the modules",
		Long: "Mỗi bài một dòng: mã, kỹ năng, tên (theo --lang), số trang mỗi ngôn ngữ, số câu hỏi, ngôn ngữ.\n" +
			"One row per module: id, skill, title in --lang, pages per language, question count, languages.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := o.CheckContentFolder(); err != nil {
				return err
			}
			pack, probs := loadPackProblems(o)
			if len(probs) > 0 {
				fmt.Fprintf(o.Err(), "Cảnh báo: nội dung có %d lỗi, chạy `kynangso content check` để xem.\n"+
					"Warning: the content has %s; run `kynangso content check` to see them.\n", len(probs), plural(len(probs), "problem"))
			}
			rows := listRows(pack, o.Lang)
			if asJSON {
				enc := json.NewEncoder(o.Out())
				enc.SetIndent("", "  ")
				return enc.Encode(rows)
			}
			return writeRows(o.Out(), rows, pack.Languages)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array of objects instead of a table")
	return cmd
}

func listRows(pack *lessons.Pack, lang string) []moduleRow {
	rows := make([]moduleRow, 0, len(pack.Modules))
	for _, m := range pack.Modules {
		r := moduleRow{
			ID: m.ID, Skill: m.Skill, Order: m.Order, Title: m.Title.In(lang, pack.DefaultLang()),
			Pages: map[string]int{}, Questions: len(m.Questions), Version: m.PackVersion,
		}
		for _, l := range pack.Languages {
			if ps, ok := m.Pages[l]; ok {
				r.Pages[l] = len(ps)
			}
		}
		for _, l := range pack.Languages {
			if m.Title[l] != "" && len(m.Pages[l]) > 0 {
				r.Languages = append(r.Languages, l)
			}
		}
		if r.Languages == nil {
			r.Languages = []string{}
		}
		rows = append(rows, r)
	}
	return rows
}

func writeRows(w io.Writer, rows []moduleRow, langs []string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "ID\tSKILL\tTITLE\tPAGES (%s)\tQUESTIONS\tLANGUAGES\n", strings.Join(langs, "/"))
	for _, r := range rows {
		counts := make([]string, len(langs))
		for i, l := range langs {
			counts[i] = fmt.Sprint(r.Pages[l])
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%d\t%s\n", r.ID, r.Skill, r.Title, strings.Join(counts, "/"),
			r.Questions, strings.Join(r.Languages, ", "))
	}
	return tw.Flush()
}

// loadPackProblems loads the built-in pack merged with --content and every
// problem of both, with file names a user can open.
func loadPackProblems(o *Options) (*lessons.Pack, lessons.Problems) {
	pack, builtin, content, untranslated := loadPackParts(o)
	return pack, append(append(builtin, content...), untranslated...)
}

// loadPackParts is loadPackProblems with the problems kept apart: those of
// the built-in pack, those of the --content folder itself (the trainer's to
// fix, and a reason not to start the app), and modules that lack one of the
// app's languages (reported by content check, but no reason to stop a
// class: the app shows such a module in the language it has).
func loadPackParts(o *Options) (pack *lessons.Pack, builtin, content, untranslated lessons.Problems) {
	pack, err := lessons.Builtin()
	if ps, ok := errors.AsType[lessons.Problems](err); ok {
		builtin = append(builtin, ps.WithPrefix(builtinDir)...)
	} else if err != nil {
		builtin = append(builtin, lessons.Problem{File: builtinDir, Msg: err.Error()})
	}
	if o.Content == "" {
		return pack, builtin, nil, nil
	}
	prefix := filepath.ToSlash(filepath.Clean(o.Content))
	extra, ps := lessons.LoadDir(o.Content)
	content = lessons.Problems(ps).WithPrefix(prefix)
	merged := lessons.Merge(pack, extra)
	return merged, builtin, content, missingTranslations(o.Content, prefix, extra, merged.Languages)
}

// missingTranslations reports each --content module that lacks a language
// the app offers. The folder's own check only knows its pack.yaml languages:
// a Vietnamese-only folder passes it, yet in the vi+en app an English
// learner would get Vietnamese pages, so the merged pack is checked too.
func missingTranslations(dir, prefix string, extra *lessons.Pack, langs []string) lessons.Problems {
	var probs lessons.Problems
	_, err := os.Stat(filepath.Join(dir, "module.yaml"))
	single := err == nil
	for _, m := range extra.Modules {
		var missing []string
		for _, l := range lessons.MissingLanguages(m, langs) {
			if !slices.Contains(extra.Languages, l) { // already reported field by field
				missing = append(missing, l)
			}
		}
		if len(missing) == 0 {
			continue
		}
		file := prefix + "/" + m.ID + "/module.yaml"
		if single {
			file = prefix + "/module.yaml"
		}
		probs = append(probs, lessons.Problem{File: file, Msg: fmt.Sprintf(
			"module %s has no %s translation, but the app teaches in %s: translate its title, summary, lesson and questions (lesson.%s.md, quiz.yaml), and add %s to languages in pack.yaml",
			m.ID, strings.Join(missing, ", "), strings.Join(langs, ", "), missing[0], strings.Join(missing, ", "))})
	}
	return probs
}

// CheckContentFolder returns an error when --content names a folder that
// does not exist (or is a file): a typo there would otherwise quietly give
// a class without the trainer's modules. Commands call it before they run.
func (o *Options) CheckContentFolder() error {
	if o.Content == "" {
		return nil
	}
	if st, err := os.Stat(o.Content); err != nil || !st.IsDir() {
		return fmt.Errorf("không tìm thấy thư mục nội dung --content %q: hãy kiểm tra lại đường dẫn\n"+
			"the --content folder %q was not found: check the path", o.Content, o.Content)
	}
	return nil
}

// LoadPack returns the built-in pack merged with the modules of --content.
// When the content has problems it returns the pack that could be read
// together with an error that lists every problem (errors.As gives the
// lessons.Problems); commands that must not run on bad content stop, the
// app may warn and carry on with what loaded.
func (o *Options) LoadPack() (*lessons.Pack, error) {
	pack, probs := loadPackProblems(o)
	if len(probs) == 0 {
		return pack, nil
	}
	return pack, fmt.Errorf("nội dung bài học có lỗi, hãy sửa rồi chạy `kynangso content check` / "+
		"the lesson content has problems; fix them and run `kynangso content check`: %w", probs)
}
