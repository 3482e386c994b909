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

// classesInScope returns the classes with a check-in the scope keeps, by
// date.
func (s *Store) classesInScope(ctx context.Context, sc scope) ([]ClassSession, error) {
	q := `WITH RECURSIVE ` + canonCTE + `
	SELECT ` + prefixCols("cs.", sessionCols) + ` FROM class_sessions AS cs
	WHERE cs.id IN (SELECT t.session_id FROM attendance AS t JOIN class_sessions AS cs ON cs.id = t.session_id
		LEFT JOIN canon AS c ON c.id = t.participant_id
		WHERE ` + sc.attendanceWhere("COALESCE(c.cid, t.participant_id)") + `)
	ORDER BY cs.date, cs.opened_at, cs.id`
	return s.querySessions(ctx, q, sc.args(q)...)
}

// attendanceHeader builds the sheet's header block from the classes: one
// class's own fields, or the period and the union of several.
func attendanceHeader(sc scope, classes []ClassSession, lang string) ([][2]string, ExportInfo) {
	var titles, communes, villages, trainers []string
	add := func(dst *[]string, xs ...string) {
		for _, x := range xs {
			if x = clean(x); x != "" && !slices.Contains(*dst, x) {
				*dst = append(*dst, x)
			}
		}
	}
	for _, c := range classes {
		add(&titles, c.Title)
		add(&communes, c.Commune)
		add(&villages, c.Villages...)
		add(&trainers, c.Trainers...)
	}
	info := ExportInfo{Date: sc.f.To}
	if len(classes) > 0 && info.Date == "" {
		info.Date = classes[len(classes)-1].Date
	}
	switch {
	case len(communes) == 1:
		info.Place = communes[0]
	case sc.f.Village != "" && len(sc.villages) > 0:
		info.Place = sc.villages[0]
	}
	date := ""
	switch {
	case len(classes) == 1:
		date = classes[0].Date
	case len(classes) > 1:
		date = classes[0].Date + " – " + classes[len(classes)-1].Date
	}
	j := func(xs []string) string { return strings.Join(xs, "; ") }
	h := [][2]string{
		{Label(lang, "class"), j(titles)},
		{Label(lang, "date"), date},
		{Label(lang, "commune"), j(communes)},
		{Label(lang, "villages"), j(villages)},
		{Label(lang, "trainers"), j(trainers)},
	}
	return h, info
}

// bookStart is what both export books begin with: the filter's scope, the
// classes it covers with the header block they give, and the per-module
// summary for the "Tổng hợp" sheet.
type bookStart struct {
	sc     scope
	lang   string
	cat    Catalog
	header [][2]string
	info   ExportInfo
	sum    []ModuleSummary
}

func (s *Store) startBook(ctx context.Context, opt ExportOptions) (bookStart, error) {
	sc, err := s.newScope(ctx, opt.Filter)
	if err != nil {
		return bookStart{}, err
	}
	b := bookStart{sc: sc, lang: opt.Catalog.Lang, cat: opt.Catalog}
	classes, err := s.classesInScope(ctx, sc)
	if err != nil {
		return bookStart{}, err
	}
	b.header, b.info = attendanceHeader(sc, classes, b.lang)
	if b.info.Date == "" {
		b.info.Date = s.clk.today()
	}
	if b.sum, err = s.moduleSummaries(ctx, sc, b.cat); err != nil {
		return bookStart{}, err
	}
	return b, nil
}

// attendanceBook is the sign-in sheet: a header block, then one row per
// person per class (a person joined from two records once), by class date
// and check-in time. "Modules studied" are the modules the person started a
// quiz of in that class; "passed" those passed in it.
func (s *Store) attendanceBook(ctx context.Context, opt ExportOptions) (*exportBook, ExportInfo, error) {
	b, err := s.startBook(ctx, opt)
	if err != nil {
		return nil, ExportInfo{}, err
	}
	sc, lang, cat, header, info, sum := b.sc, b.lang, b.cat, b.header, b.info, b.sum
	cols := []column{{Label(lang, "stt"), colInt, 6}, {Label(lang, "full_name"), colText, 30},
		{Label(lang, "birth_year"), colInt, 10}, {Label(lang, "gender"), colText, 11},
		{Label(lang, "village"), colText, 20}, {Label(lang, "household"), colText, 18}}
	if opt.WithPhone {
		cols = append(cols, column{Label(lang, "phone"), colID, 15})
	}
	cols = append(cols, column{Label(lang, "check_in"), colDateTime, 17},
		column{Label(lang, "studied"), colText, 40}, column{Label(lang, "mods_passed"), colText, 40},
		column{Label(lang, "signature"), colText, 18})
	t := exportTable{sheet: Label(lang, "sheet_attendance"), title: Label(lang, "att_title"),
		header: header, cols: cols, main: true}
	t.rows = func(emit func([]any) error) error {
		return s.attendanceRows(ctx, sc, cat, opt.WithPhone, emit)
	}
	return &exportBook{tables: []exportTable{t}, summary: sum}, info, nil
}

// attendanceRowsQuery selects one row per person per class in scope with
// what they studied and passed in it, in sheet order. With no joined
// records each check-in is already one person in one class, and looking up
// each one's attempts in that class (index attempts_class) is faster than
// grouping every attempt of the classes.
func attendanceRowsQuery(sc scope, links bool) string {
	if !links {
		return `SELECT t.checked_in_at, p.full_name, p.birth_year, p.gender, p.village, p.household, p.phone,
		(p.anonymous = 1 OR p.deleted_at IS NOT NULL),
		(SELECT json_group_array(DISTINCT a.module_id) FROM attempts AS a
			WHERE a.session_id = t.session_id AND a.participant_id = t.participant_id AND a.kind = 'quiz'),
		(SELECT json_group_array(DISTINCT a.module_id) FROM attempts AS a
			WHERE a.session_id = t.session_id AND a.participant_id = t.participant_id AND a.passed = 1
			AND a.kind = 'quiz')
	FROM attendance AS t JOIN class_sessions AS cs ON cs.id = t.session_id
	JOIN participants AS p ON p.id = t.participant_id
	WHERE ` + sc.attendanceWhere("t.participant_id") + `
	ORDER BY cs.date, cs.opened_at, t.session_id, t.checked_in_at, p.id`
	}
	pid := "COALESCE(c.cid, t.participant_id)"
	return `WITH RECURSIVE ` + canonCTE + `,
	r AS MATERIALIZED (
		SELECT t.session_id AS sid, ` + pid + ` AS pid, min(t.checked_in_at) AS at, cs.date AS date, cs.opened_at AS opened
		FROM attendance AS t JOIN class_sessions AS cs ON cs.id = t.session_id
		LEFT JOIN canon AS c ON c.id = t.participant_id
		WHERE ` + sc.attendanceWhere(pid) + ` GROUP BY 1, 2
	),
	st AS (
		SELECT a.session_id AS sid, COALESCE(c.cid, a.participant_id) AS pid,
			json_group_array(DISTINCT a.module_id) AS studied,
			json_group_array(DISTINCT a.module_id) FILTER (WHERE a.passed = 1) AS passed
		FROM attempts AS a LEFT JOIN canon AS c ON c.id = a.participant_id
		WHERE a.participant_id IS NOT NULL AND a.session_id IN (SELECT DISTINCT sid FROM r) AND a.kind = 'quiz'
		GROUP BY 1, 2
	)
	SELECT r.at, p.full_name, p.birth_year, p.gender, p.village, p.household, p.phone,
		(p.anonymous = 1 OR p.deleted_at IS NOT NULL), COALESCE(st.studied, '[]'), COALESCE(st.passed, '[]')
	FROM r JOIN participants AS p ON p.id = r.pid
	LEFT JOIN st ON st.sid = r.sid AND st.pid = r.pid
	ORDER BY r.date, r.opened, r.sid, r.at, p.id`
}

func (s *Store) attendanceRows(ctx context.Context, sc scope, cat Catalog, withPhone bool, emit func([]any) error) error {
	links, err := s.hasLinks(ctx)
	if err != nil {
		return fmt.Errorf("read attendance: %w", err)
	}
	q := attendanceRowsQuery(sc, links)
	rows, err := s.db.QueryContext(ctx, q, sc.args(q)...)
	if err != nil {
		return fmt.Errorf("read attendance: %w", err)
	}
	defer rows.Close()
	n := 0
	places := lineCache{}
	// Few distinct module lists occur: each is turned into titles once.
	lists := map[string]string{}
	titles := func(list string) string {
		t, ok := lists[list]
		if !ok {
			t = cat.titles(parseList(list))
			lists[list] = t
		}
		return t
	}
	for rows.Next() {
		var at sql.NullString
		var name, gender, village, household, phone, studied, passed string
		var year int
		var anon bool
		if err := rows.Scan(&at, &name, &year, &gender, &village, &household, &phone, &anon, &studied, &passed); err != nil {
			return fmt.Errorf("read attendance: %w", err)
		}
		n++
		vals := []any{n}
		if anon {
			vals = append(vals, Label(cat.Lang, "anonymous"), nil, nil, nil, nil)
			if withPhone {
				vals = append(vals, nil)
			}
		} else {
			vals = append(vals, clean(name), yearOrNil(year), GenderLabel(gender, cat.Lang), places.clean(village),
				places.clean(household))
			if withPhone {
				vals = append(vals, clean(phone))
			}
		}
		vals = append(vals, s.clk.local(at), titles(studied), titles(passed), nil)
		if err := emit(vals); err != nil {
			return err
		}
	}
	return rows.Err()
}

// yearOrNil leaves a birth year that was not given empty.
func yearOrNil(y int) any {
	if y == 0 {
		return nil
	}
	return y
}

// titles joins the titles of modules, in catalog order, with "; ".
func (c Catalog) titles(ids []string) string {
	ordered := c.moduleIDs(ids)
	var out []string
	for _, id := range ordered {
		if slices.Contains(ids, id) {
			out = append(out, c.label(id).Title)
		}
	}
	return strings.Join(out, "; ")
}

// resultsBook is the results file: one row per person × module, then the
// item analysis.
func (s *Store) resultsBook(ctx context.Context, opt ExportOptions) (*exportBook, ExportInfo, error) {
	b, err := s.startBook(ctx, opt)
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
		column{Label(lang, "last_score"), colFloat, 14}, column{Label(lang, "passed"), colText, 8},
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
	return &exportBook{tables: []exportTable{res, it}, summary: sum}, info, nil
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
	yes, no := Label(cat.Lang, "yes"), Label(cat.Lang, "no")
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
