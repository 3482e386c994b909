package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"kynangso/internal/usererr"
	"kynangso/results"
)

func newRestoreCmd(o *Options) *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "restore BACKUP_FILE",
		Short: "Khôi phục dữ liệu từ một bản sao lưu / put a backup back in place of the data",
		Long: "Kiểm tra tệp sao lưu, đổi tên tệp dữ liệu đang dùng thành <tên>.hong-NGÀY-GIỜ.db (không xoá gì), rồi chép bản sao lưu vào chỗ đó.\n" +
			"Hãy đóng ứng dụng kynangso trên máy này trước khi khôi phục.\n" +
			"Checks the backup file, renames the data file in use to <name>.hong-DATE-TIME.db (nothing is deleted), then copies the backup into its place.\n" +
			"Close the kynangso app on this laptop before restoring.",
		Example: "  kynangso restore kynangso-backup-20260315-1015.db\n  kynangso --db lop.db restore E:\\sao-luu\\kynangso-backup-20260315-1015.db",
		Args: argsRange(1, 1, "tệp sao lưu, ví dụ `kynangso restore kynangso-backup-20260315-1015.db`",
			"the backup file, e.g. `kynangso restore kynangso-backup-20260315-1015.db`"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRestore(cmd, o, args[0], yes)
		},
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "do not ask for confirmation")
	return cmd
}

func runRestore(cmd *cobra.Command, o *Options, backup string, yes bool) error {
	ctx := cmd.Context()
	path, err := o.dbPath(results.ResolvePath)
	if err != nil {
		return err
	}
	if _, err := os.Stat(backup); err != nil {
		return usererr.New(fmt.Sprintf("Không thấy tệp sao lưu %s; hãy kiểm tra lại đường dẫn.", backup),
			fmt.Sprintf("No backup file at %s; check the path.", backup), nil)
	}
	if !yes && !confirm(cmd, o, fmt.Sprintf(
		"Thay dữ liệu %s bằng bản sao lưu %s? Dữ liệu hiện tại được đổi tên và giữ lại. [c/K]\n"+
			"Replace the data %s with the backup %s? The current data is renamed and kept. [y/N] ", path, backup, path, backup)) {
		fmt.Fprintln(o.Out(), "Không làm gì cả. / Nothing was changed.")
		return &ExitError{Code: 1, Err: errSilent}
	}
	res, err := results.Restore(ctx, path, backup, o.Now())
	if err != nil {
		return restoreError(path, backup, err)
	}
	abs, _ := filepath.Abs(path)
	fmt.Fprintf(o.Out(), "Đã khôi phục %s từ %s.\nRestored %s from %s.\n", abs, backup, abs, backup)
	if res.MovedAside != "" {
		fmt.Fprintf(o.Out(), "Dữ liệu cũ được giữ ở: %s\nThe previous data is kept at: %s\n", res.MovedAside, res.MovedAside)
	}
	return nil
}

// restoreError says in plain words why nothing was restored.
func restoreError(path, backup string, err error) error {
	switch {
	case errors.Is(err, results.ErrDatabaseInUse):
		return usererr.New(fmt.Sprintf("Tệp dữ liệu %s đang được mở (ứng dụng kynangso đang chạy?). Hãy đóng mọi cửa sổ kynangso rồi chạy lại lệnh; chưa có gì thay đổi.", path),
			fmt.Sprintf("The data file %s is open (is the kynangso app running?). Close every kynangso window and run the command again; nothing was changed.", path), nil)
	case errors.Is(err, results.ErrSameDatabase):
		return usererr.New(fmt.Sprintf("%s chính là tệp dữ liệu đang dùng; hãy chọn một tệp sao lưu.", backup),
			fmt.Sprintf("%s is the data file itself; choose a backup file.", backup), nil)
	case errors.Is(err, results.ErrNotKynangso):
		return usererr.New(fmt.Sprintf("Tệp %s không phải bản sao lưu kynangso (hoặc trống) nên không được dùng; chưa có gì thay đổi.", backup),
			fmt.Sprintf("%s is not a kynangso backup (or is empty), so it was not used; nothing was changed.", backup), err)
	case errors.Is(err, results.ErrDamaged):
		return usererr.New(fmt.Sprintf("Bản sao lưu %s bị hỏng nên không được dùng; hãy chọn bản sao lưu khác. Chưa có gì thay đổi.", backup),
			fmt.Sprintf("The backup %s is damaged, so it was not used; choose another backup. Nothing was changed.", backup), err)
	case errors.Is(err, results.ErrNewerSchema):
		return usererr.New(fmt.Sprintf("Bản sao lưu %s được tạo bởi phiên bản kynangso mới hơn; hãy cập nhật ứng dụng trước. Chưa có gì thay đổi.", backup),
			fmt.Sprintf("The backup %s was made by a newer kynangso; update the app first. Nothing was changed.", backup), err)
	}
	return usererr.New(fmt.Sprintf("Chưa khôi phục được từ %s. Hãy kiểm tra ổ đĩa còn chỗ trống và ghi được; tệp dữ liệu cũ (nếu đã đổi tên) nằm cạnh %s với tên .hong-NGÀY-GIỜ.db.", backup, path),
		fmt.Sprintf("Could not restore from %s. Check that the disk has free space and is writable; the old data file (if it was renamed) sits beside %s as .hong-DATE-TIME.db.", backup, path), err)
}
