package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// ConfirmDialog asks a yes/no question on top of a screen. Yes sends onYes
// (after closing the dialog); No, Esc or "2" just close it. "No" has the
// focus first, so a stray Enter never ends anything.
type ConfirmDialog struct {
	Page
	c           *Common
	w, h        int
	title, body string
	onYes, onNo tea.Msg
	yes, no     string // the buttons' labels; "Có"/"Không" when empty
	focus       int    // 0 yes, 1 no
	lines       []string
	hits        Hits
}

// NewConfirmDialog asks title and body; yes sends onYes.
func NewConfirmDialog(c *Common, title, body string, onYes tea.Msg) *ConfirmDialog {
	return &ConfirmDialog{c: c, title: title, body: body, onYes: onYes, focus: 1}
}

// WithNo makes the No button (and "2") send onNo after closing the
// dialog, for a question whose No goes on somewhere ("No, I am someone
// else"); Esc still only closes it.
func (d *ConfirmDialog) WithNo(onNo tea.Msg) *ConfirmDialog { d.onNo = onNo; return d }

// WithLabels names the two buttons for the question asked ("Đúng, là tôi"
// / "Không, tôi là người khác") instead of Có / Không.
func (d *ConfirmDialog) WithLabels(yes, no string) *ConfirmDialog { d.yes, d.no = yes, no; return d }

// Init starts nothing: the dialog only waits for an answer.
func (d *ConfirmDialog) Init() tea.Cmd { return nil }

// SetSize lays the dialog out for the content area.
func (d *ConfirmDialog) SetSize(w, h int) { d.w, d.h = w, h; d.layout() }

// HelpKeys are the keys the dialog answers to.
func (d *ConfirmDialog) HelpKeys() []key.Binding {
	k := d.c.Keys
	back := d.c.Cat.T("help.cancel")
	if d.onNo != nil {
		back = d.c.Cat.T("key.back") // Esc is not No here: it only closes the question
	}
	return []key.Binding{Relabel(k.Prev, "←/→", d.c.Cat.T("key.choose")), Relabel(k.Choose, "1/2", d.c.Cat.T("key.choose")), With(k.Enter, d.c.Cat.T("key.enter")), With(k.Back, back)}
}

// Update handles a key or a click, then lays the dialog out again.
func (d *ConfirmDialog) Update(msg tea.Msg) (Component, tea.Cmd) {
	cmd := d.update(msg)
	d.layout()
	return d, cmd
}

func (d *ConfirmDialog) update(msg tea.Msg) tea.Cmd {
	k := d.c.Keys
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Back):
			return d.Close()
		case key.Matches(msg, k.Prev, k.ShiftTab, k.Up):
			d.focus = 0
		case key.Matches(msg, k.Next, k.Tab, k.Down):
			d.focus = 1
		case key.Matches(msg, k.Enter):
			return d.answer(d.focus == 0)
		case key.Matches(msg, k.Choose):
			if n, _ := Digit(msg.String()); n <= 2 {
				return d.answer(n == 1)
			}
		}
	case tea.MouseClickMsg:
		if i, ok := d.hits.Hit(msg); ok {
			return d.answer(i == 0)
		}
	}
	return nil
}

func (d *ConfirmDialog) answer(yes bool) tea.Cmd {
	switch {
	case yes:
		return tea.Sequence(d.Close(), Send(d.onYes))
	case d.onNo != nil:
		return tea.Sequence(d.Close(), Send(d.onNo))
	}
	return d.Close()
}

// layout lays out the question and the buttons, with where they sit.
func (d *ConfirmDialog) layout() {
	st, cat := d.c.Styles, d.c.Cat
	var lines []string
	lines = append(lines, "", "")
	lines = append(lines, Wrap(st.Title.Render(d.title), d.w)...)
	lines = append(lines, "")
	lines = append(lines, Wrap(st.Text.Render(d.body), d.w)...)
	lines = append(lines, "")
	yes, no := cat.T("yes"), cat.T("no")
	if d.yes != "" {
		yes, no = d.yes, d.no
	}
	btn, pos := Buttons([]string{"1 " + yes, "2 " + no}, d.focus, d.w, st)
	d.hits = Hits{Top: len(lines), Buttons: pos}
	d.lines = append(lines, btn...)
}

// View shows the question and the buttons.
func (d *ConfirmDialog) View() string { return strings.Join(PadLines(d.lines, d.h), "\n") }
