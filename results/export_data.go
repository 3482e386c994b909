package results

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// resultsBook is the results file: one row per person × module, then the
// item analysis.
func (s *Store) resultsBook(ctx context.Context, opt ExportOptions) (*exportBook, ExportInfo, error) {
	b, err := s.startBook(ctx, opt, false)
	if err != nil {
		return nil, ExportInfo{}, err
	}
	sc, lang, cat, header, info, sum := b.sc, b.lang, b.cat, b.header, b.info, b.sum
	items, err := s.ItemAnalysis(ctx, sc.f, cat)
	if err != nil {
		return nil, ExportInfo{}, err
	}
	cols := []column{{Label(lang, "participant"), colID, 38}, {Label(lang, "full_name"), colText, 30},
		{Label(lang, "village"), colText, 20}, {Label(lang, "household"), colText, 18}}
	if opt.WithPhone {
		cols = append(cols, column{Label(lang, "phone"), colID, 15})
	}
	cols = append(cols, column{Label(lang, "module_id"), colID, 12}, column{Label(lang, "module"), colText, 36},
		column{Label(lang, "attempts"), colInt, 11}, column{Label(lang, "best_score"), colFloat, 14},
		column{Label(lang, "last_score"), colFloat, 14}, column{Label(lang, "passed"), colText, 10},
		column{Label(lang, "date_passed"), colDate, 12})
	res := exportTable{sheet: Label(lang, "sheet_results"), title: Label(lang, "results_title"),
		header: header, cols: cols, main: true}
	res.rows = func(emit func([]any) error) error {
		return s.resultRows(ctx, sc, cat, opt.WithPhone, emit)
	}
	it := exportTable{sheet: Label(lang, "sheet_items"), title: Label(lang, "items_title"),
		cols: []column{{Label(lang, "module_id"), colID, 12}, {Label(lang, "module"), colText, 30},
			{Label(lang, "question_id"), colID, 12}, {Label(lang, "question"), colText, 60},
			{Label(lang, "answered"), colInt, 14}, {Label(lang, "pct_correct"), colFloat, 14},
			{Label(lang, "top_wrong_id"), colID, 14}, {Label(lang, "top_wrong"), colText, 50},
			{Label(lang, "top_wrong_n"), colInt, 12}, {Label(lang, "choice_counts"), colText, 50}}}
	it.rows = func(emit func([]any) error) error { return itemRows(items, emit) }
	book := &exportBook{tables: []exportTable{res, it}, summary: sum,
		title: docTitle(Label(lang, "results_title"), header), subject: Label(lang, "res_subject")}
	return book, info, nil
}

// itemRows emits the item analysis table.
func itemRows(r ItemReport, emit func([]any) error) error {
	for _, st := range r.Items {
		q := st.Question.Prompt
		if st.Question.Context != "" {
			q = st.Question.Context + " — " + q
		}
		vals := []any{st.Module.ID, st.Module.Title, st.Question.ID, q, st.Answered, st.PercentCorrect, nil, nil, nil, nil}
		if w := st.TopWrong; w != nil {
			vals[6], vals[7], vals[8] = strings.Join(w.Choices, ","), w.Text, w.Count
		}
		if st.Multiple {
			vals[9] = st.ChoiceCounts()
		}
		if err := emit(vals); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) resultRows(ctx context.Context, sc scope, cat Catalog, withPhone bool, emit func([]any) error) error {
	order, _ := json.Marshal(cat.moduleIDs(nil))
	pid := "COALESCE(c.cid, a.participant_id)"
	q := `WITH RECURSIVE ` + canonCTE + `,
	a2 AS (
		SELECT ` + pid + ` AS pid, a.module_id, a.state, a.passed, a.finished_at,
			CASE WHEN a.state = 'finished' AND a.max_score > 0 THEN round(a.score * 100.0 / a.max_score, 1) END AS pct
		FROM attempts AS a LEFT JOIN canon AS c ON c.id = a.participant_id
		WHERE a.participant_id IS NOT NULL AND ` + sc.attemptWhere(pid) + `
	),
	per AS (
		SELECT pid, module_id, count(*) AS n, max(pct) AS best, max(passed) AS passed,
			min(finished_at) FILTER (WHERE passed = 1) AS passed_at
		FROM a2 GROUP BY 1, 2
	),
	lst AS (
		SELECT pid, module_id, max(finished_at), pct FROM a2 WHERE state = 'finished' GROUP BY 1, 2
	)
	SELECT p.id, p.full_name, p.village, p.household, p.phone, (p.anonymous = 1 OR p.deleted_at IS NOT NULL),
		per.module_id, per.n, per.best, lst.pct, per.passed, per.passed_at
	FROM per JOIN participants AS p ON p.id = per.pid
	LEFT JOIN lst ON lst.pid = per.pid AND lst.module_id = per.module_id
	LEFT JOIN json_each(:order) AS o ON o.value = per.module_id
	ORDER BY p.village = '', p.village, p.household = '', p.household, p.search_key, p.id, o.key IS NULL, o.key, per.module_id`
	fast := sc.wholeHistory()
	if fast {
		links, err := s.hasLinks(ctx)
		if err != nil {
			return fmt.Errorf("read results: %w", err)
		}
		fast = !links
	}
	if fast {
		q = resultRowsFastQuery(sc)
		emit = inPackOrder(cat, emit, withPhone)
	}
	rows, err := s.db.QueryContext(ctx, q, sc.args(q, sql.Named("order", string(order)))...)
	if err != nil {
		return fmt.Errorf("read results: %w", err)
	}
	defer rows.Close()
	places := lineCache{}
	var lastName, lastClean string // a person's rows come together
	modTitles := map[string]string{}
	// Every row is a module the person tried: not passed is "chưa đạt".
	yes, no := Label(cat.Lang, "passed_yes"), Label(cat.Lang, "passed_no")
	for rows.Next() {
		var id, name, village, household, phone, module string
		var anon, passed bool
		var n int
		var best, last sql.NullFloat64
		var passedAt sql.NullString
		if err := rows.Scan(&id, &name, &village, &household, &phone, &anon, &module, &n, &best, &last, &passed, &passedAt); err != nil {
			return fmt.Errorf("read results: %w", err)
		}
		if name != lastName || lastClean == "" {
			lastName, lastClean = name, clean(name)
		}
		vals := []any{id, lastClean, places.clean(village), places.clean(household)}
		if anon {
			vals[1] = Label(cat.Lang, "anonymous")
		}
		if withPhone {
			vals = append(vals, clean(phone))
		}
		title, ok := modTitles[module]
		if !ok {
			title = cat.label(module).Title
			modTitles[module] = title
		}
		yesNo := no
		if passed {
			yesNo = yes
		}
		vals = append(vals, module, title, n, nullFloat(best), nullFloat(last), yesNo, s.clk.local(passedAt))
		if err := emit(vals); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read results: %w", err)
	}
	if fast {
		return emit(nil) // the last person's rows
	}
	return nil
}

// inPackOrder wraps emit for rows that arrive person by person with the
// modules in id order: it holds one person's rows and passes them on in
// pack order (other modules after, by id). A nil row flushes.
func inPackOrder(cat Catalog, emit func([]any) error, withPhone bool) func([]any) error {
	rank := map[string]int{}
	for i, id := range cat.moduleIDs(nil) {
		rank[id] = i
	}
	modCol := 4
	if withPhone {
		modCol = 5
	}
	key := func(v []any) (int, string) {
		id := v[modCol].(string)
		if r, ok := rank[id]; ok {
			return r, ""
		}
		return len(rank), id
	}
	var held [][]any
	flush := func() error {
		slices.SortStableFunc(held, func(a, b []any) int {
			ra, ia := key(a)
			rb, ib := key(b)
			return cmp.Or(cmp.Compare(ra, rb), strings.Compare(ia, ib))
		})
		for _, v := range held {
			if err := emit(v); err != nil {
				return err
			}
		}
		held = held[:0]
		return nil
	}
	return func(v []any) error {
		if v == nil || len(held) > 0 && held[0][0] != v[0] {
			if err := flush(); err != nil {
				return err
			}
		}
		if v != nil {
			held = append(held, v)
		}
		return nil
	}
}

// lineCache cleans text once per distinct value: an export repeats each
// village and household name for thousands of rows.
type lineCache map[string]string

func (c lineCache) clean(s string) string {
	out, ok := c[s]
	if !ok {
		out = clean(s)
		c[s] = out
	}
	return out
}

// nullFloat leaves a missing score empty.
func nullFloat(f sql.NullFloat64) any {
	if !f.Valid {
		return nil
	}
	return f.Float64
}
