package cli

import (
	"context"
	"errors"
	"fmt"

	"kynangso/results"
)

// OpenStore opens the results database chosen by --db, $KYNANGSO_DB,
// portable mode or the user data folder. Its errors are plain sentences, in
// Vietnamese then English, that say what to do next.
func (o *Options) OpenStore(ctx context.Context) (*results.Store, error) {
	path, _, err := results.ResolvePath(o.DB)
	if err != nil {
		return nil, fmt.Errorf("Không tìm được chỗ lưu dữ liệu; hãy chỉ rõ tệp bằng --db TỆP.\n"+
			"Cannot find where to keep the data; name a file with --db FILE.\n(%w)", err)
	}
	s, err := results.Open(ctx, path)
	if err != nil {
		return nil, storeError(path, err)
	}
	return s, nil
}

// storeError turns an error from results.Open into a bilingual sentence that
// says what is wrong and what to do; the original error stays wrapped.
func storeError(path string, err error) error {
	switch {
	case errors.Is(err, results.ErrDamaged):
		return fmt.Errorf("Tệp dữ liệu %s bị hỏng nên ứng dụng không ghi vào đó. "+
			"Hãy chép tệp này ra chỗ khác để giữ lại, rồi khôi phục từ bản sao lưu gần nhất (tạo bằng `kynangso backup`) hoặc mở bằng --db với một tệp mới.\n"+
			"The data file %s is damaged, so the app will not write to it. "+
			"Copy it somewhere safe, then restore your latest backup (made with `kynangso backup`) or start a new file with --db.\n(%w)",
			path, path, err)
	case errors.Is(err, results.ErrNewerSchema):
		return fmt.Errorf("Tệp dữ liệu %s được tạo bởi phiên bản kynangso mới hơn. Hãy cập nhật ứng dụng rồi mở lại; tệp không bị thay đổi.\n"+
			"The data file %s was made by a newer version of kynangso. Update the app and try again; the file was not changed.\n(%w)",
			path, path, err)
	case errors.Is(err, results.ErrNotKynangso):
		return fmt.Errorf("Tệp %s không phải tệp dữ liệu của kynangso nên không được mở. Hãy kiểm tra lại đường dẫn --db hoặc %s.\n"+
			"The file %s is not a kynangso data file, so it was not opened. Check the --db path or %s.\n(%w)",
			path, results.EnvDB, path, results.EnvDB, err)
	}
	return fmt.Errorf("Không mở được tệp dữ liệu %s. Hãy kiểm tra ổ đĩa còn chỗ trống và quyền ghi, hoặc chọn tệp khác bằng --db.\n"+
		"Cannot open the data file %s. Check that the disk has free space and can be written, or choose another file with --db.\n(%w)",
		path, path, err)
}
