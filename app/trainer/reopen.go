package trainer

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"kynangso/app/ui"
	"kynangso/results"
)

// reopenPage lists this laptop's closed classes, newest first; Enter asks
// to reopen the one under the cursor.
type reopenPage struct {
	ui.Page
	frame    string // the frame layout made, which View shows
	c        *ui.Common
	store    ui.SessionStore
	w, h     int
	list     pickList
	sessions []results.ClassSession
	loaded   bool
	note     string
	bad      bool
}

func newReopenPage(c *ui.Common) *reopenPage {
	p := &reopenPage{c: c}
	p.store = c.Stores.Sessions
	return p
}

func (p *reopenPage) Init() tea.Cmd {
	if p.store == nil {
		return nil
	}
	st, ctx := p.store, p.c.Ctx
	return p.Cmd(func() tea.Msg {
		ss, err := st.Sessions(ctx)
		return sessionsMsg{sessions: ss, err: err}
	})
}

func (p *reopenPage) SetSize(w, h int) { p.w, p.h = w, h; p.layout() }

func (p *reopenPage) HelpKeys() []key.Binding {
	k, cat := p.c.Keys, p.c.Cat
	return []key.Binding{ui.With(k.Scroll, cat.T("key.scroll")), ui.With(k.Enter, cat.T("tr.reopen.key")), k.Back}
}

func (p *reopenPage) update(msg tea.Msg) (ui.Component, tea.Cmd) {
	cat := p.c.Cat
	switch msg := msg.(type) {
	case sessionsMsg:
		p.loaded = true
		if msg.err != nil {
			p.note, p.bad = cat.T("tr.class.readerr"), true
			return p, nil
		}
		p.sessions = p.sessions[:0]
		var items []string
		for _, s := range msg.sessions {
			if !s.IsOpen() {
				p.sessions = append(p.sessions, s)
				items = append(items, classLabel(s)+p.place(s))
			}
		}
		p.list.setItems(items)
		return p, nil
	case reopenClassMsg:
		st, ctx, id := p.store, p.c.Ctx, msg.id
		return p, p.Cmd(func() tea.Msg {
			err := st.ReopenSession(ctx, id)
			if err != nil {
				err = fmt.Errorf("reopen class: %w", err)
			}
			return classReopenedMsg{err: err}
		})
	case classReopenedMsg:
		if msg.err != nil {
			p.note, p.bad = classErr(cat, msg.err), true
			return p, nil
		}
		return p, tea.Batch(ui.Send(ui.ClassChangedMsg{}), p.Close())
	case tea.KeyPressMsg:
		if key.Matches(msg, p.c.Keys.Back) {
			return p, p.Close()
		}
	}
	if i := p.list.update(msg, p.c.Keys); i >= 0 && i < len(p.sessions) {
		s := p.sessions[i]
		return p, ui.Open(ui.NewConfirmDialog(p.c, cat.T("tr.reopen.q"),
			cat.F("tr.reopen.body", classLabel(s)), p.To(reopenClassMsg{id: s.ID})))
	}
	return p, nil
}

func (p *reopenPage) place(s results.ClassSession) string {
	if s.Commune == "" {
		return ""
	}
	return " · " + ui.CleanLine(s.Commune)
}

func (p *reopenPage) layout() {
	st, cat := p.c.Styles, p.c.Cat
	head := []string{st.Title.Render(cat.T("tr.reopen.title"))}
	switch {
	case p.note != "" && p.bad:
		head = append(head, wrapErr(p.c, p.note, p.w)...)
	case !p.loaded:
		head = append(head, st.Subtle.Render(cat.T("tr.loading")))
	case len(p.sessions) == 0:
		head = append(head, ui.Wrap(st.Subtle.Render(cat.T("tr.reopen.none")), p.w)...)
	default:
		head = append(head, ui.Wrap(st.Subtle.Render(cat.T("tr.reopen.intro")), p.w)...)
	}
	p.list.head = append(head, "")
	p.frame = p.list.view(p.c, p.w, p.h, false)
}

// Update handles msg, then lays the page out again.
func (p *reopenPage) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	c, cmd := p.update(msg)
	p.layout()
	return c, cmd
}

// View shows the frame layout made.
func (p *reopenPage) View() string { return p.frame }
