package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"kynangso/app"
	"kynangso/app/trainer"
	"kynangso/internal/usererr"
	"kynangso/lessons"
	"kynangso/results"
	"kynangso/web"
)

// The real store is what the TUI runs on.
var _ app.Store = (*results.Store)(nil)

// runTUI opens the content and the results database, then runs the app as a
// kiosk: Ctrl+C and signals such as SIGINT do not end it; leaving is done
// from the trainer's area.
func runTUI(ctx context.Context, o *Options) error {
	// A kiosk: Ctrl+C and SIGTERM cancel the commands' context (Execute),
	// never the app; leaving is done from the trainer's area.
	ctx = context.WithoutCancel(ctx)
	pack, err := tuiPack(o)
	if err != nil {
		return err
	}
	store, err := o.OpenStore(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	m := app.New(app.Config{Store: store, Pack: pack, Lang: o.Lang, Ctx: ctx, Now: o.Now,
		IdleTimeout: time.Duration(o.IdleMinutes) * time.Minute, Trainer: trainer.Area{}})
	// The trainer's page "Mở lớp trên điện thoại" runs the phone pages in
	// this program; leaving the app stops them.
	phones := &web.Launcher{Store: store, Pack: pack, Now: o.Now, Lang: o.Lang}
	m.Common().Phones = phones
	defer stopPhones(phones)
	p := tea.NewProgram(m, tea.WithoutSignals(), tea.WithContext(ctx))
	if _, err := p.Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		return usererr.New("Ứng dụng gặp lỗi màn hình và phải dừng; dữ liệu đã lưu vẫn an toàn. Hãy mở lại ứng dụng.",
			"The app hit a terminal problem and had to stop; saved data is safe. Please start it again.", err)
	}
	return nil
}

// stopPhones ends the phone pages when the app ends.
func stopPhones(l *web.Launcher) {
	if s := l.Server(); s != nil {
		s.StopNow()
	}
}

// tuiPack loads the content the app will teach. A --content folder with any
// problem of its own stops the start, listing them: a broken module (a page
// without a heading, a question without its right answer) must never reach a
// participant. A module written in only some of the app's languages (a
// Vietnamese-only bank just imported) does start, with a warning: the app
// shows it in the language it has. The built-in pack alone always starts, so a class can go on
// whatever happened to the trainer's folder; its problems, which only a
// broken build could have, are printed as a warning.
func tuiPack(o *Options) (*lessons.Pack, error) {
	if err := o.CheckContentFolder(); err != nil {
		return nil, err
	}
	pack, builtin, content, untranslated := loadPackParts(o)
	if len(content) > 0 {
		w := o.Err()
		for _, p := range content {
			fmt.Fprintln(w, p.String())
		}
		fmt.Fprintf(w, "\nNội dung trong %s có %d lỗi nên ứng dụng chưa mở, để người học không gặp bài dở dang.\n"+
			"Hãy sửa rồi kiểm tra lại bằng:  kynangso --content %s content check\n"+
			"Muốn dạy ngay bằng bài có sẵn: mở ứng dụng không có --content.\n\n"+
			"The content in %s has %s, so the app did not open: learners must not meet a half-finished module.\n"+
			"Fix what is listed above, then check again with:  kynangso --content %s content check\n"+
			"To teach now with the built-in modules, start the app without --content.\n",
			o.Content, len(content), o.Content, o.Content, plural(len(content), "problem"), o.Content)
		return nil, &ExitError{Code: 1, Err: errSilent}
	}
	if len(builtin) > 0 {
		fmt.Fprintln(o.Err(), lessons.Problems(builtin).Error())
	}
	for _, p := range untranslated {
		fmt.Fprintln(o.Err(), "cảnh báo / warning: "+p.String())
	}
	if len(pack.Modules) == 0 {
		return nil, errors.New("không có bài học nào để dạy / there is no module to teach")
	}
	return pack, nil
}
