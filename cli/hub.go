package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/spf13/cobra"

	"kynangso/hub"
	"kynangso/internal/safetext"
	"kynangso/internal/usererr"
	"kynangso/results"
)

// savedHub is the --hub value that means "the address set with `kynangso
// hub set` (or KYNANGSO_HUB)", so a password need not be typed where the
// shell's history or other users' process lists keep it.
const savedHub = "saved"

// hubFlags are the flags that make report and export read the province hub.
type hubFlags struct {
	url, commune string
}

func (h *hubFlags) add(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&h.url, "hub", "", "read the province hub at this postgres://\naddress (the province's login), or \"saved\"\nfor the address set with `hub set`")
	fl.StringVar(&h.commune, "commune", "", "with --hub: only this commune (its name on the hub)")
}

// hubConfig returns the hub address a command was given, or the saved one.
func hubConfig(url string) (hub.Config, error) {
	if url != "" && url != savedHub {
		c := hub.Config{DSN: url}
		return c, hubError(hub.Validate(url), c)
	}
	path, err := hub.ConfigPath()
	if err != nil {
		return hub.Config{}, err
	}
	c, err := hub.Load(path, os.Getenv)
	return c, hubError(err, c)
}

// openSource opens what report and export read: the laptop's database, or
// with --hub an up-to-date mirror of the hub (see hub.Mirror), on which the
// same reports give the hub's numbers.
func (o *Options) openSource(ctx context.Context, h hubFlags) (*results.Store, error) {
	if h.url == "" {
		if h.commune != "" {
			return nil, usererr.New("--commune chỉ dùng cùng --hub.", "--commune needs --hub.", nil)
		}
		return o.OpenExistingStore(ctx)
	}
	cfg, err := hubConfig(h.url)
	if err != nil {
		return nil, err
	}
	conn, err := hub.Connect(ctx, cfg)
	if err != nil {
		return nil, hubError(err, cfg)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	path, err := mirrorPath(cfg, h.commune)
	if err != nil {
		return nil, err
	}
	fmt.Fprintln(o.Err(), tr(o.Lang, "Đang cập nhật bản sao báo cáo từ máy chủ tỉnh…", "Updating the report copy from the province hub…"))
	s, err := hub.Mirror(ctx, conn, path, h.commune, o.storeOptions()...)
	return s, hubError(err, cfg)
}

// mirrorPath is the report mirror of one hub (and commune) in the user's
// cache folder; like every kynangso database it is readable by its owner
// only.
func mirrorPath(cfg hub.Config, commune string) (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", usererr.New("Không tìm được thư mục tạm của người dùng.", "Cannot find the user's cache folder.", err)
	}
	pc, err := pgx.ParseConfig(cfg.DSN)
	if err != nil {
		return "", hubError(err, cfg)
	}
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s:%d/%s %s", pc.Host, pc.Port, pc.Database, commune)))
	dir = filepath.Join(dir, "kynangso")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	return filepath.Join(dir, "hub-mirror-"+hex.EncodeToString(sum[:6])+".db"), nil
}

// hubError turns a hub problem into a bilingual sentence saying what to do;
// the password never appears in it.
func hubError(err error, cfg hub.Config) error {
	if err == nil {
		return nil
	}
	cause := maskedError{text: hub.Mask(err.Error(), cfg.DSN), err: err}
	switch {
	case errors.Is(err, hub.ErrNoHub):
		return usererr.New("Chưa có địa chỉ máy chủ tỉnh. Hãy đặt một lần bằng:\n  kynangso hub set postgres://TỔ:MẬT_KHẨU@MÁY_CHỦ/kynangso?sslmode=require",
			"No hub address is set. Set it once with:\n  kynangso hub set postgres://TEAM:PASSWORD@SERVER/kynangso?sslmode=require", nil)
	case errors.Is(err, hub.ErrBadAddress):
		return usererr.New("Địa chỉ máy chủ tỉnh không dùng được; hãy xem lại địa chỉ tỉnh đã gửi.",
			"The hub address cannot be used; check the address the province gave you.", cause)
	case errors.Is(err, hub.ErrNotTeam):
		return usererr.New("Tài khoản này không phải tài khoản của một tổ; hãy dùng địa chỉ tỉnh cấp cho tổ.",
			"This login is not a team's; use the address the province gave your team.", cause)
	case errors.Is(err, hub.ErrNewerSchema):
		return usererr.New("Máy chủ tỉnh dùng phiên bản kynangso mới hơn; hãy cập nhật ứng dụng trên máy này.",
			"The hub runs a newer kynangso; update the app on this laptop.", cause)
	case errors.Is(err, hub.ErrOlderSchema), errors.Is(err, hub.ErrNotHub):
		return usererr.New("Máy chủ tỉnh chưa được cài đặt hoặc nâng cấp cho phiên bản này; hãy báo cán bộ tỉnh chạy `kynangso hub init`.",
			"The hub is not set up or upgraded for this version; ask the province to run `kynangso hub init`.", cause)
	case errors.Is(err, hub.ErrNoSummaries), isPermissionDenied(err):
		return usererr.New("Tài khoản này không đọc được báo cáo của tỉnh: tài khoản của tổ chỉ dùng để gửi kết quả\n"+
			"(kynangso sync). Hãy dùng tài khoản của tỉnh (cán bộ tỉnh tạo bằng `kynangso hub add-province`).",
			"This login cannot read the province's reports: a team's login only sends results (kynangso sync).\n"+
				"Use the province's login (made with `kynangso hub add-province`).", cause)
	case errors.Is(err, hub.ErrNoCommune):
		vi, en := "Máy chủ tỉnh không có xã/phường này; hãy viết đúng tên như trên máy chủ.",
			"The hub has no such commune; write its name as the hub has it."
		if nc := (hub.NoCommuneError{}); errors.As(err, &nc) && len(nc.Known) > 0 {
			names := make([]string, len(nc.Known))
			for i, n := range nc.Known {
				names[i] = "'" + safetext.Line(n) + "'"
			}
			list := strings.Join(names, ", ")
			vi += "\nCác xã/phường trên máy chủ: " + list
			en += "\nThe hub's communes: " + list
		}
		return usererr.New(vi, en, silentCause{err})
	case errors.Is(err, context.Canceled):
		return usererr.New("Đã dừng. Những gì đã gửi được giữ trên máy chủ; chạy lại để gửi nốt.",
			"Stopped. What was sent is kept on the hub; run it again to send the rest.", silentCause{err})
	}
	return usererr.New("Không làm việc được với máy chủ tỉnh. Dữ liệu trên máy vẫn an toàn; hãy kiểm tra mạng rồi chạy lại.",
		"Could not work with the province hub. The data on this laptop is safe; check the connection and run it again.", cause)
}

// isPermissionDenied reports whether the hub refused a read or write to
// this login (SQLSTATE 42501, insufficient privilege).
func isPermissionDenied(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "42501"
}

// maskedError shows a hub error with the password masked out of its text,
// while errors.Is still sees the error it came from.
type maskedError struct {
	text string
	err  error
}

func (e maskedError) Error() string { return e.text }
func (e maskedError) Unwrap() error { return e.err }

// silentCause keeps a cause for errors.Is without printing it.
type silentCause struct{ err error }

func (e silentCause) Error() string { return "" }
func (e silentCause) Unwrap() error { return e.err }

func newHubCmd(o *Options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "hub",
		Short: "máy chủ tỉnh: địa chỉ, tổ, cài đặt / the province hub: address, teams",
		Long: "Máy của tổ: `hub set` một lần, rồi `kynangso sync`. Cán bộ tỉnh: `hub init`, `hub add-team`, `hub add-province`.\n" +
			"A team's laptop: `hub set` once, then `kynangso sync`. The province: `hub init`, `hub add-team`, `hub add-province`.\n" +
			"docs/hub.md says how to set up a hub on a Debian server.",
		Args: noArgs,
	}
	cmd.AddCommand(newHubSetCmd(o), newHubShowCmd(o), newHubInitCmd(o), newHubAddTeamCmd(o), newHubAddProvinceCmd(o),
		newHubFingerprintCmd(o))
	return cmd
}

func newHubSetCmd(o *Options) *cobra.Command {
	return &cobra.Command{
		Use:   "set postgres://TEAM:PASSWORD@SERVER/DATABASE?sslmode=require",
		Short: "Lưu địa chỉ máy chủ tỉnh của tổ (chỉ bạn đọc được) / save the team's hub address (readable by you only)",
		Args:  argsRange(1, 1, "địa chỉ máy chủ (postgres://…)", "the hub address (postgres://…)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg := hub.Config{DSN: args[0]}
			path, err := hub.ConfigPath()
			if err != nil {
				return err
			}
			if err := hub.Save(path, cfg); err != nil {
				return hubError(err, cfg)
			}
			fmt.Fprintf(o.Out(), "%s\n%s\n", cfg.Masked(), tr(o.Lang, "Đã lưu vào "+path+" (chỉ bạn đọc được; mật khẩu không bao giờ hiện ra).",
				"Saved in "+path+" (readable by you only; the password is never shown)."))
			ctx, cancel := context.WithTimeout(cmd.Context(), 15*time.Second)
			defer cancel()
			conn, err := hub.Connect(ctx, cfg)
			if err != nil {
				fmt.Fprintln(o.Err(), tr(o.Lang, "Chưa kết nối được máy chủ lúc này; địa chỉ vẫn được lưu, `kynangso sync` sẽ thử lại.",
					"The hub cannot be reached now; the address is saved and `kynangso sync` will try again."))
				return nil
			}
			defer conn.Close(context.WithoutCancel(ctx))
			var team, commune *string
			if err := conn.QueryRow(ctx, `SELECT team, commune FROM kynangso.whoami()`).Scan(&team, &commune); err == nil && team != nil {
				fmt.Fprintf(o.Out(), "%s: %s, %s\n", tr(o.Lang, "Tổ", "Team"), cell(*team), cell(*commune))
			}
			return nil
		},
	}
}

func newHubShowCmd(o *Options) *cobra.Command {
	return &cobra.Command{
		Use:   "show",
		Short: "In địa chỉ máy chủ tỉnh (che mật khẩu) / print the hub address (password masked)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := hubConfig(savedHub)
			if err != nil {
				return err
			}
			fmt.Fprintln(o.Out(), cfg.Masked())
			return nil
		},
	}
}

// withAdmin connects to the hub at url (the owner's login) and runs fn.
func withAdmin(ctx context.Context, url string, fn func(*pgx.Conn) error) error {
	cfg := hub.Config{DSN: url}
	conn, err := hub.Connect(ctx, cfg)
	if err != nil {
		return hubError(err, cfg)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	return hubError(fn(conn), cfg)
}

func newHubInitCmd(o *Options) *cobra.Command {
	return &cobra.Command{
		Use:   "init postgres://OWNER@SERVER/DATABASE?sslmode=require",
		Short: "Cài đặt hoặc nâng cấp máy chủ tỉnh (tài khoản chủ) / set up or upgrade the hub (the owner's login)",
		Args:  argsRange(1, 1, "địa chỉ máy chủ với tài khoản chủ", "the hub address with the owner's login"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withAdmin(cmd.Context(), args[0], func(c *pgx.Conn) error {
				if err := hub.Migrate(cmd.Context(), c); err != nil {
					return err
				}
				fmt.Fprintf(o.Out(), "%s %d.\n", tr(o.Lang, "Máy chủ tỉnh sẵn sàng, lược đồ phiên bản", "The hub is ready, schema version"), hub.SchemaVersion)
				return nil
			})
		},
	}
}

// newLoginCmd is a command that creates a login on the hub with a new
// password (create makes it) and shows its address once.
func newLoginCmd(o *Options, use, short string, role *string,
	create func(context.Context, *pgx.Conn, string) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Args:  argsRange(1, 1, "địa chỉ máy chủ với tài khoản chủ", "the hub address with the owner's login"),
		RunE: func(cmd *cobra.Command, args []string) error {
			pw := hub.NewPassword()
			return withAdmin(cmd.Context(), args[0], func(c *pgx.Conn) error {
				if err := create(cmd.Context(), c, pw); err != nil {
					return err
				}
				printNewLogin(o, args[0], *role, pw, strings.HasPrefix(use, "add-province"))
				return nil
			})
		},
	}
	cmd.Flags().StringVar(role, "role", "", "the login (lower-case letters, digits, _)")
	return cmd
}

func newHubAddTeamCmd(o *Options) *cobra.Command {
	var t hub.Team
	cmd := newLoginCmd(o, "add-team postgres://OWNER@SERVER/DATABASE --commune NAME --name TEAM --role LOGIN",
		"Tạo tài khoản cho một tổ / create a team's login", &t.Role,
		func(ctx context.Context, c *pgx.Conn, pw string) error { return hub.AddTeam(ctx, c, t, pw) })
	cmd.Flags().StringVar(&t.Commune, "commune", "", "the team's commune (created when new)")
	cmd.Flags().StringVar(&t.Name, "name", "", "the team's name, as people say it")
	return cmd
}

func newHubAddProvinceCmd(o *Options) *cobra.Command {
	var role string
	return newLoginCmd(o, "add-province postgres://OWNER@SERVER/DATABASE --role LOGIN",
		"Tạo tài khoản chỉ đọc cho cán bộ tỉnh / create the province staff's read-only login", &role,
		func(ctx context.Context, c *pgx.Conn, pw string) error { return hub.AddProvince(ctx, c, role, pw) })
}

// printNewLogin shows a new login's address, password included, once: the
// administrator hands it over on paper or in person. It is the only place
// kynangso ever prints a password, because there is no other way to give
// it to the team.
func printNewLogin(o *Options, ownerURL, role, password string, province bool) {
	u := url.URL{Scheme: "postgres", User: url.UserPassword(role, password), Host: "SERVER", Path: "/kynangso",
		RawQuery: "sslmode=require"}
	if pc, err := pgx.ParseConfig(ownerURL); err == nil {
		u.Host, u.Path = fmt.Sprintf("%s:%d", pc.Host, pc.Port), "/"+pc.Database
		if strings.HasPrefix(pc.Host, "/") { // a Unix socket: the same machine
			q := url.Values{"host": {pc.Host}, "sslmode": {"disable"}}
			if pc.Port != 5432 { // the socket's name holds the port
				q.Set("port", fmt.Sprint(pc.Port))
			}
			u.Host, u.RawQuery = "", q.Encode()
		}
	}
	fmt.Fprintln(o.Out(), u.String())
	if province {
		fmt.Fprintln(o.Err(), tr(o.Lang, "Mật khẩu chỉ hiện một lần: đây là tài khoản chỉ đọc của tỉnh, dùng với\n"+
			"`kynangso report --hub ĐỊA_CHỈ` và `kynangso export … --hub ĐỊA_CHỈ`; không trao cho tổ.",
			"The password is shown this once: this is the province's read-only login, for\n"+
				"`kynangso report --hub ADDRESS` and `kynangso export … --hub ADDRESS`; do not give it to a team."))
		return
	}
	fmt.Fprintln(o.Err(), tr(o.Lang, "Mật khẩu chỉ hiện một lần: hãy trao địa chỉ này cho tổ để chạy `kynangso hub set`.",
		"The password is shown this once: give this address to the team for `kynangso hub set`."))
}

func newHubFingerprintCmd(o *Options) *cobra.Command {
	return &cobra.Command{
		Use:   "fingerprint postgres://PROVINCE@SERVER/DATABASE",
		Short: "Dấu vân tay nội dung máy chủ tỉnh (so với `kynangso fingerprint`) / the hub's content fingerprint",
		Args:  argsRange(1, 1, "địa chỉ máy chủ với tài khoản tỉnh", "the hub address with the province's login"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withAdmin(cmd.Context(), args[0], func(c *pgx.Conn) error {
				fp, err := hub.Fingerprint(cmd.Context(), c)
				if err == nil {
					fmt.Fprintln(o.Out(), fp)
				}
				return err
			})
		},
	}
}
