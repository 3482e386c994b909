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
	loaded bool
	err    error
}

type historyMsg struct {
	hist results.History
	err  error
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
	st, ctx, id := p.store, p.c.Ctx, p.person.ID
	cat := results.NewCatalog(p.c.Pack, p.c.Lang())
	return p.Cmd(func() tea.Msg {
		h, err := st.ParticipantHistory(ctx, id, cat)
		if err != nil {
			err = fmt.Errorf("history: %w", err)
		}
		return historyMsg{hist: h, err: err}
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
		p.loaded, p.hist, p.err = true, msg.hist, msg.err
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
	for _, m := range h.Modules {
		mark := "✗ "
		if m.Passed {
			mark = "✓ "
		}
		line := mark + modName(m.ModuleLabel) + " — " + historyTries(cat, m)
		if m.PassedOn != "" {
			line += " · " + cat.F("tr.hist.on", viDate(m.PassedOn))
		}
		out = append(out, ui.Hang("  ", st.Text.Render(line), p.w)...)
	}
	if len(h.Revisit) > 0 {
		out = append(out, "", st.Bold.Render(cat.T("tr.hist.revisit")))
		for _, r := range h.Revisit {
			out = append(out, ui.Hang("  • ", st.Text.Render(modName(r.ModuleLabel)), p.w)...)
			for _, q := range r.Missed {
				out = append(out, ui.Hang("      – ", st.Subtle.Render(ui.CleanLine(q.Prompt)), p.w)...)
			}
		}
	}
	return out
}

// historyTries says how a module's quiz went: the finished attempts and the
// best of them, an attempt left half-way and how far it got, or that the
// quiz was never taken. An open attempt has no score, so it never shows as
// "best 0%".
func historyTries(cat ui.Catalog, m results.ModuleHistory) string {
	var parts []string
	if m.Finished > 0 {
		parts = append(parts, cat.F("tr.hist.mod", m.Finished, pct(cat, m.BestPercent)))
	}
	if ip := m.InProgress; ip != nil {
		parts = append(parts, cat.F("tr.hist.open", ip.Answered, ip.Questions))
	}
	if len(parts) == 0 {
		return cat.T("tr.hist.untried")
	}
	return strings.Join(parts, "; ")
}

// Update handles msg, then lays the page out again.
func (p *historyPage) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	c, cmd := p.update(msg)
	p.layout()
	return c, cmd
}

// View shows the frame layout made.
func (p *historyPage) View() string { return p.frame }
