package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"kynangso/internal/safetext"
	"kynangso/internal/usererr"
	"kynangso/results"
)

var reportSections = []string{"class", "modules", "questions", "coverage", "followup"}

func newReportCmd(o *Options) *cobra.Command {
	var (
		ff        filterFlags
		format    string
		sections  []string
		withPhone bool
	)
	cmd := &cobra.Command{
		Use:   "report",
		Short: "In các bảng tổng hợp của lớp / print the class summaries",
		Long: "Các phần / sections: class (điểm danh / attendance), modules (kết quả theo bài / per module),\n" +
			"questions (phân tích câu hỏi / item analysis), coverage (độ phủ theo thôn / coverage by village),\n" +
			"followup (danh sách cần thăm lại / follow-up list). docs/reports.md says how each number is computed.",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runReport(cmd.Context(), o, format, sections, ff.filter(), withPhone, ff.hub)
		},
	}
	ff.add(cmd)
	cmd.Flags().StringVar(&format, "format", "text", "output format: text, json or md")
	cmd.Flags().StringSliceVar(&sections, "section", reportSections, "sections to print: "+strings.Join(reportSections, ","))
	cmd.Flags().BoolVar(&withPhone, "with-phone", false, "show phone numbers in the follow-up list")
	return cmd
}

// reportData holds the summaries asked for; JSON prints it as it is.
type reportData struct {
	Class     *results.ClassReport    `json:"class,omitempty"`
	Questions *results.ItemReport     `json:"questions,omitempty"`
	Coverage  *results.CoverageReport `json:"coverage,omitempty"`
	FollowUp  *results.FollowUpReport `json:"followup,omitempty"`
}

func runReport(ctx context.Context, o *Options, format string, sections []string, f results.Filter, withPhone bool, src hubFlags) error {
	if format != "text" && format != "json" && format != "md" {
		return usererr.New(fmt.Sprintf("--format phải là text, json hoặc md, không phải %q.", format),
			fmt.Sprintf("--format must be text, json or md, not %q.", format), nil)
	}
	for _, s := range sections {
		if !slices.Contains(reportSections, s) {
			all := strings.Join(reportSections, ",")
			return usererr.New(fmt.Sprintf("Không có phần %q; hãy chọn trong: %s.", s, all),
				fmt.Sprintf("There is no section %q; choose from: %s.", s, all), nil)
		}
	}
	if err := f.Validate(); err != nil {
		return filterError(err)
	}
	s, err := o.openSource(ctx, src)
	if err != nil {
		return err
	}
	defer s.Close()
	d, err := collectReport(ctx, s, o.catalog(), sections, f, withPhone)
	if err != nil {
		return filterError(err)
	}
	if format == "json" {
		enc := json.NewEncoder(o.Out())
		enc.SetIndent("", "  ")
		return enc.Encode(d)
	}
	return writeReportTables(o.Out(), d, sections, o.Lang, format == "md")
}

func collectReport(ctx context.Context, s *results.Store, cat results.Catalog, sections []string,
	f results.Filter, withPhone bool) (reportData, error) {
	var d reportData
	has := func(x string) bool { return slices.Contains(sections, x) }
	if has("class") || has("modules") {
		r, err := s.ClassSummary(ctx, f, cat)
		if err != nil {
			return d, err
		}
		d.Class = &r
	}
	if has("questions") {
		r, err := s.ItemAnalysis(ctx, f, cat)
		if err != nil {
			return d, err
		}
		d.Questions = &r
	}
	if has("coverage") {
		r, err := s.Coverage(ctx, f, cat)
		if err != nil {
			return d, err
		}
		d.Coverage = &r
	}
	if has("followup") {
		r, err := s.FollowUp(ctx, f, cat, withPhone)
		if err != nil {
			return d, err
		}
		d.FollowUp = &r
	}
	return d, nil
}

// textTable is a titled table printed as padded columns or Markdown.
type textTable struct {
	title string
	head  []string
	rows  [][]string
}

func writeReportTables(w io.Writer, d reportData, sections []string, lang string, md bool) error {
	var ts []textTable
	for _, sec := range sections {
		switch sec {
		case "class":
			ts = append(ts, attendanceTables(d.Class, lang)...)
		case "modules":
			ts = append(ts, moduleTable(d.Class, lang))
		case "questions":
			ts = append(ts, itemTable(d.Questions, lang))
		case "coverage":
			ts = append(ts, coverageTable(d.Coverage, lang))
		case "followup":
			ts = append(ts, followUpTable(d.FollowUp, lang))
		}
	}
	for i, t := range ts {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if err := t.write(w, md); err != nil {
			return err
		}
	}
	return nil
}

// write prints the table; widths are display widths, so Vietnamese with
// combining marks and wide characters lines up in a Windows console too.
func (t textTable) write(w io.Writer, md bool) error {
	if md {
		fmt.Fprintf(w, "## %s\n\n", t.title)
		line := func(cells []string) {
			esc := make([]string, len(cells))
			for i, c := range cells {
				esc[i] = strings.ReplaceAll(c, "|", `\|`)
			}
			fmt.Fprintf(w, "| %s |\n", strings.Join(esc, " | "))
		}
		line(t.head)
		sep := make([]string, len(t.head))
		for i := range sep {
			sep[i] = "---"
		}
		line(sep)
		for _, r := range t.rows {
			line(r)
		}
		_, err := fmt.Fprintln(w)
		return err
	}
	widths := make([]int, len(t.head))
	for _, r := range append([][]string{t.head}, t.rows...) {
		for i, c := range r {
			widths[i] = max(widths[i], ansi.StringWidth(c))
		}
	}
	fmt.Fprintln(w, t.title)
	line := func(cells []string) {
		var b strings.Builder
		for i, c := range cells {
			if i > 0 {
				b.WriteString("  ")
			}
			b.WriteString(c)
			if i < len(cells)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-ansi.StringWidth(c)))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	line(t.head)
	rule := make([]string, len(t.head))
	for i := range rule {
		rule[i] = strings.Repeat("-", widths[i])
	}
	line(rule)
	for _, r := range t.rows {
		line(r)
	}
	return nil
}

// cell cleans text from the database for the terminal.
func cell(s string) string { return safetext.Line(s) }

func itoa(n int) string { return strconv.Itoa(n) }

func pct(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }

func tr(lang, vi, en string) string {
	if lang == "en" {
		return en
	}
	return vi
}
