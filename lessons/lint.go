package lessons

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"kynangso/quiz"
)

// The lint looks for answer cues: ways to score better than chance without
// knowing the answer, such as always picking the longest choice. A cue is
// reported when three things hold, so that a pack of 20-30 questions is not
// flagged for an unlucky draw yet a real habit of the author is:
//
//   - at least lintMinHits questions show it;
//   - a guesser using it beats blind guessing by at least lintMinExcess
//     (ten percentage points);
//   - the exact chance of doing that well by luck alone, if the author had
//     placed answers without the habit, is below lintAlpha (10%).
//
// docs/content-format.md gives the resulting thresholds for common sizes.
const (
	lintAlpha     = 0.10
	lintMinExcess = 0.10
	lintMinHits   = 3
	// lintListMax is how many question ids a warning names before "and N more".
	lintListMax = 8
)

// lintMarks are the punctuation marks checked one by one: a mark that sits
// in right answers far more often than in wrong ones ("; because…") gives
// the answer away. Quotes of any style count as one mark.
var lintMarks = []struct {
	name string
	set  string
}{
	{"a “;”", ";"}, {"a “:”", ":"}, {"a “,”", ","}, {"a “(”", "("}, {"a “!”", "!"}, {"a “?”", "?"},
	{"a “…”", "…"}, {"a dash", "–—"}, {"quotation marks", "\"“”‘’«»"},
}

// trial is one question's part in a cue test: whether the cue pointed at the
// right answer (hit) and how likely that was by chance alone (p).
type trial struct {
	hit  bool
	p    float64
	ref  string // "q07", or "muasam/q07" across the pack
	line int
}

// LintModule checks one module's questions for answer cues in each of langs
// and returns them as warnings (Msg starting with "warning: ") against
// m.QuizFile, at the line of the first question that shows the cue.
func LintModule(m *Module, langs []string) []Problem {
	var out []Problem
	for _, q := range m.Questions {
		if msg := distractorCue(q); msg != "" {
			out = append(out, Problem{File: m.QuizFile, Line: m.QuestionLines[q.ID], Msg: "warning: question " + q.ID + ": " + msg})
		}
	}
	refs := make([]string, len(m.Questions))
	lines := make([]int, len(m.Questions))
	for i, q := range m.Questions {
		refs[i], lines[i] = q.ID, m.QuestionLines[q.ID]
	}
	for _, c := range cueTests(m.Questions, langs, refs, lines) {
		out = append(out, Problem{File: m.QuizFile, Line: c.line, Msg: "warning: " + c.msg})
	}
	// In file order, as an editor walks them.
	slices.SortStableFunc(out, func(a, b Problem) int { return a.Line - b.Line })
	return out
}

// LintAcross checks the questions of all of p's modules taken together, for
// cues too weak to show in one module but clear over the pack. The
// warnings are reported against file (the pack's pack.yaml, or "" when it
// has none). A pack of one module gives none: LintModule already said it.
func LintAcross(p *Pack, file string) []Problem {
	if len(p.Modules) < 2 {
		return nil
	}
	// Questions of different modules share ids, so each is named by its
	// module; pack-level warnings have no single line.
	var (
		qs   []quiz.Question
		refs []string
	)
	for _, m := range p.Modules {
		for _, q := range m.Questions {
			qs = append(qs, q)
			refs = append(refs, m.ID+"/"+q.ID)
		}
	}
	var out []Problem
	for _, c := range cueTests(qs, p.Languages, refs, make([]int, len(qs))) {
		out = append(out, Problem{File: file, Msg: "warning: across the pack, " + c.msg})
	}
	return out
}

// LintPack is LintModule for every module of p, then LintAcross.
func LintPack(p *Pack, packFile string) []Problem {
	var out []Problem
	for _, m := range p.Modules {
		out = append(out, LintModule(m, p.Languages)...)
	}
	return append(out, LintAcross(p, packFile)...)
}

// distractorCue reports a multiple-choice question that a guesser can
// answer by ticking everything, or everything but the least likely choice.
func distractorCue(q quiz.Question) string {
	if q.Type != quiz.TypeMultiple || len(q.Choices) < 2 {
		return ""
	}
	wrong := len(q.Choices) - len(q.CorrectIDs())
	switch wrong {
	case 0:
		return fmt.Sprintf("all %d choices are right, so ticking every choice scores: add at least two wrong choices a real person might pick", len(q.Choices))
	case 1:
		return fmt.Sprintf("only one of its %d choices is wrong, so ticking all but the least likely one scores: add a second wrong choice a real person might pick, or make it a single-choice question", len(q.Choices))
	}
	return ""
}

// cue is one flagged cue: its message and the line of its first question.
type cue struct {
	msg  string
	line int
}

// cueTests runs every rate test over qs in each language; refs and lines
// name each question (by index) in messages.
func cueTests(qs []quiz.Question, langs, refs []string, lines []int) []cue {
	var out []cue
	for _, lang := range langs {
		out = append(out, lengthCues(qs, lang, refs, lines)...)
		out = append(out, markCues(qs, lang, refs, lines)...)
	}
	return append(out, trueFalseCues(qs, refs, lines)...)
}

// lengthCues tests the guesses a choice's length invites on single-choice
// questions, in lang: "pick the longest", "rule out the longest" (an
// author who learnt to shorten right answers overdoes it) and "pick the
// shortest". A choice tied for the extreme counts as at it, with the
// chance of that for the tie's size.
func lengthCues(qs []quiz.Question, lang string, refs []string, lines []int) []cue {
	var longest, notLongest, shortest []trial
	singles := 0
	for i, q := range qs {
		if q.Type != quiz.TypeSingle || len(q.Choices) < 2 {
			continue
		}
		singles++
		long, short := extremes(q, lang)
		k := float64(len(q.Choices))
		longest = append(longest, trial{hit: long.hit, p: float64(long.ties) / k, ref: refs[i], line: lines[i]})
		notLongest = append(notLongest, trial{hit: !long.hit, p: 1 - float64(long.ties)/k, ref: refs[i], line: lines[i]})
		shortest = append(shortest, trial{hit: short.hit, p: float64(short.ties) / k, ref: refs[i], line: lines[i]})
	}
	var out []cue
	if r, ok := judge(longest); ok {
		out = append(out, cue{line: r.line, msg: fmt.Sprintf("%s: the right answer is the longest choice in %d of %d single-choice questions (%s; blind guessing %s), so picking the longest choice scores better than chance: even out the lengths, and let a wrong choice be the longest now and then (%s)",
			lang, r.hits, singles, pct(r.rate), pct(r.chance), r.list)})
	}
	if r, ok := judge(notLongest); ok {
		out = append(out, cue{line: r.line, msg: fmt.Sprintf("%s: the right answer is the longest choice in only %d of %d single-choice questions (chance %s), so ruling out the longest choice scores better than chance: let the right answer be the longest now and then",
			lang, singles-r.hits, singles, pct(1-r.chance))})
	}
	if r, ok := judge(shortest); ok {
		out = append(out, cue{line: r.line, msg: fmt.Sprintf("%s: the right answer is the shortest choice in %d of %d single-choice questions (%s; blind guessing %s), so picking the shortest choice scores better than chance: even out the lengths (%s)",
			lang, r.hits, singles, pct(r.rate), pct(r.chance), r.list)})
	}
	return out
}

// extreme says whether a question's right answer is at one end of the
// lengths, and how many choices share that end.
type extreme struct {
	hit  bool
	ties int
}

// extremes measures q's choices in lang (in characters, as the eye sees
// them) and reports the right answer's place at the long and short ends.
func extremes(q quiz.Question, lang string) (long, short extreme) {
	maxN, minN, right := -1, -1, -1
	ns := make([]int, len(q.Choices))
	for i, c := range q.Choices {
		ns[i] = utf8.RuneCountInString(strings.TrimSpace(c.Text[lang]))
		if maxN < 0 || ns[i] > maxN {
			maxN = ns[i]
		}
		if minN < 0 || ns[i] < minN {
			minN = ns[i]
		}
		if c.Correct {
			right = ns[i]
		}
	}
	for _, n := range ns {
		if n == maxN {
			long.ties++
		}
		if n == minN {
			short.ties++
		}
	}
	return extreme{hit: right == maxN, ties: long.ties}, extreme{hit: right == minN, ties: short.ties}
}

// markCues tests each punctuation mark on single-choice questions where
// some but not all choices carry it: a hit is a question whose right answer
// carries it.
func markCues(qs []quiz.Question, lang string, refs []string, lines []int) []cue {
	var out []cue
	for _, mk := range lintMarks {
		var ts []trial
		for i, q := range qs {
			if q.Type != quiz.TypeSingle {
				continue
			}
			with, hit := 0, false
			for _, c := range q.Choices {
				if strings.ContainsAny(c.Text[lang], mk.set) {
					with++
					hit = hit || c.Correct
				}
			}
			if with == 0 || with == len(q.Choices) {
				continue
			}
			ts = append(ts, trial{hit: hit, p: float64(with) / float64(len(q.Choices)), ref: refs[i], line: lines[i]})
		}
		if r, ok := judge(ts); ok {
			out = append(out, cue{line: r.line, msg: fmt.Sprintf("%s: the right answer is the choice with %s in %d of the %d single-choice questions where only some choices have it (%s; chance %s), so a guesser picks the choice with %s: write right and wrong choices in the same form (%s)",
				lang, mk.name, r.hits, len(ts), pct(r.rate), pct(r.chance), mk.name, r.list)})
		}
	}
	return out
}

// trueFalseCues tests "always answer True" and "always answer False". The
// True/False order is fixed on screen, so this is also the position test
// for true/false questions.
func trueFalseCues(qs []quiz.Question, refs []string, lines []int) []cue {
	var yes, no []trial
	for i, q := range qs {
		if q.Type != quiz.TypeTrueFalse {
			continue
		}
		right := q.CorrectIDs()
		isTrue := len(right) == 1 && right[0] == "dung"
		yes = append(yes, trial{hit: isTrue, p: 0.5, ref: refs[i], line: lines[i]})
		no = append(no, trial{hit: !isTrue, p: 0.5, ref: refs[i], line: lines[i]})
	}
	var out []cue
	for _, side := range []struct {
		ts   []trial
		word string
	}{{yes, "True (Đúng)"}, {no, "False (Sai)"}} {
		if r, ok := judge(side.ts); ok {
			out = append(out, cue{line: r.line, msg: fmt.Sprintf("the answer is %s in %d of %d true/false questions (%s), so always answering %s scores better than chance: balance true and false statements (%s)",
				side.word, r.hits, len(side.ts), pct(r.rate), side.word, r.list)})
		}
	}
	return out
}

// verdict is a flagged test: how many hits, their rate, the rate chance
// gives, the hits listed and the line of the first.
type verdict struct {
	hits         int
	rate, chance float64
	list         string
	line         int
}

// judge applies the three conditions to a cue's trials.
func judge(ts []trial) (verdict, bool) {
	var v verdict
	if len(ts) == 0 {
		return v, false
	}
	ps := make([]float64, len(ts))
	var refs []string
	for i, t := range ts {
		ps[i] = t.p
		v.chance += t.p
		if t.hit {
			if v.hits == 0 {
				v.line = t.line
			}
			v.hits++
			refs = append(refs, t.ref)
		}
	}
	n := float64(len(ts))
	v.rate, v.chance = float64(v.hits)/n, v.chance/n
	if v.hits < lintMinHits || v.rate-v.chance < lintMinExcess || tailAtLeast(ps, v.hits) >= lintAlpha {
		return v, false
	}
	v.list = listRefs(refs)
	return v, true
}

// tailAtLeast returns the probability that at least k of independent events
// with probabilities ps happen (the Poisson binomial upper tail), computed
// exactly by dynamic programming: the number of questions is small.
func tailAtLeast(ps []float64, k int) float64 {
	dist := make([]float64, len(ps)+1) // dist[j]: probability of exactly j so far
	dist[0] = 1
	for i, p := range ps {
		for j := i + 1; j >= 1; j-- {
			dist[j] = dist[j]*(1-p) + dist[j-1]*p
		}
		dist[0] *= 1 - p
	}
	tail := 0.0
	for j := k; j < len(dist); j++ {
		tail += dist[j]
	}
	return tail
}

// MinFlagged returns the smallest number of hits among n questions, each
// with chance p, that the lint reports: the threshold
// docs/content-format.md tabulates, kept here so a test holds the docs to
// the code.
func MinFlagged(n int, p float64) int {
	ps := make([]float64, n)
	for i := range ps {
		ps[i] = p
	}
	for k := lintMinHits; k <= n; k++ {
		if float64(k)/float64(n)-p >= lintMinExcess && tailAtLeast(ps, k) < lintAlpha {
			return k
		}
	}
	return 0
}

func pct(x float64) string {
	return fmt.Sprintf("%.0f%%", x*100)
}

func listRefs(refs []string) string {
	if len(refs) <= lintListMax {
		return strings.Join(refs, ", ")
	}
	return strings.Join(refs[:lintListMax], ", ") + fmt.Sprintf(" and %d more", len(refs)-lintListMax)
}
