package trainer

import (
	"fmt"
	"kynangso/app/ui"
	"math"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"kynangso/results"
)

// reportKind names the summary a report page shows.
type reportKind int

const (
	repSummary reportKind = iota
	repItems
	repCoverage
	repFollowUp
)

// reportKindOf maps a home action to its report.
func reportKindOf(a homeAction) reportKind {
	switch a {
	case actItems:
		return repItems
	case actCoverage:
		return repCoverage
	case actFollowUp:
		return repFollowUp
	}
	return repSummary
}

var reportTitles = map[reportKind]string{
	repSummary: "tr.home.summary", repItems: "tr.home.items", repCoverage: "tr.home.coverage", repFollowUp: "tr.home.followup",
}

// defaultFilter starts a report on the open class, or on everything.
func defaultFilter(c results.ClassSession, open bool) results.Filter {
	if open {
		return results.Filter{SessionID: c.ID}
	}
	return results.Filter{}
}

// reportPage shows one summary for a filter, scrolling, with bar charts
// drawn in block characters. f opens the filter; r reads again.
type reportPage struct {
	ui.Page
	frame  string // the frame layout made, which View shows
	c      *ui.Common
	store  ui.ReportStore
	kind   reportKind
	filter results.Filter
	label  string // the filter's class, as shown
	w, h   int
	scroll ui.Scroller
	data   any
	loaded bool
	// latest numbers the loads: only the answer to the last one is shown.
	latest ui.Latest
	err    error
	// gen counts changes of what the page shows (data, filter, error), so
	// View renders the report once per change and width, not on every key:
	// a follow-up list can run to thousands of lines.
	gen      int
	cache    []string
	cacheKey viewKey
	// villages is the follow-up overview's list; fromOverview marks a
	// village's list opened from it (Esc goes back to the villages).
	villages     pickList
	note         string
	fromOverview bool
}

// viewKey is what a rendered report depends on besides its data.
type viewKey struct {
	gen    int
	w      int
	styles *ui.Styles
	lang   string
}

// Messages of the report pages.
type (
	// reportLoadedMsg answers request req of the page.
	reportLoadedMsg struct {
		req  int
		data any
		err  error
	}
	// filterChosenMsg carries a new filter to the page that asked for it
	// (addressed to it).
	filterChosenMsg struct {
		filter results.Filter
		label  string
	}
)

func newReportPage(c *ui.Common, kind reportKind, f results.Filter) *reportPage {
	p := &reportPage{c: c, kind: kind, filter: f}
	p.store = c.Stores.Reports
	if f.SessionID != "" && c.Visit.HasClass && c.Visit.Class.ID == f.SessionID {
		p.label = classLabel(c.Visit.Class)
	}
	return p
}

func (p *reportPage) Init() tea.Cmd { return p.load() }

// Reload reads the report again when the page comes back on top.
func (p *reportPage) Reload() tea.Cmd { return p.load() }

func (p *reportPage) load() tea.Cmd {
	if p.store == nil {
		return nil
	}
	st, ctx, f, kind := p.store, p.c.Ctx, p.filter, p.kind
	cat := results.NewCatalog(p.c.Pack, p.c.Lang())
	req := p.latest.Next()
	return p.Cmd(func() tea.Msg {
		var data any
		var err error
		switch kind {
		case repSummary:
			data, err = st.ClassSummary(ctx, f, cat)
		case repItems:
			data, err = st.ItemAnalysis(ctx, f, cat)
		case repCoverage:
			data, err = st.Coverage(ctx, f, cat)
		case repFollowUp:
			data, err = loadFollowUp(ctx, st, f, cat)
		}
		if err != nil {
			err = fmt.Errorf("report: %w", err)
		}
		return reportLoadedMsg{req: req, data: data, err: err}
	})
}

func (p *reportPage) SetSize(w, h int) { p.w, p.h = w, h; p.layout() }

func (p *reportPage) HelpKeys() []key.Binding {
	k, cat := p.c.Keys, p.c.Cat
	tk := newTrainerKeys(cat)
	back := ui.With(k.Back, cat.T("tr.back.menu"))
	if p.fromOverview {
		back = ui.With(k.Back, cat.T("tr.fu.ov.back"))
	}
	if p.overview() != nil {
		return []key.Binding{ui.With(k.Scroll, cat.T("key.scroll")), ui.With(k.Enter, cat.T("tr.fu.ov.open")),
			numberKeys(k.Choose, cat), tk.Filter, tk.Refresh, back}
	}
	return []key.Binding{ui.With(k.Scroll, cat.T("key.scroll")), tk.Filter, tk.Refresh, back}
}

func (p *reportPage) update(msg tea.Msg) (ui.Component, tea.Cmd) {
	k, tk := p.c.Keys, newTrainerKeys(p.c.Cat)
	switch msg := msg.(type) {
	case reportLoadedMsg:
		if !p.latest.Is(msg.req) {
			return p, nil // an earlier request (an older filter) answered late
		}
		p.loaded, p.err = true, msg.err
		if msg.err == nil {
			p.setData(msg.data)
		}
		p.gen++
	case filterChosenMsg:
		p.filter, p.label, p.loaded = msg.filter, msg.label, false
		p.scroll.Top()
		p.villages.cursor, p.note = 0, ""
		p.gen++
		return p, p.load()
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Back):
			return p, p.Close()
		case key.Matches(msg, tk.Filter):
			return p, ui.Open(newFilterPage(p.c, p.PageID(), p.filter))
		case key.Matches(msg, tk.Refresh):
			return p, p.load()
		case p.overview() != nil:
			return p, p.updateOverview(msg)
		case key.Matches(msg, k.Up, k.Down, k.PageUp, k.PageDn):
			p.scroll.Key(msg, k)
		}
	case tea.MouseClickMsg:
		if p.overview() != nil {
			return p, p.updateOverview(msg)
		}
	case tea.MouseWheelMsg:
		if p.overview() != nil {
			return p, p.updateOverview(msg)
		}
		p.scroll.Wheel(msg, 1)
	}
	return p, nil
}

func (p *reportPage) layout() {
	if o := p.overview(); o != nil && p.err == nil {
		p.frame = p.viewOverview(o)
		return
	}
	k := viewKey{gen: p.gen, w: p.w, styles: p.c.Styles, lang: p.c.Cat.Lang}
	if p.cache == nil || k != p.cacheKey {
		p.cache, p.cacheKey = p.lines(), k
	}
	p.scroll.Set(p.cache, nil)
	p.scroll.SetHeight(p.h)
	p.frame = p.scroll.View(p.c.Styles, p.c.Cat)
}

// lines renders the whole page: the title, the filter and the report.
func (p *reportPage) lines() []string {
	st, cat := p.c.Styles, p.c.Cat
	lines := []string{st.Title.Render(cat.T(reportTitles[p.kind]))}
	lines = append(lines, ui.Wrap(st.Subtle.Render(filterText(cat, p.filter, p.label)), p.w)...)
	lines = append(lines, "")
	switch {
	case p.store == nil:
		lines = append(lines, wrapErr(p.c, cat.T("tr.pin.broken"), p.w)...)
	case p.err != nil:
		msg := cat.T("tr.rep.err")
		switch {
		case errIs(p.err, results.ErrBadFilter):
			msg = cat.T("tr.filter.bad")
		case errIs(p.err, results.ErrNotFound):
			msg = cat.T("tr.filter.nomatch")
		}
		lines = append(lines, wrapErr(p.c, msg, p.w)...)
	case !p.loaded:
		lines = append(lines, st.Subtle.Render(cat.T("tr.loading")))
	default:
		lines = append(lines, p.render()...)
	}
	return lines
}

func (p *reportPage) render() []string {
	switch d := p.data.(type) {
	case results.ClassReport:
		return renderSummary(p.c, d, p.w)
	case results.ItemReport:
		return renderItems(p.c, d, p.w)
	case results.CoverageReport:
		return renderCoverage(p.c, d, p.w)
	case followUpList:
		return renderFollowUp(p.c, d, p.w)
	}
	return nil
}

// filterText says what the filter keeps and how to change it:
// "Lọc: lớp …; từ … đến …; thôn …  (f để đổi)".
func filterText(cat ui.Catalog, f results.Filter, label string) string {
	return filterDesc(cat, f, label) + "  (" + cat.T("tr.filter.change") + ")"
}

// filterDesc says what the filter keeps: "Lọc: lớp …; từ … đến …; thôn …".
func filterDesc(cat ui.Catalog, f results.Filter, label string) string {
	var parts []string
	switch {
	case f.SessionID != "" && label != "":
		parts = append(parts, cat.F("tr.filter.class", label))
	case f.SessionID != "":
		parts = append(parts, cat.F("tr.filter.class", f.SessionID))
	default:
		parts = append(parts, cat.T("tr.filter.allclasses"))
	}
	if f.From != "" || f.To != "" {
		parts = append(parts, cat.F("tr.filter.dates", orDash(viDate(f.From)), orDash(viDate(f.To))))
	}
	if f.Village != "" {
		parts = append(parts, cat.F("tr.filter.village", ui.CleanLine(f.Village)))
	}
	return cat.T("tr.filter.prefix") + " " + strings.Join(parts, "; ")
}

func orDash(s string) string {
	if s == "" {
		return "…"
	}
	return s
}

// bar draws frac (0..1) as a bar width cells wide in block characters,
// eighths included, padded with a light shade so the scale shows even
// without colour.
func bar(frac float64, width int) string {
	frac = max(0, min(1, frac))
	eighths := int(frac*float64(width*8) + 0.5)
	full, part := eighths/8, eighths%8
	var b strings.Builder
	b.WriteString(strings.Repeat("█", full))
	cells := full
	if part > 0 {
		b.WriteRune([]rune("▏▎▍▌▋▊▉")[part-1])
		cells++
	}
	b.WriteString(strings.Repeat("░", max(0, width-cells)))
	return b.String()
}

// pct shows a percentage as a whole number ("64%") everywhere in the
// trainer's screens, so a column never mixes "64%" and "63,8%". Rounding
// never claims everyone (100%) or no one (0%) when that is not so.
func pct(_ ui.Catalog, x float64) string {
	n := int(math.Round(x))
	switch {
	case n >= 100 && x < 100:
		n = 99
	case n <= 0 && x > 0:
		return "<1%"
	}
	return strconv.Itoa(n) + "%"
}

// Update handles msg, then lays the page out again.
func (p *reportPage) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	c, cmd := p.update(msg)
	p.layout()
	return c, cmd
}

// View shows the frame layout made.
func (p *reportPage) View() string { return p.frame }
