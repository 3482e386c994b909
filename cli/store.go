package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"kynangso/internal/usererr"
	"kynangso/results"
)

// OpenStore opens the results database chosen by --db, $KYNANGSO_DB,
// portable mode or the user data folder. Its errors are plain sentences, in
// Vietnamese then English, that say what to do next.
// It creates the database when there is none yet: the TUI, demo, trainer and
// merge commands use it.
func (o *Options) OpenStore(ctx context.Context) (*results.Store, error) {
	return o.openStore(ctx, results.Open, results.ResolvePath)
}

// OpenExistingStore is OpenStore for commands that only read the data
// (report, export, backup, fingerprint): a missing file is refused with a
// plain message instead of being created empty.
// It creates nothing, not even the data folder.
func (o *Options) OpenExistingStore(ctx context.Context) (*results.Store, error) {
	return o.openStore(ctx, results.OpenExisting, results.LocatePath)
}

func (o *Options) openStore(ctx context.Context,
	open func(context.Context, string, ...results.Option) (*results.Store, error),
	resolve func(string) (string, string, error)) (*results.Store, error) {
	path, err := o.dbPath(resolve)
	if err != nil {
		return nil, err
	}
	s, err := open(ctx, path, o.storeOptions()...)
	if err != nil {
		return nil, storeError(path, err)
	}
	return s, nil
}

// dbPath resolves --db, $KYNANGSO_DB, portable mode or the user data folder
// with resolve (results.ResolvePath, or LocatePath to create nothing).
func (o *Options) dbPath(resolve func(string) (string, string, error)) (string, error) {
	path, _, err := resolve(o.DB)
	if err != nil {
		return "", usererr.New("Không tìm được chỗ lưu dữ liệu; hãy chỉ rõ tệp bằng --db TỆP.",
			"Cannot find where to keep the data; name a file with --db FILE.", err)
	}
	return path, nil
}

// storeError turns an error from results.Open into a bilingual sentence that
// says what is wrong and what to do; the original error stays wrapped.
func storeError(path string, err error) error {
	switch {
	case errors.Is(err, results.ErrNoDatabase):
		return usererr.New(fmt.Sprintf("Không thấy tệp dữ liệu %s. Hãy kiểm tra đường dẫn --db (hoặc %s); lệnh này chỉ đọc nên không tạo tệp mới.", path, results.EnvDB),
			fmt.Sprintf("No database at %s. Check the --db path (or %s); this command only reads, so it does not create one.", path, results.EnvDB), nil)
	case errors.Is(err, results.ErrDamaged):
		return usererr.New(fmt.Sprintf("Tệp dữ liệu %s bị hỏng nên ứng dụng không ghi vào đó. "+
			"Hãy khôi phục bản sao lưu gần nhất (tạo bằng `kynangso backup`) bằng lệnh:\n  kynangso%s restore TỆP_SAO_LƯU\n"+
			"Tệp hỏng được giữ lại bên cạnh với tên .hong-NGÀY-GIỜ.db. Hoặc mở một tệp mới bằng --db.", path, dbFlagFor(path)),
			fmt.Sprintf("The data file %s is damaged, so the app will not write to it. "+
				"Restore your latest backup (made with `kynangso backup`) with:\n  kynangso%s restore BACKUP_FILE\n"+
				"The damaged file is kept beside it, renamed .hong-DATE-TIME.db. Or start a new file with --db.", path, dbFlagFor(path)), err)
	case errors.Is(err, results.ErrNewerSchema):
		return usererr.New(fmt.Sprintf("Tệp dữ liệu %s được tạo bởi phiên bản kynangso mới hơn. Hãy cập nhật ứng dụng rồi mở lại; tệp không bị thay đổi.", path),
			fmt.Sprintf("The data file %s was made by a newer version of kynangso. Update the app and try again; the file was not changed.", path), err)
	case errors.Is(err, results.ErrNotKynangso):
		return usererr.New(fmt.Sprintf("Tệp %s không phải tệp dữ liệu của kynangso nên không được mở. Hãy kiểm tra lại đường dẫn --db hoặc %s.", path, results.EnvDB),
			fmt.Sprintf("The file %s is not a kynangso data file, so it was not opened. Check the --db path or %s.", path, results.EnvDB), err)
	}
	return usererr.New(fmt.Sprintf("Không mở được tệp dữ liệu %s. Hãy kiểm tra ổ đĩa còn chỗ trống và quyền ghi, hoặc chọn tệp khác bằng --db.", path),
		fmt.Sprintf("Cannot open the data file %s. Check that the disk has free space and can be written, or choose another file with --db.", path), err)
}

// dbFlagFor is the --db part of a suggested command: empty when path is the
// file kynangso finds by itself, else " --db PATH" (quoted when needed).
func dbFlagFor(path string) string {
	if def, _, err := results.LocatePath(""); err == nil && def == path {
		return ""
	}
	if strings.ContainsAny(path, " \t'\"") {
		return " --db \"" + path + "\""
	}
	return " --db " + path
}
