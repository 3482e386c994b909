package app

import "kynangso/results"

type reportKind int

const (
	repSummary reportKind = iota
	repItems
	repCoverage
	repFollowUp
)

func reportKindOf(a homeAction) reportKind { return repSummary }

func defaultFilter(c results.ClassSession, open bool) results.Filter { return results.Filter{} }

func newReportPage(c *Common, k reportKind, f results.Filter) Component { return newWherePage(c) }
func newPeoplePage(c *Common, manage bool) Component                    { return newWherePage(c) }
func newExportPage(c *Common, f results.Filter) Component               { return newWherePage(c) }
func newBackupPage(c *Common) Component                                 { return newWherePage(c) }
func newWherePage(c *Common) Component                                  { return newReopenPage(c) }
