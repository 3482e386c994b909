package app

import (
	"kynangso/app/ui"
	"strings"
)

// headerLine is the top line of every screen, w cells wide: the app's
// name and the open class on the left, who is at the keyboard on the
// right. The person's name (or "guest") is what the person checks before
// answering on a shared laptop, so the class title gives way first: it is
// shortened, then dropped. A guest's label has a short form ("Khách") for a
// narrow screen; a name is cut only when it does not fit beside the app's
// name.
func headerLine(c *ui.Common, w int) string {
	st, cat := c.Styles, c.Cat
	app := cat.T("app.name")
	class := ""
	if c.Visit.HasClass {
		class = " · " + cat.F("app.class", ui.CleanLine(c.Visit.Class.Title))
	}
	who := whoIsHere(c)
	if len(who) == 0 {
		left := ui.Truncate(st.App.Render(app)+st.Header.Render(class), w)
		return left + strings.Repeat(" ", max(0, w-ui.WidthOf(left)))
	}
	right := who[len(who)-1]
	for _, r := range who { // the longest form that fits beside the whole class
		if ui.WidthOf(app+class)+2+ui.WidthOf(r) <= w {
			right = r
			break
		}
	}
	right = ui.Truncate(right, max(1, w-ui.WidthOf(app)-2))
	room := w - ui.WidthOf(app) - 2 - ui.WidthOf(right)
	switch {
	case ui.WidthOf(class) <= room:
	case room >= 12: // enough for " · Lớp: Ea…" to say there is a class
		class = ui.Truncate(class, room)
	default:
		class = ""
	}
	left := st.App.Render(app) + st.Header.Render(class)
	gap := max(1, w-ui.WidthOf(left)-ui.WidthOf(right))
	return ui.Truncate(left+strings.Repeat(" ", gap)+st.Bold.Render(right), w)
}

// whoIsHere is who is at the keyboard as the header says it, longest form
// first: the person's name, or a guest's label and its short form; nothing
// before anyone has checked in.
func whoIsHere(c *ui.Common) []string {
	v := c.Visit
	switch {
	case !v.Active():
		return nil
	case v.Participant.Anonymous:
		return []string{c.Cat.T("app.guest"), c.Cat.T("app.guestshort")}
	}
	if name := ui.CleanLine(v.Participant.FullName); name != "" {
		return []string{name}
	}
	return []string{c.Cat.T("app.guestshort")}
}
