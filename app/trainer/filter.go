package trainer

import (
	"fmt"
	"kynangso/app/ui"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"kynangso/results"
)

// filterPage chooses the class, the date range and the village a summary
// or an export covers. On Continue it sends filterChosenMsg to the page it
// is for (target) and
// closes.
type filterPage struct {
	ui.Page
	frame    string // the frame layout made, which View shows
	c        *ui.Common
	store    ui.SessionStore
	target   ui.PageID // the page the filter is for
	form     *trainerForm
	class    *formField
	from, to *formField
	village  *formField
	sessions []results.ClassSession
	start    results.Filter
}

type filterSessionsMsg struct {
	sessions []results.ClassSession
	err      error
}

func newFilterPage(c *ui.Common, target ui.PageID, f results.Filter) *filterPage {
	cat := c.Cat
	p := &filterPage{c: c, target: target, start: f, form: newTrainerForm(c, cat.T("tr.filter.apply"))}
	p.store = c.Stores.Sessions
	p.class = p.form.choice(cat.T("tr.filter.classf"), []string{cat.T("tr.filter.allclasses")}, 0)
	p.from = p.form.text(cat.T("tr.filter.from"), viDateOr(f.From), "ngày/tháng/năm", 10)
	p.to = p.form.text(cat.T("tr.filter.to"), viDateOr(f.To), "ngày/tháng/năm", 10)
	p.to.hint = cat.T("tr.filter.datehint")
	p.village = p.form.text(cat.T("tr.filter.villagef"), f.Village, cat.T("tr.filter.villageph"), 80)
	p.form.top = []string{c.Styles.Title.Render(cat.T("tr.filter.title")), ""}
	return p
}

// viDateOr writes a stored date the Vietnamese way, "" staying "".
func viDateOr(s string) string {
	if s == "" {
		return ""
	}
	return viDate(s)
}

func (p *filterPage) Init() tea.Cmd {
	if p.store == nil {
		return p.form.focusCmd()
	}
	st, ctx := p.store, p.c.Ctx
	return tea.Batch(p.form.focusCmd(), p.Cmd(func() tea.Msg {
		ss, err := st.Sessions(ctx)
		return filterSessionsMsg{sessions: ss, err: err}
	}))
}

func (p *filterPage) SetSize(w, h int) { p.form.setSize(w, h); p.layout() }

func (p *filterPage) HelpKeys() []key.Binding { return p.form.helpKeys(p.c.Cat.T("tr.form.cancel")) }

func (p *filterPage) update(msg tea.Msg) (ui.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case filterSessionsMsg:
		if msg.err != nil {
			return p, nil
		}
		p.sessions = msg.sessions
		opts := []string{p.c.Cat.T("tr.filter.allclasses")}
		for i, s := range msg.sessions {
			opts = append(opts, classLabel(s))
			if s.ID == p.start.SessionID {
				p.class.choice = i + 1
			}
		}
		p.class.options = opts
		return p, nil
	case tea.KeyPressMsg:
		if key.Matches(msg, p.c.Keys.Back) {
			return p, p.Close()
		}
	}
	cmd, submitted := p.form.update(msg)
	if submitted {
		return p, p.submit()
	}
	return p, cmd
}

func (p *filterPage) submit() tea.Cmd {
	cat := p.c.Cat
	var f results.Filter
	label := ""
	if i := p.class.choice - 1; i >= 0 && i < len(p.sessions) {
		f.SessionID, label = p.sessions[i].ID, classLabel(p.sessions[i])
	}
	p.from.err, p.to.err = "", ""
	for _, d := range []struct {
		fd  *formField
		out *string
	}{{p.from, &f.From}, {p.to, &f.To}} {
		if v := d.fd.value(); v != "" {
			iso, ok := parseDate(v)
			if !ok {
				d.fd.err = cat.T("tr.class.err.date")
			}
			*d.out = iso
		}
	}
	if f.From != "" && f.To != "" && f.From > f.To {
		p.to.err = cat.T("tr.filter.order")
	}
	if cmd, bad := p.form.firstError(); bad {
		return cmd
	}
	f.Village = ui.CleanLine(p.village.value())
	if err := f.Validate(); err != nil {
		p.form.bottom = wrapErr(p.c, fmt.Sprint(cat.T("tr.filter.bad")), p.form.w)
		return nil
	}
	return tea.Sequence(p.Close(), ui.Send(ui.Addressed{To: p.target, Msg: filterChosenMsg{filter: f, label: label}}))
}

func (p *filterPage) layout() {
	p.frame = p.form.view()
}

// Update handles msg, then lays the page out again.
func (p *filterPage) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	c, cmd := p.update(msg)
	p.layout()
	return c, cmd
}

// View shows the frame layout made.
func (p *filterPage) View() string { return p.frame }
