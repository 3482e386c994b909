package cli

import "github.com/spf13/cobra"

// Placeholder: delete this file when the real command lands in its own file.
func newFingerprintCmd(o *Options) *cobra.Command {
	return notYet("fingerprint", "print a digest of the database content")
}
