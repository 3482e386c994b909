package trainer

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"kynangso/app/ui"
)

// laptopNameForm names this laptop ("Máy tổ 3, xã Ea Tu"), as the command
// `kynangso trainer set-name` does: merged results show where they came
// from.
type laptopNameForm struct {
	ui.Page
	frame string // the frame layout made, which View shows
	c     *ui.Common
	store ui.LaptopStore
	form  *trainerForm
	name  *formField
	busy  bool
}

type laptopNamedMsg struct{ err error }

func newLaptopNameForm(c *ui.Common, current string) *laptopNameForm {
	cat := c.Cat
	p := &laptopNameForm{c: c, store: c.Stores.Laptop, form: newTrainerForm(c, cat.T("tr.name.save"))}
	// The limit is past the rule so a long name gets a message, not a cut.
	p.name = p.form.text(cat.T("tr.name.field"), current, cat.T("tr.name.ph"), 2*ui.MaxLaptopName)
	p.name.hint = cat.T("tr.where.namehint")
	p.form.top = []string{c.Styles.Title.Render(cat.T("tr.name.title")), ""}
	return p
}

func (p *laptopNameForm) Init() tea.Cmd    { return p.form.focusCmd() }
func (p *laptopNameForm) SetSize(w, h int) { p.form.setSize(w, h); p.layout() }
func (p *laptopNameForm) HelpKeys() []key.Binding {
	return p.form.helpKeys(p.c.Cat.T("tr.form.cancel"))
}
func (p *laptopNameForm) layout() { p.frame = p.form.view() }

func (p *laptopNameForm) update(msg tea.Msg) (ui.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case laptopNamedMsg:
		p.busy = false
		return p, p.form.saved(msg.err, p.c.Cat.T("tr.name.saveerr"), p.Close())
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

// submit checks the name as the command line does and saves it.
func (p *laptopNameForm) submit() tea.Cmd {
	cat := p.c.Cat
	name := strings.TrimSpace(ui.CleanLine(p.name.value()))
	p.name.err, p.form.bottom = "", nil
	switch n := utf8.RuneCountInString(name); {
	case n == 0:
		p.name.err = cat.T("tr.name.empty")
	case n > ui.MaxLaptopName:
		p.name.err = cat.F("tr.name.long", n, ui.MaxLaptopName)
	}
	if cmd, bad := p.form.firstError(); bad {
		return cmd
	}
	if p.store == nil {
		p.form.bottom = wrapErr(p.c, cat.T("tr.pin.broken"), p.form.w)
		return nil
	}
	p.busy = true
	st, ctx := p.store, p.c.Ctx
	return p.Cmd(func() tea.Msg {
		err := st.SetDeviceName(ctx, name)
		if err != nil {
			err = fmt.Errorf("name this laptop: %w", err)
		}
		return laptopNamedMsg{err: err}
	})
}

// Update handles msg, then lays the page out again.
func (p *laptopNameForm) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	c, cmd := p.update(msg)
	p.layout()
	return c, cmd
}

// View shows the frame layout made.
func (p *laptopNameForm) View() string { return p.frame }
