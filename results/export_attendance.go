package results

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
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

// classFields gathers the distinct cleaned fields of the classes, in order.
type classFields struct {
	titles, communes, villages, trainers, planned []string
}

func gatherClasses(classes []ClassSession) classFields {
	var g classFields
	add := func(dst *[]string, xs ...string) {
		for _, x := range xs {
			if x = clean(x); x != "" && !slices.Contains(*dst, x) {
				*dst = append(*dst, x)
			}
		}
	}
	for _, c := range classes {
		add(&g.titles, c.Title)
		add(&g.communes, c.Commune)
		add(&g.villages, c.Villages...)
		add(&g.trainers, c.Trainers...)
		add(&g.planned, c.PlannedModules...)
	}
	return g
}

// attendanceHeader builds a sheet's header block from the classes: one
// class's own fields, or the dates and the union of several. Dates are
// time.Time values, so XLSX gets real date cells. withCodes adds the legend
// of the module codes the sign-in sheet uses.
func attendanceHeader(sc scope, classes []ClassSession, cat Catalog, withCodes bool) ([]headerLine, ExportInfo) {
	lang := cat.Lang
	g := gatherClasses(classes)
	info := ExportInfo{Date: sc.f.To}
	if len(classes) > 0 && info.Date == "" {
		info.Date = classes[len(classes)-1].Date
	}
	switch {
	case len(g.communes) == 1:
		info.Place = g.communes[0]
	case sc.f.Village != "" && len(sc.villages) > 0:
		info.Place = sc.villages[0]
	}
	j := func(xs []string) string { return strings.Join(xs, "; ") }
	h := []headerLine{{Label(lang, "class"), j(g.titles)}}
	h = append(h, dateLines(sc, classes, lang)...)
	h = append(h, headerLine{Label(lang, "commune"), j(g.communes)},
		headerLine{Label(lang, "villages"), j(g.villages)},
		headerLine{Label(lang, "trainers"), j(g.trainers)})
	// On the sign-in sheet modules are codes, explained once by the legend.
	switch {
	case len(g.planned) > 0 && withCodes:
		h = append(h, headerLine{Label(lang, "planned"), cat.Codes(g.planned)})
	case len(g.planned) > 0:
		h = append(h, headerLine{Label(lang, "planned"), cat.legend(g.planned)})
	}
	if withCodes && len(cat.Modules) > 0 {
		h = append(h, headerLine{Label(lang, "codes"), cat.legend(cat.moduleIDs(nil))})
	}
	return h, info
}

// dateLines is the date of the classes ("Ngày"), or the first and last
// ("Từ ngày", "Đến ngày") when they are on several days; with no class, the
// filter's dates.
func dateLines(sc scope, classes []ClassSession, lang string) []headerLine {
	first, last := sc.f.From, sc.f.To
	if len(classes) > 0 {
		first, last = classes[0].Date, classes[len(classes)-1].Date
	}
	day := func(s string) any {
		t, err := time.Parse(DateLayout, s)
		if err != nil {
			return clean(s)
		}
		return t
	}
	switch {
	case first == "" && last == "":
		return []headerLine{{Label(lang, "date"), ""}}
	case first == last:
		return []headerLine{{Label(lang, "date"), day(first)}}
	}
	var h []headerLine
	if first != "" {
		h = append(h, headerLine{Label(lang, "date_from"), day(first)})
	}
	if last != "" {
		h = append(h, headerLine{Label(lang, "date_to"), day(last)})
	}
	return h
}

// bookStart is what both export books begin with: the filter's scope, the
// classes it covers with the header block they give, and the per-module
// summary for the "Tổng hợp" sheet.
type bookStart struct {
	sc      scope
	lang    string
	cat     Catalog
	classes []ClassSession
	header  []headerLine
	info    ExportInfo
	sum     []ModuleSummary
}

func (s *Store) startBook(ctx context.Context, opt ExportOptions, withCodes bool) (bookStart, error) {
	sc, err := s.newScope(ctx, opt.Filter)
	if err != nil {
		return bookStart{}, err
	}
	b := bookStart{sc: sc, lang: opt.Catalog.Lang, cat: opt.Catalog}
	if b.classes, err = s.classesInScope(ctx, sc); err != nil {
		return bookStart{}, err
	}
	b.header, b.info = attendanceHeader(sc, b.classes, b.cat, withCodes)
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
// and check-in time, then the total. "Modules studied" are the modules the
// person read the lesson of or started a quiz of in that class; "passed"
// those passed in it. Modules are named by code (B1…), with a legend in the
// header, so that the sheet fits an A4 page across.
func (s *Store) attendanceBook(ctx context.Context, opt ExportOptions) (*exportBook, ExportInfo, error) {
	b, err := s.startBook(ctx, opt, true)
	if err != nil {
		return nil, ExportInfo{}, err
	}
	L := func(k string) string { return Label(b.lang, k) }
	// The widths add up to about 140 characters: an A4 page across at 100 %
	// (the phone column makes it print at about 92 %).
	genderWidth := 6.0 // "Nam", "Nữ", "Khác"
	if b.lang == "en" {
		genderWidth = 8 // "Female" must not break
	}
	cols := []column{{L("stt"), colInt, 5}, {L("full_name"), colText, 23},
		{L("birth_year"), colInt, 6}, {L("gender"), colShort, genderWidth},
		{L("village"), colText, 20}, {L("household"), colText, 22}}
	if opt.WithPhone {
		cols = append(cols, column{L("phone"), colID, 12})
	}
	checkIn := column{L("check_in"), colDateTime, 16}
	if len(b.classes) == 1 {
		checkIn = column{L("check_in"), colClock, 10} // the date is in the header
	}
	cols = append(cols, checkIn, column{L("studied"), colShort, 15},
		column{L("mods_passed"), colShort, 15}, column{L("signature"), colText, 20})
	count := &attendanceCount{people: map[string]bool{}}
	t := exportTable{sheet: L("sheet_attendance"), title: L("att_title"),
		header: b.header, cols: cols, main: true, form: true}
	t.rows = func(emit func([]any) error) error {
		return s.attendanceRows(ctx, b.sc, b.cat, opt.WithPhone, count, emit)
	}
	t.total = func() string { return count.line(b.lang) }
	book := &exportBook{tables: []exportTable{t}, summary: b.sum,
		title: docTitle(L("att_title"), b.header), subject: L("att_subject")}
	return book, b.info, nil
}

// docTitle is the title in a file's properties: the sheet's title, the
// class and its date, e.g. "Danh sách điểm danh – Lớp buôn A – 10/03/2026".
func docTitle(title string, header []headerLine) string {
	parts := []string{sentenceCase(title)}
	for _, h := range header[:min(len(header), 3)] {
		if v := cellText(h.value, colDate); v != "" && len(parts) < 3 {
			parts = append(parts, v)
		}
	}
	return strings.Join(parts, " – ")
}

// sentenceCase lowers all but the first letter: "DANH SÁCH" → "Danh sách".
func sentenceCase(s string) string {
	r := []rune(strings.ToLower(s))
	if len(r) > 0 {
		r[0] = []rune(strings.ToUpper(string(r[0])))[0]
	}
	return string(r)
}

// attendanceCount counts the sheet's rows as they are written, for the
// total under the table: check-ins, distinct people, anonymous people.
type attendanceCount struct {
	rows   int
	people map[string]bool
	anon   int
}

func (c *attendanceCount) add(id string, anon bool) {
	c.rows++
	if !c.people[id] {
		c.people[id] = true
		if anon {
			c.anon++
		}
	}
}

// line is the total: "Tổng số: 30 người", or with several classes
// "Tổng số: 45 lượt điểm danh của 30 người", and how many were anonymous.
func (c *attendanceCount) line(lang string) string {
	s := fmt.Sprintf(Label(lang, "total"), len(c.people))
	if c.rows != len(c.people) {
		s = fmt.Sprintf(Label(lang, "total_visits"), c.rows, len(c.people))
	}
	if c.anon > 0 {
		s += fmt.Sprintf(Label(lang, "total_anon"), c.anon)
	}
	return s
}

// readInClass is the condition that lesson_progress row g was read during a
// class: first opened or last read between the person's check-in (at) and
// the class's end (closed; a class left open counts one day from the
// check-in). Reading belongs to no class in the database, and a person
// takes their turn after checking in, so this is when they read in it.
// lessonRead.during says the same in Go.
func readInClass(at, closed string) string {
	end := `COALESCE(` + closed + `, strftime('%Y-%m-%dT%H:%M:%fZ', ` + at + `, '+1 day'))`
	return `(g.updated_at >= ` + at + ` AND g.updated_at < ` + end +
		` OR g.created_at >= ` + at + ` AND g.created_at < ` + end + `)`
}

// attendanceRowsQuery selects one row per person per class in scope with
// what they studied and passed in it, in sheet order. With no joined
// records each check-in is already one person in one class, and looking up
// each one's attempts in that class (index attempts_class) is faster than
// grouping every attempt of the classes; the lessons they read are then
// matched in Go (lessonsRead), which reads lesson_progress once instead of
// once per check-in. The general query (joined records) does it all.
func attendanceRowsQuery(sc scope, links bool) string {
	if !links {
		return `SELECT t.checked_in_at, cs.closed_at, p.id, p.full_name, p.birth_year, p.gender, p.village, p.household,
		p.phone, (p.anonymous = 1 OR p.deleted_at IS NOT NULL),
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
		SELECT t.session_id AS sid, ` + pid + ` AS pid, min(t.checked_in_at) AS at, cs.date AS date,
			cs.opened_at AS opened, cs.closed_at AS closed
		FROM attendance AS t JOIN class_sessions AS cs ON cs.id = t.session_id
		LEFT JOIN canon AS c ON c.id = t.participant_id
		WHERE ` + sc.attendanceWhere(pid) + ` GROUP BY 1, 2
	),
	mem AS (
		SELECT sid, pid, pid AS rec, at, closed FROM r
		UNION ALL SELECT r.sid, r.pid, c.id, r.at, r.closed FROM r JOIN canon AS c ON c.cid = r.pid
	),
	act AS (
		SELECT a.session_id AS sid, COALESCE(c.cid, a.participant_id) AS pid, a.module_id AS m, a.passed AS passed
		FROM attempts AS a LEFT JOIN canon AS c ON c.id = a.participant_id
		WHERE a.participant_id IS NOT NULL AND a.session_id IN (SELECT DISTINCT sid FROM r) AND a.kind = 'quiz'
		UNION ALL
		SELECT mem.sid, mem.pid, g.module_id, 0 FROM mem JOIN lesson_progress AS g ON g.participant_id = mem.rec
		WHERE ` + readInClass("mem.at", "mem.closed") + `
	),
	st AS (
		SELECT sid, pid, json_group_array(DISTINCT m) AS studied,
			json_group_array(DISTINCT m) FILTER (WHERE passed = 1) AS passed
		FROM act GROUP BY 1, 2
	)
	SELECT r.at, r.closed, p.id, p.full_name, p.birth_year, p.gender, p.village, p.household, p.phone,
		(p.anonymous = 1 OR p.deleted_at IS NOT NULL), COALESCE(st.studied, '[]'), COALESCE(st.passed, '[]')
	FROM r JOIN participants AS p ON p.id = r.pid
	LEFT JOIN st ON st.sid = r.sid AND st.pid = r.pid
	ORDER BY r.date, r.opened, r.sid, r.at, p.id`
}

// lessonRead is one lesson_progress row: a module's lesson, first opened
// and last read (Unix milliseconds: a province holds 260,000 of them).
type lessonRead struct {
	module           string
	created, updated int64
}

// classWindow is when a check-in's class counts readings: from the check-in
// to the class's end, or one day from the check-in while the class is
// open, as readInClass says in SQL.
func classWindow(at, closed sql.NullString) (from, to int64) {
	start := parseTime(at)
	end := parseTime(closed)
	if end.IsZero() {
		end = start.Add(24 * time.Hour)
	}
	return start.UnixMilli(), end.UnixMilli()
}

// during reports whether the reading was first opened or last read in the
// window [from, to).
func (g lessonRead) during(from, to int64) bool {
	return g.updated >= from && g.updated < to || g.created >= from && g.created < to
}

// lessonsRead reads, once, the lesson readings of everyone with a check-in
// in scope, by record.
func (s *Store) lessonsRead(ctx context.Context, sc scope) (map[string][]lessonRead, error) {
	q := `SELECT g.participant_id, g.module_id, g.created_at, g.updated_at FROM lesson_progress AS g`
	if w := sc.attendanceWhere("t.participant_id"); w != "1" { // everyone: read the table through
		q += ` WHERE g.participant_id IN (SELECT t.participant_id FROM attendance AS t
		JOIN class_sessions AS cs ON cs.id = t.session_id WHERE ` + w + `)`
	}
	rows, err := s.db.QueryContext(ctx, q, sc.args(q)...)
	if err != nil {
		return nil, fmt.Errorf("read lessons: %w", err)
	}
	defer rows.Close()
	out := map[string][]lessonRead{}
	modules := map[string]string{} // a handful of ids, shared by every row
	for rows.Next() {
		var id, module string
		var created, updated sql.NullString
		if err := rows.Scan(&id, &module, &created, &updated); err != nil {
			return nil, fmt.Errorf("read lessons: %w", err)
		}
		if m, ok := modules[module]; ok {
			module = m
		} else {
			modules[module] = module
		}
		out[id] = append(out[id], lessonRead{module: module, created: parseTime(created).UnixMilli(),
			updated: parseTime(updated).UnixMilli()})
	}
	return out, rows.Err()
}

func (s *Store) attendanceRows(ctx context.Context, sc scope, cat Catalog, withPhone bool,
	count *attendanceCount, emit func([]any) error) error {
	links, err := s.hasLinks(ctx)
	if err != nil {
		return fmt.Errorf("read attendance: %w", err)
	}
	return s.attendanceRowsWith(ctx, sc, cat, withPhone, links, count, emit)
}

// attendanceRowsWith emits the sign-in sheet's rows, read with the general
// query (links) or the one for a database without joined records.
func (s *Store) attendanceRowsWith(ctx context.Context, sc scope, cat Catalog, withPhone, links bool,
	count *attendanceCount, emit func([]any) error) error {
	reads := map[string][]lessonRead{}
	if !links {
		var err error
		if reads, err = s.lessonsRead(ctx, sc); err != nil {
			return err
		}
	}
	q := attendanceRowsQuery(sc, links)
	rows, err := s.db.QueryContext(ctx, q, sc.args(q)...)
	if err != nil {
		return fmt.Errorf("read attendance: %w", err)
	}
	defer rows.Close()
	places := lineCache{}
	codes := moduleLists(cat)
	for rows.Next() {
		var at, closed sql.NullString
		var id, name, gender, village, household, phone, studied, passed string
		var year int
		var anon bool
		if err := rows.Scan(&at, &closed, &id, &name, &year, &gender, &village, &household, &phone, &anon,
			&studied, &passed); err != nil {
			return fmt.Errorf("read attendance: %w", err)
		}
		var read []string
		if gs := reads[id]; len(gs) > 0 {
			from, to := classWindow(at, closed)
			for _, g := range gs {
				if g.during(from, to) {
					read = append(read, g.module)
				}
			}
		}
		count.add(id, anon)
		vals := []any{count.rows}
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
		vals = append(vals, s.clk.local(at), codes(studied, read), codes(passed, nil), nil)
		if err := emit(vals); err != nil {
			return err
		}
	}
	return rows.Err()
}

// moduleLists turns a JSON list of module ids plus more ids into codes.
// Few distinct lists occur, so each is turned into codes once.
func moduleLists(cat Catalog) func(list string, more []string) string {
	done := map[string]string{}
	return func(list string, more []string) string {
		key := list
		if len(more) > 0 {
			slices.Sort(more)
			key += strings.Join(more, ",")
		}
		c, ok := done[key]
		if !ok {
			c = cat.Codes(append(parseList(list), more...))
			done[key] = c
		}
		return c
	}
}

// yearOrNil leaves a birth year that was not given empty.
func yearOrNil(y int) any {
	if y == 0 {
		return nil
	}
	return y
}
