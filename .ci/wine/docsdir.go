//go:build ignore

// docsdir prints the folders kynangso offers for backups and exports when no
// USB stick is plugged in, so the Wine smoke test can check that a
// Documents folder moved away from %USERPROFILE%\Documents (OneDrive) is
// followed. CI scaffolding only: built by .ci/wine-smoke.sh, never shipped.
package main

import (
	"fmt"

	"kynangso/results"
)

func main() {
	fmt.Println("export:", results.DefaultExportDir())
	fmt.Println("backup:", results.SuggestBackupDirFor("").Dir)
}
