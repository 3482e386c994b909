package trainer

import (
	"fmt"
	"kynangso/app/ui"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"kynangso/results"
)

// historyPage shows one person's record: classes attended, modules passed
// and what to revisit, from ParticipantHistory.
type historyPage struct {
	ui.Page
	frame  string // the frame layout made, which View shows
	c      *ui.Common
	store  ui.PeopleStore
	person results.Participant
	w, h   int
	scroll ui.Scroller
	hist   results.History
	// studied is what the person read or tried of each module, so a module
	// only read is told from one not begun.
	studied map[string]results.Study
	loaded  bool
	err     error
}

type historyMsg struct {
	hist    results.History
	studied map[string]results.Study
	err     error
}

func newHistoryPage(c *ui.Common, x results.Participant) *historyPage {
	p := &historyPage{c: c, person: x}
	p.store = c.Stores.People
	return p
}

func (p *historyPage) Init() tea.Cmd {
	if p.store == nil {
		return nil
	}
	st, reports, ctx, id := p.store, p.c.Stores.Reports, p.c.Ctx, p.person.ID
	cat := results.NewCatalog(p.c.Pack, p.c.Lang())
	return p.Cmd(func() tea.Msg {
		h, err := st.ParticipantHistory(ctx, id, cat)
		if err != nil {
			return historyMsg{err: fmt.Errorf("history: %w", err)}
		}
		var studied map[string]results.Study
		if reports != nil {
			all, err := reports.ModulesStudied(ctx, []string{h.Person.ID})
			if err != nil {
				return historyMsg{err: fmt.Errorf("history: %w", err)}
			}
			studied = all[h.Person.ID]
		}
		return historyMsg{hist: h, studied: studied}
	})
}

func (p *historyPage) SetSize(w, h int) { p.w, p.h = w, h; p.layout() }

func (p *historyPage) HelpKeys() []key.Binding {
	return []key.Binding{p.c.Keys.Scroll, p.c.Keys.Back}
}

func (p *historyPage) update(msg tea.Msg) (ui.Component, tea.Cmd) {
	k := p.c.Keys
	switch msg := msg.(type) {
	case historyMsg:
		p.loaded, p.hist, p.studied, p.err = true, msg.hist, msg.studied, msg.err
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Back):
			return p, p.Close()
		case key.Matches(msg, k.Up, k.Down, k.PageUp, k.PageDn):
			p.scroll.Key(msg, k)
		}
	}
	return p, nil
}

func (p *historyPage) layout() {
	st, cat := p.c.Styles, p.c.Cat
	lines := []string{st.Title.Render(ui.Truncate(trPersonLine(cat, p.person), p.w))}
	switch {
	case p.err != nil:
		lines = append(lines, wrapErr(p.c, cat.T("tr.rep.err"), p.w)...)
	case !p.loaded:
		lines = append(lines, st.Subtle.Render(cat.T("tr.loading")))
	default:
		lines = append(lines, p.body()...)
	}
	p.scroll.Set(lines, nil)
	p.scroll.SetHeight(p.h)
	p.frame = p.scroll.View(st, cat)
}

func (p *historyPage) body() []string {
	st, cat, h := p.c.Styles, p.c.Cat, p.hist
	out := []string{"", st.Bold.Render(cat.F("tr.hist.classes", len(h.Classes)))}
	for _, c := range h.Classes {
		out = append(out, ui.Truncate("  • "+strings.Join(ui.NonEmpty(viDate(c.Date), ui.CleanLine(c.Title), ui.CleanLine(c.Commune)), " · "), p.w))
	}
	out = append(out, "", st.Bold.Render(cat.F("tr.hist.passed", h.ModulesPassed, len(h.Modules))))
	tried := map[string]bool{}
	for _, m := range h.Modules {
		tried[m.ID] = m.Finished > 0
		line := historyMark(m) + modName(m.ModuleLabel) + " — " + historyTries(cat, m, p.studied[m.ID])
		if m.PassedOn != "" {
			line += " · " + cat.F("tr.hist.on", viDate(m.PassedOn))
		}
		out = append(out, ui.Hang("  ", st.Text.Render(line), p.w)...)
	}
	var revisit []results.Revisit
	for _, r := range h.Revisit {
		if tried[r.ID] { // a module not yet tried is to learn, not to revisit
			revisit = append(revisit, r)
		}
	}
	if len(revisit) > 0 {
		out = append(out, "", st.Bold.Render(cat.T("tr.hist.revisit")))
		for _, r := range revisit {
			out = append(out, ui.Hang("  • ", st.Text.Render(modName(r.ModuleLabel)), p.w)...)
			for _, q := range r.Missed {
				out = append(out, ui.Hang("      – ", st.Subtle.Render(ui.CleanLine(q.Prompt)), p.w)...)
			}
		}
	}
	return append(out, p.reviewLines()...)
}

// reviewLines say how many missed questions wait for a review after
// check-in, and which were gone over again ("đã ôn") with how it went;
// reviews never count in the modules' figures above.
func (p *historyPage) reviewLines() []string {
	st, cat, r := p.c.Styles, p.c.Cat, p.hist.Review
	if r.Waiting == 0 && len(r.Reviewed) == 0 {
		return nil
	}
	head := cat.F("tr.hist.review", r.Waiting)
	if r.Waiting == 0 {
		head = cat.T("tr.hist.reviewnone")
	}
	out := []string{"", st.Bold.Render(head)}
	for _, q := range r.Reviewed {
		line := modName(q.ModuleLabel) + ": " + ui.CleanLine(q.Question.Prompt) + " — " + cat.F("tr.hist.reviewed", q.Reviews, q.Right)
		if !q.Waiting {
			line += " · " + cat.T("tr.hist.learnt")
		}
		out = append(out, ui.Hang("  • ", st.Text.Render(line), p.w)...)
	}
	return out
}

// historyMark is a module's mark in the person's record: ✓ passed, ✗ tried
// and not passed, – not tried (which is not a failure).
func historyMark(m results.ModuleHistory) string {
	switch {
	case m.Passed:
		return "✓ "
	case m.Finished > 0:
		return "✗ "
	}
	return "– "
}

// historyTries says how a module's quiz went. Not tried is not failed: a
// module never tried is "chưa học" (or "đã đọc bài" when its lesson was
// read), never "0 lần làm, cao nhất 0%"; one tried and not passed says
// "chưa đạt" with its tries and best score. A quiz left half-way says how
// far it got: an open attempt has no score, so it never shows as "best 0%".
func historyTries(cat ui.Catalog, m results.ModuleHistory, studied results.Study) string {
	var parts []string
	if m.Finished > 0 {
		tries := cat.F("tr.hist.mod", m.Finished, pct(cat, m.BestPercent))
		if !m.Passed {
			tries = cat.T("tr.hist.failed") + " · " + tries
		}
		parts = append(parts, tries)
	}
	if ip := m.InProgress; ip != nil {
		parts = append(parts, cat.F("tr.hist.open", ip.Answered, ip.Questions))
	}
	switch {
	case len(parts) > 0:
		return strings.Join(parts, "; ")
	case studied == results.StudyRead:
		return cat.T("tr.hist.readonly")
	}
	return cat.T("tr.hist.notbegun")
}

// Update handles msg, then lays the page out again.
func (p *historyPage) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	c, cmd := p.update(msg)
	p.layout()
	return c, cmd
}

// View shows the frame layout made.
func (p *historyPage) View() string { return p.frame }
