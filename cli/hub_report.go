package cli

import (
	"context"
	"errors"
	"slices"

	"kynangso/hub"
	"kynangso/results"
)

// errNeedsMirror means a report cannot be answered from the hub's
// summaries and runs on a database file instead: the laptop's, or the
// hub's report mirror.
var errNeedsMirror = errors.New("cli: the report needs the rows")

// hubSummaryReport answers a report on the whole province's hub from the
// summary tables the hub keeps (hub.ReadSummaries): a few thousand grouped
// rows however many people the province has, with no mirror to build or
// open. It gives errNeedsMirror when the report needs the rows: a commune
// (the summaries are the province's), a class or dates, the item analysis
// of a village, or the named follow-up list. A team's login may read
// neither the summaries nor the mirror's rows: hubError says so.
func (o *Options) hubSummaryReport(ctx context.Context, src hubFlags, cat results.Catalog, sections []string,
	f results.Filter) (reportData, error) {
	if src.url == "" || src.commune != "" || slices.Contains(sections, "followup") ||
		!results.SummariesServe(f, slices.Contains(sections, "questions")) {
		return reportData{}, errNeedsMirror
	}
	cfg, err := hubConfig(src.url)
	if err != nil {
		return reportData{}, err
	}
	conn, err := hub.Connect(ctx, cfg)
	if err != nil {
		return reportData{}, hubError(err, cfg)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	var d reportData
	err = hub.ReadSummaries(ctx, conn, func(m results.Summaries) error {
		var err error
		d, err = collectReport(ctx, m, nil, cat, sections, f, false)
		return err
	})
	switch {
	case errors.Is(err, results.ErrNeedsRows):
		return reportData{}, errNeedsMirror
	case errors.Is(err, results.ErrNotFound), errors.Is(err, results.ErrBadFilter):
		return reportData{}, filterError(err)
	}
	return d, hubError(err, cfg)
}
