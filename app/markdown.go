package app

import (
	"strings"
	"unicode"
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
		case stepNumber(l) != "":
			n := stepNumber(l)
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

// stepNumber returns "3." when l starts a numbered step, else "".
func stepNumber(l string) string {
	i := 0
	for i < len(l) && i < 3 && unicode.IsDigit(rune(l[i])) {
		i++
	}
	if i > 0 && i+1 < len(l) && (l[i] == '.' || l[i] == ')') && l[i+1] == ' ' {
		return l[:i+1]
	}
	return ""
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
func renderMarkdown(blocks []block, width int, st *Styles) []string {
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
			out = append(out, wrap(st.Heading.Render(b.text), width)...)
		case blockSubheading:
			out = append(out, wrap(st.Subheading.Render(b.text), width)...)
		case blockStep:
			out = append(out, hang(st.Bold.Render(b.label)+" ", inline(b.text, st.Text, st.Bold), width)...)
		case blockBullet:
			out = append(out, hang("  • ", inline(b.text, st.Text, st.Bold), width)...)
		case blockRemember:
			txt := strings.ReplaceAll(b.text, "**", "")
			for _, l := range wrap(txt, width-2) {
				out = append(out, st.Remember.Render("▌ "+l))
			}
		case blockMessage:
			out = append(out, box(b.label, b.text, min(width, 60), st)...)
		default:
			out = append(out, wrap(inline(b.text, st.Text, st.Bold), width)...)
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
