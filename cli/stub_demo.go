package cli

import "github.com/spf13/cobra"

// Placeholder: delete this file when the real command lands in its own file.
func newDemoCmd(o *Options) *cobra.Command { return notYet("demo", "write a demo database") }
