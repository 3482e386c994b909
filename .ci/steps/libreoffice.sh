# shellcheck shell=bash
# What the sign-in sheet's print test needs (results/export_print_test.go,
# TestSignInSheetPrintsOnA4): LibreOffice's spreadsheet without a desktop, to
# convert the XLSX to PDF; poppler's pdfinfo, pdftotext and pdftoppm, to read
# the PDF back and render a page; Liberation Serif, the metric twin of the
# sheet's Times New Roman (without it LibreOffice sets the sheet in a wider
# font and the page count changes). With CI=true the test fails when these
# are absent, never skips.
#
# Measured on the shared 2-core machine: 4 min 13 s for libreoffice-calc-nogui
# and poppler-utils (58 packages, 90.1 MB downloaded, 277 MB on disk), 22 s
# for fonts-liberation2 (2.2 MB); the test then takes 20-30 s.
need soffice libreoffice-calc-nogui
need pdftoppm poppler-utils
# fc-list comes with fontconfig, which LibreOffice brings; the font is a
# package without a command, so it is installed in a step of its own.
print_fonts() {
	# fc-list's whole output is read first: "fc-list | grep -q" under
	# pipefail fails with SIGPIPE (exit 141) when grep stops reading early.
	local fonts
	fonts=$(fc-list 2>/dev/null || true)
	if [[ $fonts == *LiberationSerif* ]]; then
		echo "Liberation Serif is installed"
		return 0
	fi
	apt-get -o DPkg::Lock::Timeout=300 update -qq
	apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends fonts-liberation2 >/dev/null
	fonts=$(fc-list 2>/dev/null || true)
	[[ $fonts == *LiberationSerif* ]]
}
setup_step "fonts for the print test" print_fonts
