package app

import (
	"kynangso/app/ui"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// finishScreen thanks the person; Enter, a click or a short wait brings the
// welcome screen for the next person. It shows no name or result.
type finishScreen struct {
	ui.Page
	c    *ui.Common
	w, h int
}

func newFinishScreen(c *ui.Common) *finishScreen { return &finishScreen{c: c} }

func (s *finishScreen) Init() tea.Cmd { return nil }

func (s *finishScreen) SetSize(w, h int) { s.w, s.h = w, h }

func (s *finishScreen) HelpKeys() []key.Binding {
	return []key.Binding{ui.With(s.c.Keys.Enter, s.c.Cat.T("help.continue"))}
}

func (s *finishScreen) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if key.Matches(msg, s.c.Keys.Enter) {
			return s, ui.Send(ui.ShowWelcomeMsg{})
		}
	case tea.MouseClickMsg:
		if msg.Button == tea.MouseLeft {
			return s, ui.Send(ui.ShowWelcomeMsg{})
		}
	}
	return s, nil
}

func (s *finishScreen) View() string {
	st, cat := s.c.Styles, s.c.Cat
	var lines []string
	lines = append(lines, ui.Wrap(st.Title.Render(cat.T("finish.title")), s.w)...)
	lines = append(lines, "")
	lines = append(lines, ui.Wrap(st.Text.Render(cat.T("finish.body")), s.w)...)
	lines = append(lines, "")
	lines = append(lines, ui.Wrap(st.Bold.Render(cat.T("finish.next")), s.w)...)
	top := max(0, (s.h-len(lines))/3)
	out := make([]string, top, s.h)
	return strings.Join(ui.PadLines(append(out, lines...), s.h), "\n")
}
