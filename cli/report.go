package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"kynangso/internal/usererr"
	"kynangso/results"
)

// reportSections are the sections a report can print; the laptop's report
// prints them all but the overview (which counts the follow-up list that
// follows it).
var reportSections = []string{"class", "modules", "questions", "coverage", "followup", "overview"}

// defaultSections are the sections printed when --section is not given.
// On the whole province's hub the named follow-up list gives way to its
// overview by village: the list of a province is hundreds of thousands of
// names, and the rest is answered from the hub's summaries in well under a
// second (see hub.ReadSummaries); the item analysis of one village needs
// the rows, so a village filter leaves it out.
func defaultSections(h hubFlags, f results.Filter) []string {
	if h.url == "" || h.commune != "" {
		return []string{"class", "modules", "questions", "coverage", "followup"}
	}
	if results.SummariesServe(f, true) {
		return []string{"class", "modules", "questions", "coverage", "overview"}
	}
	return []string{"class", "modules", "coverage", "overview"}
}

func newReportCmd(o *Options) *cobra.Command {
	var (
		ff        filterFlags
		format    string
		sections  []string
		withPhone bool
		wide      bool
	)
	cmd := &cobra.Command{
		Use:   "report",
		Short: "In các bảng tổng hợp của lớp / print the class summaries",
		Long: "Các phần / sections: class (điểm danh / attendance), modules (kết quả theo bài / per module),\n" +
			"questions (phân tích câu hỏi / item analysis), coverage (độ phủ theo thôn / coverage by village),\n" +
			"followup (danh sách cần thăm lại / follow-up list), overview (số người cần thăm lại theo thôn /\n" +
			"follow-up overview by village). Mặc định / default: all but overview; with --hub and no --commune:\n" +
			"class,modules,questions,coverage,overview (questions left out with --village).\n" +
			"docs/reports.md says how each number is computed; docs/hub.md how the hub answers.",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f := ff.filter()
			if !cmd.Flags().Changed("section") {
				sections = defaultSections(ff.hub, f)
			}
			return runReport(cmd.Context(), o, format, sections, f, withPhone, wide, ff.hub)
		},
	}
	ff.add(cmd)
	cmd.Flags().StringVar(&format, "format", "text", "output format: text, json or md")
	cmd.Flags().StringSliceVar(&sections, "section", reportSections, "sections to print, comma-separated\n(default: all)")
	cmd.Flags().Lookup("section").DefValue = "" // the list is in the long help
	cmd.Flags().BoolVar(&withPhone, "with-phone", false, "show phone numbers in the follow-up list")
	cmd.Flags().BoolVar(&wide, "wide", false, "print the tables at full width, not fitted to 80 columns")
	return cmd
}

// reportData holds the summaries asked for; JSON prints it as it is.
type reportData struct {
	Class     *results.ClassReport      `json:"class,omitempty"`
	Questions *results.ItemReport       `json:"questions,omitempty"`
	Coverage  *results.CoverageReport   `json:"coverage,omitempty"`
	FollowUp  *results.FollowUpReport   `json:"followup,omitempty"`
	Overview  *results.FollowUpOverview `json:"overview,omitempty"`
	// studied tells, for the follow-up list's text, what each person read
	// or tried ("chưa đạt") from what they have not begun ("chưa học").
	studied map[string]map[string]results.Study
}

func runReport(ctx context.Context, o *Options, format string, sections []string, f results.Filter, withPhone, wide bool, src hubFlags) error {
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
	cat := o.catalog() // loads the pack: once per command
	d, err := o.hubSummaryReport(ctx, src, cat, sections, f)
	if errors.Is(err, errNeedsMirror) {
		d, err = o.rowsReport(ctx, src, cat, sections, f, withPhone)
	}
	if err != nil {
		return err
	}
	if src.url != "" && src.commune == "" && !slices.Contains(sections, "followup") {
		fmt.Fprintln(o.Err(), tr(o.Lang, "Danh sách cần thăm lại theo tên: thêm --section followup --commune TÊN_XÃ.",
			"The follow-up list by name: add --section followup --commune NAME."))
	}
	if format == "json" {
		enc := json.NewEncoder(o.Out())
		enc.SetIndent("", "  ")
		return enc.Encode(d)
	}
	return writeReportTables(o.Out(), d, sections, cat, format == "md", wide)
}

// reportSource is what the summaries of a report read: a database file
// (the laptop's, or the hub's report mirror) or the hub's summaries.
type reportSource interface {
	ClassSummary(ctx context.Context, f results.Filter, cat results.Catalog) (results.ClassReport, error)
	ItemAnalysis(ctx context.Context, f results.Filter, cat results.Catalog) (results.ItemReport, error)
	Coverage(ctx context.Context, f results.Filter, cat results.Catalog) (results.CoverageReport, error)
	FollowUpOverview(ctx context.Context, f results.Filter, cat results.Catalog) (results.FollowUpOverview, error)
}

// rowsReport prints the report from a database file: the laptop's, or with
// --hub the hub's report mirror, brought up to date first.
func (o *Options) rowsReport(ctx context.Context, src hubFlags, cat results.Catalog, sections []string, f results.Filter,
	withPhone bool) (reportData, error) {
	s, err := o.openSource(ctx, src)
	if err != nil {
		return reportData{}, err
	}
	defer s.Close()
	d, err := collectReport(ctx, s, s, cat, sections, f, withPhone)
	return d, filterError(err)
}

// collectReport reads the sections asked for from src; the follow-up list
// needs the rows of a database file (rows).
func collectReport(ctx context.Context, src reportSource, rows *results.Store, cat results.Catalog, sections []string,
	f results.Filter, withPhone bool) (reportData, error) {
	var d reportData
	has := func(x string) bool { return slices.Contains(sections, x) }
	if has("class") || has("modules") {
		r, err := src.ClassSummary(ctx, f, cat)
		if err != nil {
			return d, err
		}
		d.Class = &r
	}
	if has("questions") {
		r, err := src.ItemAnalysis(ctx, f, cat)
		if err != nil {
			return d, err
		}
		d.Questions = &r
	}
	if has("coverage") {
		r, err := src.Coverage(ctx, f, cat)
		if err != nil {
			return d, err
		}
		d.Coverage = &r
	}
	if has("overview") {
		r, err := src.FollowUpOverview(ctx, f, cat)
		if err != nil {
			return d, err
		}
		d.Overview = &r
	}
	if has("followup") {
		if rows == nil {
			return d, results.ErrNeedsRows
		}
		r, err := rows.FollowUp(ctx, f, cat, withPhone)
		if err != nil {
			return d, err
		}
		d.FollowUp = &r
		if d.studied, err = rows.ModulesStudied(ctx, followUpIDs(&r)); err != nil {
			return d, err
		}
	}
	return d, nil
}
