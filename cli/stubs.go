package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

// notYet builds a placeholder command for work that has not landed; the
// stub_*.go files use it until their real commands replace them.
func notYet(use, short string) *cobra.Command {
	return &cobra.Command{Use: use, Short: short, RunE: func(*cobra.Command, []string) error {
		return errors.New("not implemented yet")
	}}
}
