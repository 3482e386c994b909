package ui

import (
	"strings"

	"kynangso/flow"
	"kynangso/results"
)

// PersonLine is "Nguyễn Thị Lan · sinh 1958 · Buôn Ako Dhông": how a person
// found by a search is shown on the laptop and on a phone, cleaned of
// control and invisible characters.
func PersonLine(cat Catalog, p results.Participant) string {
	parts := []string{CleanLine(p.FullName)}
	if p.BirthYear > 0 {
		parts = append(parts, cat.F("checkin.born", p.BirthYear))
	}
	if v := CleanLine(p.Village); v != "" {
		parts = append(parts, v)
	}
	return strings.Join(parts, " · ")
}

// StatusText says a module's status in words (never colour alone), the
// same on the laptop's menu and on a phone's.
func StatusText(cat Catalog, m flow.ModuleStatus) string {
	switch m.Kind {
	case flow.StatusReading:
		return cat.F("status.reading", m.Page, m.Pages)
	case flow.StatusRead:
		return cat.T("status.read")
	case flow.StatusInProgress:
		return cat.T("status.progress")
	case flow.StatusFailed:
		return cat.F("status.failed", m.Score, m.MaxScore)
	case flow.StatusPassed:
		return cat.F("status.passed", m.Score, m.MaxScore)
	}
	return cat.T("status.new")
}
