package web

import (
	"html/template"
	"strings"

	"kynangso/app/ui"
)

// lessonHTML turns a lesson page body (the Markdown subset of
// docs/content-format.md: ## subheadings, paragraphs, "1." steps, "-"
// bullets, "Ghi nhớ:" lines, ```message boxes and **bold**) into HTML.
// Every piece of text is cleaned as on the laptop and escaped; the only
// markup is the one written here.
func lessonHTML(body string) template.HTML {
	var b strings.Builder
	lines := strings.Split(strings.ReplaceAll(ui.Clean(body), "\r\n", "\n"), "\n")
	open := "" // the block being written: "p", "ol", "ul", "rem"
	closeBlock := func() {
		switch open {
		case "p", "rem":
			b.WriteString("</p>")
		case "ol", "ul":
			b.WriteString("</li></" + open + ">")
		}
		open = ""
	}
	for i := 0; i < len(lines); i++ {
		raw := lines[i]
		l := strings.TrimSpace(raw)
		switch {
		case l == "":
			closeBlock()
		case strings.HasPrefix(l, "```"):
			closeBlock()
			label := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(l, "```"), "message"))
			var msg []string
			for i++; i < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[i]), "```"); i++ {
				msg = append(msg, lines[i])
			}
			b.WriteString(messageHTML(label, strings.Join(msg, "\n")))
		case strings.HasPrefix(l, "#"):
			closeBlock()
			b.WriteString("<h3>" + inlineHTML(strings.TrimLeft(l, "# ")) + "</h3>")
		case ui.StepNumber(l) != "":
			n := ui.StepNumber(l)
			item(&b, &open, "ol", `<li value="`+template.HTMLEscapeString(strings.TrimRight(n, ".)"))+`">`, l[len(n)+1:])
		case strings.HasPrefix(l, "- ") || strings.HasPrefix(l, "* "):
			item(&b, &open, "ul", "<li>", l[2:])
		case remember(l):
			closeBlock()
			open = "rem"
			b.WriteString(`<p class="remember">` + inlineHTML(l))
		case open != "" && (open == "p" || open == "rem" || raw != l):
			b.WriteString(" " + inlineHTML(l))
		default:
			closeBlock()
			open = "p"
			b.WriteString("<p>" + inlineHTML(l))
		}
	}
	closeBlock()
	return template.HTML(b.String()) //nolint:gosec // built from escaped text only
}

// item starts a list item, opening the list when it is not open yet.
func item(b *strings.Builder, open *string, list, li, text string) {
	if *open == list {
		b.WriteString("</li>")
	} else {
		if *open == "p" || *open == "rem" {
			b.WriteString("</p>")
		} else if *open != "" {
			b.WriteString("</li></" + *open + ">")
		}
		b.WriteString("<" + list + ">")
		*open = list
	}
	b.WriteString(li + inlineHTML(strings.TrimSpace(text)))
}

// remember reports a "Ghi nhớ:" or "Remember:" line, bold or not.
func remember(l string) bool {
	l = strings.TrimPrefix(l, "**")
	for _, p := range []string{"Ghi nhớ", "Remember", "Lưu ý", "Note"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// messageHTML is a scenario box (an SMS, a Zalo message): its lines as
// written, so an address such as p0stmart-qua.cc is never broken.
func messageHTML(label, text string) string {
	var b strings.Builder
	b.WriteString(`<div class="msg">`)
	if label != "" {
		b.WriteString(`<div class="msg-from">` + template.HTMLEscapeString(label) + `</div>`)
	}
	b.WriteString(`<div class="msg-body">` + template.HTMLEscapeString(strings.TrimSpace(text)) + `</div></div>`)
	return b.String()
}

// inlineHTML escapes text and renders its **bold** spans.
func inlineHTML(text string) string {
	parts := strings.Split(text, "**")
	if len(parts) < 3 {
		return template.HTMLEscapeString(strings.ReplaceAll(text, "**", ""))
	}
	var b strings.Builder
	for i, p := range parts {
		if i%2 == 1 && i < len(parts)-1 {
			b.WriteString("<strong>" + template.HTMLEscapeString(p) + "</strong>")
		} else {
			b.WriteString(template.HTMLEscapeString(p))
		}
	}
	return b.String()
}
