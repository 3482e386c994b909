package cli

import "github.com/spf13/cobra"

// Placeholder: delete this file when the real command lands in its own file.
func newVersionCmd(o *Options) *cobra.Command { return notYet("version", "print version information") }
