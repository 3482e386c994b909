# shellcheck shell=bash
# Debian's chromium, which the phone pages' browser tests (web/browser_test.go)
# drive headless through chromedp. With CI=true and no chromium those tests
# fail rather than skip, so it is installed with the other packages, before
# `go test ./...`.
#
# The tests start it as the machine notes say: --headless --no-sandbox
# --disable-gpu --disable-quic --no-first-run --disable-background-networking
# --disable-component-update --disable-sync and a new empty --user-data-dir.
need chromium chromium
chromium_version() {
	chromium --version
}
setup_step "chromium for the browser tests" chromium_version
