package app

import (
	"testing"

	"kynangso/app/apptest"
)

// Every key the participant screens and the shared ui look up exists, in
// both languages.
func TestCatalogCoversEveryKeyUsed(t *testing.T) {
	apptest.CheckCatalog(t, 50, "*.go", "ui/*.go")
}
