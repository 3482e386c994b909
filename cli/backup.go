package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"kynangso/internal/usererr"
	"kynangso/results"
)

func newBackupCmd(o *Options) *cobra.Command {
	var (
		out   string
		force bool
	)
	cmd := &cobra.Command{
		Use:   "backup",
		Short: "Lưu một bản sao an toàn của dữ liệu / save a checked copy of the data",
		Long: "Chép toàn bộ dữ liệu ra một tệp, kể cả khi ứng dụng đang chạy, rồi kiểm tra bản sao (PRAGMA integrity_check).\n" +
			"Copies all the data to one file, even while the app is running, then checks the copy (PRAGMA integrity_check).\n" +
			"Không có -o: kynangso-backup-YYYYMMDD-HHMM.db trong thư mục hiện tại; -o THƯ_MỤC đặt tệp vào thư mục đó.\n" +
			"Without -o: kynangso-backup-YYYYMMDD-HHMM.db in the current folder; -o FOLDER puts it in that folder.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runBackup(cmd.Context(), o, out, force)
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "backup file or folder (default:\nkynangso-backup-YYYYMMDD-HHMM.db here)")
	cmd.Flags().BoolVar(&force, "force", false, "replace the backup file if it already exists")
	return cmd
}

func runBackup(ctx context.Context, o *Options, out string, force bool) error {
	dst, added, err := backupPath(out, o.Now())
	if err != nil {
		return err
	}
	s, err := o.OpenExistingStore(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	backup := s.Backup
	if force {
		backup = s.BackupReplace
	}
	if err := backup(ctx, dst); err != nil {
		return backupError(dst, err)
	}
	fmt.Fprintf(o.Out(), "%s\n", dst)
	if added {
		fmt.Fprintf(o.Out(), "Đã thêm đuôi .db vào tên tệp để dễ nhận ra và gộp lại sau. / Added the .db extension to the file name so the backup is easy to recognise and merge later.\n")
	}
	fmt.Fprintln(o.Out(), "Đã kiểm tra: bản sao nguyên vẹn (integrity_check ok). / Checked: the copy is whole (integrity_check ok).")
	return nil
}

// backupPath resolves -o: empty means the default name here, a folder means
// the default name in it, and a file name without an extension gets ".db"
// (added reports that), so the file is recognisable on a USB stick and in
// the merge screen. The result is absolute so the trainer sees where the
// file went.
func backupPath(out string, now time.Time) (path string, added bool, err error) {
	name := results.DefaultBackupName(now)
	switch fi, err := os.Stat(out); {
	case out == "":
		out = name
	case err == nil && fi.IsDir():
		out = filepath.Join(out, name)
	case filepath.Ext(out) == "" && !strings.HasSuffix(out, string(filepath.Separator)) && !strings.HasSuffix(out, "/"):
		out += ".db"
		added = true
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return "", false, usererr.New(fmt.Sprintf("Không hiểu được đường dẫn %q.", out), fmt.Sprintf("Cannot resolve the path %q.", out), err)
	}
	return abs, added, nil
}

// backupError says in plain words why no backup was written.
func backupError(dst string, err error) error {
	switch {
	case errors.Is(err, results.ErrBackupExists):
		return usererr.New(fmt.Sprintf("Tệp %s đã có; hãy chọn tên khác bằng -o, hoặc thêm --force để ghi đè.", dst),
			fmt.Sprintf("The file %s already exists; choose another name with -o, or add --force to replace it.", dst), nil)
	case errors.Is(err, results.ErrDamaged):
		return usererr.New("Bản sao không qua được bước kiểm tra nên đã bị xoá; dữ liệu trên máy có thể đã hỏng. Hãy giữ lại bản sao lưu cũ và chạy lại lệnh.",
			"The copy failed its check and was removed; the data on this laptop may be damaged. Keep your older backups and try again.", err)
	}
	return usererr.New(fmt.Sprintf("Không ghi được bản sao %s. Hãy kiểm tra USB/ổ đĩa còn chỗ trống và ghi được, rồi thử lại.", dst),
		fmt.Sprintf("Could not write the backup %s. Check that the USB stick or disk has free space and is writable, then try again.", dst), err)
}
