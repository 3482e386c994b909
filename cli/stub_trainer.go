package cli

import "github.com/spf13/cobra"

// Placeholder: delete this file when the real command lands in its own file.
func newTrainerCmd(o *Options) *cobra.Command { return notYet("trainer", "trainer tools") }
