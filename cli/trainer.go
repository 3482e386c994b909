package cli

import (
	"bufio"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"kynangso/internal/safetext"
	"kynangso/internal/usererr"
)

// newTrainerCmd groups the trainer's laptop tools: resetting a forgotten
// PIN and naming the laptop.
func newTrainerCmd(o *Options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "trainer",
		Short: "công cụ của tập huấn viên / trainer tools (PIN, laptop name)",
		Args:  noArgs,
	}
	cmd.AddCommand(newResetPINCmd(o), newSetNameCmd(o))
	return cmd
}

func newResetPINCmd(o *Options) *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "reset-pin",
		Short: "xóa mã PIN đã quên; giữ nguyên mọi dữ liệu / remove a forgotten PIN, keeping all data",
		Long: "Xóa mã PIN của tập huấn viên trên máy này. Mọi kết quả, người học và lớp học được giữ nguyên. Lần mở ứng dụng sau sẽ hỏi tạo mã PIN mới.\n" +
			"Removes the trainer PIN of this laptop. Every result, learner and class is kept. The app asks for a new PIN at its next start.",
		Example: "  kynangso trainer reset-pin\n  kynangso trainer reset-pin --yes --db lop.db",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			store, err := o.OpenStore(cmd.Context())
			if err != nil {
				return err
			}
			defer store.Close()
			has, err := store.HasPIN(cmd.Context())
			if err != nil {
				return usererr.New("Không đọc được mã PIN.", "Could not read the PIN.", err)
			}
			if !has {
				fmt.Fprintf(o.Out(), "Máy này chưa có mã PIN; ứng dụng sẽ hỏi tạo mã khi mở.\nThis laptop has no PIN; the app asks for one when it starts.\n(%s)\n", store.Path())
				return nil
			}
			if !yes && !confirm(cmd, o, fmt.Sprintf(
				"Xóa mã PIN của tập huấn viên trong %s? Dữ liệu được giữ nguyên. [c/K]\n"+
					"Remove the trainer PIN of %s? Data is kept. [y/N] ", store.Path(), store.Path())) {
				fmt.Fprintln(o.Out(), "Không làm gì cả. / Nothing was changed.")
				return &ExitError{Code: 1, Err: errSilent}
			}
			if err := store.ResetPIN(cmd.Context()); err != nil {
				return usererr.New("Chưa xóa được mã PIN; hãy thử lại.", "Could not remove the PIN; try again.", err)
			}
			fmt.Fprintln(o.Out(), "Đã xóa mã PIN. Lần mở ứng dụng sau sẽ hỏi tạo mã mới; mọi dữ liệu vẫn còn.\n"+
				"The PIN is removed. The app asks for a new one at its next start; all data is kept.")
			return nil
		},
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "do not ask for confirmation")
	return cmd
}

// confirm asks a yes/no question on the command's input; only c, co, có, y
// or yes count as yes.
func confirm(cmd *cobra.Command, o *Options, question string) bool {
	fmt.Fprint(o.Out(), question)
	line, _ := bufio.NewReader(cmd.InOrStdin()).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "c", "co", "có", "y", "yes":
		return true
	}
	return false
}

// maxDeviceName is the longest laptop name, in characters: enough for "Máy
// tổ công nghệ số 3, xã Ea Tu, huyện Krông Búk" and short enough for a
// column of the merged results.
const maxDeviceName = 60

func newSetNameCmd(o *Options) *cobra.Command {
	return &cobra.Command{
		Use:     "set-name NAME",
		Short:   "đặt tên cho máy này (hiện khi gộp kết quả) / name this laptop (shown in merged results)",
		Example: "  kynangso trainer set-name \"Máy tổ 3, xã Ea Tu\"",
		Args:    argsRange(1, 1, "tên máy, ví dụ `kynangso trainer set-name \"Máy tổ 3\"`", "the laptop name, e.g. `kynangso trainer set-name \"Team 3 laptop\"`"),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := strings.TrimSpace(safetext.Line(args[0]))
			if name == "" {
				return usererr.New("Tên máy không được để trống.", "The laptop name cannot be empty.", nil)
			}
			if n := utf8.RuneCountInString(name); n > maxDeviceName {
				return usererr.New(fmt.Sprintf("Tên máy dài %d ký tự; hãy đặt tên ngắn hơn, tối đa %d ký tự, ví dụ \"Máy tổ 3, xã Ea Tu\".", n, maxDeviceName),
					fmt.Sprintf("The laptop name is %d characters long; use at most %d, e.g. \"Team 3 laptop, Ea Tu\".", n, maxDeviceName), nil)
			}
			store, err := o.OpenStore(cmd.Context())
			if err != nil {
				return err
			}
			defer store.Close()
			if err := store.SetDeviceName(cmd.Context(), name); err != nil {
				return usererr.New("Chưa đặt được tên máy.", "Could not name the laptop.", err)
			}
			got, _ := store.DeviceName(cmd.Context())
			fmt.Fprintf(o.Out(), "Đã đặt tên máy: %s\nThis laptop is now named: %s\n", got, got)
			return nil
		},
	}
}
