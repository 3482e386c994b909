package cli

import "github.com/spf13/cobra"

// Placeholder: delete this file when the real command lands in its own file.
func newBackupCmd(o *Options) *cobra.Command {
	return notYet("backup", "save a consistent copy of the database")
}
