package app

import (
	"kynangso/app/ui"
	"strings"

	"charm.land/lipgloss/v2"
)

// blockKind is one kind of block in the lesson Markdown subset.
type blockKind int

const (
	blockPara blockKind = iota
	blockHeading
	blockSubheading
	blockStep   // "1. " numbered step
	blockBullet // "- " bullet
	blockRemember
	blockMessage // ```message Label … ```
)

// block is a parsed piece of lesson Markdown.
type block struct {
	kind  blockKind
	text  string // joined text; for messages the raw lines
	label string // step number or message title
}

// parseMarkdown splits a lesson page body into blocks: # heading,
// ## subheading, paragraphs, numbered steps, bullets, "Ghi nhớ:"/"Remember:"
// lines and ```message blocks. Lines indented under a step or bullet
// continue it.
func parseMarkdown(body string) []block {
	var out []block
	lines := strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n")
	cont := false // the next indented or plain line continues the last block
	for i := 0; i < len(lines); i++ {
		raw := lines[i]
		l := strings.TrimSpace(raw)
		switch {
		case l == "":
			cont = false
		case strings.HasPrefix(l, "```"):
			label := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(l, "```"), "message"))
			var msg []string
			for i++; i < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[i]), "```"); i++ {
				msg = append(msg, strings.TrimRight(lines[i], " "))
			}
			out = append(out, block{kind: blockMessage, text: strings.Join(msg, "\n"), label: label})
			cont = false
		case strings.HasPrefix(l, "## "):
			out = append(out, block{kind: blockSubheading, text: strings.TrimSpace(l[3:])})
			cont = false
		case strings.HasPrefix(l, "# "):
			out = append(out, block{kind: blockHeading, text: strings.TrimSpace(l[2:])})
			cont = false
		case strings.HasPrefix(l, "- ") || strings.HasPrefix(l, "* "):
			out = append(out, block{kind: blockBullet, text: strings.TrimSpace(l[2:])})
			cont = true
		case ui.StepNumber(l) != "":
			n := ui.StepNumber(l)
			out = append(out, block{kind: blockStep, label: n, text: strings.TrimSpace(l[len(n)+1:])})
			cont = true
		case isRemember(l):
			out = append(out, block{kind: blockRemember, text: l})
			cont = true
		case cont && len(out) > 0 && continues(out[len(out)-1].kind, raw != l):
			out[len(out)-1].text += " " + l
		default:
			out = append(out, block{kind: blockPara, text: l})
			cont = true
		}
	}
	return out
}

// isRemember reports a "Ghi nhớ:" or "Remember:" line, bold or not.
func isRemember(l string) bool {
	l = strings.TrimPrefix(l, "**")
	for _, p := range []string{"Ghi nhớ:", "Ghi nhớ :", "Remember:", "Lưu ý:", "Note:"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// renderMarkdown draws blocks to lines at most width cells wide.
func renderMarkdown(blocks []block, width int, st *ui.Styles) []string {
	var out []string
	gap := func() {
		if len(out) > 0 && out[len(out)-1] != "" {
			out = append(out, "")
		}
	}
	prev := blockKind(-1)
	for _, b := range blocks {
		listy := (b.kind == blockStep || b.kind == blockBullet) && b.kind == prev
		if !listy {
			gap()
		}
		switch b.kind {
		case blockHeading:
			out = append(out, ui.Wrap(st.Heading.Render(b.text), width)...)
		case blockSubheading:
			out = append(out, ui.Wrap(st.Subheading.Render(b.text), width)...)
		case blockStep:
			out = append(out, ui.Hang(st.Bold.Render(b.label)+" ", inline(b.text, st.Text, st.Bold), width)...)
		case blockBullet:
			out = append(out, ui.Hang("  • ", inline(b.text, st.Text, st.Bold), width)...)
		case blockRemember:
			txt := strings.ReplaceAll(b.text, "**", "")
			for _, l := range ui.Wrap(txt, width-2) {
				out = append(out, st.Remember.Render("▌ "+l))
			}
		case blockMessage:
			out = append(out, ui.Box(b.label, b.text, min(width, 60), st)...)
		default:
			out = append(out, ui.Wrap(inline(b.text, st.Text, st.Bold), width)...)
		}
		prev = b.kind
	}
	return out
}

// continues reports whether a plain line joins the previous block:
// paragraphs and remember lines take any line, list items only indented ones.
func continues(prev blockKind, indented bool) bool {
	return prev == blockPara || prev == blockRemember || indented
}

// inline renders the **bold** spans of a Markdown line with bold over base.
func inline(text string, base, bold lipgloss.Style) string {
	parts := strings.Split(text, "**")
	if len(parts) < 3 {
		return base.Render(text)
	}
	var b strings.Builder
	for i, p := range parts {
		if p == "" {
			continue
		}
		if i%2 == 1 && i < len(parts)-1 {
			b.WriteString(bold.Render(p))
		} else {
			b.WriteString(base.Render(p))
		}
	}
	return b.String()
}
