package trainer

import (
	"kynangso/app/ui"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"golang.org/x/text/unicode/norm"
)

// formKind is the kind of a form field.
type formKind int

const (
	formText   formKind = iota // a typed line
	formChoice                 // one of several options, ←/→
	formChecks                 // several options in a column: ↑/↓ move, Space ticks
)

// formField is one field of a trainer form.
type formField struct {
	label   string
	kind    formKind
	input   textinput.Model
	hint    string // shown under the field, subtle
	options []string
	choice  int    // formChoice: the option chosen
	checked []bool // formChecks: ticks
	cursor  int    // formChecks: the option under the cursor
	err     string
}

// value is the typed text, NFC and trimmed.
func (f *formField) value() string { return strings.TrimSpace(norm.NFC.String(f.input.Value())) }

// trainerForm lays out labelled fields and a submit button, moves between
// them with ↑/↓/Tab/Enter, scrolls when tall, and shows each field's error
// under it. In a column of options ↑/↓ move through the options like every
// other list, and leave the field past its ends; Tab and Enter go to the
// next field. Pages embed it and read the fields on submit.
type trainerForm struct {
	c      *ui.Common
	fields []*formField
	focus  int // len(fields) is the submit button
	submit string
	scroll ui.Scroller
	at     [][2]int
	w, h   int
	top    []string // lines above the fields (a title, an intro)
	bottom []string // lines under the button (an error)
}

func newTrainerForm(c *ui.Common, submit string) *trainerForm {
	return &trainerForm{c: c, submit: submit}
}

// text adds a typed field.
func (f *trainerForm) text(label, value, placeholder string, limit int) *formField {
	in := textinput.New()
	in.Prompt = "› "
	in.CharLimit = limit
	in.Placeholder = placeholder
	// Values come from the store; whatever reached it, no control or bidi
	// character is put on screen or kept when the form is saved again.
	in.SetValue(ui.CleanLine(value))
	in.SetStyles(f.c.Styles.Input)
	fd := &formField{label: label, kind: formText, input: in}
	f.fields = append(f.fields, fd)
	return fd
}

// choice adds a one-of-several field.
func (f *trainerForm) choice(label string, options []string, chosen int) *formField {
	fd := &formField{label: label, kind: formChoice, options: options, choice: chosen}
	f.fields = append(f.fields, fd)
	return fd
}

// checks adds a tick-several field.
func (f *trainerForm) checks(label string, options []string, checked []bool) *formField {
	fd := &formField{label: label, kind: formChecks, options: options, checked: checked}
	f.fields = append(f.fields, fd)
	return fd
}

// focusCmd focuses the current text input and blurs the others.
func (f *trainerForm) focusCmd() tea.Cmd {
	var cmd tea.Cmd
	for i, fd := range f.fields {
		if fd.kind != formText {
			continue
		}
		if i == f.focus {
			cmd = fd.input.Focus()
		} else {
			fd.input.Blur()
		}
	}
	return cmd
}

func (f *trainerForm) setSize(w, h int) {
	f.w, f.h = w, h
	for _, fd := range f.fields {
		fd.input.SetWidth(max(8, w-7)) // indent 4, prompt 2, cursor 1
	}
}

func (f *trainerForm) move(d int) tea.Cmd {
	n := len(f.fields) + 1
	f.focus = (f.focus + d + n) % n
	// A column of options is entered at the end the focus comes from.
	if f.focus < len(f.fields) && f.fields[f.focus].kind == formChecks {
		fd := f.fields[f.focus]
		fd.cursor = 0
		if d < 0 {
			fd.cursor = max(0, len(fd.options)-1)
		}
	}
	return f.focusCmd()
}

// stepChecks moves the cursor of a column of options with ↓/↑, and to the
// next or previous field past its last or first option.
func (f *trainerForm) stepChecks(fd *formField, msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, f.c.Keys.Down) {
		if fd.cursor >= len(fd.options)-1 {
			return f.move(1)
		}
		fd.cursor++
		return nil
	}
	if fd.cursor <= 0 {
		return f.move(-1)
	}
	fd.cursor--
	return nil
}

// helpKeys are the keys the focused field answers to. Enter says where it
// goes: to the next field, to the button from the last field ("Enter: to
// the Open class button"), or the button's own action.
func (f *trainerForm) helpKeys(back string) []key.Binding {
	k, cat := f.c.Keys, f.c.Cat
	keys := []key.Binding{ui.With(k.Down, cat.T("key.tab")), ui.With(k.Up, cat.T("key.shifttab"))}
	if f.focus < len(f.fields) && f.fields[f.focus].kind == formChecks {
		keys = []key.Binding{ui.Relabel(k.Down, "↑/↓", cat.T("tr.form.move")), ui.With(k.Toggle, cat.T("key.toggle")),
			ui.With(k.Tab, cat.T("key.tab")), ui.With(k.ShiftTab, cat.T("key.shifttab"))}
	}
	enter := cat.T("help.continue")
	switch {
	case f.focus == len(f.fields):
		enter = f.submit
	case f.focus == len(f.fields)-1:
		enter = cat.F("tr.form.tobutton", f.submit)
	}
	if f.focus < len(f.fields) {
		switch f.fields[f.focus].kind {
		case formChoice:
			keys = append(keys, ui.Relabel(k.Prev, "←/→", cat.T("key.choose")))
		}
	}
	return append(keys, ui.With(k.Enter, enter), ui.With(k.Back, back))
}

// update handles a message; it reports true when the form was submitted.
func (f *trainerForm) update(msg tea.Msg) (tea.Cmd, bool) {
	k := f.c.Keys
	var cur *formField
	if f.focus < len(f.fields) {
		cur = f.fields[f.focus]
	}
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if cur != nil && cur.kind == formChecks && len(cur.options) > 0 && key.Matches(msg, k.Down, k.Up) {
			return f.stepChecks(cur, msg), false
		}
		switch {
		case key.Matches(msg, k.Down, k.Tab):
			return f.move(1), false
		case key.Matches(msg, k.Up, k.ShiftTab):
			return f.move(-1), false
		case key.Matches(msg, k.Enter):
			if cur == nil {
				return nil, true
			}
			return f.move(1), false
		}
		if cur != nil && cur.kind == formChoice && len(cur.options) > 0 {
			switch {
			case key.Matches(msg, k.Prev):
				cur.choice = (cur.choice + len(cur.options) - 1) % len(cur.options)
			case key.Matches(msg, k.Next):
				cur.choice = (cur.choice + 1) % len(cur.options)
			}
			return nil, false
		}
		if cur != nil && cur.kind == formChecks && len(cur.options) > 0 {
			switch {
			case key.Matches(msg, k.Prev):
				cur.cursor = max(0, cur.cursor-1)
			case key.Matches(msg, k.Next):
				cur.cursor = min(len(cur.options)-1, cur.cursor+1)
			case key.Matches(msg, k.Toggle):
				cur.checked[cur.cursor] = !cur.checked[cur.cursor]
			case key.Matches(msg, k.Choose):
				if n, ok := ui.Digit(msg.String()); ok && n <= len(cur.options) {
					cur.cursor = n - 1
					cur.checked[n-1] = !cur.checked[n-1]
				}
			}
			return nil, false
		}
	case tea.MouseClickMsg:
		if id, ok := f.scroll.Hit(msg.X, msg.Y); ok && msg.Button == tea.MouseLeft {
			return f.click(id)
		}
		return nil, false
	case tea.MouseWheelMsg:
		f.scroll.Wheel(msg, 1)
		return nil, false
	}
	if cur != nil && cur.kind == formText {
		var cmd tea.Cmd
		cur.input, cmd = cur.input.Update(msg)
		return cmd, false
	}
	return nil, false
}

// click zone ids: field*100 + option; the button is len(fields)*100.
func (f *trainerForm) click(id int) (tea.Cmd, bool) {
	i, opt := id/100, id%100
	if i >= len(f.fields) {
		f.focus = len(f.fields)
		return f.focusCmd(), true
	}
	f.focus = i
	switch fd := f.fields[i]; fd.kind {
	case formChoice:
		if opt < len(fd.options) {
			fd.choice = opt
		}
	case formChecks:
		if opt < len(fd.options) && opt >= 0 && id%100 != 99 {
			fd.cursor, fd.checked[opt] = opt, !fd.checked[opt]
		}
	}
	return f.focusCmd(), false
}

// saved is a form page's answer to its save: on an error, errText under
// the button and the page stays; otherwise done (closing the page).
func (f *trainerForm) saved(err error, errText string, done tea.Cmd) tea.Cmd {
	if err != nil {
		f.bottom = wrapErr(f.c, errText, f.w)
		return nil
	}
	return done
}

// firstError focuses the first field with an error and reports whether any.
func (f *trainerForm) firstError() (tea.Cmd, bool) {
	for i, fd := range f.fields {
		if fd.err != "" {
			f.focus = i
			return f.focusCmd(), true
		}
	}
	return nil, false
}

func (f *trainerForm) view() string {
	st := f.c.Styles
	lines := append([]string{}, f.top...)
	var zones []ui.Zone
	f.at = make([][2]int, len(f.fields)+1)
	for i, fd := range f.fields {
		y := len(lines)
		mark := "  "
		if i == f.focus {
			mark = "▶ "
		}
		lines = append(lines, st.Bold.Render(mark+fd.label))
		zones = append(zones, ui.Zone{ID: i*100 + 99, Y0: y, Y1: y + 1})
		lines, zones = f.fieldBody(fd, i, lines, zones)
		if fd.hint != "" {
			lines = append(lines, ui.Hang("    ", st.Subtle.Render(fd.hint), f.w)...)
		}
		if fd.err != "" {
			lines = append(lines, ui.Hang("    ✗ ", st.Error.Render(fd.err), f.w)...)
		}
		f.at[i] = [2]int{y, len(lines)}
	}
	lines = append(lines, "")
	focus := -1
	if f.focus == len(f.fields) {
		focus = 0
	}
	btn, pos := ui.Buttons([]string{f.submit}, focus, f.w, st)
	n := len(f.fields)
	zones = append(zones, ui.Zone{ID: n * 100, Y0: len(lines), Y1: len(lines) + 1, X0: pos[0].X0, X1: pos[0].X1})
	f.at[n] = [2]int{len(lines), len(lines) + 1}
	lines = append(lines, btn...)
	lines = append(lines, f.bottom...)
	f.scroll.Set(lines, zones)
	f.scroll.SetHeight(f.h)
	r := f.at[f.focus]
	switch f.focus {
	case n:
		r[1] = len(lines) // show the error under the button too
	case n - 1:
		r[1] = f.at[n][1] // the last field: show the button Enter goes to
	}
	f.scroll.Show(r[0], r[1])
	return f.scroll.View(st, f.c.Cat)
}

// fieldBody renders the input or options of field i.
func (f *trainerForm) fieldBody(fd *formField, i int, lines []string, zones []ui.Zone) ([]string, []ui.Zone) {
	st := f.c.Styles
	focused := i == f.focus
	switch fd.kind {
	case formText:
		lines = append(lines, "    "+fd.input.View())
	case formChoice:
		x := 4
		var parts []string
		for j, o := range fd.options {
			p := "( ) " + o
			if j == fd.choice {
				p = "(•) " + o
			}
			switch {
			case j == fd.choice && focused:
				p = st.Selected.Render(p)
			case j == fd.choice:
				p = st.Bold.Render(p)
			default:
				p = st.Text.Render(p)
			}
			zones = append(zones, ui.Zone{ID: i*100 + j, Y0: len(lines), Y1: len(lines) + 1, X0: x, X1: x + lipgloss.Width(p)})
			x += lipgloss.Width(p) + 2
			parts = append(parts, p)
		}
		line := "    " + strings.Join(parts, "  ")
		if lipgloss.Width(line) > f.w { // one per line when narrow
			zones = zones[:len(zones)-len(parts)]
			for j, p := range parts {
				zones = append(zones, ui.Zone{ID: i*100 + j, Y0: len(lines), Y1: len(lines) + 1})
				lines = append(lines, "    "+p)
			}
			return lines, zones
		}
		lines = append(lines, line)
	case formChecks:
		for j, o := range fd.options {
			box := "[ ] "
			if fd.checked[j] {
				box = "[x] "
			}
			text := ui.Truncate(box+ui.Itoa(j+1)+". "+o, max(8, f.w-4))
			// The row under the cursor is marked ▶ as well as
			// highlighted, so it shows without colour (NO_COLOR).
			mark := "    "
			if focused && j == fd.cursor {
				mark, text = "  ▶ ", st.Selected.Render(text)
			} else {
				text = st.Text.Render(text)
			}
			zones = append(zones, ui.Zone{ID: i*100 + j, Y0: len(lines), Y1: len(lines) + 1})
			lines = append(lines, mark+text)
		}
	}
	return lines, zones
}
