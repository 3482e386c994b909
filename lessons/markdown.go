package lessons

import (
	"regexp"
	"strings"

	"kynangso/internal/safetext"
)

const noPagesMsg = "the lesson has no pages: write pages starting with \"# Title\", separated by lines holding only ---"

var (
	linkRE = regexp.MustCompile(`!?\[[^\]]*\]\([^)]*\)`)
	htmlRE = regexp.MustCompile(`<(?:[a-zA-Z][a-zA-Z0-9]*[\s/>]|/[a-zA-Z]|!--)`)
)

// ParsePages splits a lesson file into pages: pages are separated by a line
// holding only "---" (outside message blocks) and each starts with a "# "
// heading. It also reports Markdown the app does not render (links, images,
// HTML, tables, deeper headings, other fenced blocks). Problems carry a line
// but no file. The text is cleaned with safetext and normalised to NFC.
func ParsePages(src string) ([]Page, []Problem) {
	src = cleanText(src)
	if strings.TrimSpace(src) == "" {
		return nil, []Problem{{Line: 1, Msg: noPagesMsg}}
	}
	lines := strings.Split(src, "\n")
	var (
		pages []Page
		probs problemList
		start = 0
		fence = 0 // line of the open fence, 0 when outside one
	)
	flush := func(end int) {
		if p, ok := makePage(lines, start, end, len(pages)+1, &probs); ok {
			pages = append(pages, p)
		}
		start = end + 1
	}
	for i, raw := range lines {
		line := strings.TrimRight(raw, " ")
		n := i + 1
		switch {
		case strings.HasPrefix(line, "```"):
			if fence == 0 {
				fence = n
				if info := strings.TrimSpace(line[3:]); info != "message" && !strings.HasPrefix(info, "message ") {
					probs.add("", n, "only ```message blocks are shown by the app; write ```message or ```message LABEL, not %q", line)
				}
			} else {
				if strings.TrimSpace(line) != "```" {
					probs.add("", n, "a message block must end with a line holding only ```")
				}
				fence = 0
			}
		case fence != 0:
			// Message text is shown as written.
		case line == "---":
			flush(i)
		default:
			checkMarkdownLine(line, n, &probs)
		}
	}
	if fence != 0 {
		probs.add("", fence, "message block opened here is never closed with ```")
	}
	flush(len(lines))
	if len(pages) == 0 && len(probs.items) == 0 {
		probs.add("", 1, "%s", noPagesMsg)
	}
	return pages, probs.items
}

// checkMarkdownLine reports Markdown outside the subset the app renders.
func checkMarkdownLine(line string, n int, probs *problemList) {
	t := strings.TrimSpace(line)
	switch {
	case strings.HasPrefix(t, "###"):
		probs.add("", n, "only # page titles and ## subheadings are shown; use ## instead of %s", strings.Fields(t)[0])
	case strings.HasPrefix(t, "|"):
		probs.add("", n, "tables are not shown by the app; use a list with \"- \" instead")
	case strings.Contains(t, "](") && linkRE.MatchString(t):
		probs.add("", n, "links and images are not shown by the app; write the site as plain text (e.g. dichvucong.gov.vn)")
	case strings.Contains(t, "<") && htmlRE.MatchString(t):
		probs.add("", n, "HTML is not shown by the app; use the Markdown subset in docs/content-format.md")
	}
}

// makePage builds the page from lines[start:end], reporting an empty page or
// one that does not start with a "# " heading.
func makePage(lines []string, start, end, num int, probs *problemList) (Page, bool) {
	first := start
	for first < end && strings.TrimSpace(lines[first]) == "" {
		first++
	}
	if first >= end {
		line := min(start+1, len(lines))
		probs.add("", line, "page %d is empty: remove the extra --- or write the page", num)
		return Page{}, false
	}
	head := strings.TrimRight(lines[first], " ")
	p := Page{Line: first + 1}
	if !strings.HasPrefix(head, "# ") || strings.TrimSpace(head[2:]) == "" {
		probs.add("", first+1, "page %d must start with a title line \"# Title\", found %q", num, clip(head, 40))
	} else {
		p.Title = safetext.Line(head[2:])
		first++
	}
	body := lines[first:end]
	for j, l := range body {
		if strings.HasPrefix(l, "# ") && !insideFence(body[:j]) {
			probs.add("", first+j+1, "a second \"# \" title inside page %d: put a line holding only --- before it to start a new page, or use ##", num)
		}
	}
	p.Body = strings.Trim(strings.Join(body, "\n"), "\n")
	return p, true
}

// insideFence reports whether the lines leave a ``` block open.
func insideFence(lines []string) bool {
	open := false
	for _, l := range lines {
		if strings.HasPrefix(l, "```") {
			open = !open
		}
	}
	return open
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
