package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

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
		wide      bool
	)
	cmd := &cobra.Command{
		Use:   "report",
		Short: "In các bảng tổng hợp của lớp / print the class summaries",
		Long: "Các phần / sections: class (điểm danh / attendance), modules (kết quả theo bài / per module),\n" +
			"questions (phân tích câu hỏi / item analysis), coverage (độ phủ theo thôn / coverage by village),\n" +
			"followup (danh sách cần thăm lại / follow-up list). docs/reports.md says how each number is computed.",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runReport(cmd.Context(), o, format, sections, ff.filter(), withPhone, wide, ff.hub)
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
	Class     *results.ClassReport    `json:"class,omitempty"`
	Questions *results.ItemReport     `json:"questions,omitempty"`
	Coverage  *results.CoverageReport `json:"coverage,omitempty"`
	FollowUp  *results.FollowUpReport `json:"followup,omitempty"`
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
	return writeReportTables(o.Out(), d, sections, o.Lang, format == "md", wide)
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
		if d.studied, err = s.ModulesStudied(ctx, followUpIDs(&r)); err != nil {
			return d, err
		}
	}
	return d, nil
}
