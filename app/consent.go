package app

import (
	"kynangso/app/ui"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"kynangso/results"
)

// consentScreen explains in plain words what is kept, why, who sees it and
// how to have it deleted, then asks. Agreeing stores the person under their
// name with results.ConsentVersion; declining stores an anonymous
// participant who can still learn and take quizzes.
type consentScreen struct {
	ui.Page
	frame  string // the frame layout made, which View shows
	c      *ui.Common
	w, h   int
	draft  results.Participant
	focus  int  // -1 nothing chosen yet, 0 agree, 1 decline
	ask    bool // Enter was pressed before choosing: say how to choose
	busy   bool
	err    string
	failed results.Participant // created but not checked in
	agreed bool
	scroll ui.Scroller
	hits   ui.Hits // where the buttons are
}

func newConsentScreen(c *ui.Common, draft results.Participant) *consentScreen {
	// Nothing is chosen at first: consent must be an explicit choice
	// (Law 91/2025), so Enter alone never agrees for the person.
	return &consentScreen{c: c, draft: draft, focus: -1}
}

func (s *consentScreen) Init() tea.Cmd { return nil }

func (s *consentScreen) SetSize(w, h int) { s.w, s.h = w, h; s.layout() }

// HelpKeys say "1 agree · 2 do not agree" while nothing is chosen: Enter
// alone never agrees for the person (silence is not consent), so the help
// line does not offer it until a button is focused.
func (s *consentScreen) HelpKeys() []key.Binding {
	k, cat := s.c.Keys, s.c.Cat
	if s.focus < 0 && s.failed.ID == "" {
		return []key.Binding{k.Scroll, ui.Relabel(k.Choose, "1", cat.T("consent.key1")), ui.Relabel(k.Choose, "2", cat.T("consent.key2")), k.Back}
	}
	enter := cat.T("consent.key1")
	switch {
	case s.failed.ID != "":
		enter = cat.T("help.retry")
	case s.focus == 1:
		enter = cat.T("consent.key2")
	}
	return []key.Binding{k.Scroll, ui.Relabel(k.Prev, "←/→", cat.T("key.choose")), ui.With(k.Enter, enter), k.Back}
}

func (s *consentScreen) update(msg tea.Msg) (ui.Component, tea.Cmd) {
	k := s.c.Keys
	switch msg := msg.(type) {
	case checkinFailedMsg:
		s.busy, s.failed, s.err = false, msg.participant, s.c.Cat.T("consent.err")
	case tea.KeyPressMsg:
		if s.busy {
			return s, nil
		}
		switch {
		case key.Matches(msg, k.Back):
			if s.failed.ID == "" {
				return s, ui.Send(backToRegisterMsg{})
			}
		case key.Matches(msg, k.Up, k.Down):
			s.scroll.Key(msg, k)
		case key.Matches(msg, k.Prev, k.ShiftTab):
			s.focus = 0
		case key.Matches(msg, k.Next, k.Tab):
			s.focus = 1
		case key.Matches(msg, k.Enter):
			if s.focus < 0 && s.failed.ID == "" {
				s.ask = true
				return s, nil
			}
			return s, s.decide(s.focus == 0)
		case key.Matches(msg, k.Choose):
			if n, _ := ui.Digit(msg.String()); n == 1 || n == 2 {
				s.focus = n - 1
				return s, s.decide(n == 1)
			}
		}
	case tea.MouseWheelMsg:
		s.scroll.Wheel(msg, 1)
	case tea.MouseClickMsg:
		if i, ok := s.hits.Hit(msg); ok && !s.busy {
			s.focus = i
			return s, s.decide(i == 0)
		}
	}
	return s, nil
}

// decide saves the person with or without their name.
func (s *consentScreen) decide(agree bool) tea.Cmd {
	s.busy, s.err = true, ""
	if s.failed.ID != "" {
		return s.Cmd(checkIn(s.c, s.failed))
	}
	s.agreed = agree
	return s.Cmd(registerPerson(s.c, s.draft, agree))
}

func (s *consentScreen) layout() {
	st, cat := s.c.Styles, s.c.Cat
	var lines []string
	lines = append(lines, st.Title.Render(cat.T("consent.title")), "")
	for _, para := range strings.Split(cat.T("consent.body"), "\n") {
		if head, rest, ok := strings.Cut(para, ":"); ok && len(head) < 40 {
			para = st.Bold.Render(head+":") + st.Text.Render(rest)
		} else {
			para = st.Text.Render(para)
		}
		lines = append(lines, ui.Wrap(para, s.w)...)
	}
	labels := []string{"1 " + cat.T("consent.agree"), "2 " + cat.T("consent.decline")}
	btn, pos := ui.Buttons(labels, s.focus, s.w, st)
	var foot []string
	foot = append(foot, "")
	foot = append(foot, btn...)
	if s.busy {
		foot = append(foot, st.Subtle.Render(cat.T("consent.saving")))
	} else if s.ask {
		foot = append(foot, ui.Wrap(st.Bold.Render(cat.T("consent.choose")), s.w)...)
	}
	if s.err != "" {
		foot = append(foot, ui.Wrap(st.Error.Render("✗ "+s.err), s.w)...)
	}
	// The buttons stay on screen; the explanation scrolls above them.
	s.scroll.Set(lines, nil)
	s.scroll.SetHeight(max(2, s.h-len(foot)))
	s.hits = ui.Hits{Top: s.scroll.Height() + 1, Buttons: pos}
	s.frame = s.scroll.View(st, cat) + "\n" + strings.Join(foot, "\n")
}

// Update handles msg, then lays the page out again.
func (s *consentScreen) Update(msg tea.Msg) (ui.Component, tea.Cmd) {
	c, cmd := s.update(msg)
	s.layout()
	return c, cmd
}

// View shows the frame layout made.
func (s *consentScreen) View() string { return s.frame }
