package results

import (
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"time"
)

// demoPerson is one generated resident before it is written.
type demoPerson struct {
	name, gender, village, household string
	year                             int
	anonymous                        bool
}

// demoResident is a generated person and what the generator remembers of
// them while it plays the classes in time order.
type demoResident struct {
	demoPerson
	id         string
	ability    float64
	visitsLeft int
	passed     []bool
	pages      []int
	first      time.Time
	queue      []demoMiss // questions missed and not yet learnt (demo_review.go)
}

// plan makes every household and decides which classes each person comes
// to; nothing is written yet.
func (g *demoGen) plan() [][]*demoResident {
	var withSessions []int
	for i, ss := range g.sessions {
		if len(ss) > 0 {
			withSessions = append(withSessions, i)
		}
	}
	bySession := make([][]*demoResident, g.counts.Sessions)
	for made := 0; made < g.opts.Participants; {
		ci := withSessions[g.rng.IntN(len(withSessions))]
		village := g.pick(demoCommunes[ci].Villages)
		people := g.family(village, min(g.opts.Participants-made, 1+g.rng.IntN(5)))
		g.counts.Households++
		for _, p := range people {
			r := &demoResident{demoPerson: p, passed: make([]bool, len(g.modules)), pages: make([]int, len(g.modules))}
			r.ability = 0.55 + float64(p.year-1945)/63*0.3 + (g.rng.Float64()-0.5)*0.3
			visits := g.visits(len(g.sessions[ci]))
			r.visitsLeft = len(visits)
			for _, v := range visits {
				k := g.sessions[ci][v].index
				bySession[k] = append(bySession[k], r)
			}
		}
		made += len(people)
	}
	return bySession
}

// play writes the classes in time order, so ids and times grow together
// and the inserts stay near the end of every index (fast at 100,000 people).
func (g *demoGen) play(w *demoWriter, bySession [][]*demoResident) error {
	for k, people := range bySession {
		s := g.ordered[k]
		for _, r := range people {
			if err := g.visit(w, s, r); err != nil {
				return err
			}
		}
	}
	return nil
}

// visit writes one person's check-in to a class and what they did there.
func (g *demoGen) visit(w *demoWriter, s demoSession, r *demoResident) error {
	in := s.opened.Add(time.Duration(g.rng.IntN(60)) * time.Minute)
	if r.id == "" {
		r.id, r.first = g.id(in), in
		if err := w.participant(r.id, r.demoPerson, in, g.device); err != nil {
			return err
		}
		g.counts.Participants++
	}
	if err := w.attendance(g.id(in), s.id, r.id, fmtTime(in), g.device); err != nil {
		return err
	}
	g.counts.Attendance++
	if err := g.review(w, s, r, in); err != nil {
		return err
	}
	at := in.Add(10 * time.Minute)
	for _, mi := range s.modules {
		if r.passed[mi] || (len(s.modules) < len(g.modules) && g.rng.IntN(100) >= 65) {
			continue
		}
		r.pages[mi] = max(r.pages[mi], 1+g.rng.IntN(g.pageCount(mi)+2))
		ok, end, err := g.attempt(w, r, s.id, mi, at)
		if err != nil {
			return err
		}
		r.passed[mi], at = r.passed[mi] || ok, end
	}
	r.visitsLeft--
	if r.visitsLeft == 0 {
		return g.progress(w, r.id, r.pages, at)
	}
	return nil
}

// visits picks 1-4 of a commune's classes (most people come once or twice).
func (g *demoGen) visits(n int) []int {
	k := 1
	switch r := g.rng.IntN(100); {
	case r >= 97:
		k = 4
	case r >= 85:
		k = 3
	case r >= 55:
		k = 2
	}
	k = min(k, n)
	start := g.rng.IntN(n - k + 1)
	idx := []int{start}
	for len(idx) < k {
		next := idx[len(idx)-1] + 1 + g.rng.IntN(max(1, (n-idx[len(idx)-1]-1)/(k-len(idx)+1)))
		idx = append(idx, min(next, n-1-(k-len(idx)-1)))
	}
	slices.Sort(idx)
	return slices.Compact(idx)
}

func (g *demoGen) pageCount(mi int) int {
	if n := g.modules[mi].PageCount; n > 0 {
		return n
	}
	return 6
}

// progress writes lesson progress for the modules a person read.
func (g *demoGen) progress(w *demoWriter, pid string, pages []int, at time.Time) error {
	for mi, pg := range pages {
		if pg == 0 {
			continue
		}
		n := g.pageCount(mi)
		pg = min(pg, n)
		var completed any
		if pg == n {
			completed = fmtTime(at)
		}
		if err := w.progress(pid, g.modules[mi].ID, pg, n, completed, g.device, fmtTime(at)); err != nil {
			return err
		}
		g.counts.LessonProgress++
	}
	return nil
}

// difficulty is a fixed property of a question, between -0.15 and +0.25.
func difficulty(qid string) float64 {
	h := fnv.New32a()
	h.Write([]byte(qid))
	return float64(h.Sum32()%41)/100 - 0.15
}

// attempt writes one quiz attempt with an answer to every question drawn
// (fewer if it was abandoned) and returns whether it passed and when it ended.
func (g *demoGen) attempt(w *demoWriter, r *demoResident, sid string, mi int, start time.Time) (bool, time.Time, error) {
	pid, ability := r.id, r.ability
	m := g.modules[mi]
	n := m.PerAttempt
	if n <= 0 || n > len(m.QuestionIDs) {
		n = len(m.QuestionIDs)
	}
	qs := make([]string, n)
	for i, j := range g.rng.Perm(len(m.QuestionIDs))[:n] {
		qs[i] = m.QuestionIDs[j]
	}
	aid := g.id(start)
	answered := n
	abandoned := g.rng.IntN(100) < 3
	if abandoned {
		answered = g.rng.IntN(n)
	}
	type ans struct {
		id, q, chosen string
		correct, ms   int
		at            time.Time
	}
	answers := make([]ans, 0, answered)
	t, score := start, 0
	for _, q := range qs[:answered] {
		ms := 8000 + g.rng.IntN(60000)
		t = t.Add(time.Duration(ms) * time.Millisecond)
		correct := g.rng.Float64() < ability-difficulty(q)
		score += b2i(correct)
		r.noteAnswer(mi, q, correct)
		answers = append(answers, ans{g.id(t), q, jsonList(g.chosen(m, q, correct)), b2i(correct), ms, t})
	}
	pass := m.PassPercent
	if pass <= 0 {
		pass = 70
	}
	state, passed := StateFinished, score*100 >= pass*n
	if abandoned {
		state, passed, score = StateAbandoned, false, 0
	}
	maxScore := n
	if abandoned {
		maxScore = 0
	}
	if err := w.attempt(aid, pid, sid, m.ID, g.opts.PackVersion, int64(g.rng.Uint64()), jsonList(qs), state,
		fmtTime(start), fmtTime(t), score, maxScore, b2i(passed), g.device, KindQuiz); err != nil {
		return false, t, err
	}
	g.counts.Attempts++
	for _, a := range answers {
		if err := w.answer(a.id, aid, a.q, a.chosen, a.correct, fmtTime(a.at), a.ms, g.device); err != nil {
			return false, t, err
		}
		g.counts.Answers++
	}
	return passed, t.Add(2 * time.Minute), nil
}

// chosen returns the choice ids a person picked: the right ones, or a
// plausible wrong set.
func (g *demoGen) chosen(m DemoModule, q string, correct bool) []string {
	right := m.Correct[q]
	if correct && len(right) > 0 {
		return slices.Sorted(slices.Values(right))
	}
	all := m.ChoiceIDs[q]
	if len(all) == 0 {
		all = []string{"a", "b", "c", "d"}
	}
	var wrong []string
	for _, c := range all {
		if !slices.Contains(right, c) {
			wrong = append(wrong, c)
		}
	}
	if len(right) > 1 && g.rng.IntN(2) == 0 {
		return slices.Sorted(slices.Values(right[1:])) // missed one of several
	}
	if len(wrong) == 0 {
		return nil
	}
	return []string{wrong[g.rng.IntN(len(wrong))]}
}

// family names a household's members the way their village would.
func (g *demoGen) family(village string, n int) []demoPerson {
	people := make([]demoPerson, n)
	style := "kinh"
	switch {
	case strings.HasPrefix(village, "Bon "):
		style = "mnong"
	case strings.HasPrefix(village, "Buôn "), g.rng.IntN(10) == 0:
		style = "ede"
	}
	surname, clan := g.pick(kinhSurnames), g.pick(edeClans)
	// House numbers grow along each village, so two families never share
	// one household.
	number := g.houses[village] + 1 + g.rng.IntN(3)
	g.houses[village] = number
	household := fmt.Sprintf("Số %d", number)
	used := make(map[string]bool, n)
	for i := range people {
		p := &people[i]
		p.village, p.gender = village, []string{GenderMale, GenderFemale}[g.rng.IntN(2)]
		if i < 2 {
			p.year = 1945 + g.rng.IntN(31) // parents 1945-1975
		} else {
			p.year = 1976 + g.rng.IntN(33) // children 1976-2008
		}
		// No two people of one household share a name: the trainer's
		// duplicates screen would flag them as one person entered twice.
		p.name = g.name(style, p.gender, surname, clan)
		for try := 0; used[p.name] && try < 20; try++ {
			p.name = g.name(style, p.gender, surname, clan)
		}
		used[p.name] = true
		if i == 0 && style != "kinh" {
			household = "Hộ " + p.name
			if g.heads[village+"\x00"+household] { // another head of the same name
				household += fmt.Sprintf(" (số %d)", number)
			}
			g.heads[village+"\x00"+household] = true
		}
		p.household = household
		p.anonymous = g.rng.IntN(100) < 3
	}
	return people
}

func (g *demoGen) name(style, gender, surname, clan string) string {
	male := gender == GenderMale
	switch style {
	case "ede":
		if g.rng.IntN(8) == 0 {
			return []string{"Amí ", "Ama "}[b2i(male)] + g.pick(edeGivenMale)
		}
		if male {
			return "Y " + g.pick(edeGivenMale) + " " + clan
		}
		return "H'" + g.pick(edeGivenFemale) + " " + clan
	case "mnong":
		// Điểu or Y before a man's name, Thị or H' before a woman's; many
		// also carry their clan name.
		name := "Thị " + g.pick(mnongGivenFemale)
		switch {
		case male && g.rng.IntN(2) == 0:
			name = "Điểu " + g.pick(mnongGivenMale)
		case male:
			name = "Y " + g.pick(mnongGivenMale)
		case g.rng.IntN(2) == 0:
			name = "H'" + g.pick(mnongGivenFemale)
		}
		if g.rng.IntN(2) == 0 {
			name += " " + g.pick(mnongClans)
		}
		return name
	}
	if male {
		return surname + " " + g.pick(kinhMiddleMale) + " " + g.pick(kinhGivenMale)
	}
	return surname + " " + g.pick(kinhMiddleFemale) + " " + g.pick(kinhGivenFemale)
}
