package app

import (
	tea "charm.land/bubbletea/v2"

	"kynangso/app/ui"
)

// endVisit records that the person at the keyboard finished their turn, so
// the trainer's dashboard shows them as gone home ("đã về 10:42") rather
// than still working. The mark is for the dashboard only: a failure
// changes nothing for the person, whose results are already saved.
func endVisit(c *ui.Common, v ui.Visit) tea.Cmd {
	f, ctx := c.Flow, c.Ctx
	if f == nil || !v.Active() {
		return nil
	}
	return func() tea.Msg {
		_ = f.EndVisit(ctx, v) // best effort, see above
		return nil
	}
}
