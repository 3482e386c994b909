package app

import (
	"strings"
	"testing"

	"kynangso/app/ui"
	"kynangso/results"
)

// Who is at the keyboard is never cut in the header: at 60 columns a guest
// is "Khách" (the long label "Khách (không lưu tên)" was cut to "Khách
// (không l…"), and a name shows whole while the class title gives way.
func TestHeaderNeverCutsWhoIsHere(t *testing.T) {
	class := results.ClassSession{ID: "c1", Title: "Lớp kỹ năng số buôn Ako Dhông"}
	tests := []struct {
		lang      string
		w         int
		who       results.Participant
		want      string
		wantClass string
	}{
		{ui.LangVI, 76, results.Participant{ID: "g", Anonymous: true}, "Khách (không lưu tên)", "Lớp: Lớp kỹ năng số buôn Ako Dhông"},
		{ui.LangVI, 60, results.Participant{ID: "g", Anonymous: true}, "Khách", "Lớp: Lớp kỹ năng số buôn Ako Dhông"},
		{ui.LangEN, 60, results.Participant{ID: "g", Anonymous: true}, "Guest", "Class: Lớp kỹ năng số buôn Ako Dhông"},
		{ui.LangVI, 60, results.Participant{ID: "p", FullName: "Nguyễn Thị Lan"}, "Nguyễn Thị Lan", "Lớp: Lớp kỹ năng số buôn"},
		{ui.LangVI, 60, results.Participant{ID: "p", FullName: "H'Nia Êban Niê Kdăm Buôn Ya"}, "H'Nia Êban Niê Kdăm Buôn Ya", "Kỹ năng số"},
	}
	for _, tt := range tests {
		c := &ui.Common{Styles: ui.NewStyles(true)}
		c.SetLang(tt.lang)
		c.Visit = ui.Visit{Participant: tt.who, Class: class, HasClass: true}
		got := headerLine(c, tt.w)
		if ui.WidthOf(got) > tt.w {
			t.Errorf("%s %d: %d wide: %q", tt.lang, tt.w, ui.WidthOf(got), got)
		}
		plain := ansiStrip(got)
		if !strings.HasSuffix(plain, " "+tt.want) || !strings.Contains(plain, tt.wantClass) {
			t.Errorf("%s %d: header %q, want it to end with %q and show %q", tt.lang, tt.w, plain, tt.want, tt.wantClass)
		}
		if tt.want == "Khách" && strings.Contains(plain, "Khách (") {
			t.Errorf("%s %d: the long guest label is cut: %q", tt.lang, tt.w, plain)
		}
	}
}
