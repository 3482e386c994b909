package flow_test

import (
	"strings"
	"testing"

	"kynangso/flow"
	"kynangso/results"
)

// TestNameRule: registration refuses what results.CheckName refuses, with
// the problem the person can act on, and never cuts a long name.
func TestNameRule(t *testing.T) {
	long := strings.Repeat("Lan ", 20) + "A" // 81 characters
	cases := []struct {
		name, typed, key string
	}{
		{"only combining marks", "\u0301\u0303\u0309", "err.name.letters"},
		{"only zero-width characters", "\u200b\u200c\u200d\u2060", "err.name.letters"},
		{"only emoji", "😀🙏👍", "err.name.letters"},
		{"one letter and emoji", "A 😀", "err.name.letters"},
		{"81 characters", long, "err.name.toolong"},
		{"nothing", "   ", "err.name.empty"},
		{"80 characters", long[:80], ""},
		{"two letters", "Lý", ""},
	}
	for _, c := range cases {
		got, p := flow.Registration{Name: c.typed, Year: "1960", Village: "Thôn 3"}.Validate(2026)
		pr, bad := p[flow.FieldName]
		if c.key == "" {
			if bad {
				t.Errorf("%s: refused with %q", c.name, pr.Key)
			}
			continue
		}
		if pr.Key != c.key {
			t.Errorf("%s: problem %q, want %q", c.name, pr.Key, c.key)
		}
		if c.key == "err.name.toolong" {
			if pr.Args[0] != 81 || pr.Args[1] != results.MaxNameLen || got.FullName != long {
				t.Errorf("too long: args %v, name kept as %q", pr.Args, got.FullName)
			}
		}
	}
	_, p := flow.Registration{Name: "Lan", Year: "1960", Village: strings.Repeat("x", 81), Household: strings.Repeat("y", 81)}.Validate(2026)
	if p[flow.FieldVillage].Key != "err.village.long" || p[flow.FieldHousehold].Key != "err.household.long" {
		t.Errorf("long village and household: %+v", p)
	}
}

func TestPhoneIsAVietnameseMobile(t *testing.T) {
	good := map[string]string{
		"0912345678":        "0912345678",
		"0912 345 678":      "0912345678",
		"091.234.5678":      "0912345678",
		"+84 912 345 678":   "0912345678",
		"(+84) 912-345-678": "0912345678",
		"84912345678":       "0912345678",
		"":                  "",
	}
	for in, want := range good {
		if got, ok := flow.NormalisePhone(in); !ok || got != want {
			t.Errorf("NormalisePhone(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"912345678", "09123456789", "01234567890", "+8491234567", "1912345678", "091234567x", "+1 555 123 4567", "84 91234567"} {
		if got, ok := flow.NormalisePhone(in); ok {
			t.Errorf("NormalisePhone(%q) accepted as %q", in, got)
		}
	}
}

func TestSamePeople(t *testing.T) {
	e := newEnv(t)
	c := e.class()
	lan := e.register(c, "Nguyễn Thị Lan") // 1960, Buôn Đôn
	e.register(c, "Nguyễn Thị Lan Anh")
	draft := func(name string, year int, village string) results.Participant {
		return results.Participant{FullName: name, BirthYear: year, Village: village}
	}
	got, err := e.f.SamePeople(e.ctx, draft("nguyen thi LAN", 1960, "buon don"))
	if err != nil || len(got) != 1 || got[0].ID != lan.Participant.ID {
		t.Fatalf("same name, year and village: %+v %v", got, err)
	}
	for _, d := range []results.Participant{draft("Nguyễn Thị Lan", 1961, "Buôn Đôn"), draft("Nguyễn Thị Lan", 1960, "Thôn 3")} {
		if got, err := e.f.SamePeople(e.ctx, d); err != nil || len(got) != 0 {
			t.Errorf("%+v matched %+v (%v)", d, got, err)
		}
	}
	if err := e.store.DeleteParticipantData(e.ctx, lan.Participant.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := e.f.SamePeople(e.ctx, draft("Nguyễn Thị Lan", 1960, "Buôn Đôn")); len(got) != 0 {
		t.Errorf("an erased person is still offered: %+v", got)
	}
}

func TestWalkInKeepsNoName(t *testing.T) {
	e := newEnv(t)
	c := e.class()
	p, v, err := e.f.WalkIn(e.ctx, c)
	if err != nil || !p.Anonymous || p.FullName != "" || !v.Active() || v.Class.ID != c.Session.ID {
		t.Fatalf("walk-in: %+v %+v %v", p, v, err)
	}
	rows, err := e.store.Dashboard(e.ctx, c.Session.ID)
	if err != nil || len(rows) != 1 {
		t.Fatalf("the walk-in is not counted in the class: %d rows, %v", len(rows), err)
	}
}
