package lessons

import (
	"strings"
	"testing"
)

func TestParsePages(t *testing.T) {
	for _, tc := range []struct {
		name   string
		src    string
		titles []string
		probs  []string // "LINE: message fragment"
	}{
		{"one page", "# A\n\ntext\n", []string{"A"}, nil},
		{"two pages", "# A\ntext\n---\n# B\n- item\n", []string{"A", "B"}, nil},
		{"separator with trailing spaces", "# A\n---  \n# B\n", []string{"A", "B"}, nil},
		{"--- inside message block", "# A\n```message Zalo\nhi\n---\nbye\n```\n", []string{"A"}, nil},
		{"empty", "  \n\n", nil, []string{"1: the lesson has no pages"}},
		{"trailing separator", "# A\n---\n\n", []string{"A"}, []string{"3: page 2 is empty"}},
		{"no heading", "# A\n---\nB\n", []string{"A", ""}, []string{`3: page 2 must start with a title line "# Title", found "B"`}},
		{"heading without space", "#A\n", []string{""}, []string{"1: page 1 must start with a title line"}},
		{"second title", "# A\ntext\n# B\n", []string{"A"}, []string{`3: a second "# " title inside page 1`}},
		{"code fence", "# A\n```go\nx\n```\n", []string{"A"}, []string{"2: only ```message blocks"}},
		{"unclosed", "# A\n```message\nx\n", []string{"A"}, []string{"2: message block opened here is never closed"}},
		{"deep heading", "# A\n### B\n", []string{"A"}, []string{"2: only # page titles and ## subheadings"}},
		{"table", "# A\n| a | b |\n", []string{"A"}, []string{"2: tables are not shown"}},
		{"link", "# A\nsee [x](http://a.vn)\n", []string{"A"}, []string{"2: links and images"}},
		{"html", "# A\n<b>x</b>\n", []string{"A"}, []string{"2: HTML is not shown"}},
		{"less-than in text is fine", "# A\nif a < 3 then\n", []string{"A"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pages, probs := ParsePages(tc.src)
			var titles, got []string
			for _, p := range pages {
				titles = append(titles, p.Title)
			}
			for _, p := range probs {
				got = append(got, p.String())
			}
			if strings.Join(titles, "|") != strings.Join(tc.titles, "|") {
				t.Errorf("titles = %q, want %q", titles, tc.titles)
			}
			if len(got) != len(tc.probs) {
				t.Fatalf("problems = %q, want %q", got, tc.probs)
			}
			for i, w := range tc.probs {
				line, msg, _ := strings.Cut(w, ": ")
				if p := probs[i]; itoa(p.Line) != line || !strings.Contains(p.Msg, msg) {
					t.Errorf("problem %d = %d: %s, want %s", i, p.Line, p.Msg, w)
				}
			}
		})
	}
}

func TestParsePagesKeepsLinesAndBody(t *testing.T) {
	pages, probs := ParsePages("\n# Một\n\nđoạn **đậm**\n\n---\n\n# Hai\n1. bước\n")
	if len(probs) > 0 || len(pages) != 2 {
		t.Fatalf("pages %d, problems %v", len(pages), probs)
	}
	if pages[0].Line != 2 || pages[0].Body != "đoạn **đậm**" || pages[1].Line != 8 || pages[1].Body != "1. bước" {
		t.Errorf("pages = %+v", pages)
	}
}
