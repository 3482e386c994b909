package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"kynangso/app"
	"kynangso/results"
)

// The real store is what the TUI runs on.
var _ app.Store = (*results.Store)(nil)

// runTUI opens the content and the results database, then runs the app as a
// kiosk: Ctrl+C and signals such as SIGINT do not end it; leaving is done
// from the trainer's area.
func runTUI(ctx context.Context, o *Options) error {
	pack, err := o.LoadPack()
	if err != nil {
		if pack == nil || len(pack.Modules) == 0 {
			return err
		}
		// Teach what loaded; the trainer sees the problems with `content check`.
		fmt.Fprintln(o.Err(), err)
	}
	store, err := o.OpenStore(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	m := app.New(app.Config{Store: store, Pack: pack, Lang: o.Lang, Ctx: ctx,
		IdleTimeout: time.Duration(o.IdleMinutes) * time.Minute})
	p := tea.NewProgram(m, tea.WithoutSignals(), tea.WithContext(ctx))
	if _, err := p.Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		return fmt.Errorf("Ứng dụng gặp lỗi màn hình và phải dừng; dữ liệu đã lưu vẫn an toàn. Hãy mở lại ứng dụng.\n"+
			"The app hit a terminal problem and had to stop; saved data is safe. Please start it again.\n(%w)", err)
	}
	return nil
}
