package trainer

import (
	"path/filepath"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"kynangso/app/ui"
)

// wherePage says where the database is, with the full path, and how to
// keep it safe.
type wherePage struct {
	ui.Page
	frame  string // the frame layout made, which View shows
	c      *ui.Common
	store  ui.FileStore
	w, h   int
	scroll ui.Scroller // on a short window
	result []string
}

func newWherePage(c *ui.Common) *wherePage {
	p := &wherePage{c: c, store: c.Stores.Files}
	if p.store != nil {
		abs, err := filepath.Abs(p.store.Path())
		if err != nil {
			abs = p.store.Path()
		}
		p.result = []string{c.Cat.T("tr.files.where"), "  " + abs}
	}
	return p
}

func (p *wherePage) Init() tea.Cmd { return nil }

func (p *wherePage) SetSize(w, h int) { p.w, p.h = w, h; p.layout() }

func (p *wherePage) HelpKeys() []key.Binding {
	return []key.Binding{p.c.Keys.Scroll, ui.With(p.c.Keys.Back, p.c.Cat.T("tr.back.menu"))}
}

func (p *wherePage) update(msg tea.Msg) (ui.Component, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, p.c.Keys.Back):
			return p, p.Close()
		default:
			p.scroll.Key(k, p.c.Keys)
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
	lines = append(lines, ui.Wrap(st.Subtle.Render(cat.T("tr.files.wherehint")), w)...)
	p.scroll.Set(lines, nil)
	p.scroll.SetHeight(p.h)
	p.frame = p.scroll.View(st, cat)
}

// Update handles msg, then lays the page out again.
func (p *wherePage) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	c, cmd := p.update(msg)
	p.layout()
	return c, cmd
}

// View shows the frame layout made.
func (p *wherePage) View() string { return p.frame }
