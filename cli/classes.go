package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"kynangso/internal/safetext"
	"kynangso/results"
)

// classRow is one class in `kynangso classes`.
type classRow struct {
	ID       string   `json:"id"`
	Date     string   `json:"date"`
	Title    string   `json:"title"`
	Commune  string   `json:"commune"`
	Villages []string `json:"villages"`
	People   int      `json:"people"`
	Open     bool     `json:"open"`
}

// newClassesCmd lists the classes with their ids, so trainers can pass one
// to --session in export and report (the id is never shown in the app).
func newClassesCmd(o *Options) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "classes",
		Short: "liệt kê các lớp và mã lớp (cho --session) / list classes and their ids (for --session)",
		Example: "  kynangso classes\n" +
			"  kynangso export attendance --session MÃ_LỚP",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := o.OpenExistingStore(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			rows, err := classRows(cmd, s)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(o.Out())
				enc.SetIndent("", "  ")
				return enc.Encode(rows)
			}
			return writeClassRows(o, rows)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON instead of a table")
	return cmd
}

func classRows(cmd *cobra.Command, s *results.Store) ([]classRow, error) {
	sessions, err := s.Sessions(cmd.Context())
	if err != nil {
		return nil, fmt.Errorf("không đọc được danh sách lớp / could not read the classes: %w", err)
	}
	rows := make([]classRow, 0, len(sessions))
	for _, c := range sessions {
		att, err := s.Attendance(cmd.Context(), c.ID)
		if err != nil {
			return nil, fmt.Errorf("không đọc được điểm danh / could not read the attendance: %w", err)
		}
		villages := make([]string, len(c.Villages))
		for i, v := range c.Villages {
			villages[i] = safetext.Line(v)
		}
		rows = append(rows, classRow{ID: c.ID, Date: c.Date, Title: safetext.Line(c.Title),
			Commune: safetext.Line(c.Commune), Villages: villages, People: len(att), Open: c.IsOpen()})
	}
	return rows, nil
}

func writeClassRows(o *Options, rows []classRow) error {
	en := o.Lang == "en"
	if len(rows) == 0 {
		if en {
			fmt.Fprintln(o.Out(), "No class has been opened on this database yet.")
		} else {
			fmt.Fprintln(o.Out(), "Chưa có lớp nào trong dữ liệu này.")
		}
		return nil
	}
	tw := tabwriter.NewWriter(o.Out(), 0, 0, 2, ' ', 0)
	if en {
		fmt.Fprintln(tw, "DATE\tCLASS\tCOMMUNE\tVILLAGES\tPEOPLE\tID")
	} else {
		fmt.Fprintln(tw, "NGÀY\tLỚP\tXÃ\tTHÔN, BUÔN\tSỐ NGƯỜI\tMÃ LỚP")
	}
	for _, r := range rows {
		title := r.Title
		if r.Open {
			title += map[bool]string{false: " (đang mở)", true: " (open)"}[en]
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\n", r.Date, title, r.Commune, strings.Join(r.Villages, ", "), r.People, r.ID)
	}
	return tw.Flush()
}
