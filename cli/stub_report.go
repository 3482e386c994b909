package cli

import "github.com/spf13/cobra"

// Placeholder: delete this file when the real command lands in its own file.
func newReportCmd(o *Options) *cobra.Command { return notYet("report", "print class summaries") }
