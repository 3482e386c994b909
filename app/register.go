package app

import (
	"kynangso/app/ui"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"kynangso/flow"
)

// The register form's fields, in focus order: the flow's fields, then the
// button.
const (
	fieldName      = int(flow.FieldName)
	fieldYear      = int(flow.FieldYear)
	fieldGender    = int(flow.FieldGender)
	fieldVillage   = int(flow.FieldVillage)
	fieldHousehold = int(flow.FieldHousehold)
	fieldPhone     = int(flow.FieldPhone)
	fieldSubmit    = fieldPhone + 1
	fieldCount     = fieldSubmit + 1
)

// genders are the stored gender values in the order offered.
var genders = flow.Genders

// registerScreen is the new-learner form: full name, birth year, gender
// (optional), village (picked from the class's villages or typed), household
// and phone (optional). It validates on Continue and says what to fix next
// to each field.
type registerScreen struct {
	ui.Page
	frame    string // the frame layout made, which View shows
	c        *ui.Common
	w, h     int
	focus    int
	inputs   map[int]*textinput.Model // name, year, village (typed), household, phone
	gender   int                      // index into genders
	villages []string                 // the open class's villages
	// village is the index into villages, len(villages) for a typed name,
	// and noVillage until the person picks one: the first village is
	// never chosen for them, so Enter cannot file a resident of another
	// village under it.
	village int
	errs    map[int]string
	busy    bool   // looking for the same person already registered
	saveErr string // checking in as the same person did not work
	scroll  ui.Scroller
	fieldAt map[int][2]int // content lines of each field, to keep it in view
}

// noVillage is registerScreen.village before the person picks a village.
const noVillage = -1

func newRegisterScreen(c *ui.Common, name string) *registerScreen {
	s := &registerScreen{c: c, inputs: map[int]*textinput.Model{}, errs: map[int]string{}}
	for _, f := range []int{fieldName, fieldYear, fieldVillage, fieldHousehold, fieldPhone} {
		in := textinput.New()
		in.Prompt = "› "
		// A name is never cut: past results.MaxNameLen the form says it
		// is too long. The limit only stops a pasted page of text.
		in.CharLimit = ui.TypedLimit
		s.inputs[f] = &in
	}
	s.inputs[fieldYear].CharLimit = 4
	s.inputs[fieldPhone].CharLimit = 24 // "(+84) 912-345-678" and spaces
	s.inputs[fieldName].SetValue(name)
	if c.Visit.HasClass {
		for _, v := range c.Visit.Class.Villages {
			if v = ui.CleanLine(v); v != "" {
				s.villages = append(s.villages, v)
			}
		}
	}
	s.village = noVillage
	if len(s.villages) == 0 {
		s.village = 0 // no list: the typed name
	}
	s.placeholders()
	return s
}

// placeholders sets the grey hints inside optional inputs in the current language.
func (s *registerScreen) placeholders() {
	cat := s.c.Cat
	s.inputs[fieldYear].Placeholder = cat.T("register.year.ph")
	s.inputs[fieldHousehold].Placeholder = cat.T("register.hh.ph")
	s.inputs[fieldPhone].Placeholder = cat.T("register.optional")
}

func (s *registerScreen) Init() tea.Cmd { return s.focusCurrent() }

// focusCurrent focuses the input of the current field, if it has one.
func (s *registerScreen) focusCurrent() tea.Cmd {
	var cmd tea.Cmd
	for f, in := range s.inputs {
		if f == s.focus {
			cmd = in.Focus()
		} else {
			in.Blur()
		}
	}
	return cmd
}

func (s *registerScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	for _, in := range s.inputs {
		in.SetStyles(s.c.Styles.Input)
		in.SetWidth(max(8, w-s.labelWidth()-5))
	}
	s.layout()
}

func (s *registerScreen) HelpKeys() []key.Binding {
	k := s.c.Keys
	cat := s.c.Cat
	if s.inVillageList() {
		// The villages are a list: ↑/↓ move in it, Tab or Enter goes on.
		return []key.Binding{ui.Relabel(k.Down, "↑/↓", cat.T("key.choose")), ui.With(k.Tab, cat.T("key.tab")),
			ui.With(k.ShiftTab, cat.T("key.shifttab")), ui.With(k.Enter, cat.T("key.tab")), k.Back}
	}
	keys := []key.Binding{ui.With(k.Down, cat.T("key.tab")), ui.With(k.Up, cat.T("key.shifttab"))}
	if s.focus == fieldGender {
		keys = append(keys, ui.Relabel(k.Prev, "←/→", cat.T("key.choose")))
	}
	return append(keys, ui.With(k.Enter, cat.T("help.continue")), k.Back)
}

func (s *registerScreen) update(msg tea.Msg) (ui.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case samePeopleMsg:
		return s, s.onSame(msg)
	case checkInSameMsg:
		s.busy = true
		return s, s.Cmd(checkIn(s.c, msg.person))
	case checkinFailedMsg:
		s.busy, s.saveErr = false, s.c.Cat.T("checkin.saveerr")
		return s, nil
	case tea.KeyPressMsg:
		if s.busy {
			return s, nil
		}
		if cmd, done := s.onKey(msg); done {
			return s, cmd
		}
	case tea.MouseClickMsg:
		if id, ok := s.scroll.Hit(msg.X, msg.Y); ok && msg.Button == tea.MouseLeft {
			return s, s.click(id)
		}
		return s, nil
	case tea.MouseWheelMsg:
		s.scroll.Wheel(msg, 1)
		return s, nil
	}
	if in := s.currentInput(); in != nil {
		var cmd tea.Cmd
		*in, cmd = in.Update(msg)
		return s, cmd
	}
	return s, nil
}

// onKey moves between the fields and the options; it reports false for a
// key that belongs to the focused input.
func (s *registerScreen) onKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := s.c.Keys
	switch {
	case key.Matches(msg, k.Back):
		return s.leave(), true
	case s.inVillageList() && key.Matches(msg, k.Down, k.Up):
		return s.stepVillage(msg), true
	case key.Matches(msg, k.Down, k.Tab):
		return s.move(1), true
	case key.Matches(msg, k.Up, k.ShiftTab):
		return s.move(-1), true
	case key.Matches(msg, k.Enter):
		if s.focus == fieldSubmit {
			return s.submit(), true
		}
		return s.move(1), true
	case s.isOption() && key.Matches(msg, k.Prev):
		s.cycle(-1)
		return nil, true
	case s.isOption() && key.Matches(msg, k.Next):
		s.cycle(1)
		return nil, true
	}
	return nil, false
}

// currentInput is the focused text input, or nil on an option or the button.
// leave goes back to the search, asking first when anything was typed: Esc
// is easy to press by mistake, and a slow typist's form is precious.
func (s *registerScreen) leave() tea.Cmd {
	for _, in := range s.inputs {
		if strings.TrimSpace(in.Value()) != "" {
			cat := s.c.Cat
			d := ui.NewConfirmDialog(s.c, cat.T("register.leaveq"), cat.T("register.leavebody"), showCheckinMsg{})
			return ui.Open(d)
		}
	}
	return ui.Send(showCheckinMsg{})
}

func (s *registerScreen) currentInput() *textinput.Model {
	if s.focus == fieldVillage && s.village != len(s.villages) {
		return nil
	}
	return s.inputs[s.focus]
}

// inVillageList reports whether the focus is on the class's villages,
// which are a vertical list.
func (s *registerScreen) inVillageList() bool {
	return s.focus == fieldVillage && len(s.villages) > 0
}

// stepVillage moves the choice down or up the villages with ↓/↑, like
// every other list, and leaves the list past either end. The first ↓ into
// an untouched list picks the first village; nothing is picked before.
func (s *registerScreen) stepVillage(msg tea.KeyPressMsg) tea.Cmd {
	last := len(s.villages) // "another village (type it)"
	if key.Matches(msg, s.c.Keys.Down) {
		if s.village >= last {
			return s.move(1)
		}
		s.village++
		return s.focusCurrent()
	}
	if s.village <= 0 {
		return s.move(-1)
	}
	s.village--
	return s.focusCurrent()
}

func (s *registerScreen) isOption() bool {
	return s.focus == fieldGender || (s.focus == fieldVillage && len(s.villages) > 0)
}

func (s *registerScreen) move(d int) tea.Cmd {
	s.focus = (s.focus + d + fieldCount) % fieldCount
	return s.focusCurrent()
}

func (s *registerScreen) cycle(d int) {
	if s.focus == fieldGender {
		s.gender = (s.gender + d + len(genders)) % len(genders)
		return
	}
	n := len(s.villages) + 1
	switch {
	case s.village != noVillage:
		s.village = (s.village + d + n) % n
	case d > 0:
		s.village = 0
	default:
		s.village = n - 1
	}
	s.focusCurrent()
}

// Click zone ids: field*100 + option index.
func (s *registerScreen) click(id int) tea.Cmd {
	f, opt := id/100, id%100
	s.focus = f
	switch f {
	case fieldGender:
		s.gender = opt
	case fieldVillage:
		if len(s.villages) > 0 {
			s.village = opt
		}
	case fieldSubmit:
		return s.submit()
	}
	return s.focusCurrent()
}

// submit validates the form and looks for the same person already
// registered, or shows what to fix.
func (s *registerScreen) submit() tea.Cmd {
	village := ""
	switch {
	case s.village == noVillage:
	case s.village < len(s.villages):
		village = s.villages[s.village]
	default:
		village = s.inputs[fieldVillage].Value()
	}
	form := flow.Registration{
		Name: s.inputs[fieldName].Value(), Year: s.inputs[fieldYear].Value(), Gender: genders[s.gender],
		Village: village, Household: s.inputs[fieldHousehold].Value(), Phone: s.inputs[fieldPhone].Value(),
	}
	p, errs := ui.ValidateForm(s.c.Cat, form, s.c.Now().Year())
	s.errs = errs
	if len(errs) > 0 {
		for f := range fieldCount {
			if _, bad := errs[f]; bad {
				s.focus = f
				break
			}
		}
		return s.focusCurrent()
	}
	s.busy, s.saveErr = true, ""
	return s.Cmd(findSamePeople(s.c, p))
}

// onSame asks "Is this you?" when someone with the same name, birth year
// and village is already registered, before a second record is made; with
// nobody (or when the lookup failed) the form goes on to consent.
func (s *registerScreen) onSame(msg samePeopleMsg) tea.Cmd {
	s.busy = false
	if msg.err != nil || len(msg.people) == 0 {
		return ui.Send(showConsentMsg{draft: msg.draft})
	}
	cat, x := s.c.Cat, msg.people[0]
	d := ui.NewConfirmDialog(s.c, cat.F("register.sameq", sameLine(cat, x)), cat.T("register.samebody"),
		s.To(checkInSameMsg{person: x})).WithNo(s.To(showConsentMsg{draft: msg.draft})).
		WithLabels(cat.T("register.sameyes"), cat.T("register.sameno"))
	return ui.Open(d)
}

func (s *registerScreen) labelWidth() int {
	w := 0
	for _, k := range []string{"register.name", "register.year", "register.gender", "register.village", "register.household", "register.phone"} {
		w = max(w, lipgloss.Width(s.c.Cat.T(k)))
	}
	return w + 2
}

func (s *registerScreen) layout() {
	st, cat := s.c.Styles, s.c.Cat
	s.placeholders()
	lw := s.labelWidth()
	var lines []string
	var zones []ui.Zone
	s.fieldAt = map[int][2]int{}
	label := func(f int, key string) string {
		mark := "  "
		if f == s.focus {
			mark = "▶ "
		}
		l := mark + cat.T(key)
		return st.Bold.Render(l) + strings.Repeat(" ", max(1, lw+2-lipgloss.Width(l)))
	}
	field := func(f int, key string, body []string, opts []ui.Zone) {
		y := len(lines)
		for i, b := range body {
			if i == 0 {
				lines = append(lines, label(f, key)+b)
			} else {
				lines = append(lines, strings.Repeat(" ", lw+2)+b)
			}
		}
		if e, ok := s.errs[f]; ok {
			lines = append(lines, ui.Hang(strings.Repeat(" ", lw+2)+"✗ ", st.Error.Render(e), s.w)...)
		}
		for _, z := range opts {
			z.Y0, z.Y1 = z.Y0+y, z.Y1+y
			zones = append(zones, z)
		}
		zones = append(zones, ui.Zone{ID: f * 100, Y0: y, Y1: y + 1, X0: 0, X1: lw + 2})
		s.fieldAt[f] = [2]int{y, len(lines)}
	}
	lines = append(lines, st.Title.Render(cat.T("register.title")), "")
	field(fieldName, "register.name", []string{s.inputs[fieldName].View()}, nil)
	field(fieldYear, "register.year", []string{s.inputs[fieldYear].View()}, nil)
	g, gz := s.genderView(lw + 2)
	field(fieldGender, "register.gender", g, gz)
	v, vz := s.villageView(lw + 2)
	field(fieldVillage, "register.village", v, vz)
	field(fieldHousehold, "register.household", []string{s.inputs[fieldHousehold].View()}, nil)
	field(fieldPhone, "register.phone", []string{s.inputs[fieldPhone].View()}, nil)
	lines = append(lines, "")
	if len(s.errs) > 0 {
		lines = append(lines, ui.Wrap(st.Error.Render(cat.T("register.fix")), s.w)...)
	}
	focus := -1
	if s.focus == fieldSubmit {
		focus = 0
	}
	btn, pos := ui.Buttons([]string{cat.T("register.next")}, focus, s.w, st)
	zones = append(zones, ui.Zone{ID: fieldSubmit * 100, Y0: len(lines), Y1: len(lines) + 1, X0: pos[0].X0, X1: pos[0].X1})
	s.fieldAt[fieldSubmit] = [2]int{len(lines), len(lines) + 1}
	lines = append(lines, btn...)
	if s.busy {
		lines = append(lines, st.Subtle.Render(cat.T("register.looking")))
	}
	if s.saveErr != "" {
		lines = append(lines, ui.Wrap(st.Error.Render("✗ "+s.saveErr), s.w)...)
	}
	s.scroll.Set(lines, zones)
	s.scroll.SetHeight(s.h)
	if r, ok := s.fieldAt[s.focus]; ok {
		s.scroll.Show(r[0], r[1])
	}
	s.frame = s.scroll.View(st, cat)
}

// radio renders an option with a (•) mark when chosen, bold when focused.
func (s *registerScreen) radio(on, focused bool, text string) string {
	st := s.c.Styles
	m := "( ) "
	if on {
		m = "(•) "
	}
	if on && focused {
		return st.Selected.Render(m + text)
	}
	if on {
		return st.Bold.Render(m + text)
	}
	return st.Text.Render(m + text)
}

// genderView lays the gender options on one line, or one per line when
// narrow; x0 is the column the options start at.
func (s *registerScreen) genderView(x0 int) ([]string, []ui.Zone) {
	var parts []string
	for i, g := range []string{"register.g.unset", "register.g.male", "register.g.female", "register.g.other"} {
		parts = append(parts, s.radio(i == s.gender, s.focus == fieldGender, s.c.Cat.T(g)))
	}
	line := strings.Join(parts, "  ")
	if x0+lipgloss.Width(line) <= s.w {
		var zs []ui.Zone
		x := x0
		for i, p := range parts {
			zs = append(zs, ui.Zone{ID: fieldGender*100 + i, Y0: 0, Y1: 1, X0: x, X1: x + lipgloss.Width(p)})
			x += lipgloss.Width(p) + 2
		}
		return []string{line}, zs
	}
	var zs []ui.Zone
	for i := range parts {
		zs = append(zs, ui.Zone{ID: fieldGender*100 + i, Y0: i, Y1: i + 1, X0: x0, X1: s.w})
	}
	return parts, zs
}

// villageView lists the class's villages as options, the last one being a
// typed name; with no class villages it is just the input.
func (s *registerScreen) villageView(x0 int) ([]string, []ui.Zone) {
	in := s.inputs[fieldVillage]
	if len(s.villages) == 0 {
		return []string{in.View()}, nil
	}
	focused := s.focus == fieldVillage
	var lines []string
	var zs []ui.Zone
	for i, v := range s.villages {
		lines = append(lines, s.radio(i == s.village, focused, ui.Truncate(v, max(4, s.w-x0-4))))
		zs = append(zs, ui.Zone{ID: fieldVillage*100 + i, Y0: i, Y1: i + 1, X0: x0, X1: s.w})
	}
	n := len(s.villages)
	other := s.radio(s.village == n, focused, s.c.Cat.T("register.v.other"))
	lines = append(lines, other)
	zs = append(zs, ui.Zone{ID: fieldVillage*100 + n, Y0: n, Y1: n + 2, X0: x0, X1: s.w})
	if s.village == n {
		lines = append(lines, "    "+in.View())
	}
	return lines, zs
}

// Update handles msg, then lays the page out again.
func (s *registerScreen) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	c, cmd := s.update(msg)
	s.layout()
	return c, cmd
}

// View shows the frame layout made.
func (s *registerScreen) View() string { return s.frame }
