package trainer

import (
	"context"
	"kynangso/app/ui"
	"strings"

	tea "charm.land/bubbletea/v2"

	"kynangso/results"
)

// followUpOverviewMin is the most people the follow-up page lists at once
// for a filter without a village; above it the page shows the villages
// with their counts, and the trainer opens one village's list. No one
// plans visits from a list of thousands, and drawing it would make a
// province's database slow. Tests lower it.
var followUpOverviewMin = 300

// followUpList is the follow-up list with what each person studied (read
// or tried) of each module, so the list tells a module tried and not
// passed ("chưa đạt") from one not begun ("chưa học").
type followUpList struct {
	results.FollowUpReport
	studied map[string]map[string]results.Study
}

// loadFollowUp reads the follow-up data for f: the overview by village
// when the list would be too long to read, else the list itself.
func loadFollowUp(ctx context.Context, st ui.ReportStore, f results.Filter, cat results.Catalog) (any, error) {
	if f.Village == "" {
		o, err := st.FollowUpOverview(ctx, f, cat)
		if err != nil {
			return nil, err
		}
		if o.People > followUpOverviewMin {
			return o, nil
		}
	}
	r, err := st.FollowUp(ctx, f, cat, false)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, v := range r.Villages {
		for _, h := range v.Households {
			for _, p := range h.People {
				ids = append(ids, p.ID)
			}
		}
	}
	studied, err := st.ModulesStudied(ctx, ids)
	if err != nil {
		return nil, err
	}
	return followUpList{FollowUpReport: r, studied: studied}, nil
}

// setData keeps newly read report data.
func (p *reportPage) setData(data any) {
	p.data = data
	if o, ok := data.(results.FollowUpOverview); ok {
		p.layoutOverview(&o)
	} else {
		p.note = ""
	}
}

// overview is the follow-up overview the page shows, or nil.
func (p *reportPage) overview() *results.FollowUpOverview {
	if o, ok := p.data.(results.FollowUpOverview); ok && p.loaded {
		return &o
	}
	return nil
}

// updateOverview moves in the village list; picking a village opens its
// list on a new page, with the same filter narrowed to that village.
func (p *reportPage) updateOverview(msg tea.Msg) tea.Cmd {
	o := p.overview()
	if _, ok := msg.(tea.KeyPressMsg); ok {
		p.note = ""
	}
	i := p.villages.update(msg, p.c.Keys)
	if i < 0 || i >= len(o.Villages) {
		return nil
	}
	v := o.Villages[i]
	if v.Village == "" { // people without a village cannot be filtered to
		p.note = p.c.Cat.T("tr.fu.ov.nofilter")
		return nil
	}
	f := p.filter
	f.Village = v.Village
	np := newReportPage(p.c, repFollowUp, f)
	np.label, np.fromOverview = p.label, true
	return ui.Open(np)
}

// viewOverview draws the villages of the overview as a list to pick from,
// with, below it, what the highlighted village still needs per module
// (when there is room) or the note about the last pick.
func (p *reportPage) viewOverview(o *results.FollowUpOverview) string {
	c, st, w := p.c, p.c.Styles, max(20, p.w)
	p.layoutOverview(o)
	var foot []string
	if p.note != "" {
		foot = append([]string{""}, ui.Hang("! ", st.Error.Render(p.note), w)...)
	} else if len(o.Villages) > 0 {
		foot = overviewDetail(c, o, o.Villages[p.villages.cursor], w)
		if p.h-len(foot) < len(p.villages.head)+min(len(o.Villages), 4)+1 {
			foot = nil // the list comes first
		}
	}
	list := p.villages.view(c, w, max(3, p.h-len(foot)), true)
	if len(foot) == 0 {
		return list
	}
	return list + "\n" + strings.Join(foot, "\n")
}

// layoutOverview lays out the villages as lines of the pick list, with the
// title, filter, intro and column names above them. Keys move the list
// before the first View, so it is laid out as soon as the data arrives.
func (p *reportPage) layoutOverview(o *results.FollowUpOverview) {
	st, cat, w := p.c.Styles, p.c.Cat, max(20, p.w)
	head := []string{st.Title.Render(cat.T(reportTitles[p.kind]))}
	head = append(head, ui.Wrap(st.Subtle.Render(filterText(cat, p.filter, p.label)), w)...)
	head = append(head, "")
	head = append(head, ui.Wrap(st.Text.Render(overviewIntro(cat, o)), w)...)
	head = append(head, "")
	cols := newOverviewCols(cat, o, w)
	head = append(head, st.Bold.Render("     "+cols.row(cat.T("tr.fu.ov.col.village"), cat.T("tr.fu.ov.col.people"), cat.T("tr.fu.ov.col.hh"), "")))
	items := make([]string, len(o.Villages))
	for i, v := range o.Villages {
		items[i] = cols.row(villageName(cat, v.Label), bigNum(cat, v.People), bigNum(cat, v.Households),
			bar(float64(v.People)/float64(max(1, cols.most)), cols.bar))
	}
	p.villages.head = head
	p.villages.setItems(items)
}

// overviewIntro is the sentence above the villages: how many people in how
// many villages, and what to do.
func overviewIntro(cat ui.Catalog, o *results.FollowUpOverview) string {
	named, unplaced := 0, 0
	for _, v := range o.Villages {
		if v.Village == "" {
			unplaced += v.People
		} else {
			named++
		}
	}
	s := cat.F("tr.fu.ov.intro", bigNum(cat, o.People), named)
	if unplaced > 0 {
		s += " " + cat.F("tr.fu.ov.unplaced", bigNum(cat, unplaced))
	}
	return s + " " + cat.T("tr.fu.ov.pick")
}

// overviewDetail says, for one village, how many people have not yet
// passed each module, one line per module with its name.
func overviewDetail(c *ui.Common, o *results.FollowUpOverview, v results.FollowUpVillageCount, w int) []string {
	st, cat := c.Styles, c.Cat
	out := []string{"", st.Bold.Render(ui.Truncate(cat.F("tr.fu.ov.detail", villageName(cat, v.Label)), w))}
	numW, nameW := 0, 0
	for j, m := range o.Modules {
		if j < len(v.Missing) {
			numW = max(numW, ui.WidthOf(bigNum(cat, v.Missing[j])))
			nameW = max(nameW, ui.WidthOf(modName(m)))
		}
	}
	nameW = max(4, min(nameW, w-numW-6))
	for j, m := range o.Modules {
		if j >= len(v.Missing) {
			break
		}
		name, n := ui.Truncate(modName(m), nameW), bigNum(cat, v.Missing[j])
		pad := nameW - ui.WidthOf(name) + 2 + numW - ui.WidthOf(n)
		out = append(out, st.Text.Render("  "+name+strings.Repeat(" ", pad)+n))
	}
	return out
}

// villageName is a village's label as shown, "(không ghi)" for none.
func villageName(cat ui.Catalog, label string) string {
	if l := ui.CleanLine(label); l != "" {
		return l
	}
	return cat.T("tr.sum.notgiven")
}

// overviewCols lays out a village line: the name, people and households
// right-aligned, and a bar scaled to the village with the most people.
type overviewCols struct {
	name, people, hh, bar int
	most                  int
}

// newOverviewCols sizes the columns for a list w wide; the pick list puts
// "  1. " before each line and keeps the last two cells free.
func newOverviewCols(cat ui.Catalog, o *results.FollowUpOverview, w int) overviewCols {
	c := overviewCols{people: ui.WidthOf(cat.T("tr.fu.ov.col.people")), hh: ui.WidthOf(cat.T("tr.fu.ov.col.hh"))}
	for _, v := range o.Villages {
		c.most = max(c.most, v.People)
		c.people = max(c.people, ui.WidthOf(bigNum(cat, v.People)))
		c.hh = max(c.hh, ui.WidthOf(bigNum(cat, v.Households)))
	}
	room := w - 7
	c.bar = max(6, min(20, room/5))
	c.name = room - c.people - c.hh - c.bar - 6
	if c.name < 12 { // a narrow screen: the numbers matter more than the bar
		c.bar = 0
		c.name = room - c.people - c.hh - 4
	}
	c.name = max(6, c.name)
	return c
}

// row lays out one line; the bar is left out when there is no room.
func (c overviewCols) row(name, people, hh, barText string) string {
	name = ui.Truncate(name, c.name)
	s := name + strings.Repeat(" ", c.name-ui.WidthOf(name)) +
		"  " + strings.Repeat(" ", max(0, c.people-ui.WidthOf(people))) + people +
		"  " + strings.Repeat(" ", max(0, c.hh-ui.WidthOf(hh))) + hh
	if c.bar > 0 && barText != "" {
		s += "  " + barText
	}
	return strings.TrimRight(s, " ")
}

// bigNum writes a count with thousands grouped the way the language does:
// "91.234" in Vietnamese, "91,234" in English.
func bigNum(cat ui.Catalog, n int) string {
	sep := "."
	if cat.Lang == ui.LangEN {
		sep = ","
	}
	s := ui.Itoa(max(0, n))
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}
