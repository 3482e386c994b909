package trainer

import (
	"testing"

	"kynangso/app/apptest"
)

// Every key the trainer's pages look up exists, in both languages.
func TestCatalogCoversEveryKeyUsed(t *testing.T) {
	apptest.CheckCatalog(t, 100, "*.go")
}
