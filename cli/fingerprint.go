package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"kynangso/internal/usererr"
)

func newFingerprintCmd(o *Options) *cobra.Command {
	return &cobra.Command{
		Use:   "fingerprint",
		Short: "In dấu vân tay của dữ liệu để so hai máy / print a digest of the data to compare laptops",
		Long: "In mã SHA-256 của nội dung (học viên, lớp, điểm danh, tiến độ bài học, bài làm, câu trả lời, gộp hồ sơ).\n" +
			"Hai máy đã gộp cùng dữ liệu (theo bất kỳ thứ tự nào) in cùng một mã.\n" +
			"Prints the SHA-256 of the content (participants, classes, attendance, lesson progress, attempts, answers, joins).\n" +
			"Two laptops that merged the same data, in any order, print the same digest. See docs/merge.md.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := o.OpenExistingStore(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			fp, err := s.Fingerprint(cmd.Context())
			if err != nil {
				return usererr.New("Không đọc được dữ liệu để tính mã.", "Could not read the data to compute the digest.", err)
			}
			fmt.Fprintln(o.Out(), fp)
			return nil
		},
	}
}
