package app

import (
	"kynangso/app/ui"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"kynangso/flow"
	"kynangso/results"
)

// checkinScreen lets a person find their name by typing part of it
// (accents optional), or register as new. No names are listed until two
// letters are typed, so neither the previous person's search nor half the
// village shows to whoever sits down.
type checkinScreen struct {
	ui.Page
	frame  string // the frame layout made, which View shows
	c      *ui.Common
	w, h   int
	input  textinput.Model
	people []results.Participant
	cursor int // 0..len(people)+1: then "register as new", then "try without a name"
	query  string
	busy   bool // a check-in is being saved
	err    string
	failed results.Participant // created but not checked in; retried on Enter
	scroll ui.Scroller
}

func newCheckinScreen(c *ui.Common) *checkinScreen {
	in := textinput.New()
	in.Prompt = "› "
	in.CharLimit = 80
	in.SetStyles(c.Styles.Input)
	s := &checkinScreen{c: c, input: in}
	return s
}

func (s *checkinScreen) Init() tea.Cmd { return s.input.Focus() }

func (s *checkinScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	s.input.SetStyles(s.c.Styles.Input)
	s.input.SetWidth(max(10, w-4))
	s.layout()
}

func (s *checkinScreen) HelpKeys() []key.Binding {
	k := s.c.Keys
	return []key.Binding{k.Up, k.Down, ui.With(k.Enter, s.c.Cat.T("key.enter")), k.Back}
}

func (s *checkinScreen) update(msg tea.Msg) (ui.Component, tea.Cmd) {
	k := s.c.Keys
	switch msg := msg.(type) {
	case searchDoneMsg:
		if msg.query != strings.TrimSpace(s.input.Value()) {
			return s, nil // an older search finished late
		}
		s.people, s.err = msg.people, ""
		if msg.err != nil {
			s.people, s.err = nil, s.c.Cat.T("checkin.searcherr")
		}
		s.cursor = min(s.cursor, s.lastRow())
		return s, nil
	case checkinFailedMsg:
		s.busy, s.failed, s.err = false, msg.participant, s.c.Cat.T("checkin.saveerr")
		return s, nil
	case tea.MouseClickMsg:
		if id, ok := s.scroll.Hit(msg.X, msg.Y-s.listTop()); ok && msg.Button == tea.MouseLeft {
			s.cursor = id
			return s, s.choose()
		}
		return s, nil
	case tea.MouseWheelMsg:
		s.moveWheel(msg)
		return s, nil
	case tea.KeyPressMsg:
		if s.busy {
			return s, nil
		}
		switch {
		case key.Matches(msg, k.Back):
			return s, ui.Send(ui.ShowWelcomeMsg{})
		case key.Matches(msg, k.Up):
			s.cursor = max(0, s.cursor-1)
			return s, nil
		case key.Matches(msg, k.Down):
			s.cursor = min(s.lastRow(), s.cursor+1)
			return s, nil
		case key.Matches(msg, k.Enter):
			return s, s.choose()
		}
	}
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	return s, tea.Batch(cmd, s.search())
}

func (s *checkinScreen) moveWheel(msg tea.MouseWheelMsg) {
	s.cursor = max(0, min(s.lastRow(), s.cursor+ui.WheelStep(msg)))
}

// lastRow is the row of "try without a name", the last of the list.
func (s *checkinScreen) lastRow() int { return len(s.people) + 1 }

// search starts a search when the typed text changed.
func (s *checkinScreen) search() tea.Cmd {
	q := strings.TrimSpace(s.input.Value())
	if q == s.query {
		return nil
	}
	s.query, s.cursor = q, 0
	if flow.TooShort(q) {
		s.people = nil
		return nil
	}
	return s.Cmd(searchPeople(s.c, q))
}

// choose checks in the highlighted person, or opens registration.
func (s *checkinScreen) choose() tea.Cmd {
	if s.failed.ID != "" {
		s.busy, s.err = true, ""
		return s.Cmd(checkIn(s.c, s.failed))
	}
	if s.err != "" && s.query != "" && s.people == nil {
		s.err, s.query = "", ""
		return s.search()
	}
	switch {
	case s.cursor < len(s.people):
		s.busy, s.err = true, ""
		return s.Cmd(checkIn(s.c, s.people[s.cursor]))
	case s.cursor == s.lastRow():
		s.busy, s.err = true, ""
		return s.Cmd(walkIn(s.c))
	}
	return ui.Send(showRegisterMsg{name: ui.CleanLine(s.input.Value())})
}

// listTop is the first row of the list under the input.
func (s *checkinScreen) listTop() int { return 5 }

func (s *checkinScreen) layout() {
	st, cat := s.c.Styles, s.c.Cat
	head := []string{
		st.Title.Render(cat.T("checkin.title")),
		ui.Truncate(st.Text.Render(cat.T("checkin.prompt")), s.w),
		s.input.View(),
		ui.Truncate(st.Subtle.Render(cat.T("checkin.hint")), s.w),
		"",
	}
	var lines []string
	var zones []ui.Zone
	for i, p := range s.people {
		y := len(lines)
		lines = append(lines, s.row(i, personLine(cat, p))...)
		zones = append(zones, ui.Zone{ID: i, Y0: y, Y1: len(lines)})
	}
	switch {
	case s.query != "" && flow.TooShort(s.query):
		lines = append(lines, ui.Wrap(st.Subtle.Render(cat.T("checkin.more")), s.w)...)
	case s.query != "" && len(s.people) == 0 && s.err == "":
		lines = append(lines, ui.Wrap(st.Subtle.Render(cat.T("checkin.none")), s.w)...)
	}
	y := len(lines)
	lines = append(lines, s.row(len(s.people), cat.T("checkin.new"))...)
	zones = append(zones, ui.Zone{ID: len(s.people), Y0: y, Y1: len(lines)})
	y = len(lines)
	lines = append(lines, s.row(s.lastRow(), cat.T("checkin.walkin"))...)
	lines = append(lines, ui.Hang("  ", st.Subtle.Render(cat.T("checkin.walkinhint")), s.w)...)
	zones = append(zones, ui.Zone{ID: s.lastRow(), Y0: y, Y1: len(lines)})
	if s.busy {
		lines = append(lines, "", st.Subtle.Render(cat.T("checkin.working")))
	}
	if s.err != "" {
		lines = append(lines, "")
		lines = append(lines, ui.Wrap(st.Error.Render("✗ "+s.err), s.w)...)
	}
	s.scroll.Set(lines, zones)
	s.scroll.SetHeight(s.h - len(head))
	if s.cursor < len(zones) {
		s.scroll.Show(zones[s.cursor].Y0, zones[s.cursor].Y1)
	}
	s.frame = strings.Join(head, "\n") + "\n" + s.scroll.View(st, cat)
}

// row renders one list row with a ▶ marker when it is highlighted.
func (s *checkinScreen) row(i int, text string) []string {
	st := s.c.Styles
	if i == s.cursor {
		lines := ui.Hang("▶ ", text, s.w)
		for j := range lines {
			lines[j] = st.Selected.Render(lines[j])
		}
		return lines
	}
	lines := ui.Hang("  ", text, s.w)
	for j := range lines {
		lines[j] = st.Unselected.Render(lines[j])
	}
	return lines
}

// personLine is "Nguyễn Thị Lan · sinh 1958 · Buôn Ako Dhông", cleaned.
func personLine(cat ui.Catalog, p results.Participant) string {
	parts := []string{ui.CleanLine(p.FullName)}
	if p.BirthYear > 0 {
		parts = append(parts, cat.F("checkin.born", p.BirthYear))
	}
	if v := ui.CleanLine(p.Village); v != "" {
		parts = append(parts, v)
	}
	return strings.Join(parts, " · ")
}

// Update handles msg, then lays the page out again.
func (s *checkinScreen) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	c, cmd := s.update(msg)
	s.layout()
	return c, cmd
}

// View shows the frame layout made.
func (s *checkinScreen) View() string { return s.frame }
