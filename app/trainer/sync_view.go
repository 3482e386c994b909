package trainer

import (
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"kynangso/app/ui"
	"kynangso/hub"
	"kynangso/results"
)

// lines lays out the sync page for width w.
func (p *syncPage) lines(w int) []string {
	st, cat := p.c.Styles, p.c.Cat
	out := []string{st.Title.Render(cat.T("tr.home.sync")), ""}
	if p.store == nil {
		return append(out, wrapErr(p.c, cat.T("tr.sync.err.nostore"), w)...)
	}
	if p.cfg.DSN != "" {
		out = append(out, ui.Wrap(st.Subtle.Render(cat.F("tr.sync.hub", hubLabel(p.cfg))), w)...)
		out = append(out, "")
	}
	para := func(key string) {
		out = append(out, ui.Wrap(st.Text.Render(cat.T(key)), w)...)
		out = append(out, "")
	}
	switch p.state {
	case syncReading:
		out = append(out, st.Subtle.Render(cat.T("tr.sync.reading")))
	case syncIdle:
		para("tr.sync.intro")
		para("tr.sync.safe")
		out = append(out, ui.Wrap(st.Bold.Render(cat.T("tr.sync.press")), w)...)
	case syncRunning, syncStopping:
		out = append(out, p.stepLines(w)...)
		out = append(out, "")
		if p.state == syncStopping {
			out = append(out, ui.Wrap(st.Bold.Render(cat.T("tr.sync.stopping")), w)...)
		} else {
			out = append(out, ui.Wrap(st.Subtle.Render(cat.T("tr.sync.stophint")), w)...)
		}
	case syncOver:
		if p.snap.err == nil {
			out = append(out, p.doneLines(w)...)
		} else {
			out = append(out, p.troubleLines(p.snap.err, w)...)
		}
	case syncNoConfig:
		out = append(out, p.troubleLines(p.snap.err, w)...)
	}
	return out
}

// syncSteps are the steps a sync goes through, as the page lists them.
var syncSteps = []struct {
	phase hub.Phase
	key   string
}{{hub.PhaseConnect, "tr.sync.step.connect"}, {hub.PhaseScan, "tr.sync.step.scan"},
	{hub.PhaseSend, "tr.sync.step.send"}, {hub.PhasePull, "tr.sync.step.pull"}, {hub.PhaseApply, "tr.sync.step.apply"}}

// stepLines lists the steps (✓ done, ▶ now) and the progress bar.
func (p *syncPage) stepLines(w int) []string {
	st, cat := p.c.Styles, p.c.Cat
	pr := p.snap.prog
	var out []string
	for _, s := range syncSteps {
		label := cat.T(s.key)
		switch {
		case s.phase < pr.Phase:
			out = append(out, ui.Hang("✓ ", st.Saved.Render(label), w)...)
		case s.phase == pr.Phase:
			if s.phase == hub.PhaseSend && pr.Total > 0 {
				label += ": " + cat.F("tr.sync.rows", groupDigits(pr.Done, cat.Lang), groupDigits(pr.Total, cat.Lang))
			}
			out = append(out, ui.Hang("▶ ", st.Bold.Render(label), w)...)
		default:
			out = append(out, ui.Hang("  ", st.Subtle.Render(label), w)...)
		}
	}
	bar := p.bar
	bar.SetWidth(min(w, 60))
	return append(out, "", bar.ViewAs(p.frac))
}

// doneLines says what a finished sync sent and brought back.
func (p *syncPage) doneLines(w int) []string {
	st, cat := p.c.Styles, p.c.Cat
	res := p.snap.res
	lang := cat.Lang
	out := ui.Hang("✓ ", st.Saved.Render(cat.T("tr.sync.done")), w)
	out = append(out, ui.Wrap(st.Text.Render(cat.F("tr.sync.team", ui.CleanLine(res.Team), ui.CleanLine(res.Commune))), w)...)
	out = append(out, "")
	if res.SentRows() == 0 {
		out = append(out, ui.Wrap(st.Text.Render(cat.T("tr.sync.nothing")), w)...)
	} else {
		out = append(out, st.Bold.Render(cat.T("tr.sync.sent")))
		for _, t := range results.HubTables() {
			r := res.Tables[t.Name]
			if r.Sent == 0 {
				continue
			}
			line := cat.F("tr.sync.line", cat.T(tableKeys[t.Name]), groupDigits(r.Sent, lang),
				groupDigits(r.New, lang), groupDigits(r.Updated, lang))
			out = append(out, ui.Hang("  • ", st.Text.Render(line), w)...)
			if r.Refused > 0 {
				out = append(out, ui.Hang("    ", st.Subtle.Render(cat.F("tr.sync.refused", groupDigits(r.Refused, lang))), w)...)
			}
		}
	}
	out = append(out, "")
	if res.Pulled > 0 {
		out = append(out, ui.Wrap(st.Text.Render(cat.F("tr.sync.pulled", groupDigits(res.Pulled, lang))), w)...)
	} else {
		out = append(out, ui.Wrap(st.Text.Render(cat.T("tr.sync.pullednone")), w)...)
	}
	if n := len(res.Merge.Duplicates); n > 0 {
		out = append(out, ui.Wrap(st.Bold.Render(cat.F("tr.sync.dups", groupDigits(n, lang))), w)...)
	}
	out = append(out, "")
	return append(out, ui.Wrap(st.Subtle.Render(cat.T("tr.sync.againhint")), w)...)
}

// tableKeys name the tables a sync sends, as a trainer says them.
var tableKeys = map[string]string{
	"devices": "tr.sync.t.devices", "participants": "tr.sync.t.participants",
	"class_sessions": "tr.sync.t.class_sessions", "attendance": "tr.sync.t.attendance",
	"lesson_progress": "tr.sync.t.lesson_progress", "attempts": "tr.sync.t.attempts",
	"answers": "tr.sync.t.answers", "participant_links": "tr.sync.t.participant_links",
	"merge_log": "tr.sync.t.merge_log",
}

// troubleKeys words each kind of hub trouble.
var troubleKeys = map[hub.Trouble]string{
	hub.TroubleNoHub: "tr.sync.err.nohub", hub.TroubleAddress: "tr.sync.err.address",
	hub.TroubleCertificate: "tr.sync.err.cert", hub.TroubleLogin: "tr.sync.err.login",
	hub.TroubleNotTeam: "tr.sync.err.notteam", hub.TroubleAppOld: "tr.sync.err.appold",
	hub.TroubleHubOld: "tr.sync.err.hubold", hub.TroubleStopped: "tr.sync.err.stopped",
	hub.TroubleConnection: "tr.sync.err.conn", hub.TroubleHub: "tr.sync.err.hub",
	hub.TroubleLocal: "tr.sync.err.local",
}

// troubleLines says plainly what went wrong and what to do next, with the
// detail (password masked) for the province staff.
func (p *syncPage) troubleLines(err error, w int) []string {
	st, cat := p.c.Styles, p.c.Cat
	tr := hub.TroubleOf(err)
	out := ui.Hang("✗ ", st.Error.Render(cat.T(troubleKeys[tr])), w)
	switch tr {
	case hub.TroubleNoHub:
		out = append(out, "", st.Bold.Render("  kynangso hub set"), st.Bold.Render("  "+cat.T("tr.sync.err.nohubaddr")), "")
		return append(out, ui.Wrap(st.Text.Render(cat.T("tr.sync.err.nohub2")), w)...)
	case hub.TroubleStopped:
		return out
	case hub.TroubleConnection:
		out = append(out, "")
		out = append(out, ui.Wrap(st.Text.Render(cat.T("tr.sync.err.conn2")), w)...)
	}
	detail := hub.Mask(err.Error(), p.cfg.DSN)
	out = append(out, "")
	return append(out, ui.Wrap(st.Subtle.Render(cat.F("tr.sync.detail", ui.CleanLine(detail))), w)...)
}

// hubLabel names the hub as a trainer knows it: the server and the team's
// login, never the password.
func hubLabel(c hub.Config) string {
	pc, err := pgconn.ParseConfig(c.DSN)
	if err != nil || pc.Host == "" {
		return ui.CleanLine(c.Masked())
	}
	host := pc.Host
	if strings.HasPrefix(host, "/") { // a Unix socket: this machine
		host = "localhost"
	}
	return ui.CleanLine(host + " · " + pc.User)
}

// groupDigits writes n with its thousands grouped as the language does:
// 12.340 in Vietnamese, 12,340 in English.
func groupDigits(n int, lang string) string {
	sep := "."
	if lang == ui.LangEN {
		sep = ","
	}
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
