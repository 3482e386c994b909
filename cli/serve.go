package cli

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"kynangso/app/ui"
	"kynangso/internal/usererr"
	"kynangso/web"
)

// serveOptions are the flags of `kynangso serve`.
type serveOptions struct {
	listen string
	port   int
	grace  time.Duration
}

// newServeCmd serves the open class to the phones on the local Wi-Fi, for a
// laptop with no one at its keyboard.
func newServeCmd(o *Options) *cobra.Command {
	so := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "mở lớp trên điện thoại qua wifi / the open class on phones over Wi-Fi",
		Long: "Mở lớp học đang mở trên máy này cho điện thoại của học viên qua mạng wifi tại chỗ (điểm phát của điện thoại hoặc bộ phát wifi), không cần internet. " +
			"In ra địa chỉ, mã lớp và mã QR để quét. Bấm Ctrl+C để dừng; lớp đóng thì cũng dừng.\n" +
			"Serves the class open on this laptop to the residents' phones over the local Wi-Fi (a phone's hotspot or a pocket router), no internet needed. " +
			"Prints the address, the class code and a QR code to scan. Ctrl+C stops it; so does closing the class.",
		Example: "  kynangso serve\n  kynangso serve --port 8081\n  kynangso serve --listen 192.168.43.10",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runServe(cmd.Context(), o, so)
		},
	}
	f := cmd.Flags()
	f.StringVar(&so.listen, "listen", "", "IPv4 address to listen on (default: the laptop's address on the local Wi-Fi)")
	f.IntVar(&so.port, "port", web.DefaultPort, "port to listen on (the next free one of the ten after it is taken if busy)")
	f.DurationVar(&so.grace, "grace", web.DefaultGrace, "how long after stopping the phones are told the class on phones has closed (0: stop at once)")
	return cmd
}

// errNoClass is the message when no class is open to serve.
var errNoClass = usererr.New("Chưa có lớp nào đang mở trên máy này. Mở lớp trong khu vực tập huấn viên (mục 1) rồi chạy lại lệnh này.",
	"No class is open on this laptop. Open one in the trainer's area (item 1), then run this command again.", nil)

func runServe(ctx context.Context, o *Options, so *serveOptions) error {
	if so.listen != "" {
		if a, err := netip.ParseAddr(so.listen); err != nil || !a.Is4() {
			return &usageError{cmd: "kynangso serve", err: usererr.New(
				fmt.Sprintf("--listen phải là một địa chỉ IPv4, ví dụ 192.168.43.10, không phải %q.", so.listen),
				fmt.Sprintf("--listen must be an IPv4 address, e.g. 192.168.43.10, not %q.", so.listen), nil)}
		}
	}
	pack, err := tuiPack(o)
	if err != nil {
		return err
	}
	store, err := o.OpenExistingStore(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	class, open, err := store.CurrentSession(ctx)
	if err != nil {
		return fmt.Errorf("đọc lớp đang mở / read the open class: %w", err)
	}
	if !open {
		return &ExitError{Code: 1, Err: errNoClass}
	}
	l := &web.Launcher{Store: store, Pack: pack, Now: o.Now, Lang: o.Lang, Host: so.listen, Port: so.port, Grace: so.grace}
	info, err := l.Start(ctx, class)
	if errors.Is(err, ui.ErrNoNetwork) {
		return &ExitError{Code: 1, Err: usererr.New("Máy tính chưa vào mạng wifi nào. Bật điểm phát wifi trên điện thoại (hoặc bộ phát wifi), cho máy tính vào mạng đó rồi chạy lại; hoặc chỉ rõ địa chỉ bằng --listen.",
			"The laptop is not on any Wi-Fi. Turn on a phone's hotspot (or a pocket router), join the laptop to it and run again; or give the address with --listen.", nil)}
	}
	if err != nil {
		return fmt.Errorf("mở lớp trên điện thoại / start the phone pages: %w", err)
	}
	printServe(o, info)
	srv := l.Server()
	select {
	case <-ctx.Done():
		if so.grace > 0 {
			fmt.Fprintf(o.Out(), "\nĐang báo các điện thoại rằng lớp đã đóng (%s)… / Telling the phones the class has closed (%s)…\n", so.grace, so.grace)
			_ = srv.Stop() // returns at once; Stopped says when it is over
		} else {
			srv.StopNow()
		}
		<-srv.Stopped()
	case <-srv.Stopped():
		fmt.Fprintln(o.Out(), "\nLớp đã đóng nên lớp trên điện thoại đã dừng. / The class was closed, so the phone pages stopped.")
	}
	return nil
}

// printServe prints what the trainer shows the room.
func printServe(o *Options, info ui.PhoneInfo) {
	w := o.Out()
	for _, l := range ui.QRLines(info.QR) {
		fmt.Fprintln(w, ansi.Strip(l))
	}
	fmt.Fprintf(w, "\nĐịa chỉ / Address:  %s\n", info.URL)
	fmt.Fprintf(w, "Mã lớp / Class code: %s\n", info.Code)
	fmt.Fprintln(w, "Quét mã QR bằng máy ảnh hoặc Zalo. / Scan the QR code with the camera or Zalo.")
	fmt.Fprintln(w, "Bấm Ctrl+C để dừng. / Press Ctrl+C to stop.")
}
