package app

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// confirmDialog asks a yes/no question on top of a screen. Yes sends onYes
// (after closing the dialog); No, Esc or "2" just close it. "No" has the
// focus first, so a stray Enter never ends anything.
type confirmDialog struct {
	c           *Common
	w, h        int
	title, body string
	onYes       tea.Msg
	focus       int // 0 yes, 1 no
	btnY        int
	btns        []button
}

func newConfirmDialog(c *Common, title, body string, onYes tea.Msg) *confirmDialog {
	return &confirmDialog{c: c, title: title, body: body, onYes: onYes, focus: 1}
}

func (d *confirmDialog) Init() tea.Cmd { return nil }

func (d *confirmDialog) SetSize(w, h int) { d.w, d.h = w, h }

func (d *confirmDialog) HelpKeys() []key.Binding {
	k := d.c.Keys
	return []key.Binding{relabel(k.Prev, "←/→", d.c.Cat.T("key.choose")), relabel(k.Choose, "1/2", d.c.Cat.T("key.choose")), with(k.Enter, d.c.Cat.T("key.enter")), with(k.Back, d.c.Cat.T("help.cancel"))}
}

func (d *confirmDialog) Update(msg tea.Msg) (Component, tea.Cmd) {
	k := d.c.Keys
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Back):
			return d, send(popDialogMsg{})
		case key.Matches(msg, k.Prev, k.ShiftTab, k.Up):
			d.focus = 0
		case key.Matches(msg, k.Next, k.Tab, k.Down):
			d.focus = 1
		case key.Matches(msg, k.Enter):
			return d, d.answer(d.focus == 0)
		case key.Matches(msg, k.Choose):
			if n, _ := digit(msg.String()); n <= 2 {
				return d, d.answer(n == 1)
			}
		}
	case tea.MouseClickMsg:
		for i, b := range d.btns {
			if msg.Button == tea.MouseLeft && msg.Y-d.btnY == b.y && msg.X >= b.x0 && msg.X < b.x1 {
				return d, d.answer(i == 0)
			}
		}
	}
	return d, nil
}

func (d *confirmDialog) answer(yes bool) tea.Cmd {
	if yes {
		return tea.Sequence(send(popDialogMsg{}), send(d.onYes))
	}
	return send(popDialogMsg{})
}

func (d *confirmDialog) View() string {
	st, cat := d.c.Styles, d.c.Cat
	var lines []string
	lines = append(lines, "", "")
	lines = append(lines, wrap(st.Title.Render(d.title), d.w)...)
	lines = append(lines, "")
	lines = append(lines, wrap(st.Text.Render(d.body), d.w)...)
	lines = append(lines, "")
	btn, pos := buttons([]string{"1 " + cat.T("yes"), "2 " + cat.T("no")}, d.focus, d.w, st)
	d.btnY, d.btns = len(lines), pos
	lines = append(lines, btn...)
	return strings.Join(padLines(lines, d.h), "\n")
}
