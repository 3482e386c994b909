package flow

import (
	"context"
	"slices"
)

// MenuPlan is the module menu as a person should see it: the modules in
// the order shown, how many of the first ones are the class's lessons of
// the day, and the module the cursor starts on, with the reason.
type MenuPlan struct {
	// Entries are the modules in the order shown: the open class's
	// planned modules first, then the others, each group in pack order.
	Entries []MenuEntry
	// Today counts the planned modules at the head of Entries ("Bài hôm
	// nay"), 0 when no class is open or it planned none.
	Today int
	// Start is the index in Entries the cursor starts on.
	Start int
	// Why says why the cursor starts there.
	Why StartReason
}

// StartReason is why the menu's cursor starts on a module.
type StartReason int

// The reasons, in the order they are tried.
const (
	// StartFirst: nothing special, the first row (today's first lesson
	// when the class planned some).
	StartFirst StartReason = iota
	// StartResume: a module left unfinished, a quiz in progress before a
	// lesson half read, so a returning person carries on where they
	// stopped ("Tiếp tục bài đang làm dở").
	StartResume
	// StartFoundation: the person has no activity at all yet, so the
	// foundation module (lessons.FoundationSkill, "for people new to
	// smartphones") is offered first. It is offered, never forced: one
	// key press reaches any other module.
	StartFoundation
)

// Planned reports whether entry i is one of the class's lessons of the day.
func (p MenuPlan) Planned(i int) bool { return i < p.Today }

// MenuFor reads the person's menu (Menu) and plans it for class: the
// class's planned modules first, and where the cursor starts.
func (f *Flow) MenuFor(ctx context.Context, participantID string, class Class) (MenuPlan, error) {
	entries, err := f.Menu(ctx, participantID)
	if err != nil {
		return MenuPlan{}, err
	}
	var planned []string
	if class.Open {
		planned = class.Session.PlannedModules
	}
	return PlanMenu(entries, planned), nil
}

// PlanMenu orders entries (in pack order) for the menu and picks where the
// cursor starts. Planned ids that are not in the pack are ignored, and a
// plan of every module singles none out (the class form ticks them all at
// first), so then nothing is marked as today's.
func PlanMenu(entries []MenuEntry, planned []string) MenuPlan {
	var p MenuPlan
	for _, e := range entries {
		if slices.Contains(planned, e.Module.ID) {
			p.Entries = append(p.Entries, e)
		}
	}
	p.Today = len(p.Entries)
	if p.Today == len(entries) {
		p.Entries, p.Today = nil, 0
		planned = nil
	}
	for _, e := range entries {
		if !slices.Contains(planned, e.Module.ID) {
			p.Entries = append(p.Entries, e)
		}
	}
	p.Start, p.Why = startOf(p.Entries)
	return p
}

// startOf picks the entry the cursor starts on: a quiz in progress, else a
// lesson half read, else (for someone with no activity at all) the
// foundation module, else the first entry.
func startOf(entries []MenuEntry) (int, StartReason) {
	for _, kind := range []StatusKind{StatusInProgress, StatusReading} {
		for i, e := range entries {
			if e.Status.Kind == kind {
				return i, StartResume
			}
		}
	}
	for _, e := range entries {
		if e.Status.Kind != StatusNew {
			return 0, StartFirst
		}
	}
	for i, e := range entries {
		if e.Module.Foundation() {
			return i, StartFoundation
		}
	}
	return 0, StartFirst
}
