package cli

import (
	"bytes"
	"strings"
	"testing"

	"kynangso/results"
)

// TestFollowUpTableShowsModuleCodes checks that the follow-up column names
// the modules still to pass by short codes in pack order, with a legend of
// their titles, rather than by internal module ids.
func TestFollowUpTableShowsModuleCodes(t *testing.T) {
	mods := []results.ModuleLabel{{ID: "nentang", Title: "Nền tảng số"}, {ID: "dichvucong", Title: "Dịch vụ công"},
		{ID: "muasam", Title: "Mua sắm an toàn"}}
	r := &results.FollowUpReport{Modules: mods, People: 1, Villages: []results.FollowUpVillage{{
		Village: "Buôn A", Label: "Buôn A", People: 1,
		Households: []results.FollowUpHousehold{{Household: "12", Label: "12", People: []results.FollowUpPerson{{
			PersonInfo:   results.PersonInfo{ID: "p1", Name: "Y An Niê", BirthYear: 1960},
			LastActivity: "2026-03-10", NotPassed: []results.ModuleLabel{mods[1], mods[2]},
		}}}},
	}}}
	for _, tc := range []struct{ lang, row, legend string }{
		{"vi", "B2, B3", "B2 = Dịch vụ công"},
		{"en", "M2, M3", "M3 = Mua sắm an toàn"},
	} {
		for _, md := range []bool{false, true} {
			var buf bytes.Buffer
			if err := writeReportTables(&buf, reportData{FollowUp: r}, []string{"followup"}, tc.lang, md); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if strings.Contains(out, "dichvucong") || strings.Contains(out, "muasam") {
				t.Errorf("%s md=%v: output shows module ids:\n%s", tc.lang, md, out)
			}
			if !strings.Contains(out, tc.row) || !strings.Contains(out, tc.legend) {
				t.Errorf("%s md=%v: want %q in the row and legend %q:\n%s", tc.lang, md, tc.row, tc.legend, out)
			}
		}
	}
}

// TestCoverageTableShowsModuleCodes checks the coverage table's module
// columns use the same codes and legend.
func TestCoverageTableShowsModuleCodes(t *testing.T) {
	r := &results.CoverageReport{Modules: []results.ModuleLabel{{ID: "nentang", Title: "Nền tảng số"},
		{ID: "dichvucong", Title: "Dịch vụ công"}}}
	tb := coverageTable(r, "vi")
	if got := strings.Join(tb.head[2:4], ","); got != "B1,B2" {
		t.Errorf("module columns = %q; want B1,B2", got)
	}
	if !strings.Contains(tb.title, "B1 = Nền tảng số") || !strings.Contains(tb.title, "B2 = Dịch vụ công") {
		t.Errorf("title has no legend: %q", tb.title)
	}
}
