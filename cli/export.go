package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"kynangso/internal/usererr"
	"kynangso/results"
)

// filterFlags are the filters report and export share.
type filterFlags struct {
	session, from, to, village string
	hub                        hubFlags
}

func (f *filterFlags) add(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.session, "session", "", "only this class (its id: see `kynangso classes`)")
	fl.Var(dateFlag{"from", &f.from}, "from", "from this date on, e.g. 01/03/2026 (or 2026-03-01)")
	fl.Var(dateFlag{"to", &f.to}, "to", "up to this date, included, e.g. 31/03/2026")
	fl.StringVar(&f.village, "village", "", "only people of this village (accents not needed)")
	f.hub.add(cmd)
}

func (f *filterFlags) filter() results.Filter {
	return results.Filter{SessionID: f.session, From: f.from, To: f.to, Village: f.village}
}

func newExportCmd(o *Options) *cobra.Command {
	var (
		ff        filterFlags
		format    string
		out       string
		withPhone bool
		force     bool
	)
	cmd := &cobra.Command{
		Use:   "export KIND",
		Short: "xuất điểm danh hoặc kết quả ra CSV, Excel / export attendance or results (CSV, Excel)",
		Long: "KIND (loại) là attendance hoặc results / KIND is attendance or results.\n" +
			"attendance: danh sách điểm danh để in ra giấy A4 và ký tên / the sign-in sheet, to print on A4 and sign.\n" +
			"results: kết quả mỗi người × mỗi bài và phân tích câu hỏi / results per person × module and question analysis.\n" +
			"Không có -o: tệp được lưu trong thư mục hiện tại với tên gồm loại, nơi và ngày.\n" +
			"Without -o the file is saved in the current folder, named by kind, place and date.\n" +
			"Không bao giờ ghi đè: tên đã có thì thêm -2, -3...; -o TỆP đã có thì cần --force.\n" +
			"Never overwrites: a name in use gets -2, -3...; -o FILE that exists needs --force.",
		ValidArgs: []string{string(results.ExportAttendance), string(results.ExportResults)},
		Args: argsRange(1, 1, "loại cần xuất: attendance (danh sách điểm danh) hoặc results (kết quả), ví dụ `kynangso export attendance`",
			"what to export: attendance or results, e.g. `kynangso export attendance`"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExport(cmd.Context(), o, results.ExportKind(args[0]), results.Format(format),
				exportTarget{out: out, force: force}, ff.filter(), withPhone, ff.hub)
		},
	}
	ff.add(cmd)
	cmd.Flags().StringVar(&format, "format", "xlsx", "file format: csv or xlsx")
	cmd.Flags().StringVarP(&out, "output", "o", "", "file or folder to write to (default: a name made of\nkind, place and date, in the current folder)")
	cmd.Flags().BoolVar(&withPhone, "with-phone", false, "include phone numbers (personal data: only if needed)")
	cmd.Flags().BoolVar(&force, "force", false, "replace the -o file if it already exists")
	return cmd
}

// exportTarget is where an export goes: -o (a file or a folder) and
// whether an existing -o file may be replaced.
type exportTarget struct {
	out   string
	force bool
	dir   string // set by check when -o names a folder
}

// check refuses, before any work, an -o file that exists without --force.
func (t *exportTarget) check() error {
	if t.out == "" {
		return nil
	}
	fi, err := os.Stat(t.out)
	switch {
	case err != nil:
		return nil
	case fi.IsDir():
		t.out, t.dir = "", t.out
	case !t.force:
		return usererr.New(fmt.Sprintf("Tệp %s đã có; lệnh xuất không ghi đè (có thể ai đó đã sửa tệp này). Hãy chọn tên khác bằng -o, hoặc thêm --force để thay tệp cũ.", t.out),
			fmt.Sprintf("The file %s already exists; export does not overwrite it (someone may have edited it). Choose another name with -o, or add --force to replace it.", t.out), nil)
	}
	return nil
}

func runExport(ctx context.Context, o *Options, kind results.ExportKind, format results.Format, target exportTarget,
	f results.Filter, withPhone bool, src hubFlags) error {
	if kind != results.ExportAttendance && kind != results.ExportResults {
		return usererr.New(fmt.Sprintf("Không có loại xuất %q; hãy dùng attendance (điểm danh) hoặc results (kết quả).", kind),
			fmt.Sprintf("There is no export %q; use attendance or results.", kind), nil)
	}
	if format != results.FormatCSV && format != results.FormatXLSX {
		return usererr.New(fmt.Sprintf("--format phải là csv hoặc xlsx, không phải %q.", format),
			fmt.Sprintf("--format must be csv or xlsx, not %q.", format), nil)
	}
	if err := f.Validate(); err != nil {
		return filterError(err)
	}
	if err := target.check(); err != nil {
		return err
	}
	s, err := o.openSource(ctx, src)
	if err != nil {
		return err
	}
	defer s.Close()
	cat := o.catalog()
	out, dir := target.out, "."
	switch {
	case target.dir != "":
		dir = target.dir
	case out != "":
		dir = filepath.Dir(out)
	}
	tmp, err := os.CreateTemp(dir, ".kynangso-export-*")
	if err != nil {
		return usererr.New(fmt.Sprintf("Không ghi được vào thư mục %s; hãy chọn chỗ khác bằng -o.", dir),
			fmt.Sprintf("Cannot write in the folder %s; choose another place with -o.", dir), err)
	}
	defer os.Remove(tmp.Name())
	info, err := s.Export(ctx, tmp, kind, format, results.ExportOptions{Filter: f, Catalog: cat, WithPhone: withPhone})
	if cerr := tmp.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return filterError(err)
	}
	if out == "" {
		// A sheet exported earlier may already carry signatures or notes:
		// pick a free name rather than replace it.
		out = results.FreeFileName(filepath.Join(dir, results.ExportFileName(kind, format, info, o.Lang)))
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return usererr.New(fmt.Sprintf("Không lưu được tệp %s (tệp có đang mở trong Excel không?).", out),
			fmt.Sprintf("Cannot save %s (is it open in Excel?).", out), err)
	}
	abs, _ := filepath.Abs(out)
	fmt.Fprintln(o.Out(), abs)
	if o.Lang == "en" {
		fmt.Fprintf(o.Err(), "%d rows written.\n", info.Rows)
	} else {
		fmt.Fprintf(o.Err(), "Đã ghi %d dòng.\n", info.Rows)
	}
	return nil
}

// catalog returns the labels of the content pack in --lang; a pack with
// problems still gives the titles that could be read.
func (o *Options) catalog() results.Catalog {
	pack, _ := o.LoadPack()
	return results.NewCatalog(pack, o.Lang)
}

// filterError turns a filter problem into a plain bilingual sentence that
// says what to type, without the store's own wording.
func filterError(err error) error {
	switch {
	case errors.Is(err, results.ErrBadFilter):
		return usererr.New("Ngày --from đang sau ngày --to; hãy đổi lại cho đúng thứ tự,\n"+
			"ví dụ --from 01/03/2026 --to 31/03/2026.",
			"The --from date is after the --to date; put them in order,\n"+
				"for example --from 01/03/2026 --to 31/03/2026.", nil)
	case errors.Is(err, results.ErrNotFound):
		return usererr.New("Không tìm thấy lớp hoặc thôn/buôn đã chọn. Xem mã các lớp bằng\n"+
			"`kynangso classes`; tên thôn/buôn viết như lúc đăng ký (không cần dấu).",
			"The chosen class or village was not found. See the class ids with\n"+
				"`kynangso classes`; write the village as registered (accents not needed).", nil)
	}
	return err
}
