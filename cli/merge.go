package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"kynangso/internal/safetext"
	"kynangso/internal/usererr"
	"kynangso/results"
)

// maxDuplicatesShown caps the probable duplicates printed; the TUI lists
// them all for the trainer to confirm.
const maxDuplicatesShown = 30

func newMergeCmd(o *Options) *cobra.Command {
	var linkExact bool
	cmd := &cobra.Command{
		Use:   "merge FILE...",
		Short: "Gộp dữ liệu từ máy khác vào máy này / merge other laptops' data into this one",
		Long: "Gộp các tệp dữ liệu (hoặc bản sao lưu) của máy khác vào dữ liệu trên máy này. Tệp nguồn chỉ được đọc, không bị sửa.\n" +
			"Gộp lại cùng tệp không thay đổi gì; gộp theo thứ tự nào cũng cho cùng kết quả (kiểm tra bằng `kynangso fingerprint`).\n" +
			"Merges other laptops' data files (or backups) into this laptop's data. The files are only read, never changed.\n" +
			"Merging a file again changes nothing; any order gives the same result (compare with `kynangso fingerprint`).\n" +
			"--link-exact gộp luôn các hồ sơ trùng khớp hoàn toàn / joins exact duplicates. See docs/merge.md.\n" +
			"Mã thoát: 0 mọi tệp đã gộp; 1 không gộp được tệp nào; 3 gộp được một số tệp, số còn lại bị từ chối (không lấy gì từ chúng).\n" +
			"Exit code: 0 every file merged; 1 no file merged; 3 some files merged, the others refused (nothing taken from them).",
		Args: argsAtLeast(1, "tệp cần gộp, ví dụ `kynangso merge E:\\may-2.db`", "the files to merge, e.g. `kynangso merge E:\\laptop-2.db`"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMerge(cmd.Context(), o, args, linkExact)
		},
	}
	cmd.Flags().BoolVar(&linkExact, "link-exact", false,
		"join records with the same name, birth\nyear, village (and household when\nboth have one)")
	return cmd
}

func runMerge(ctx context.Context, o *Options, files []string, linkExact bool) error {
	s, err := o.OpenStore(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	rep, mergeErr := s.Merge(ctx, files...)
	w := o.Out()
	refused, before := 0, 0
	for _, sr := range rep.Sources {
		if sr.Err != nil {
			refused++
			fmt.Fprintln(o.Err(), refusal(sr.Path, sr.Err))
			continue
		}
		if sr.AlreadyMerged {
			before++
		}
		writeSourceReport(w, sr)
	}
	writeMergeTotal(w, len(rep.Sources)-refused-before, before, refused)
	dups := rep.Duplicates
	if linkExact {
		joined, err := s.LinkExact(ctx)
		if err != nil {
			return usererr.New("Không gộp được hồ sơ trùng; dữ liệu đã gộp vẫn được giữ.", "Could not join the duplicates; the merged data is kept.", err)
		}
		fmt.Fprintf(w, "Đã gộp %d cặp hồ sơ trùng khớp hoàn toàn. / Joined %s.\n", len(joined), plural(len(joined), "exact duplicate pair"))
		if dups, err = s.ProbableDuplicates(ctx); err != nil {
			return usererr.New("Không liệt kê được hồ sơ có thể trùng.", "Could not list probable duplicates.", err)
		}
	}
	writeDuplicates(w, dups)
	switch {
	case refused == len(rep.Sources):
		return &ExitError{Code: 1, Err: errSilent}
	case refused > 0:
		return &ExitError{Code: ExitPartialMerge, Err: errSilent}
	}
	if mergeErr != nil { // a step after the merges (listing duplicates, checkpoint)
		return usererr.New("Dữ liệu đã được gộp và lưu, nhưng bước cuối bị lỗi; hãy chạy lại lệnh.",
			"The data was merged and saved, but a final step failed; run the command again.", mergeErr)
	}
	return nil
}

// ExitPartialMerge is the exit code of a merge that took some files and
// refused others: what the merged files brought is saved, nothing of the
// refused ones was taken (1 means every file was refused).
const ExitPartialMerge = 3

// writeMergeTotal ends the per-file lines with a total that is true whatever
// happened: how many files were merged, how many had been merged before
// (nothing new in them) and how many were refused.
func writeMergeTotal(w io.Writer, merged, before, refused int) {
	vi := fmt.Sprintf("đã gộp %d tệp", merged)
	en := plural(merged, "file") + " merged"
	if before > 0 {
		vi += fmt.Sprintf(", %d tệp đã gộp từ trước", before)
		en += fmt.Sprintf(", %s merged before", plural(before, "file"))
	}
	switch {
	case refused == 0:
		fmt.Fprintf(w, "Tổng: %s. / Total: %s.\n", vi, en)
	case merged == 0:
		fmt.Fprintf(w, "Tổng: %s; %d tệp bị từ chối. Dữ liệu trên máy này không thay đổi. / "+
			"Total: %s; %s refused. This laptop's data was not changed.\n", vi, refused, en, plural(refused, "file"))
	default:
		fmt.Fprintf(w, "Tổng: %s và đã lưu; %d tệp bị từ chối, không lấy gì từ các tệp đó. / "+
			"Total: %s and saved; %s refused, nothing taken from them.\n", vi, refused, en, plural(refused, "file"))
	}
}

// writeSourceReport prints what one file brought.
func writeSourceReport(w io.Writer, sr results.SourceReport) {
	fmt.Fprintf(w, "%s\n", safetext.Line(sr.Path))
	if sr.AlreadyMerged {
		fmt.Fprintln(w, "  Tệp này đã được gộp trước đây; không có gì mới. / This file was merged before; nothing new.")
		return
	}
	rows := []struct {
		vi, en string
		c      results.TableCount
	}{
		{"học viên", "participants", sr.Participants},
		{"lớp học", "classes", sr.Classes},
		{"điểm danh", "attendance", sr.Attendance},
		{"tiến độ bài học", "lesson progress", sr.LessonProgress},
		{"bài làm", "attempts", sr.Attempts},
		{"câu trả lời", "answers", sr.Answers},
		{"gộp hồ sơ", "joins", sr.Links},
	}
	for _, r := range rows {
		fmt.Fprintf(w, "  %-16s %-16s %6d mới/new  %4d cập nhật/updated\n", r.vi, r.en, r.c.New, r.c.Updated)
	}
	fmt.Fprintf(w, "  Xung đột đã giải quyết / conflicts resolved: %d (bản bị thay được lưu trong merge_log / losing versions kept in merge_log)\n", len(sr.Conflicts))
	if c := sr.Cleaned; c.Rows > 0 {
		fmt.Fprintf(w, "  Chữ được làm sạch như khi đăng ký / text cleaned as registration does: %d dòng/rows "+
			"(ký tự điều khiển, ký tự ẩn; khóa tìm kiếm tính lại / control and invisible characters; search keys recomputed)\n", c.Rows)
	}
	if c := sr.Cleaned; c.NamesToCheck > 0 {
		fmt.Fprintf(w, "  Tên cần sửa / names to correct: %d (ít hơn hai chữ cái, quá dài hoặc trống, ghi là \"Không rõ tên\"); "+
			"sửa trong khu vực tập huấn viên, mục Người học / fewer than two letters, too long or empty (stored as \"Không rõ tên\"); correct them in the trainer's area, People\n", c.NamesToCheck)
	}
	if sr.Repaired > 0 {
		fmt.Fprintf(w, "  Điều chỉnh theo quy tắc / adjusted by the rules: %d (docs/merge.md)\n", sr.Repaired)
	}
}

// writeDuplicates lists probable duplicates for the trainer to check.
func writeDuplicates(w io.Writer, dups []results.DuplicatePair) {
	if len(dups) == 0 {
		fmt.Fprintln(w, "Không thấy hồ sơ nào có thể trùng. / No probable duplicates found.")
		return
	}
	fmt.Fprintf(w, "Có thể trùng (cùng tên, năm sinh, thôn): %d cặp. Xác nhận trong khu vực tập huấn viên (mục \"Người có thể bị trùng\"), hoặc dùng --link-exact.\n"+
		"Probable duplicates (same name, birth year, village): %s. Confirm them in the trainer's area (\"Possible duplicates\"), or use --link-exact.\n",
		len(dups), plural(len(dups), "pair"))
	for i, d := range dups {
		if i == maxDuplicatesShown {
			fmt.Fprintf(w, "  … và %d cặp nữa / and %d more\n", len(dups)-i, len(dups)-i)
			break
		}
		mark := ""
		if d.Exact {
			mark = " [khớp hoàn toàn / exact]"
		}
		fmt.Fprintf(w, "  %s (%d), %s%s\n", safetext.Line(d.A.FullName), d.A.BirthYear,
			safetext.Line(d.A.Village), mark)
	}
}

// refusal explains in plain words why a file was not merged; nothing of it
// was written.
func refusal(path string, err error) string {
	path = safetext.Line(path)
	var what string
	switch {
	case errors.Is(err, os.ErrNotExist) || errors.Is(err, results.ErrNotFound):
		what = "Không tìm thấy tệp; hãy kiểm tra tên tệp và USB. / The file was not found; check the name and the USB stick."
	case errors.Is(err, results.ErrSameDatabase):
		what = "Đây chính là tệp dữ liệu của máy này; hãy chọn tệp của máy khác. / This is this laptop's own data file; choose another laptop's file."
	case errors.Is(err, results.ErrNotKynangso):
		what = "Đây không phải tệp dữ liệu kynangso; hãy chọn tệp .db do kynangso tạo hoặc bản sao lưu. / This is not a kynangso data file; choose a .db file made by kynangso or a backup."
	case errors.Is(err, results.ErrDamaged):
		what = "Tệp bị hỏng (có thể do rút USB khi đang chép); hãy chép lại từ máy gốc hoặc dùng bản sao lưu. / The file is damaged (perhaps the USB stick was pulled out while copying); copy it again from its laptop or use a backup."
	case errors.Is(err, results.ErrNewerSchema):
		what = "Tệp được tạo bởi phiên bản kynangso mới hơn; hãy cập nhật ứng dụng trên máy này rồi gộp lại. / The file was made by a newer kynangso; update the app on this laptop, then merge again."
	default:
		what = "Gộp thất bại; hãy kiểm tra ổ đĩa còn chỗ trống rồi thử lại. / The merge failed; check the disk has free space and try again."
	}
	return fmt.Sprintf("%s: KHÔNG GỘP / NOT MERGED. %s\n  Không lấy gì từ tệp này. / Nothing from this file was taken. (%v)", path, what, err)
}
