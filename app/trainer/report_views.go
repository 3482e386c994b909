package trainer

import (
	"kynangso/app/ui"
	"strings"

	"kynangso/results"
)

// chartWidth is the bar length for a content width w.
func chartWidth(w int) int { return max(8, min(30, w-34)) }

// modName is a module label trimmed for a table cell.
func modName(m results.ModuleLabel) string { return ui.CleanLine(m.Title) }

// renderSummary draws the class summary: attendance (total, by gender, by
// village), per module tried/passed/average, and the pass-rate chart.
func renderSummary(c *ui.Common, r results.ClassReport, w int) []string {
	st, cat := c.Styles, c.Cat
	a := r.Attendance
	out := []string{st.Bold.Render(cat.T("tr.sum.attendance"))}
	out = append(out, ui.Wrap(st.Text.Render(cat.F("tr.sum.total", bigNum(cat, a.Total), bigNum(cat, a.Anonymous), bigNum(cat, a.Classes), bigNum(cat, a.CheckIns))), w)...)
	out = append(out, ui.Wrap(st.Text.Render(cat.T("tr.sum.bygender")+" "+countsText(a.ByGender, cat)), w)...)
	out = append(out, ui.Wrap(st.Text.Render(cat.T("tr.sum.byvillage")+" "+countsText(a.ByVillage, cat)), w)...)
	out = append(out, "", st.Bold.Render(cat.T("tr.sum.modules")))
	head := []string{cat.T("tr.col.module"), cat.T("tr.col.tried"), cat.T("tr.col.passed"), cat.T("tr.col.rate"), cat.T("tr.col.avg")}
	cols := summaryCols(head, w)
	out = append(out, st.Bold.Render(joinCols(head, cols)))
	for _, m := range r.Modules {
		if m.NotTried() { // "chưa học" across the number columns
			name := ui.Truncate(modName(m.ModuleLabel), cols[0])
			name += strings.Repeat(" ", cols[0]-ui.WidthOf(name)+2)
			out = append(out, st.Text.Render(name)+st.Subtle.Render(ui.Truncate(cat.T("tr.sum.nottried"), max(1, w-ui.WidthOf(name)))))
			continue
		}
		out = append(out, st.Text.Render(joinCols(append([]string{modName(m.ModuleLabel)}, summaryCells(cat, m)...), cols)))
	}
	out = append(out, "", st.Bold.Render(cat.T("tr.sum.chart")))
	bw := chartWidth(w)
	for _, m := range r.Modules {
		label := ui.Truncate(modName(m.ModuleLabel), w-bw-10)
		label += strings.Repeat(" ", max(0, w-bw-10-ui.WidthOf(label)))
		if !m.HasPassRate() { // no bar of 0%: nobody has failed it
			out = append(out, label+" "+st.Subtle.Render(notTriedText(cat, m)))
			continue
		}
		out = append(out, label+" "+st.ProgressFull.Render(bar(m.PassRate/100, bw))+" "+pct(cat, m.PassRate))
	}
	return out
}

// summaryCells are a module's numbers in the class summary: people who
// tried, passed, the pass rate and the average best score; a rate or an
// average with nobody to count is "—". (Not tried is not failed: a module
// nobody tried says "chưa học" across these columns, never "0 0 0% 0%",
// which reads as a class that failed it.)
func summaryCells(cat ui.Catalog, m results.ModuleSummary) []string {
	const dash = "—"
	cells := []string{bigNum(cat, m.Tried), bigNum(cat, m.Passed), pct(cat, m.PassRate), pct(cat, m.AverageBest)}
	if !m.HasPassRate() { // only anonymous practice: no person to count
		cells[1], cells[2], cells[3] = dash, dash, dash
	}
	if !m.HasAverageBest() {
		cells[3] = dash
	}
	return cells
}

// notTriedText is what the pass-rate chart shows instead of a bar for a
// module with no pass rate: "chưa học", or "—" when only anonymous
// practice touched it.
func notTriedText(cat ui.Catalog, m results.ModuleSummary) string {
	if m.NotTried() {
		return cat.T("tr.sum.nottried")
	}
	return "—"
}

// summaryCols sizes the module table for width w: each number column is
// as wide as its header in the language shown (at least wide enough for
// "1234" or "100%"), and the module name takes the rest, so no header is
// cut in either language; with two spaces between columns the row is
// exactly w wide and the last column never falls off a 60-column screen.
func summaryCols(head []string, w int) []int {
	cols := make([]int, len(head))
	used := 2 * (len(head) - 1)
	for i := 1; i < len(head); i++ {
		cols[i] = max(5, ui.WidthOf(head[i]))
		used += cols[i]
	}
	cols[0] = max(10, w-used)
	return cols
}

// countsText is "Nữ 20 · Nam 12 · (không ghi) 2", each name and its count
// joined by a no-break space.
func countsText(cs []results.Count, cat ui.Catalog) string {
	if len(cs) == 0 {
		return "–"
	}
	parts := make([]string, len(cs))
	for i, c := range cs {
		l := ui.CleanLine(c.Label)
		if l == "" {
			l = cat.T("tr.sum.notgiven")
		}
		parts[i] = l + "\u00a0" + bigNum(cat, c.Count) // a count never wraps away from its name
	}
	return strings.Join(parts, " · ")
}

// renderCoverage shows the chart of households with a person who passed
// all skills, one bar and number per village, first (what the trainer
// looks for), then each village's reach and passes.
func renderCoverage(c *ui.Common, r results.CoverageReport, w int) []string {
	st, cat := c.Styles, c.Cat
	out := ui.Wrap(st.Subtle.Render(cat.F("tr.cov.intro", r.Skills)), w)
	out = append(out, "", st.Bold.Render(ui.Truncate(cat.F("tr.cov.chart", r.Skills), w)))
	bw := chartWidth(w)
	rows, labels := coverageRows(cat, r)
	for i, v := range rows {
		label := ui.Truncate(labels[i], w-bw-10)
		label += strings.Repeat(" ", max(0, w-bw-10-ui.WidthOf(label)))
		out = append(out, label+" "+st.ProgressFull.Render(bar(v.HouseholdShare/100, bw))+" "+pct(c.Cat, v.HouseholdShare))
	}
	for i, v := range rows {
		out = append(out, "", st.Bold.Render(ui.Truncate(labels[i], w)))
		out = append(out, ui.Wrap(st.Text.Render(cat.F("tr.cov.line", bigNum(cat, v.Reached), r.Skills, bigNum(cat, v.PassedAll), r.Skills,
			bigNum(cat, v.HouseholdsPassedAll), bigNum(cat, v.Households))), w)...)
		var mods []string
		for j, m := range v.Modules {
			mods = append(mods, cat.F("tr.dash.mod", j+1)+"\u00a0"+bigNum(cat, m.Passed)+"/"+bigNum(cat, m.Reached))
		}
		if len(mods) > 0 {
			out = append(out, ui.Wrap(st.Subtle.Render(cat.T("tr.cov.passed")+" "+strings.Join(mods, " · ")), w)...)
		}
	}
	out = append(out, "")
	for j, m := range r.Modules {
		out = append(out, st.Subtle.Render(ui.Truncate(cat.F("tr.dash.mod", j+1)+" = "+modName(m), w)))
	}
	return out
}

// coverageRows are the villages then the overall row, each with its label:
// the village, "(not given)", or "All villages" for the overall row.
func coverageRows(cat ui.Catalog, r results.CoverageReport) ([]results.VillageCoverage, []string) {
	rows := append(append([]results.VillageCoverage{}, r.Villages...), r.Overall)
	labels := make([]string, len(rows))
	for i, v := range rows {
		switch {
		case i == len(rows)-1:
			labels[i] = cat.T("tr.cov.all")
		case ui.CleanLine(v.Label) == "":
			labels[i] = cat.T("tr.sum.notgiven")
		default:
			labels[i] = ui.CleanLine(v.Label)
		}
	}
	return rows, labels
}

// renderFollowUp lists who to visit, by village and household.
func renderFollowUp(c *ui.Common, r followUpList, w int) []string {
	st, cat := c.Styles, c.Cat
	out := ui.Wrap(st.Text.Render(cat.F("tr.fu.intro", bigNum(cat, r.People), bigNum(cat, r.Anonymous))), w)
	no := map[string]string{}
	for j, m := range r.Modules {
		no[m.ID] = cat.F("tr.dash.mod", j+1)
	}
	for _, v := range r.Villages {
		label := ui.CleanLine(v.Label)
		if label == "" {
			label = cat.T("tr.sum.notgiven")
		}
		out = append(out, "", st.Bold.Render(ui.Truncate(cat.F("tr.fu.village", label, bigNum(cat, v.People)), w)))
		for _, h := range v.Households {
			hh := ui.CleanLine(h.Label)
			switch {
			case hh == "":
				hh = cat.F("tr.fu.household", cat.T("tr.fu.nohousehold"))
			case !namesHousehold(hh):
				hh = cat.F("tr.fu.household", hh)
			}
			out = append(out, st.Subtle.Render(ui.Truncate("  "+hh, w)))
			for _, p := range h.People {
				line := ui.CleanLine(p.Name)
				if p.BirthYear > 0 {
					line += " (" + ui.Itoa(p.BirthYear) + ")"
				}
				line += " — " + stillToDo(cat, p, r.studied[p.ID], no)
				if p.LastActivity != "" {
					// "lần cuối 14/03/2026" stays on one line.
					line += " · " + strings.ReplaceAll(cat.F("tr.fu.last", viDate(p.LastActivity)), " ", "\u00a0")
				}
				out = append(out, ui.Hang("    • ", st.Text.Render(line), w)...)
			}
		}
	}
	out = append(out, "")
	for j, m := range r.Modules {
		out = append(out, st.Subtle.Render(ui.Truncate(cat.F("tr.dash.mod", j+1)+" = "+modName(m), w)))
	}
	return out
}

// stillToDo says what a person still has to do, module by module: "chưa
// đạt: B1" for the modules they read or tried and have not passed, "chưa
// học: B2, B3" for those they have not begun. Not tried is not failed: a
// person who took one quiz is not "not passed" in all five.
func stillToDo(cat ui.Catalog, p results.FollowUpPerson, studied map[string]results.Study, no map[string]string) string {
	var failed, notBegun []string
	for _, m := range p.NotPassed {
		if studied[m.ID] != results.StudyNone {
			failed = append(failed, no[m.ID])
		} else {
			notBegun = append(notBegun, no[m.ID])
		}
	}
	var parts []string
	if len(failed) > 0 {
		parts = append(parts, cat.F("tr.fu.notpassed", strings.Join(failed, ", ")))
	}
	if len(notBegun) > 0 {
		parts = append(parts, cat.F("tr.fu.notbegun", strings.Join(notBegun, ", ")))
	}
	return strings.Join(parts, " · ")
}
