#!/usr/bin/env bash
# Installs what the sign-in sheet's print test needs
# (results/export_print_test.go, TestSignInSheetPrintsOnA4): LibreOffice's
# spreadsheet without a desktop, to convert the XLSX to PDF; poppler's
# pdfinfo, pdftotext and pdftoppm, to read the PDF back and render a page;
# Liberation Serif, the metric twin of the sheet's Times New Roman (without
# it LibreOffice sets the sheet in a wider font and the page count changes).
# Debian 12 (bookworm); installs only what is missing. With CI=true the test
# fails when these are absent, so .ci/run should run this before go test and
# export CI=true.
#
# Measured on the shared 2-core machine: 4 min 13 s for libreoffice-calc-nogui
# and poppler-utils (58 packages, 90.1 MB downloaded, 277 MB on disk), 22 s
# for fonts-liberation2 (2.2 MB); the test then takes 20-30 s.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
pkgs=()
command -v soffice >/dev/null || pkgs+=(libreoffice-calc-nogui)
command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null || pkgs+=(poppler-utils)
fc-match "Times New Roman" 2>/dev/null | grep -q "Liberation Serif" || pkgs+=(fonts-liberation2)
if [[ ${#pkgs[@]} -eq 0 ]]; then
	echo "LibreOffice, poppler and Liberation Serif are installed"
	exit 0
fi
echo "installing: ${pkgs[*]}"
apt-get -o DPkg::Lock::Timeout=300 update -qq
apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
soffice --version
