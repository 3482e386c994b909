package trainer

import (
	"charm.land/bubbles/v2/key"
	"kynangso/app/ui"
)

// trainerKeys are the keys of the trainer's screens beyond the shared
// KeyMap. They are letters a trainer reads in the help line; none is a chord.
type trainerKeys struct {
	Refresh key.Binding // r: reload a summary or the dashboard
	Filter  key.Binding // f: change the class / dates / village filter
	Search  key.Binding // /: search a person
	Edit    key.Binding // e: correct a person's details
	Merge   key.Binding // g: join two records of one person
	Delete  key.Binding // x: delete a person's data on request
	Export  key.Binding // s: save the current view as a file
	Charts  key.Binding // c: show or hide the bar charts
}

// newTrainerKeys builds the trainer keys with help text from cat.
func newTrainerKeys(cat ui.Catalog) trainerKeys {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, cat.T(desc)))
	}
	return trainerKeys{
		Refresh: b("r", "tr.key.refresh", "r", "R"),
		Filter:  b("f", "tr.key.filter", "f", "F"),
		Search:  b("/", "tr.key.search", "/"),
		Edit:    b("e", "tr.key.edit", "e", "E"),
		Merge:   b("g", "tr.key.merge", "g", "G"),
		Delete:  b("x", "tr.key.delete", "x", "X"),
		Export:  b("s", "tr.key.export", "s", "S"),
		Charts:  b("c", "tr.key.charts", "c", "C"),
	}
}
