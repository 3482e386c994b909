package cli

import "github.com/spf13/cobra"

// Placeholder: delete this file when the real command lands in its own file.
func newContentCmd(o *Options) *cobra.Command {
	return notYet("content", "check, list and import content packs")
}
