package app

import (
	"kynangso/app/ui"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// welcomeScreen greets whoever sits down: the app's name, today's class,
// one Start button and the language switch. Nothing of the previous person
// is shown here.
type welcomeScreen struct {
	ui.Page
	frame string // the frame layout made, which View shows
	c     *ui.Common
	w, h  int
	// where the start button and the two languages are
	start, lang ui.Hits
}

func newWelcomeScreen(c *ui.Common) *welcomeScreen { return &welcomeScreen{c: c} }

func (s *welcomeScreen) Init() tea.Cmd { return nil }

func (s *welcomeScreen) SetSize(w, h int) { s.w, s.h = w, h; s.layout() }

func (s *welcomeScreen) HelpKeys() []key.Binding {
	k := s.c.Keys
	return []key.Binding{ui.With(k.Enter, s.c.Cat.T("help.start")), k.Lang, k.Trainer}
}

func (s *welcomeScreen) update(msg tea.Msg) (ui.Component, tea.Cmd) {
	k := s.c.Keys
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Enter):
			return s, ui.Send(showCheckinMsg{})
		case key.Matches(msg, k.Lang):
			s.toggleLang()
		case key.Matches(msg, k.Trainer):
			return s, ui.Send(ui.ShowTrainerMsg{})
		}
	case tea.MouseClickMsg:
		if _, ok := s.start.Hit(msg); ok {
			return s, ui.Send(showCheckinMsg{})
		}
		if i, ok := s.lang.Hit(msg); ok {
			s.c.SetLang([]string{ui.LangVI, ui.LangEN}[i])
		}
	}
	return s, nil
}

func (s *welcomeScreen) toggleLang() {
	if s.c.Lang() == ui.LangVI {
		s.c.SetLang(ui.LangEN)
	} else {
		s.c.SetLang(ui.LangVI)
	}
}

// View centres the greeting vertically; the positions of the start button
// and the language switch are remembered for clicks.
func (s *welcomeScreen) layout() {
	st, cat, v := s.c.Styles, s.c.Cat, s.c.Visit
	var lines []string
	add := func(l ...string) { lines = append(lines, l...) }
	add(ui.Wrap(st.Title.Render(cat.T("welcome.title")), s.w)...)
	add(ui.Wrap(st.Text.Render(cat.T("welcome.sub")), s.w)...)
	add("")
	if v.HasClass {
		add(ui.Wrap(st.Bold.Render(cat.F("welcome.class", ui.CleanLine(v.Class.Title))), s.w)...)
		place := strings.Join(ui.NonEmpty(v.Class.Commune, strings.Join(v.Class.Villages, ", ")), " · ")
		if place != "" {
			add(ui.Wrap(st.Text.Render(cat.F("welcome.place", ui.CleanLine(place))), s.w)...)
		}
	} else {
		add(ui.Wrap(st.Subtle.Render(cat.T("welcome.noclass")), s.w)...)
	}
	add("")
	btn, pos := ui.Buttons([]string{cat.T("welcome.start")}, 0, s.w, st)
	startAt := len(lines)
	add(btn...)
	add(ui.Wrap(st.Subtle.Render(cat.T("welcome.press")), s.w)...)
	add("")
	langAt := len(lines)
	langLine, vi, en := s.langSwitch()
	add(langLine)

	top := max(0, (s.h-len(lines))/3)
	s.start = ui.Hits{Top: top + startAt, Buttons: pos[:1]}
	s.lang = ui.Hits{Top: top + langAt, Buttons: []ui.Button{vi, en}}
	out := make([]string, 0, s.h)
	for range top {
		out = append(out, "")
	}
	s.frame = strings.Join(ui.PadLines(append(out, lines...), s.h), "\n")
}

// langSwitch renders "Ngôn ngữ: (•) Tiếng Việt  ( ) English" with where each
// option sits.
func (s *welcomeScreen) langSwitch() (string, ui.Button, ui.Button) {
	st := s.c.Styles
	mark := func(on bool, name string) string {
		if on {
			return st.Bold.Render("(•) " + name)
		}
		return st.Text.Render("( ) " + name)
	}
	label := st.Subtle.Render(s.c.Cat.T("welcome.lang")) + " "
	a := mark(s.c.Lang() == ui.LangVI, "Tiếng Việt")
	b := mark(s.c.Lang() == ui.LangEN, "English")
	x0 := lipgloss.Width(label)
	vi := ui.Button{X0: x0, X1: x0 + lipgloss.Width(a)}
	en := ui.Button{X0: vi.X1 + 2, X1: vi.X1 + 2 + lipgloss.Width(b)}
	return label + a + "  " + b, vi, en
}

// Update handles msg, then lays the page out again.
func (s *welcomeScreen) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	c, cmd := s.update(msg)
	s.layout()
	return c, cmd
}

// View shows the frame layout made.
func (s *welcomeScreen) View() string { return s.frame }
