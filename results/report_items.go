package results

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"kynangso/internal/safetext"
	"kynangso/quiz"
)

// ItemReport is the item analysis: how each question was answered, worst
// first, so trainers see what to teach again.
type ItemReport struct {
	Filter Filter     `json:"filter"`
	Items  []ItemStat `json:"items"`
}

// ItemStat is one question of one module.
type ItemStat struct {
	Module   ModuleLabel   `json:"module"`
	Question QuestionLabel `json:"question"`
	// Answered counts the confirmed answers to the question.
	Answered int `json:"answered"`
	// Correct counts the correct ones among them.
	Correct int `json:"correct"`
	// PercentCorrect is Correct / Answered × 100, one decimal.
	PercentCorrect float64 `json:"percent_correct"`
	// TopWrong is the wrong answer chosen most often; nil when every answer
	// was right. For a choose-all question it is the most common wrong set,
	// described by what it missed and what it ticked by mistake.
	TopWrong *WrongAnswer `json:"top_wrong,omitempty"`
	// Multiple is set for a choose-all question (quiz.TypeMultiple), whose
	// Choices then say, choice by choice, how often each was ticked.
	Multiple bool         `json:"multiple,omitempty"`
	Choices  []ChoiceStat `json:"choices,omitempty"`
}

// WrongAnswer is a wrong answer and how many times it was chosen. For a
// question with several correct choices it is the whole set chosen, with
// the right choices it left out (Missed) and the wrong ones it ticked
// (Extra): an incomplete set of right choices is not "a wrong answer", and
// Text says so ("chỉ chọn …, thiếu …").
type WrongAnswer struct {
	Choices []string `json:"choices"`
	Text    string   `json:"text"`
	Count   int      `json:"count"`
	Missed  []string `json:"missed,omitempty"`
	Extra   []string `json:"extra,omitempty"`
}

// ChoiceStat is one choice of a choose-all question: how many answers
// ticked it. For a right choice, Answered − Picked answers missed it; for a
// wrong one, Picked answers ticked it by mistake.
type ChoiceStat struct {
	ID     string `json:"id"`
	Text   string `json:"text"`
	Right  bool   `json:"right"`
	Picked int    `json:"picked"`
}

// ItemAnalysis counts, for every question answered in the attempts of f,
// the answers, the correct ones and the most chosen wrong answer. Items are
// sorted worst first: lowest percent correct, then most answered, then by
// module and question id.
func (s *Store) ItemAnalysis(ctx context.Context, f Filter, cat Catalog) (ItemReport, error) {
	sc, err := s.newScope(ctx, f)
	if err != nil {
		return ItemReport{}, err
	}
	pid := "COALESCE(c.cid, a.participant_id)"
	q := `WITH RECURSIVE ` + canonCTE + `,
	sel AS (
		SELECT a.id, a.module_id FROM attempts AS a LEFT JOIN canon AS c ON c.id = a.participant_id
		WHERE ` + sc.attemptWhere(pid) + `
	)
	SELECT sel.module_id, n.question_id, n.correct, n.chosen, count(*)
	FROM answers AS n JOIN sel ON sel.id = n.attempt_id
	GROUP BY 1, 2, 3, 4`
	if sc.wholeHistory() && len(sc.villages) == 0 {
		// No filter: the triggers of migration 0003 keep exactly these
		// counts in item_tally, so the answers need not be read at all.
		rows, err := s.summaries().ItemTally(ctx)
		if err != nil {
			return ItemReport{}, fmt.Errorf("item analysis: %w", err)
		}
		return itemReportOf(sc.f, cat, rows), nil
	}
	rows, err := s.queryTally(ctx, q, sc.args(q)...)
	if err != nil {
		return ItemReport{}, fmt.Errorf("item analysis: %w", err)
	}
	return itemReportOf(sc.f, cat, rows), nil
}

// queryTally runs a statement giving answers counted by module, question,
// correctness and choices.
func (s *Store) queryTally(ctx context.Context, q string, args ...any) ([]TallyRow, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []TallyRow
	for rows.Next() {
		var t TallyRow
		if err := rows.Scan(&t.ModuleID, &t.QuestionID, &t.Correct, &t.Chosen, &t.N); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// itemReportOf turns counted answers into the item analysis, worst first.
func itemReportOf(f Filter, cat Catalog, tally []TallyRow) ItemReport {
	type key struct{ m, q string }
	stats := map[key]*ItemStat{}
	for _, t := range tally {
		k, correct, chosen, n := key{t.ModuleID, t.QuestionID}, t.Correct, t.Chosen, t.N
		st := stats[k]
		if st == nil {
			st = &ItemStat{Module: cat.label(k.m), Question: cat.questionLabel(k.m, k.q)}
			stats[k] = st
		}
		st.Answered += n
		if q, ok := cat.question(k.m, k.q); ok && q.Type == quiz.TypeMultiple {
			st.Multiple = true
			st.tallyChoices(q, parseList(chosen), n, cat.Lang)
		}
		if correct {
			st.Correct += n
			continue
		}
		ids := parseList(chosen)
		if st.TopWrong == nil || n > st.TopWrong.Count ||
			(n == st.TopWrong.Count && strings.Join(ids, ",") < strings.Join(st.TopWrong.Choices, ",")) {
			st.TopWrong = &WrongAnswer{Choices: nonNil(ids), Count: n}
		}
	}
	order := map[string]int{}
	for i, m := range cat.Modules {
		order[m.ID] = i
	}
	r := ItemReport{Filter: f, Items: make([]ItemStat, 0, len(stats))}
	for k, st := range stats {
		st.PercentCorrect = percent(st.Correct, st.Answered)
		if st.TopWrong != nil {
			st.TopWrong.Text = cat.choiceText(k.m, k.q, st.TopWrong.Choices)
			if st.Multiple {
				cat.describeSet(k.m, k.q, st.TopWrong)
			}
		}
		r.Items = append(r.Items, *st)
	}
	slices.SortFunc(r.Items, func(a, b ItemStat) int {
		return cmp.Or(
			cmp.Compare(float64(a.Correct)*float64(b.Answered), float64(b.Correct)*float64(a.Answered)),
			cmp.Compare(b.Answered, a.Answered),
			cmp.Compare(moduleRank(order, a.Module.ID), moduleRank(order, b.Module.ID)),
			strings.Compare(a.Module.ID, b.Module.ID),
			strings.Compare(a.Question.ID, b.Question.ID))
	})
	return r
}

// tallyChoices adds n answers that ticked chosen to the per-choice counts
// of a choose-all question, in the question's choice order.
func (st *ItemStat) tallyChoices(q quiz.Question, chosen []string, n int, lang string) {
	if st.Choices == nil {
		for _, c := range q.Choices {
			st.Choices = append(st.Choices, ChoiceStat{ID: c.ID, Text: safetext.Line(c.Text.In(lang)), Right: c.Correct})
		}
	}
	for i := range st.Choices {
		if slices.Contains(chosen, st.Choices[i].ID) {
			st.Choices[i].Picked += n
		}
	}
}

// ChoiceCounts says, for a choose-all question, how often each choice was
// ticked out of the answers, right choices marked ✓ and wrong ones ✗:
// "✓ Gọi 113: 18/20 · ✗ Chuyển tiền: 3/20". Empty for other questions.
func (st ItemStat) ChoiceCounts() string {
	parts := make([]string, 0, len(st.Choices))
	for _, c := range st.Choices {
		mark := "✗"
		if c.Right {
			mark = "✓"
		}
		parts = append(parts, fmt.Sprintf("%s %s: %d/%d", mark, c.Text, c.Picked, st.Answered))
	}
	return strings.Join(parts, " · ")
}

// describeSet fills in what a wrong set of a choose-all question missed and
// ticked by mistake, and says it in words: "chỉ chọn A + B, thiếu C",
// "chọn nhầm D", "chọn nhầm D, thiếu C".
func (c Catalog) describeSet(mid, qid string, w *WrongAnswer) {
	q, ok := c.question(mid, qid)
	if !ok {
		return
	}
	w.Missed, w.Extra = nil, nil
	for _, ch := range q.Choices {
		picked := slices.Contains(w.Choices, ch.ID)
		switch {
		case ch.Correct && !picked:
			w.Missed = append(w.Missed, ch.ID)
		case !ch.Correct && picked:
			w.Extra = append(w.Extra, ch.ID)
		}
	}
	missed, extra := c.choiceText(mid, qid, w.Missed), c.choiceText(mid, qid, w.Extra)
	switch {
	case len(w.Choices) == 0:
		w.Text = Label(c.Lang, "no_answer")
	case len(w.Extra) == 0:
		w.Text = fmt.Sprintf(Label(c.Lang, "only_missed"), c.choiceText(mid, qid, w.Choices), missed)
	case len(w.Missed) == 0:
		w.Text = fmt.Sprintf(Label(c.Lang, "extra"), extra)
	default:
		w.Text = fmt.Sprintf(Label(c.Lang, "extra_missed"), extra, missed)
	}
}

// moduleRank orders modules as the catalog does, unknown ones last.
func moduleRank(order map[string]int, id string) int {
	if i, ok := order[id]; ok {
		return i
	}
	return len(order)
}

// choiceText shows the chosen choices of a question: their texts joined
// with " + ", the id for a choice the catalog does not know, and "no
// answer" for an empty set.
func (c Catalog) choiceText(mid, qid string, ids []string) string {
	if len(ids) == 0 {
		return Label(c.Lang, "no_answer")
	}
	q, ok := c.question(mid, qid)
	parts := make([]string, 0, len(ids))
	for _, id := range ids {
		t := id
		if ok {
			if ch, found := q.Choice(id); found {
				t = safetext.Line(ch.Text.In(c.Lang))
			}
		}
		parts = append(parts, t)
	}
	return strings.Join(parts, " + ")
}
