package cli

import "github.com/spf13/cobra"

// Placeholder: delete this file when cli/content_import.go lands.
func newContentImportCmd(o *Options) *cobra.Command {
	return notYet("import", "import a GIFT, Aiken or spreadsheet question bank")
}
