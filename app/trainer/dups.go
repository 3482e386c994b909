package trainer

import (
	"fmt"
	"kynangso/app/ui"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"kynangso/results"
)

// dupsPage lists the records that probably belong to one person (the same
// name without diacritics, birth year and village, often after merging
// results from the team's laptops) and joins a pair once the trainer has
// confirmed it is the same person. Nothing is joined without asking: two
// neighbours can share a name and a birth year.
type dupsPage struct {
	ui.Page
	frame  string // the frame layout made, which View shows
	c      *ui.Common
	store  ui.PeopleStore
	w, h   int
	pairs  []results.DuplicatePair
	cursor int
	scroll ui.Scroller
	loaded bool
	note   string
	bad    bool
}

type (
	dupsLoadedMsg struct {
		pairs []results.DuplicatePair
		err   error
	}
	// dupJoinMsg is sent by the confirm dialog: join from into into.
	dupJoinMsg struct {
		from, into string
	}
	dupJoinedMsg struct {
		err error
	}
)

func newDupsPage(c *ui.Common) *dupsPage {
	p := &dupsPage{c: c}
	p.store = c.Stores.People
	return p
}

func (p *dupsPage) Init() tea.Cmd { return p.Reload() }

// Reload reads the probable duplicates again.
func (p *dupsPage) Reload() tea.Cmd {
	if p.store == nil {
		return nil
	}
	st, ctx := p.store, p.c.Ctx
	return p.Cmd(func() tea.Msg {
		pairs, err := st.ProbableDuplicates(ctx)
		if err != nil {
			err = fmt.Errorf("find probable duplicates: %w", err)
		}
		return dupsLoadedMsg{pairs: pairs, err: err}
	})
}

func (p *dupsPage) SetSize(w, h int) { p.w, p.h = w, h; p.layout() }

func (p *dupsPage) HelpKeys() []key.Binding {
	k, cat := p.c.Keys, p.c.Cat
	keys := []key.Binding{ui.With(k.Back, cat.T("tr.back.menu"))}
	if len(p.pairs) > 0 {
		keys = append([]key.Binding{ui.Relabel(k.Scroll, "↑↓", cat.T("tr.dups.pick")), ui.With(k.Enter, cat.T("tr.dups.join"))}, keys...)
	}
	return keys
}

func (p *dupsPage) update(msg tea.Msg) (ui.Component, tea.Cmd) {
	k := p.c.Keys
	switch msg := msg.(type) {
	case dupsLoadedMsg:
		p.loaded, p.pairs = true, msg.pairs
		p.cursor = max(0, min(p.cursor, len(p.pairs)-1))
		if msg.err != nil {
			p.note, p.bad = p.c.Cat.T("tr.rep.err"), true
		}
		return p, nil
	case dupJoinMsg:
		st, ctx := p.store, p.c.Ctx
		return p, p.Cmd(func() tea.Msg {
			err := st.LinkParticipants(ctx, msg.from, msg.into)
			if err != nil {
				err = fmt.Errorf("join duplicates: %w", err)
			}
			return dupJoinedMsg{err: err}
		})
	case dupJoinedMsg:
		p.note, p.bad = p.c.Cat.T("tr.people.joined"), msg.err != nil
		if msg.err != nil {
			p.note = p.c.Cat.T("tr.class.err.save")
		}
		return p, p.Reload()
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Back):
			return p, p.Close()
		case key.Matches(msg, k.Up):
			p.cursor = max(0, p.cursor-1)
		case key.Matches(msg, k.Down):
			p.cursor = min(len(p.pairs)-1, p.cursor+1)
		case key.Matches(msg, k.Enter):
			return p, p.ask()
		}
	case tea.MouseClickMsg:
		if i, ok := p.scroll.Hit(msg.X, msg.Y); ok && msg.Button == tea.MouseLeft {
			p.cursor = i
			return p, p.ask()
		}
	case tea.MouseWheelMsg:
		p.scroll.Wheel(msg, 1)
	}
	return p, nil
}

// ask opens the confirmation for the pair under the cursor: the later
// record is joined into the earlier one.
func (p *dupsPage) ask() tea.Cmd {
	if p.cursor < 0 || p.cursor >= len(p.pairs) {
		return nil
	}
	cat, d := p.c.Cat, p.pairs[p.cursor]
	body := cat.F("tr.people.joinbody", trPersonLine(cat, d.B), trPersonLine(cat, d.A))
	return ui.Open(ui.NewConfirmDialog(p.c, cat.T("tr.people.joinq"), body,
		dupJoinMsg{from: d.B.ID, into: d.A.ID}))
}

func (p *dupsPage) layout() {
	st, cat := p.c.Styles, p.c.Cat
	lines := []string{st.Title.Render(cat.T("tr.home.dups"))}
	lines = append(lines, ui.Wrap(st.Subtle.Render(cat.T("tr.dups.intro")), p.w)...)
	if p.note != "" {
		style := st.Saved
		if p.bad {
			style = st.Error
		}
		lines = append(lines, ui.Wrap(style.Render(p.note), p.w)...)
	}
	lines = append(lines, "")
	switch {
	case p.store == nil:
		lines = append(lines, wrapErr(p.c, cat.T("tr.pin.broken"), p.w)...)
	case !p.loaded:
		lines = append(lines, st.Subtle.Render(cat.T("tr.loading")))
	case len(p.pairs) == 0:
		lines = append(lines, ui.Wrap(st.Text.Render(cat.T("tr.dups.none")), p.w)...)
	}
	var zones []ui.Zone
	sel := [2]int{0, 1}
	for i, d := range p.pairs {
		y := len(lines)
		a := ui.Truncate(ui.Itoa(i+1)+". "+trPersonLine(cat, d.A), max(8, p.w-2))
		b := ui.Truncate("   = "+trPersonLine(cat, d.B), max(8, p.w-2))
		if i == p.cursor {
			a, b = st.Selected.Render("▶ "+a), st.Selected.Render("  "+b)
			sel = [2]int{y, y + 2}
		} else {
			a, b = st.Unselected.Render("  "+a), st.Unselected.Render("  "+b)
		}
		lines = append(lines, a, b)
		zones = append(zones, ui.Zone{ID: i, Y0: y, Y1: y + 2})
	}
	p.scroll.Set(lines, zones)
	p.scroll.SetHeight(p.h)
	if p.cursor == 0 {
		sel[0] = 0 // keep the title in view at the top
	}
	p.scroll.Show(sel[0], sel[1])
	p.frame = p.scroll.View(st, cat)
}

// Update handles msg, then lays the page out again.
func (p *dupsPage) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	c, cmd := p.update(msg)
	p.layout()
	return c, cmd
}

// View shows the frame layout made.
func (p *dupsPage) View() string { return p.frame }
