package trainer

import (
	"context"
	"strings"
	"testing"

	"kynangso/app/ui"
	"kynangso/results"
)

// The planned modules are a column: ↑/↓ move through them like every other
// list (Space ticks), and past either end to the next or previous field;
// the row under the cursor is marked ▶, so it shows without colour.
func TestClassFormModulesMoveWithArrows(t *testing.T) {
	e := newTrainerEnv(t, 80, 24)
	e.SetPIN("2468")
	e.unlock("2468")
	e.pick(actOpenClass)
	form := e.m().Front().(*classForm)
	for range 5 {
		e.Press(tab) // to the modules
	}
	n := len(form.modules.options)
	if n < 2 || form.form.focus != 5 || form.modules.cursor != 0 {
		t.Fatalf("focus %d, cursor %d, %d modules", form.form.focus, form.modules.cursor, n)
	}
	e.Want("  ▶ [x] 1. ")
	e.Press(down)
	if form.form.focus != 5 || form.modules.cursor != 1 {
		t.Fatalf("↓ in the column: focus %d, cursor %d; want the second module", form.form.focus, form.modules.cursor)
	}
	e.Want("  ▶ [x] 2. ", "    [x] 1. ")
	e.Press(space)
	if form.modules.checked[1] {
		t.Fatal("Space did not untick the module under the cursor")
	}
	for range n - 1 { // from the second module, through the last
		e.Press(down)
	}
	if form.form.focus != 6 {
		t.Fatalf("↓ past the last module: focus %d, want the button", form.form.focus)
	}
	e.Press(up)
	if form.form.focus != 5 || form.modules.cursor != n-1 {
		t.Fatalf("↑ from the button: focus %d, cursor %d; want the last module", form.form.focus, form.modules.cursor)
	}
	for range n {
		e.Press(up)
	}
	if form.form.focus != 4 {
		t.Fatalf("↑ past the first module: focus %d, want the trainers", form.form.focus)
	}
	e.Press(down, enter) // Enter in the column goes on to the button
	if form.form.focus != 6 {
		t.Fatalf("Enter in the column: focus %d, want the button", form.form.focus)
	}
}

// The person form holds a name to the registration rule: a long one is
// refused with its length, never cut; marks alone are not a name.
func TestPersonFormNameRule(t *testing.T) {
	ctx := context.Background()
	e, a, _ := twoNamesakes(t)
	e.Press(tpressKey('e'))
	form := e.m().Front().(*personForm)
	long := strings.Repeat("Điểu ", 16) + "Bơ" // 82 characters
	form.name.input.SetValue(long)
	for range 6 { // to the Save button
		e.Press(down)
	}
	e.Press(enter)
	e.Want("Tên quá dài: 82 chữ, tối đa 80")
	if got := form.name.input.Value(); got != long {
		t.Fatalf("the long name was cut to %q", got)
	}
	form.name.input.SetValue("\u0301\u0303")
	form.phone.input.SetValue("0912 345 67")
	for range 6 { // the name has the focus again: back to Save
		e.Press(down)
	}
	e.Press(enter)
	e.Want("Tên cần ít nhất hai chữ cái", "Số di động gồm 10 chữ số")
	if got, _ := e.Store.Participant(ctx, a.ID); got.FullName != "Điểu Bơ" {
		t.Fatalf("a refused correction was saved: %+v", got)
	}
	if ui.TypedLimit <= results.MaxNameLen {
		t.Fatal("the name input cuts at the rule instead of saying so")
	}
}
