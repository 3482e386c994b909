package trainer

import (
	"context"
	"strings"

	"kynangso/app/ui"
	"kynangso/results"
)

// seatReader is the part of the store that says where each person sits
// (the laptop or a phone) and who has gone home; *results.Store has it.
type seatReader interface {
	Seats(ctx context.Context, sessionID string) (map[string]results.SeatVisit, error)
}

// Column widths of the table: number, arrival time, seat, what they do,
// and the least room the scores keep on one line.
const (
	colNo     = 3
	colTime   = 5
	colSeat   = 10
	colDoing  = 15
	colScores = 10
	colGap    = 2
)

func (d *dashboard) table() []string {
	st, cat := d.c.Styles, d.c.Cat
	if len(d.rows) == 0 {
		return ui.Wrap(st.Subtle.Render(cat.T("tr.dash.empty")), d.w)
	}
	var head string
	// One line per person when every full name and birth year fits in the
	// name column; otherwise two lines each, the name alone on the first
	// (issue 18: at 60×20 names were cut to ten letters, so Nguyễn Thị Hoa
	// and Nguyễn Thị Lan looked the same).
	var cols []int
	room := d.w - colNo - colTime - colSeat - colDoing - colScores - 5*colGap
	if longest := d.longestName(); longest <= room {
		name := max(longest, ui.WidthOf(cat.T("tr.col.name")))
		cols = []int{colNo, name, colTime, colSeat, colDoing, d.w - colNo - name - colTime - colSeat - colDoing - 5*colGap}
		head = joinCols([]string{"#", cat.T("tr.col.name"), cat.T("tr.col.time"), cat.T("tr.col.seat"),
			cat.T("tr.col.doing"), cat.T("tr.col.scores")}, cols)
	} else {
		head = joinCols([]string{"#", cat.T("tr.col.name"), cat.T("tr.col.time")}, d.twoLineCols())
	}
	out := []string{st.Bold.Render(head), st.Rule.Render(strings.Repeat("─", min(d.w, ui.WidthOf(head)+4)))}
	loc := d.c.Now().Location()
	for i, r := range d.rows {
		at := r.CheckedInAt.In(loc).Format("15:04")
		if cols != nil {
			cells := []string{ui.Itoa(i + 1), d.name(r), at, d.seat(r), d.doing(r), d.scores(r)}
			out = append(out, st.Text.Render(joinCols(cells, cols)))
			continue
		}
		out = append(out, st.Text.Render(joinCols([]string{ui.Itoa(i + 1), d.name(r), at}, d.twoLineCols())))
		parts := []string{d.seat(r), d.doing(r)}
		if len(r.Best) > 0 {
			parts = append(parts, d.scores(r))
		}
		second := strings.Join(parts, " · ")
		out = append(out, ui.Truncate(st.Subtle.Render(strings.Repeat(" ", colNo+colGap)+second), d.w))
	}
	out = append(out, "")
	return append(out, d.legend()...)
}

// longestName is the width of the widest name shown.
func (d *dashboard) longestName() int {
	w := 0
	for _, r := range d.rows {
		w = max(w, ui.WidthOf(d.name(r)))
	}
	return w
}

// twoLineCols are the first line's columns on a narrow screen: the name
// as wide as the widest one, up to all the room the number and the time
// leave.
func (d *dashboard) twoLineCols() []int {
	name := max(d.longestName(), ui.WidthOf(d.c.Cat.T("tr.col.name")))
	return []int{colNo, max(10, min(name, d.w-colNo-colTime-2*colGap)), colTime}
}

// seat is where the person sits: "máy tính" or "điện thoại".
func (d *dashboard) seat(r results.DashboardRow) string {
	if v, ok := d.seats[r.ParticipantID]; ok && v.Seat == results.SeatPhone {
		return d.c.Cat.T("tr.dash.phone")
	}
	return d.c.Cat.T("tr.dash.laptop")
}

// doing says where the person is ("B2 trang 3/7", "B1 câu 4/10"), or that
// they ended their turn and when ("đã về 10:42"), which is never confused
// with working.
func (d *dashboard) doing(r results.DashboardRow) string {
	cat := d.c.Cat
	if v, ok := d.seats[r.ParticipantID]; ok && v.Left() && !v.LeftAt.Before(r.LastActive) {
		return cat.F("tr.dash.left", v.LeftAt.In(d.c.Now().Location()).Format("15:04"))
	}
	switch r.Activity {
	case results.ActivityLesson:
		return d.moduleNo(r.ModuleID) + " " + cat.F("tr.dash.page", r.Page, r.Pages)
	case results.ActivityQuiz:
		return d.moduleNo(r.ModuleID) + " " + cat.F("tr.dash.question", min(r.Answered+1, r.Questions), r.Questions)
	case results.ActivityDone:
		return d.moduleNo(r.ModuleID) + " " + cat.T("tr.dash.done")
	}
	return cat.T("tr.dash.justin")
}
