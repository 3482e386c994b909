package trainer

import (
	"fmt"
	"kynangso/app/ui"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"kynangso/results"
)

// classForm opens a class: title, date (today by default), commune,
// villages served, trainers and the modules planned.
type classForm struct {
	ui.Page
	frame                                             string // the frame layout made, which View shows
	c                                                 *ui.Common
	store                                             ui.SessionStore
	form                                              *trainerForm
	title, date, commune, villages, trainers, modules *formField
	moduleIDs                                         []string
	busy                                              bool
}

// Messages of the class pages.
type (
	classOpenedMsg struct {
		class results.ClassSession
		err   error
	}
	closeClassMsg  struct{ id string }
	classClosedMsg struct{ err error }
	sessionsMsg    struct {
		sessions []results.ClassSession
		err      error
	}
	reopenClassMsg   struct{ id string }
	classReopenedMsg struct{ err error }
)

func newClassForm(c *ui.Common) *classForm {
	cat := c.Cat
	p := &classForm{c: c, form: newTrainerForm(c, cat.T("tr.class.submit"))}
	p.store = c.Stores.Sessions
	f := p.form
	p.title = f.text(cat.T("tr.class.title"), "", cat.T("tr.class.title.ph"), 100)
	p.date = f.text(cat.T("tr.class.date"), c.Now().Format("02/01/2006"), "27/11/2026", 10)
	p.date.hint = cat.T("tr.class.date.hint")
	p.commune = f.text(cat.T("tr.class.commune"), "", "", 80)
	p.villages = f.text(cat.T("tr.class.villages"), "", cat.T("tr.class.villages.ph"), 300)
	p.villages.hint = cat.T("tr.class.comma")
	p.trainers = f.text(cat.T("tr.class.trainers"), "", "", 200)
	p.trainers.hint = cat.T("tr.class.comma")
	var names []string
	var checked []bool
	if c.Pack != nil {
		for _, m := range c.Pack.Modules {
			p.moduleIDs = append(p.moduleIDs, m.ID)
			names = append(names, ui.CleanLine(m.Title.In(cat.Lang)))
			checked = append(checked, true)
		}
	}
	p.modules = f.checks(cat.T("tr.class.modules"), names, checked)
	f.top = []string{c.Styles.Title.Render(cat.T("tr.class.formtitle")), ""}
	return p
}

func (p *classForm) Init() tea.Cmd { return p.form.focusCmd() }

func (p *classForm) SetSize(w, h int) { p.form.setSize(w, h); p.layout() }

func (p *classForm) HelpKeys() []key.Binding { return p.form.helpKeys(p.c.Cat.T("tr.form.cancel")) }

func (p *classForm) update(msg tea.Msg) (ui.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case classOpenedMsg:
		p.busy = false
		if msg.err != nil {
			p.form.bottom = wrapErr(p.c, classErr(p.c.Cat, msg.err), p.form.w)
			return p, nil
		}
		return p, tea.Batch(ui.Send(ui.ClassChangedMsg{}),
			ui.Send(ui.ReplaceMsg{ID: p.PageID(), Page: newDashboard(p.c, msg.class)}))
	case tea.KeyPressMsg:
		if key.Matches(msg, p.c.Keys.Back) {
			return p, p.Close()
		}
	}
	cmd, submitted := p.form.update(msg)
	if submitted && !p.busy {
		return p, p.submit()
	}
	return p, cmd
}

// submit checks the form and opens the class.
func (p *classForm) submit() tea.Cmd {
	cat := p.c.Cat
	for _, f := range p.form.fields {
		f.err = ""
	}
	p.form.bottom = nil
	title := ui.CleanLine(p.title.value())
	if title == "" {
		p.title.err = cat.T("tr.class.err.title")
	}
	date, ok := parseDate(p.date.value())
	if p.date.value() == "" {
		date, ok = p.c.Now().Format(results.DateLayout), true
	}
	if !ok {
		p.date.err = cat.T("tr.class.err.date")
	}
	if cmd, bad := p.form.firstError(); bad {
		return cmd
	}
	sess := results.ClassSession{Title: title, Date: date, Commune: p.commune.value(),
		Villages: splitList(p.villages.value()), Trainers: splitList(p.trainers.value())}
	for i, id := range p.moduleIDs {
		if p.modules.checked[i] {
			sess.PlannedModules = append(sess.PlannedModules, id)
		}
	}
	if p.store == nil {
		p.form.bottom = wrapErr(p.c, cat.T("tr.pin.broken"), p.form.w)
		return nil
	}
	p.busy = true
	st, ctx := p.store, p.c.Ctx
	return p.Cmd(func() tea.Msg {
		c, err := st.OpenSession(ctx, sess)
		if err != nil {
			err = fmt.Errorf("open class: %w", err)
		}
		return classOpenedMsg{class: c, err: err}
	})
}

func (p *classForm) layout() {
	p.frame = p.form.view()
}

// classErr is the plain sentence for a failure to open, close or reopen a class.
func classErr(cat ui.Catalog, err error) string {
	switch {
	case errIs(err, results.ErrSessionOpen):
		return cat.T("tr.class.err.open")
	case errIs(err, results.ErrNotFound):
		return cat.T("tr.class.err.other")
	case errIs(err, results.ErrInvalid):
		return cat.T("tr.class.err.date")
	}
	return cat.T("tr.class.err.save")
}

// wrapErr renders an error sentence with a ✗, wrapped to w.
func wrapErr(c *ui.Common, text string, w int) []string {
	return append([]string{""}, ui.Hang("✗ ", c.Styles.Error.Render(text), max(10, w))...)
}

// closeClass closes the class and tells everyone.
func closeClass(c *ui.Common, st ui.SessionStore, id string) tea.Cmd {
	ctx := c.Ctx
	return func() tea.Msg {
		err := st.CloseSession(ctx, id)
		if err != nil {
			err = fmt.Errorf("close class: %w", err)
		}
		return classClosedMsg{err: err}
	}
}

// Update handles msg, then lays the page out again.
func (p *classForm) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	c, cmd := p.update(msg)
	p.layout()
	return c, cmd
}

// View shows the frame layout made.
func (p *classForm) View() string { return p.frame }
