package results

import (
	"slices"
	"time"
)

// demoMiss is a question a demo resident missed and has not learnt yet, as
// the review queue (review.go) would hold it.
type demoMiss struct {
	mi     int // module index
	q      string
	rights int // right answers in reviews since the last miss
}

// noteAnswer follows the review queue's rules for one quiz answer: a miss
// joins the queue (or, already there, starts its count of right reviews
// again), a right answer takes the question out.
func (r *demoResident) noteAnswer(mi int, q string, correct bool) {
	i := slices.IndexFunc(r.queue, func(m demoMiss) bool { return m.mi == mi && m.q == q })
	switch {
	case correct && i >= 0:
		r.queue = slices.Delete(r.queue, i, i+1)
	case !correct && i >= 0:
		r.queue[i].rights = 0
	case !correct:
		r.queue = append(r.queue, demoMiss{mi: mi, q: q})
	}
}

// demoReviewSize is how many questions a demo review round asks, as the
// visit's (flow.ReviewSize).
const demoReviewSize = 3

// review writes the review round a returning resident takes at check-in:
// up to three questions of the queue, oldest first, each an attempt of its
// own. Most people take it; some go straight to new work. Its random
// choices come from g.rev, so the quizzes are what they would be without
// reviews.
func (g *demoGen) review(w *demoWriter, s demoSession, r *demoResident, in time.Time) error {
	if len(r.queue) == 0 || g.rev.IntN(100) >= 75 {
		return nil
	}
	n := min(demoReviewSize, len(r.queue))
	asked := slices.Clone(r.queue[:n])
	t := in.Add(time.Minute)
	for _, m := range asked {
		mod := g.modules[m.mi]
		start := t
		t = t.Add(time.Duration(10000+g.rev.IntN(40000)) * time.Millisecond)
		// Seeing the explanation once helps: a review is right more often
		// than the first try.
		correct := g.rev.Float64() < r.ability-difficulty(m.q)+0.15
		aid := demoID(g.rev, start)
		if err := w.attempt(aid, r.id, s.id, mod.ID, g.opts.PackVersion, int64(g.rev.Uint64()), jsonList([]string{m.q}),
			StateFinished, fmtTime(start), fmtTime(t), b2i(correct), 1, 0, g.device, KindReview); err != nil {
			return err
		}
		ms := int(t.Sub(start).Milliseconds())
		if err := w.answer(demoID(g.rev, t), aid, m.q, jsonList(g.reviewChoice(mod, m.q, correct)), b2i(correct),
			fmtTime(t), ms, g.device); err != nil {
			return err
		}
		g.counts.Reviews++
		r.noteReview(m.mi, m.q, correct)
	}
	return nil
}

// noteReview counts a review answer: right twice, the question leaves the
// queue.
func (r *demoResident) noteReview(mi int, q string, correct bool) {
	i := slices.IndexFunc(r.queue, func(m demoMiss) bool { return m.mi == mi && m.q == q })
	if i < 0 || !correct {
		return
	}
	if r.queue[i].rights++; r.queue[i].rights >= ReviewRightToLeave {
		r.queue = slices.Delete(r.queue, i, i+1)
	}
}

// reviewChoice is the answer given in a review: the right choices, or the
// first wrong one (no draw, so the quizzes' stream is left alone).
func (g *demoGen) reviewChoice(m DemoModule, q string, correct bool) []string {
	right := m.Correct[q]
	if correct {
		return slices.Sorted(slices.Values(right))
	}
	for _, c := range m.ChoiceIDs[q] {
		if !slices.Contains(right, c) {
			return []string{c}
		}
	}
	return nil
}
