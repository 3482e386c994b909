package app

import (
	"strings"
	"testing"
)

// Consent stays an explicit choice, and the help line says how to make it
// ("1 đồng ý · 2 không đồng ý") instead of offering "Enter chọn", which
// did nothing but show a hint. Once a button is focused, Enter says what
// it will do.
func TestConsentHelpSaysPress1Or2(t *testing.T) {
	st := newFakeStore()
	m := newTestModel(t, st, 80, 24)
	register(t, m, "Phạm Thị Mai")
	help := lastLine(m)
	if !strings.Contains(help, "1 đồng ý · 2 không đồng ý") || strings.Contains(help, "Enter") {
		t.Fatalf("help line with nothing chosen: %q", help)
	}
	press(t, m, enter)
	if m.Screen() != ScreenConsent || len(st.people) != 0 {
		t.Fatalf("Enter alone decided (screen %v, %d people)", m.Screen(), len(st.people))
	}
	if !strings.Contains(screen(m), "bấm 1 nếu đồng ý, bấm 2 nếu không đồng ý") {
		t.Errorf("Enter alone does not say how to choose:\n%s", screen(m))
	}
	press(t, m, right)
	if help := lastLine(m); !strings.Contains(help, "Enter không đồng ý") {
		t.Errorf("help line with \"Không đồng ý\" focused: %q", help)
	}
	press(t, m, left)
	if help := lastLine(m); !strings.Contains(help, "Enter đồng ý") {
		t.Errorf("help line with \"Đồng ý\" focused: %q", help)
	}
	press(t, m, enter)
	if m.Screen() != ScreenMenu || len(st.people) != 1 || st.people[0].FullName != "Phạm Thị Mai" {
		t.Fatalf("Enter on \"Đồng ý\" did not register by name: screen %v, %+v", m.Screen(), st.people)
	}
}

// lastLine is the help line at the bottom of the screen.
func lastLine(m *Model) string {
	lines := splitLines(screen(m))
	return strings.TrimSpace(lines[len(lines)-1])
}
