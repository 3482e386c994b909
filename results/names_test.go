package results

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestCheckName(t *testing.T) {
	cases := []struct {
		name string
		want NameIssue
	}{
		{"Lê", NameOK},
		{"Y Bih Niê", NameOK},
		{"H'Hen Êban", NameOK},
		{"Bà Hoa 🌸", NameOK},
		{"", NameEmpty},
		{"A", NameFewLetters},
		{"\u0301\u0303\u0309", NameFewLetters}, // combining marks only
		{"🌸🌾", NameFewLetters},                 // emoji only
		{"12 34", NameFewLetters},
		{"A 🌸", NameFewLetters},
		{strings.Repeat("a", MaxNameLen), NameOK},
		{strings.Repeat("ệ", MaxNameLen+1), NameTooLong},
	}
	for _, c := range cases {
		if got := CheckName(c.name); got != c.want {
			t.Errorf("CheckName(%q) = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestRegistrationRefusesNamesWithoutLetters: the store itself refuses what
// the screens refuse, after cleaning, and never cuts a long name.
func TestRegistrationRefusesNamesWithoutLetters(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	for _, name := range []string{"\u200b\u200d\u2060", "\u0301\u0301", "🌸🌸🌸", "X",
		strings.Repeat("Nguyễn ", 12)} {
		_, err := s.CreateParticipant(ctx, Participant{FullName: name, ConsentVersion: ConsentVersion})
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("CreateParticipant(%q) = %v, want ErrInvalid", name, err)
		}
	}
	p, err := s.CreateParticipant(ctx, Participant{FullName: "Đặng\u200bVăn\u200d Zero", ConsentVersion: ConsentVersion})
	if err != nil {
		t.Fatal(err)
	}
	if p.FullName != "ĐặngVăn Zero" {
		t.Errorf("stored name %q still holds invisible characters", p.FullName)
	}
}
