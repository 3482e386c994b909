#!/usr/bin/env bash
# Installs Debian's chromium when it is missing: the phone pages' browser
# tests (web/browser_test.go) drive it headless through chromedp. With
# CI=true and no chromium those tests fail rather than skip, so this step
# must run before `go test ./...`. Wire it into .ci/run with:
#
#   step "chromium" bash .ci/steps/chromium.sh
#
# The tests start it as the machine notes say: --headless --no-sandbox
# --disable-gpu --disable-quic --no-first-run --disable-background-networking
# --disable-component-update --disable-sync and a new empty --user-data-dir.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if command -v chromium >/dev/null; then
	chromium --version
	exit 0
fi
apt-get -o DPkg::Lock::Timeout=300 update -qq
apt-get -o DPkg::Lock::Timeout=300 install -y -qq chromium >/dev/null
chromium --version
