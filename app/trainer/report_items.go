package trainer

import (
	"kynangso/app/ui"
	"strings"

	"kynangso/quiz"
	"kynangso/results"
)

// renderItems lists the questions worst first: each one's prompt (the
// question itself) and, for a scenario, the start of its message; the
// most common wrong answer; and for a choose-all question how often each
// choice was ticked.
func renderItems(c *ui.Common, r results.ItemReport, w int) []string {
	st, cat := c.Styles, c.Cat
	if len(r.Items) == 0 {
		return ui.Wrap(st.Subtle.Render(cat.T("tr.rep.none")), w)
	}
	var out []string
	for i, it := range r.Items {
		head := cat.F("tr.items.head", i+1, pct(cat, it.PercentCorrect), bigNum(cat, it.Correct), bigNum(cat, it.Answered), modName(it.Module))
		out = append(out, st.Bold.Render(ui.Truncate(head, w)))
		out = append(out, ui.Hang("   ", st.Text.Render(ui.CleanLine(it.Question.Prompt)), w)...)
		if sc := itemScenario(c, it, w-3); sc != "" {
			out = append(out, ui.Hang("   ", st.Subtle.Render(sc), w)...)
		}
		out = append(out, itemWrong(c, it, w)...)
	}
	return out
}

// itemWrong is the most common wrong answer, then for a choose-all question
// each choice with how many answers ticked it. A choose-all answer that
// left out a right choice is not "a wrong choice": its text says what it
// chose and missed ("chỉ chọn A, thiếu B"), so it is shown as what
// happened most often, not after "Hay chọn sai:".
func itemWrong(c *ui.Common, it results.ItemStat, w int) []string {
	st, cat := c.Styles, c.Cat
	var out []string
	if it.TopWrong != nil {
		key := "tr.items.wrong"
		if it.Multiple {
			key = "tr.items.set"
		}
		out = append(out, ui.Hang("   ✗ ", st.Wrong.Render(cat.F(key, ui.CleanLine(it.TopWrong.Text), bigNum(cat, it.TopWrong.Count))), w)...)
	}
	if !it.Multiple {
		return out
	}
	for _, ch := range it.Choices {
		mark, style := "     ✗ ", st.Subtle
		if ch.Right {
			mark, style = "     ✓ ", st.Text
		}
		line := cat.F("tr.items.choice", ui.CleanLine(ch.Text), bigNum(cat, ch.Picked), bigNum(cat, it.Answered))
		out = append(out, ui.Hang(mark, style.Render(line), w)...)
	}
	return out
}

// itemScenario is the start of a scenario question's message, at most two
// lines of width cells: the whole message as one line (its author's line breaks
// are for the editor), cut at a word with "…", every quote it opens
// closed. It comes from the pack; a question the pack no longer has falls
// back to the report's first line of the message. "" when the question has
// no message.
func itemScenario(c *ui.Common, it results.ItemStat, width int) string {
	text := it.Question.Context
	if q, ok := packQuestion(c, it.Module.ID, it.Question.ID); ok {
		text = q.Message.In(c.Lang())
	}
	text = strings.Join(strings.Fields(ui.Clean(text)), " ")
	if text == "" {
		return ""
	}
	if it.Question.Context != "" && text == it.Question.Context && !endsSentence(text) {
		text += " …" // the report's first line only: say there is more
	}
	return shorten(text, width, 2)
}

// packQuestion finds question qid of module mid in the pack on screen.
func packQuestion(c *ui.Common, mid, qid string) (quiz.Question, bool) {
	if c.Pack == nil {
		return quiz.Question{}, false
	}
	m := c.Pack.Module(mid)
	if m == nil {
		return quiz.Question{}, false
	}
	for _, q := range m.Questions {
		if q.ID == qid {
			return q, true
		}
	}
	return quiz.Question{}, false
}

// shorten cuts s at a word so that it wraps to at most lines lines of
// width cells, ending with "…", and closes the quotes the kept part left
// open, so a cut never leaves “Tổ công nghệ số hanging.
func shorten(s string, width, lines int) string {
	fits := func(t string) bool { return len(ui.Wrap(t, width)) <= lines }
	if fits(s) {
		return s
	}
	words := strings.Fields(s)
	n, used := 0, 0
	for n < len(words) && used+ui.WidthOf(words[n]) <= width*lines {
		used += ui.WidthOf(words[n]) + 1
		n++
	}
	for ; n > 0; n-- {
		kept := strings.TrimRight(strings.Join(words[:n], " "), " ,;:–-") + "…"
		if kept += closingQuotes(kept); fits(kept) {
			return kept
		}
	}
	return ui.Truncate(words[0], width) // one word longer than the lines
}

// closingQuotes are the quotes s opens and does not close, innermost
// first: ‘…’ inside “…”, and a straight " left open.
func closingQuotes(s string) string {
	var open []rune
	straight := false
	for _, r := range s {
		switch r {
		case '“', '‘':
			open = append(open, r)
		case '”', '’':
			if n := len(open); n > 0 {
				open = open[:n-1]
			}
		case '"':
			straight = !straight
		}
	}
	var b strings.Builder
	for i := len(open) - 1; i >= 0; i-- {
		if open[i] == '“' {
			b.WriteRune('”')
		} else {
			b.WriteRune('’')
		}
	}
	if straight {
		b.WriteRune('"')
	}
	return b.String()
}

// endsSentence reports whether s ends a sentence (or a quote that does).
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "”’\")]")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "…")
}
