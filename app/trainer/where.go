package trainer

import (
	"fmt"
	"path/filepath"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"kynangso/app/ui"
)

// wherePage says where the database is, with the full path, and how to
// keep it safe; it shows the laptop's name (which merged results carry)
// and lets the trainer set it with n, and says when erasures are still
// waiting to leave the file.
type wherePage struct {
	ui.Page
	frame   string // the frame layout made, which View shows
	c       *ui.Common
	store   ui.FileStore
	laptop  ui.LaptopStore
	w, h    int
	scroll  ui.Scroller // on a short window
	result  []string
	rename  key.Binding
	loaded  bool
	name    string
	pending int
	readErr bool
}

// laptopReadMsg carries the laptop's name and the erasures still pending.
type laptopReadMsg struct {
	name    string
	pending int
	err     error
}

func newWherePage(c *ui.Common) *wherePage {
	p := &wherePage{c: c, store: c.Stores.Files, laptop: c.Stores.Laptop}
	if p.store != nil {
		abs, err := filepath.Abs(p.store.Path())
		if err != nil {
			abs = p.store.Path()
		}
		p.result = []string{c.Cat.T("tr.files.where"), "  " + abs}
	}
	p.rename = key.NewBinding(key.WithKeys("n", "N"), key.WithHelp("n", c.Cat.T("tr.where.rename")))
	return p
}

func (p *wherePage) Init() tea.Cmd { return p.Reload() }

// Reload reads the laptop's name again (after the name form closed).
func (p *wherePage) Reload() tea.Cmd {
	if p.laptop == nil {
		return nil
	}
	st, ctx := p.laptop, p.c.Ctx
	return p.Cmd(func() tea.Msg {
		name, err := st.DeviceName(ctx)
		if err != nil {
			return laptopReadMsg{err: fmt.Errorf("read laptop name: %w", err)}
		}
		n, err := st.PendingErasures(ctx)
		return laptopReadMsg{name: name, pending: n, err: err}
	})
}

func (p *wherePage) SetSize(w, h int) { p.w, p.h = w, h; p.layout() }

func (p *wherePage) HelpKeys() []key.Binding {
	keys := []key.Binding{p.c.Keys.Scroll}
	if p.laptop != nil {
		keys = append(keys, p.rename)
	}
	return append(keys, ui.With(p.c.Keys.Back, p.c.Cat.T("tr.back.menu")))
}

func (p *wherePage) update(msg tea.Msg) (ui.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case laptopReadMsg:
		p.loaded, p.readErr = true, msg.err != nil
		p.name, p.pending = ui.CleanLine(msg.name), msg.pending
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, p.c.Keys.Back):
			return p, p.Close()
		case key.Matches(msg, p.rename) && p.laptop != nil:
			return p, ui.Open(newLaptopNameForm(p.c, p.name))
		default:
			p.scroll.Key(msg, p.c.Keys)
		}
	}
	return p, nil
}

func (p *wherePage) layout() {
	st, cat := p.c.Styles, p.c.Cat
	w := max(20, p.w)
	lines := []string{st.Title.Render(cat.T("tr.home.where")), ""}
	if p.store == nil {
		lines = append(lines, wrapErr(p.c, cat.T("tr.pin.broken"), w)...)
	}
	for _, l := range p.result {
		lines = append(lines, ui.Wrap(st.Text.Render(l), w)...)
	}
	lines = append(lines, "")
	lines = append(lines, p.laptopLines(w)...)
	lines = append(lines, ui.Wrap(st.Subtle.Render(cat.T("tr.files.wherehint")), w)...)
	p.scroll.Set(lines, nil)
	p.scroll.SetHeight(p.h)
	p.frame = p.scroll.View(st, cat)
}

// laptopLines are the laptop's name (or how to set one) and the erasures
// still waiting, once read.
func (p *wherePage) laptopLines(w int) []string {
	st, cat := p.c.Styles, p.c.Cat
	if p.laptop == nil || !p.loaded {
		return nil
	}
	if p.readErr {
		return append(wrapErr(p.c, cat.T("tr.where.readerr"), w)[1:], "")
	}
	var lines []string
	label := st.Bold.Render(cat.T("tr.where.name")) + " "
	if p.name == "" {
		lines = append(lines, ui.Hang(label, st.Subtle.Render(cat.T("tr.where.noname")), w)...)
	} else {
		lines = append(lines, ui.Hang(label, st.Text.Render(p.name), w)...)
	}
	lines = append(lines, ui.Wrap(st.Subtle.Render(cat.T("tr.where.namehint")), w)...)
	if p.pending > 0 {
		lines = append(lines, "")
		lines = append(lines, ui.Wrap(st.Text.Render(cat.F("tr.where.pending", p.pending)), w)...)
	}
	return append(lines, "")
}

// Update handles msg, then lays the page out again.
func (p *wherePage) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	c, cmd := p.update(msg)
	p.layout()
	return c, cmd
}

// View shows the frame layout made.
func (p *wherePage) View() string { return p.frame }
