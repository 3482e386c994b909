package cli

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"kynangso/app/ui"
	"kynangso/internal/safetext"
	"kynangso/internal/usererr"
	"kynangso/results"
)

// newTrainerCmd groups the trainer's laptop tools: setting the PIN,
// resetting a forgotten one and naming the laptop.
func newTrainerCmd(o *Options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "trainer",
		Short: "công cụ của tập huấn viên / trainer tools (PIN, laptop name)",
		Args:  noArgs,
	}
	cmd.AddCommand(newSetPINCmd(o), newResetPINCmd(o), newSetNameCmd(o))
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
			store, has, err := openWithPIN(cmd, o)
			if err != nil {
				return err
			}
			defer store.Close()
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
			fmt.Fprintln(o.Out(), "Đã xóa mã PIN. Lần mở ứng dụng sau sẽ hỏi tạo mã mới (hoặc đặt ngay: kynangso trainer set-pin); mọi dữ liệu vẫn còn.\n"+
				"The PIN is removed. The app asks for a new one at its next start (or set it now: kynangso trainer set-pin); all data is kept.")
			return nil
		},
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "do not ask for confirmation")
	return cmd
}

// openWithPIN opens the store and reads whether a trainer PIN is set.
func openWithPIN(cmd *cobra.Command, o *Options) (*results.Store, bool, error) {
	store, err := o.OpenStore(cmd.Context())
	if err != nil {
		return nil, false, err
	}
	has, err := store.HasPIN(cmd.Context())
	if err != nil {
		store.Close()
		return nil, false, usererr.New("Không đọc được mã PIN.", "Could not read the PIN.", err)
	}
	return store, has, nil
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
			if n := utf8.RuneCountInString(name); n > ui.MaxLaptopName {
				return usererr.New(fmt.Sprintf("Tên máy dài %d ký tự; hãy đặt tên ngắn hơn, tối đa %d ký tự, ví dụ \"Máy tổ 3, xã Ea Tu\".", n, ui.MaxLaptopName),
					fmt.Sprintf("The laptop name is %d characters long; use at most %d, e.g. \"Team 3 laptop, Ea Tu\".", n, ui.MaxLaptopName), nil)
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

func newSetPINCmd(o *Options) *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "set-pin",
		Short: "đặt mã PIN của tập huấn viên / set the trainer PIN",
		Long: "Đặt mã PIN của tập huấn viên trên máy này, trước khi cho người học dùng máy. Trong cửa sổ lệnh, mã được hỏi hai lần và không hiện ra màn hình; cũng có thể đưa mã qua đầu vào (một dòng). Mã gồm 4 đến 8 chữ số và không được dễ đoán (1111, 1234, 1212, một năm như 1975).\n" +
			"Sets the trainer PIN of this laptop, before learners use it. In a terminal the PIN is asked twice and not shown; it can also come on standard input (one line). A PIN has 4 to 8 digits and must not be easy to guess (1111, 1234, 1212, a year such as 1975).",
		Example: "  kynangso trainer set-pin\n  kynangso trainer set-pin --yes --db lop.db",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			store, has, err := openWithPIN(cmd, o)
			if err != nil {
				return err
			}
			defer store.Close()
			in := pinInput(cmd)
			if has && !yes && !in.confirmReplace(cmd, o) {
				return &ExitError{Code: 1, Err: errSilent}
			}
			pin, err := in.read(o)
			if err != nil {
				return err
			}
			if err := checkNewPIN(pin); err != nil {
				return err
			}
			if err := store.SetPIN(cmd.Context(), pin); err != nil {
				return usererr.New("Chưa lưu được mã PIN; hãy thử lại.", "Could not save the PIN; try again.", err)
			}
			fmt.Fprintln(o.Out(), "Đã đặt mã PIN. Ở màn hình chào, bấm t (hoặc F2) rồi gõ mã này để vào khu vực tập huấn viên.\n"+
				"The PIN is set. On the welcome screen, press t (or F2) and type it to open the trainer's area.")
			return nil
		},
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "replace an existing PIN without asking")
	return cmd
}

// checkNewPIN applies the store's PIN rules with a plain bilingual message
// saying what to choose instead.
func checkNewPIN(pin string) error {
	switch {
	case !results.ValidPIN(pin):
		return usererr.New(fmt.Sprintf("Mã PIN gồm %d đến %d chữ số (0–9); chưa đổi gì.", results.PINMinLen, results.PINMaxLen),
			fmt.Sprintf("A PIN has %d to %d digits (0–9); nothing was changed.", results.PINMinLen, results.PINMaxLen), nil)
	case results.TrivialPIN(pin):
		return usererr.New("Mã PIN này dễ đoán quá (một số lặp lại như 1111, dãy liền nhau như 1234 hay 9876, một cặp lặp lại như 1212, hoặc một năm như 1975); hãy chọn mã khác, chưa đổi gì.",
			"This PIN is too easy to guess (one digit repeated like 1111, a run like 1234 or 9876, a repeated pair like 1212, or a year like 1975); choose another, nothing was changed.", nil)
	}
	return nil
}

// secretInput is where set-pin reads the PIN: the terminal, twice and
// without echo, or standard input piped in, one line.
type secretInput struct {
	in   *bufio.Reader
	term *os.File // the terminal, or nil when the input is piped
}

func pinInput(cmd *cobra.Command) secretInput {
	r := cmd.InOrStdin()
	if f, ok := r.(*os.File); ok && term.IsTerminal(f.Fd()) {
		return secretInput{in: bufio.NewReader(f), term: f}
	}
	return secretInput{in: bufio.NewReader(r)}
}

// confirmReplace asks before a PIN is replaced; piped input is never
// taken as the answer (it holds the PIN), so it needs --yes.
func (s secretInput) confirmReplace(cmd *cobra.Command, o *Options) bool {
	if s.term == nil {
		fmt.Fprintln(o.Err(), "Máy này đã có mã PIN. Thêm --yes để thay bằng mã mới.\nThis laptop already has a PIN. Add --yes to replace it.")
		return false
	}
	if confirm(cmd, o, "Máy này đã có mã PIN. Thay bằng mã mới? [c/K]\nThis laptop already has a PIN. Replace it? [y/N] ") {
		return true
	}
	fmt.Fprintln(o.Out(), "Không làm gì cả. / Nothing was changed.")
	return false
}

// read reads the new PIN: typed twice without echo on a terminal, or the
// first line of piped input.
func (s secretInput) read(o *Options) (string, error) {
	if s.term == nil {
		line, err := s.in.ReadString('\n')
		if err != nil && line == "" {
			return "", usererr.New("Không có mã PIN ở đầu vào; ví dụ: echo 4826 | kynangso trainer set-pin", "No PIN on standard input; e.g. echo 4826 | kynangso trainer set-pin", nil)
		}
		return strings.TrimSpace(line), nil
	}
	ask := func(prompt string) (string, error) {
		fmt.Fprint(o.Out(), prompt)
		b, err := term.ReadPassword(s.term.Fd())
		fmt.Fprintln(o.Out())
		if err != nil {
			return "", usererr.New("Không đọc được mã PIN từ bàn phím.", "Could not read the PIN from the keyboard.", err)
		}
		return strings.TrimSpace(string(b)), nil
	}
	first, err := ask(fmt.Sprintf("Mã PIN mới (%d đến %d chữ số, không hiện ra) / New PIN (%d to %d digits, not shown): ",
		results.PINMinLen, results.PINMaxLen, results.PINMinLen, results.PINMaxLen))
	if err != nil {
		return "", err
	}
	if err := checkNewPIN(first); err != nil {
		return "", err // said before it is typed again
	}
	again, err := ask("Gõ lại mã PIN / Type the PIN again: ")
	if err != nil {
		return "", err
	}
	if again != first {
		return "", usererr.New("Hai lần gõ không giống nhau; chưa đổi gì. Hãy chạy lại lệnh.", "The two PINs are not the same; nothing was changed. Run the command again.", nil)
	}
	return first, nil
}
