package quiz

import (
	"hash/fnv"
	"math/rand/v2"
	"slices"
)

// Drawn is one question as a participant sees it in an attempt: the question
// with its choices in the attempt's order.
type Drawn struct {
	Question
	// Number is the 1-based position in the attempt ("Câu 3/10").
	Number int
}

// Draw picks n questions from bank (all of them when n <= 0 or n > len(bank))
// and orders questions and their choices from seed. The same bank and seed
// always give the same order, so a resumed attempt shows what the first
// session showed. True/false questions keep their choice order (True first),
// because a shuffled True/False pair only confuses.
func Draw(bank []Question, n int, seed uint64) []Drawn {
	if n <= 0 || n > len(bank) {
		n = len(bank)
	}
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	idx := r.Perm(len(bank))[:n]
	out := make([]Drawn, 0, n)
	for i, k := range idx {
		out = append(out, Drawn{Question: shuffled(bank[k], seed), Number: i + 1})
	}
	return out
}

// shuffled returns q with its choices in the order the attempt's seed gives
// it. The order depends only on the seed and the question id, so it survives
// changes to the rest of the bank.
func shuffled(q Question, seed uint64) Question {
	q.Choices = slices.Clone(q.Choices)
	if q.Type == TypeTrueFalse {
		return q
	}
	h := fnv.New64a()
	h.Write([]byte(q.ID))
	r := rand.New(rand.NewPCG(seed, h.Sum64()))
	r.Shuffle(len(q.Choices), func(a, b int) { q.Choices[a], q.Choices[b] = q.Choices[b], q.Choices[a] })
	return q
}

// Arrange rebuilds an attempt from the question ids it stored, in that order,
// with choices ordered from seed exactly as Draw ordered them. It is used to resume an attempt
// even if the pack has gained questions since; ids no longer in the bank are
// skipped and reported in missing.
func Arrange(bank []Question, ids []string, seed uint64) (drawn []Drawn, missing []string) {
	byID := make(map[string]Question, len(bank))
	for _, q := range bank {
		byID[q.ID] = q
	}
	for _, id := range ids {
		q, ok := byID[id]
		if !ok {
			missing = append(missing, id)
			continue
		}
		drawn = append(drawn, Drawn{Question: shuffled(q, seed), Number: len(drawn) + 1})
	}
	return drawn, missing
}

// IDs returns the question ids of an attempt in order, for storing with it.
func IDs(drawn []Drawn) []string {
	ids := make([]string, len(drawn))
	for i, d := range drawn {
		ids[i] = d.ID
	}
	return ids
}

// IsCorrect scores one answer: single and true/false questions are right when
// the one correct choice is chosen; multiple-choice questions only when the
// chosen set equals the correct set exactly (no partial credit, so guessing
// every box never pays).
func IsCorrect(q Question, chosen []string) bool {
	want := q.CorrectIDs()
	got := slices.Clone(chosen)
	slices.Sort(want)
	slices.Sort(got)
	got = slices.Compact(got)
	return len(want) > 0 && slices.Equal(want, got)
}

// ItemResult is the outcome of one question in a graded attempt.
type ItemResult struct {
	Question Question
	Number   int
	Chosen   []string
	Answered bool
	Correct  bool
}

// Result is a graded attempt.
type Result struct {
	Score       int
	Max         int
	Percent     int
	PassPercent int
	Passed      bool
	Items       []ItemResult
}

// Missed returns the items answered wrongly or not answered, in order.
func (r Result) Missed() []ItemResult {
	var out []ItemResult
	for _, it := range r.Items {
		if !it.Correct {
			out = append(out, it)
		}
	}
	return out
}

// Grade scores an attempt. answers maps question id to the chosen choice ids;
// an unanswered question scores 0. The attempt passes when its percentage
// (rounded down) is at least passPercent.
func Grade(drawn []Drawn, answers map[string][]string, passPercent int) Result {
	res := Result{Max: len(drawn), PassPercent: passPercent}
	for _, d := range drawn {
		chosen, answered := answers[d.ID]
		ok := answered && IsCorrect(d.Question, chosen)
		if ok {
			res.Score++
		}
		res.Items = append(res.Items, ItemResult{Question: d.Question, Number: d.Number, Chosen: chosen, Answered: answered, Correct: ok})
	}
	res.Percent = Percent(res.Score, res.Max)
	res.Passed = res.Max > 0 && res.Percent >= passPercent
	return res
}

// Percent returns score as a whole percentage of max, rounded down; 0 when max is 0.
func Percent(score, max int) int {
	if max <= 0 {
		return 0
	}
	return score * 100 / max
}
