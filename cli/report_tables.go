package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"kynangso/results"
)

// writeReportTables prints the sections asked for: in text fitted to 80
// columns (wide: at the tables' own width), or in Markdown.
func writeReportTables(w io.Writer, d reportData, sections []string, cat results.Catalog, md, wide bool) error {
	lang := cat.Lang
	l := layout{md: md, width: reportWidth}
	if wide {
		l.width = 0
	}
	var parts []printable
	for _, sec := range sections {
		switch sec {
		case "class":
			parts = append(parts, attendanceTables(d.Class, lang)...)
		case "modules":
			parts = append(parts, moduleTable(d.Class, lang))
		case "questions":
			if l.narrow() {
				parts = append(parts, itemLines(d.Questions, lang))
			} else {
				parts = append(parts, itemTable(d.Questions, lang))
			}
		case "coverage":
			parts = append(parts, coverageTables(d.Coverage, cat, l.narrow())...)
		case "followup":
			parts = append(parts, followUpTable(d.FollowUp, d.studied, cat, l.narrow()))
		case "overview":
			parts = append(parts, overviewTables(d.Overview, cat, l.narrow())...)
		}
	}
	for i, p := range parts {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if err := p.print(w, l); err != nil {
			return err
		}
	}
	return nil
}

func attendanceTables(r *results.ClassReport, lang string) []printable {
	a := r.Attendance
	L := func(k string) string { return results.Label(lang, k) }
	t := textTable{title: tr(lang, "ĐIỂM DANH", "ATTENDANCE"), head: []string{tr(lang, "Mục", "Item"), tr(lang, "Số", "Count")}}
	if s := r.Session; s != nil {
		t.title += ": " + cell(s.Title) + " (" + results.PrintDate(s.Date) + ", " + cell(s.Commune) + ")"
	}
	t.rows = append(t.rows,
		[]string{tr(lang, "Số lớp", "Classes"), itoa(a.Classes)},
		[]string{tr(lang, "Lượt điểm danh", "Check-ins"), itoa(a.CheckIns)},
		[]string{tr(lang, "Số người", "People"), itoa(a.Total)},
		[]string{tr(lang, "Trong đó ẩn danh", "Of whom anonymous"), itoa(a.Anonymous)})
	for _, g := range a.ByGender {
		t.rows = append(t.rows, []string{L("gender") + ": " + g.Label, itoa(g.Count)})
	}
	v := textTable{title: tr(lang, "THEO THÔN/BUÔN", "BY VILLAGE"), head: []string{L("village"), tr(lang, "Số người", "People")}}
	for _, c := range a.ByVillage {
		v.rows = append(v.rows, []string{cell(c.Label), itoa(c.Count)})
	}
	return []printable{t, v}
}

// moduleTable is the result per module. A module nobody tried says "chưa
// học" and "—", not 0 people and 0 %, which reads as a class that failed;
// a rate with nobody to count is "—".
func moduleTable(r *results.ClassReport, lang string) textTable {
	L := func(k string) string { return results.Label(lang, k) }
	t := textTable{title: tr(lang, "KẾT QUẢ THEO BÀI", "RESULTS PER MODULE"),
		head: []string{L("module"), L("tried"), L("people_pass"), L("pass_rate"), L("avg_best"), L("attempts")}}
	dash := L("none")
	for _, m := range r.Modules {
		row := []string{cell(m.Title), itoa(m.Tried), itoa(m.Passed), pct(m.PassRate), pct(m.AverageBest), itoa(m.Attempts)}
		switch {
		case m.NotTried():
			row = []string{cell(m.Title), L("not_studied"), dash, dash, dash, dash}
		case !m.HasPassRate():
			row[2], row[3], row[4] = dash, dash, dash
		case !m.HasAverageBest():
			row[4] = dash
		}
		t.rows = append(t.rows, row)
	}
	return t
}

// itemTable is the item analysis as one wide table (--wide, Markdown).
func itemTable(r *results.ItemReport, lang string) textTable {
	L := func(k string) string { return results.Label(lang, k) }
	t := textTable{title: tr(lang, "PHÂN TÍCH CÂU HỎI (khó nhất trước)", "QUESTIONS (worst first)"),
		head: []string{L("module_id"), L("question_id"), L("question"), L("answered"), L("pct_correct"), L("top_wrong"),
			L("choice_counts")}}
	for _, it := range r.Items {
		wrong := ""
		if it.TopWrong != nil {
			wrong = strings.Join(it.TopWrong.Choices, ",") + " ×" + itoa(it.TopWrong.Count) + ": " + it.TopWrong.Text
		}
		counts := ""
		if it.Multiple {
			counts = it.ChoiceCounts()
		}
		t.rows = append(t.rows, []string{it.Module.ID, it.Question.ID, short(cell(questionText(it)), 60), itoa(it.Answered),
			pct(it.PercentCorrect), short(cell(wrong), 50), short(cell(counts), 60)})
	}
	return t
}

// questionText is the question as asked: the first line of its message,
// then the prompt.
func questionText(it results.ItemStat) string {
	if it.Question.Context != "" {
		return it.Question.Context + " — " + it.Question.Prompt
	}
	return it.Question.Prompt
}

// itemLines is the item analysis for 80 columns: one block per question,
// the worst first, with the question in full, the most common wrong
// answer, and for a choose-all question how often each choice was ticked
// (✓ right, ✗ wrong) and how often a right one was missed.
func itemLines(r *results.ItemReport, lang string) textLines {
	b := textLines{title: tr(lang, "PHÂN TÍCH CÂU HỎI (khó nhất trước)", "QUESTIONS (worst first)")}
	for i, it := range r.Items {
		b.lines = append(b.lines, "",
			fmt.Sprintf(tr(lang, "%2d. %s%% đúng, %d lượt trả lời · %s, câu %s", "%2d. %s%% correct of %d answers · %s, question %s"),
				i+1, pct(it.PercentCorrect), it.Answered, cell(it.Module.Title), cell(it.Question.ID)),
			"    "+cell(questionText(it)))
		if w := it.TopWrong; w != nil {
			b.lines = append(b.lines, "    "+fmt.Sprintf(tr(lang, "Câu trả lời sai hay gặp nhất (%d lượt): %s",
				"Most common wrong answer (%d times): %s"), w.Count, cell(w.Text)))
		}
		if !it.Multiple || len(it.Choices) == 0 {
			continue
		}
		b.lines = append(b.lines, "    "+fmt.Sprintf(tr(lang, "Từng đáp án (số lượt đánh dấu trong %d lượt; ✓ đúng, ✗ sai):",
			"Each choice (times ticked of %d; ✓ right, ✗ wrong):"), it.Answered))
		digits := len(itoa(it.Answered))
		for _, c := range it.Choices {
			mark, missed := "✗", ""
			if c.Right {
				mark = "✓"
				if n := it.Answered - c.Picked; n > 0 {
					missed = fmt.Sprintf(tr(lang, " (bỏ sót %d lượt)", " (missed %d times)"), n)
				}
			}
			b.lines = append(b.lines, fmt.Sprintf("      %s %*d  %s%s", mark, digits, c.Picked, cell(c.Text), missed))
		}
	}
	return b
}

// moduleCodes gives each module of mods its short code: its place in the
// pack ("B1", "B2"… for bài; "M1"… in English), as every report and export
// numbers modules, or its place in mods for a module the catalog does not
// know; and a legend that says which title each code is.
func moduleCodes(mods []results.ModuleLabel, cat results.Catalog) (map[string]string, string) {
	codes := make(map[string]string, len(mods))
	var legend strings.Builder
	for i, m := range mods {
		c := tr(cat.Lang, "B", "M") + itoa(i+1)
		if slices.ContainsFunc(cat.Modules, func(x results.ModuleInfo) bool { return x.ID == m.ID }) {
			c = cat.ModuleCode(m.ID)
		}
		codes[m.ID] = c
		legend.WriteString("\n  " + c + " = " + cell(m.Title))
	}
	return codes, legend.String()
}

// codeOf returns the short code of a module, or its id when it has none.
func codeOf(codes map[string]string, id string) string {
	if c, ok := codes[id]; ok {
		return c
	}
	return cell(id)
}

// coverageTables is the coverage by village: one table, or for 80 columns
// two (the village's totals, then reached/passed per module). A module
// nobody of the village reached is "—", not 0/0.
func coverageTables(r *results.CoverageReport, cat results.Catalog, narrow bool) []printable {
	lang := cat.Lang
	codes, legend := moduleCodes(r.Modules, cat)
	village := results.Label(lang, "village")
	totals := []string{tr(lang, "Tiếp cận", "Reached"), tr(lang, "Đạt cả", "All passed"), tr(lang, "Hộ", "Households"),
		tr(lang, "Hộ có người đạt cả", "Households w/ all passed")}
	var mods []string
	for _, m := range r.Modules {
		mods = append(mods, codeOf(codes, m.ID))
	}
	byModule := func(v results.VillageCoverage) []string {
		var out []string
		for _, m := range v.Modules {
			if m.Reached == 0 {
				out = append(out, results.Label(lang, "none"))
				continue
			}
			out = append(out, itoa(m.Reached)+"/"+itoa(m.Passed))
		}
		return out
	}
	sums := func(v results.VillageCoverage) []string {
		return []string{itoa(v.Reached), itoa(v.PassedAll), itoa(v.Households),
			itoa(v.HouseholdsPassedAll) + " (" + pct(v.HouseholdShare) + "%)"}
	}
	all := append(append([]results.VillageCoverage{}, r.Villages...), r.Overall)
	title := tr(lang, "ĐỘ PHỦ THEO THÔN/BUÔN (tiếp cận/đạt)", "COVERAGE BY VILLAGE (reached/passed)")
	if !narrow {
		t := textTable{title: title + legend, head: append(append([]string{village, totals[0]}, mods...), totals[1:]...)}
		for _, v := range all {
			s := sums(v)
			t.rows = append(t.rows, append(append([]string{cell(v.Label), s[0]}, byModule(v)...), s[1:]...))
		}
		return []printable{t}
	}
	t1 := textTable{title: tr(lang, "ĐỘ PHỦ THEO THÔN/BUÔN", "COVERAGE BY VILLAGE"), head: append([]string{village}, totals...)}
	t2 := textTable{title: tr(lang, "ĐỘ PHỦ THEO BÀI (tiếp cận/đạt)", "COVERAGE PER MODULE (reached/passed)") + legend,
		head: append([]string{village}, mods...)}
	for _, v := range all {
		t1.rows = append(t1.rows, append([]string{cell(v.Label)}, sums(v)...))
		t2.rows = append(t2.rows, append([]string{cell(v.Label)}, byModule(v)...))
	}
	return []printable{t1, t2}
}

// overviewTables is the follow-up list counted by village: how many named
// people each village still has to visit, in how many households, and per
// module how many of them have not passed it yet (never begun included),
// with the total last; for 80 columns the modules are a second table.
func overviewTables(o *results.FollowUpOverview, cat results.Catalog, narrow bool) []printable {
	lang := cat.Lang
	codes, legend := moduleCodes(o.Modules, cat)
	village := results.Label(lang, "village")
	totals := []string{tr(lang, "Người cần thăm", "People to visit"), tr(lang, "Hộ", "Households")}
	var mods []string
	for _, m := range o.Modules {
		mods = append(mods, codeOf(codes, m.ID))
	}
	title := tr(lang, "CẦN THĂM LẠI: TỔNG QUAN THEO THÔN/BUÔN", "FOLLOW-UP OVERVIEW BY VILLAGE")
	if o.Anonymous > 0 {
		title += fmt.Sprintf(tr(lang, "\n(thêm %d người ẩn danh, không thăm theo tên được)",
			"\n(and %d anonymous people, who cannot be visited by name)"), o.Anonymous)
	}
	modTitle := tr(lang, "SỐ NGƯỜI CHƯA ĐẠT TỪNG BÀI (kể cả chưa học)", "PEOPLE WHO HAVE NOT PASSED EACH MODULE (not begun included)")
	type line struct {
		label      string
		people, hh int
		missing    []int
	}
	var lines []line
	sum := line{label: tr(lang, "Tổng", "Total"), people: o.People, hh: o.Households, missing: make([]int, len(o.Modules))}
	for _, v := range o.Villages {
		label := cell(v.Label)
		if label == "" {
			label = tr(lang, "(không ghi)", "(not given)")
		}
		lines = append(lines, line{label, v.People, v.Households, v.Missing})
		for i, n := range v.Missing {
			if i < len(sum.missing) {
				sum.missing[i] += n
			}
		}
	}
	lines = append(lines, sum)
	missing := func(l line) []string {
		out := make([]string, len(o.Modules))
		for i := range out {
			out[i] = "0"
			if i < len(l.missing) {
				out[i] = itoa(l.missing[i])
			}
		}
		return out
	}
	if !narrow {
		t := textTable{title: title + "\n" + modTitle + ":" + legend, head: append(append([]string{village}, totals...), mods...)}
		for _, l := range lines {
			t.rows = append(t.rows, append([]string{l.label, itoa(l.people), itoa(l.hh)}, missing(l)...))
		}
		return []printable{t}
	}
	t1 := textTable{title: title, head: append([]string{village}, totals...)}
	t2 := textTable{title: modTitle + legend, head: append([]string{village}, mods...)}
	for _, l := range lines {
		t1.rows = append(t1.rows, []string{l.label, itoa(l.people), itoa(l.hh)})
		t2.rows = append(t2.rows, append([]string{l.label}, missing(l)...))
	}
	return []printable{t1, t2}
}

// followUpIDs lists the people of a follow-up list.
func followUpIDs(r *results.FollowUpReport) []string {
	var ids []string
	for _, v := range r.Villages {
		for _, h := range v.Households {
			for _, p := range h.People {
				ids = append(ids, p.ID)
			}
		}
	}
	return ids
}

// followUpTable is the follow-up list. What a person still has to pass is
// split: "chưa đạt", the modules they read or tried, from "chưa học", the
// ones they have not begun. For 80 columns each village is a heading over
// its people instead of a column.
func followUpTable(r *results.FollowUpReport, studied map[string]map[string]results.Study, cat results.Catalog, narrow bool) textTable {
	lang := cat.Lang
	L := func(k string) string { return results.Label(lang, k) }
	_, legend := moduleCodes(r.Modules, cat)
	if len(cat.Modules) == 0 { // number the list's modules
		for _, m := range r.Modules {
			cat.Modules = append(cat.Modules, results.ModuleInfo{ID: m.ID})
		}
	}
	t := textTable{title: tr(lang, "CẦN THĂM LẠI", "FOLLOW-UP LIST") + legend}
	if !narrow {
		t.head = []string{L("village")}
	}
	t.head = append(t.head, L("household"), L("full_name"), L("birth_year"))
	if r.WithPhone {
		t.head = append(t.head, L("phone"))
	}
	t.head = append(t.head, tr(lang, "Hoạt động gần nhất", "Last activity"), tr(lang, "Chưa đạt", "Not passed"),
		tr(lang, "Chưa học", "Not studied"))
	for _, v := range r.Villages {
		group := cell(v.Label) + " — " + fmt.Sprintf(tr(lang, "%d người", "%d people"), v.People)
		for _, h := range v.Households {
			for _, p := range h.People {
				row := []string{cell(h.Label), cell(p.Name), birthYear(p.BirthYear)}
				if !narrow {
					row = append([]string{cell(v.Label)}, row...)
				}
				if r.WithPhone {
					row = append(row, cell(p.Phone))
				}
				var tried, fresh []string
				for _, m := range p.NotPassed {
					if studied[p.ID][m.ID] > results.StudyNone {
						tried = append(tried, m.ID)
					} else {
						fresh = append(fresh, m.ID)
					}
				}
				t.rows = append(t.rows, append(row, results.PrintDate(p.LastActivity), codeList(cat, tried),
					codeList(cat, fresh)))
				if narrow {
					t.groups = append(t.groups, group)
				}
			}
		}
	}
	if r.Anonymous > 0 { // counted, never named
		row := make([]string, len(t.head))
		if narrow {
			row[1] = fmt.Sprintf(tr(lang, "%d người", "%d people"), r.Anonymous)
			t.groups = append(t.groups, L("anonymous"))
		} else {
			row[0], row[2] = L("anonymous"), itoa(r.Anonymous)
		}
		t.rows = append(t.rows, row)
	}
	return t
}

// codeList names modules by code in pack order, runs of three or more as
// a range ("B1–B3, B5"); empty when there are none.
func codeList(cat results.Catalog, ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	return cat.Codes(ids)
}

func birthYear(y int) string {
	if y <= 0 {
		return ""
	}
	return itoa(y)
}

// short cuts s to n runes for a terminal column.
func short(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
