package cli

import (
	"strings"

	"kynangso/results"
)

func attendanceTables(r *results.ClassReport, lang string) []textTable {
	a := r.Attendance
	L := func(k string) string { return results.Label(lang, k) }
	t := textTable{title: tr(lang, "ĐIỂM DANH", "ATTENDANCE"), head: []string{tr(lang, "Mục", "Item"), tr(lang, "Số", "Count")}}
	if s := r.Session; s != nil {
		t.title += ": " + cell(s.Title) + " (" + s.Date + ", " + cell(s.Commune) + ")"
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
	return []textTable{t, v}
}

func moduleTable(r *results.ClassReport, lang string) textTable {
	L := func(k string) string { return results.Label(lang, k) }
	t := textTable{title: tr(lang, "KẾT QUẢ THEO BÀI", "RESULTS PER MODULE"),
		head: []string{L("module"), L("tried"), L("people_pass"), L("pass_rate"), L("avg_best"), L("attempts")}}
	for _, m := range r.Modules {
		t.rows = append(t.rows, []string{cell(m.Title), itoa(m.Tried), itoa(m.Passed), pct(m.PassRate),
			pct(m.AverageBest), itoa(m.Attempts)})
	}
	return t
}

func itemTable(r *results.ItemReport, lang string) textTable {
	L := func(k string) string { return results.Label(lang, k) }
	t := textTable{title: tr(lang, "PHÂN TÍCH CÂU HỎI (khó nhất trước)", "QUESTIONS (worst first)"),
		head: []string{L("module_id"), L("question_id"), L("question"), L("answered"), L("pct_correct"), L("top_wrong")}}
	for _, it := range r.Items {
		q := it.Question.Prompt
		if it.Question.Context != "" {
			q = it.Question.Context + " — " + q
		}
		wrong := ""
		if it.TopWrong != nil {
			wrong = strings.Join(it.TopWrong.Choices, ",") + " ×" + itoa(it.TopWrong.Count) + ": " + it.TopWrong.Text
		}
		t.rows = append(t.rows, []string{it.Module.ID, it.Question.ID, short(cell(q), 60), itoa(it.Answered),
			pct(it.PercentCorrect), short(cell(wrong), 50)})
	}
	return t
}

// moduleCodes gives each module of mods a short code in pack order ("B1",
// "B2"… for bài; "M1"… in English), so a row of a wide table names modules
// in a few characters, and a legend that says which title each code is.
func moduleCodes(mods []results.ModuleLabel, lang string) (map[string]string, string) {
	codes := make(map[string]string, len(mods))
	var legend strings.Builder
	for i, m := range mods {
		c := tr(lang, "B", "M") + itoa(i+1)
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

func coverageTable(r *results.CoverageReport, lang string) textTable {
	codes, legend := moduleCodes(r.Modules, lang)
	t := textTable{title: tr(lang, "ĐỘ PHỦ THEO THÔN/BUÔN (tiếp cận/đạt)", "COVERAGE BY VILLAGE (reached/passed)") + legend,
		head: []string{results.Label(lang, "village"), tr(lang, "Tiếp cận", "Reached")}}
	for _, m := range r.Modules {
		t.head = append(t.head, codeOf(codes, m.ID))
	}
	t.head = append(t.head, tr(lang, "Đạt cả", "All passed"), tr(lang, "Hộ", "Households"),
		tr(lang, "Hộ có người đạt cả", "Households w/ all passed"))
	row := func(v results.VillageCoverage) []string {
		r := []string{cell(v.Label), itoa(v.Reached)}
		for _, m := range v.Modules {
			r = append(r, itoa(m.Reached)+"/"+itoa(m.Passed))
		}
		return append(r, itoa(v.PassedAll), itoa(v.Households),
			itoa(v.HouseholdsPassedAll)+" ("+pct(v.HouseholdShare)+"%)")
	}
	for _, v := range r.Villages {
		t.rows = append(t.rows, row(v))
	}
	t.rows = append(t.rows, row(r.Overall))
	return t
}

func followUpTable(r *results.FollowUpReport, lang string) textTable {
	L := func(k string) string { return results.Label(lang, k) }
	codes, legend := moduleCodes(r.Modules, lang)
	t := textTable{title: tr(lang, "CẦN THĂM LẠI", "FOLLOW-UP LIST") + legend,
		head: []string{L("village"), L("household"), L("full_name"), L("birth_year")}}
	if r.WithPhone {
		t.head = append(t.head, L("phone"))
	}
	t.head = append(t.head, tr(lang, "Hoạt động gần nhất", "Last activity"), tr(lang, "Chưa đạt", "Not yet passed"))
	for _, v := range r.Villages {
		for _, h := range v.Households {
			for _, p := range h.People {
				year := ""
				if p.BirthYear > 0 {
					year = itoa(p.BirthYear)
				}
				row := []string{cell(v.Label), cell(h.Label), cell(p.Name), year}
				if r.WithPhone {
					row = append(row, cell(p.Phone))
				}
				var mods []string
				for _, m := range p.NotPassed {
					mods = append(mods, codeOf(codes, m.ID))
				}
				t.rows = append(t.rows, append(row, p.LastActivity, strings.Join(mods, ", ")))
			}
		}
	}
	if r.Anonymous > 0 {
		t.rows = append(t.rows, []string{results.Label(lang, "anonymous"), "", itoa(r.Anonymous)})
		for len(t.rows[len(t.rows)-1]) < len(t.head) {
			t.rows[len(t.rows)-1] = append(t.rows[len(t.rows)-1], "")
		}
	}
	return t
}

// short cuts s to n runes for a terminal column.
func short(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
