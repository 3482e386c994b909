package usererr

import (
	"errors"
	"io/fs"
	"os"
	"testing"
)

func TestErrorText(t *testing.T) {
	cause := errors.New("disk full")
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"both languages and a cause", New("Không ghi được tệp.", "Could not write the file.", cause),
			"Không ghi được tệp.\nCould not write the file.\n(disk full)"},
		{"no cause", New("Tên máy không được để trống.", "The laptop name cannot be empty.", nil),
			"Tên máy không được để trống.\nThe laptop name cannot be empty."},
		{"sentences over several lines keep their breaks", New("Dòng một.\nDòng hai.\n", "Line one.\nLine two.", nil),
			"Dòng một.\nDòng hai.\nLine one.\nLine two."},
		{"a silent cause adds nothing", New("Có lỗi.", "Something failed.", errors.New("")),
			"Có lỗi.\nSomething failed."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCauseIsKept(t *testing.T) {
	_, cause := os.Open("/no/such/file/for/usererr")
	err := New("Không thấy tệp.", "No such file.", cause)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("errors.Is(%v, fs.ErrNotExist) = false", err)
	}
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Path != "/no/such/file/for/usererr" {
		t.Errorf("errors.As found %v, want the *fs.PathError", pe)
	}
	var ue *Error
	if !errors.As(err, &ue) || ue.EN != "No such file." {
		t.Errorf("errors.As(*Error) = %v", ue)
	}
	if errors.Unwrap(New("a", "b", nil)) != nil {
		t.Error("an error without a cause unwraps to something")
	}
}
