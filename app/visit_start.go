package app

import (
	"kynangso/app/ui"
	"strings"

	tea "charm.land/bubbletea/v2"

	"kynangso/results"
)

// How a visit starts besides finding one's name: trying the lessons
// without a name, and registering when the same person may already be
// there. The rules are the flow's (SamePeople, WalkIn); these carry its
// answers to the screens.

// samePeopleMsg carries the people already registered with the draft's
// name, birth year and village.
type samePeopleMsg struct {
	draft  results.Participant
	people []results.Participant
	err    error
}

// checkInSameMsg says the person is the one already registered.
type checkInSameMsg struct{ person results.Participant }

// findSamePeople looks for the draft's person among those registered.
func findSamePeople(c *ui.Common, draft results.Participant) tea.Cmd {
	f, ctx := c.Flow, c.Ctx
	return func() tea.Msg {
		people, err := f.SamePeople(ctx, draft)
		return samePeopleMsg{draft: draft, people: people, err: err}
	}
}

// walkIn starts an anonymous visit for someone trying the lessons without
// being recorded.
func walkIn(c *ui.Common) tea.Cmd {
	f, ctx, class := c.Flow, c.Ctx, c.ClassNow()
	return func() tea.Msg {
		p, _, err := f.WalkIn(ctx, class)
		if err != nil {
			return checkinFailedMsg{participant: p, err: err}
		}
		return checkedInMsg{participant: p}
	}
}

// sameLine is "Nguyễn Thị Lan (sinh 1958, Buôn Ako Dhông)", cleaned.
func sameLine(cat ui.Catalog, p results.Participant) string {
	more := ui.NonEmpty(cat.F("checkin.born", p.BirthYear), ui.CleanLine(p.Village))
	return ui.CleanLine(p.FullName) + " (" + strings.Join(more, ", ") + ")"
}
