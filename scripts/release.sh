#!/usr/bin/env bash
# Build the release zips of the tagged commit into dist/ (docs/releasing.md):
#
#   git tag -a v0.3.0 -m "kynangso 0.3.0"   # after CHANGELOG.md has ## [0.3.0]
#   scripts/release.sh
#
# The version is the tag vX.Y.Z on HEAD, stamped into the binaries with the
# commit and the commit's date (SOURCE_DATE_EPOCH overrides the date), so the
# same tag always gives the same version text. The script refuses to build
# when HEAD has no such tag (or several), when the work tree has changes that
# are not in the commit, or when CHANGELOG.md has no section for the
# version; then it runs `go vet ./...` and `go test ./...` and stops if either
# fails.
#
# Produces dist/kynangso-VERSION-windows-amd64.zip and
# dist/kynangso-VERSION-linux-amd64.zip and dist/SHA256SUMS. Each zip holds
# one folder with the program, README.md, LICENSE, the trainer's guide under
# docs/ (where README.md links to it: docs/huong-dan-tap-huan.md, required,
# and docs/trainer-guide.md when present) and the same guides as
# Notepad-friendly text at the top (HUONG-DAN.txt, TRAINER-GUIDE.txt: UTF-8
# with a byte-order mark and Windows line ends, so old Notepad shows the
# Vietnamese accents). Needs Go 1.26, gcc and Debian's gcc-mingw-w64-x86-64 and
# zip, and git; wine64 (optional) runs the Windows smoke test, which then also
# needs tmux (it starts the app's screens in a tmux pane).
#
# A binary without cgo has no SQLite and cannot keep results, so the script
# refuses any binary that was not built with CGO_ENABLED=1, that lacks SQLite,
# whose `version` does not report SQLite (Linux, and Windows under Wine), or
# that needs a DLL a bare Windows laptop does not have. Set REQUIRE_WINE=1
# to fail when Wine is not installed instead of skipping that run.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH=/usr/local/go/bin:$PATH

die() {
	echo "release: $*" >&2
	exit 1
}

for tool in git go gcc x86_64-w64-mingw32-gcc x86_64-w64-mingw32-objdump zip sha256sum; do
	command -v "$tool" >/dev/null ||
		die "$tool is missing (Debian: apt-get install git golang gcc gcc-mingw-w64-x86-64 zip)"
done
if [[ -x /usr/lib/wine/wine64 ]] || command -v wine64 >/dev/null; then
	command -v tmux >/dev/null || die "tmux is missing; the Wine smoke test needs it (apt-get install tmux)"
fi

# release_version prints the one version tag vX.Y.Z on HEAD, or refuses:
# a release is a tagged, committed state, so anyone can rebuild it from the
# tag and its notes are in CHANGELOG.md.
release_version() {
	local tags n
	git rev-parse --git-dir >/dev/null 2>&1 || die "not a git checkout: a release is built from a tagged commit"
	[[ -z ${VERSION:-} ]] || die "VERSION is no longer read: tag the commit instead (git tag -a vX.Y.Z)"
	tags=$(git tag --points-at HEAD | grep -E '^v[0-9]+\.[0-9]+\.[0-9]+$' || true)
	n=$(grep -c . <<<"$tags" || true)
	[[ $n -ge 1 ]] || die "HEAD ($(git rev-parse --short HEAD)) has no version tag vX.Y.Z; see docs/releasing.md"
	[[ $n -eq 1 ]] || die "HEAD has several version tags ($(paste -sd ' ' <<<"$tags")); delete all but one"
	[[ -z $(git status --porcelain) ]] ||
		die "the work tree has changes that are not in $tags; commit or stash them: a release is the tagged commit only"
	grep -q "^## \[${tags#v}\]" CHANGELOG.md ||
		die "CHANGELOG.md has no section \"## [${tags#v}]\": write the release notes first"
	printf '%s' "$tags"
}

version=$(release_version)
commit=$(git rev-parse --short=12 HEAD)
# The commit's own date, so rebuilding the tag gives the same binaries;
# SOURCE_DATE_EPOCH (reproducible builds) wins.
date=$(date -u -d "@${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct HEAD)}" +%Y-%m-%dT%H:%M:%SZ)
ldflags="-s -w -X kynangso/cli.version=$version -X kynangso/cli.commit=$commit -X kynangso/cli.date=$date"

# check_sources runs go vet and the whole test suite on the tagged commit: a
# release never ships what CI would refuse.
check_sources() {
	echo "release $version: go vet ./..."
	go vet ./... || die "go vet ./... failed: fix it, commit, and move the tag"
	echo "release $version: go test ./..."
	go test ./... || die "go test ./... failed: fix it, commit, and move the tag"
}

# Windows system DLLs every supported Windows (10, 11) has; a mingw runtime
# DLL (libwinpthread-1.dll, libgcc_s_seh-1.dll) would be missing on a laptop.
system_dlls=" kernel32.dll msvcrt.dll advapi32.dll ws2_32.dll winmm.dll ntdll.dll user32.dll bcrypt.dll "

# build GOOS CC OUT: a stripped, cgo build of the program.
build() {
	local goos=$1 cc=$2 out=$3
	echo "building $out ($goos/amd64, cgo via $cc)"
	CGO_ENABLED=1 GOOS=$goos GOARCH=amd64 CC=$cc \
		go build -trimpath -buildvcs=false -ldflags "$ldflags" -o "$out" .
}

# check_static BIN: refuse a binary built without cgo or without SQLite.
check_static() {
	local bin=$1
	[[ $(go version -m "$bin") == *CGO_ENABLED=1* ]] ||
		die "$bin was built without cgo: it has no SQLite and cannot keep results"
	grep -qa 'SQLite format 3' "$bin" ||
		die "$bin does not contain SQLite"
}

# check_dlls EXE: refuse an executable that needs a non-system DLL.
check_dlls() {
	local dll
	for dll in $(x86_64-w64-mingw32-objdump -p "$1" | awk '/DLL Name:/ { print tolower($3) }'); do
		[[ $system_dlls == *" $dll "* ]] ||
			die "$1 needs $dll, which a Windows laptop does not have"
	done
}

# check_linux BIN: the binary runs and reports its SQLite version.
check_linux() {
	local out
	out=$("$1" --lang en version) || die "$1 version failed:"$'\n'"$out"
	grep -Eq '^SQLite: +3\.[0-9]+' <<<"$out" || die "$1 version shows no SQLite:"$'\n'"$out"
	grep -q "$version" <<<"$out" || die "$1 version does not show $version:"$'\n'"$out"
	echo "$out" | sed 's/^/  /'
}

# check_windows EXE: the full Wine smoke test, when Wine is installed.
check_windows() {
	local rc=0
	bash .ci/wine-smoke.sh "$1" || rc=$?
	case $rc in
	0) ;;
	2) [[ ${REQUIRE_WINE:-0} == 1 ]] && die "Wine is required (REQUIRE_WINE=1) but not installed"
		echo "release: WARNING: Wine not installed, $1 was not run (apt-get install wine64)" ;;
	*) die "$1 failed the Wine smoke test" ;;
	esac
}

# The trainer's guides: Vietnamese (required) and English (when written),
# each with the name of its Notepad copy at the top of the zip.
guide_vi=docs/huong-dan-tap-huan.md
guide_en=docs/trainer-guide.md

# notepad MD TXT: a copy of the Markdown file for Notepad: UTF-8 with a BOM,
# CRLF line ends, without the HTML anchors that only serve the links.
notepad() {
	{
		printf '\xEF\xBB\xBF'
		sed -e 's/\r$//' -e '/^<a id="[^"]*"><\/a>$/d' -e 's/$/\r/' "$1"
	} >"$2"
}

# package NAME: zip dist/NAME/ with the documents beside the program.
package() {
	local name=$1
	cp README.md LICENSE "dist/$name/"
	mkdir -p "dist/$name/docs"
	cp "$guide_vi" "dist/$name/docs/"
	notepad "$guide_vi" "dist/$name/HUONG-DAN.txt"
	if [[ -f $guide_en ]]; then
		cp "$guide_en" "dist/$name/docs/"
		notepad "$guide_en" "dist/$name/TRAINER-GUIDE.txt"
	fi
	(cd dist && rm -f "$name.zip" && zip -q -r -9 -X "$name.zip" "$name")
	rm -rf "dist/$name"
	echo "wrote dist/$name.zip ($(stat -c %s "dist/$name.zip") bytes)"
}

main() {
	local win=kynangso-$version-windows-amd64 lin=kynangso-$version-linux-amd64
	# A zip without the guide leaves a trainer alone in a village hall.
	[[ -s $guide_vi ]] || die "$guide_vi is missing: every release ships the trainer's guide"
	check_sources
	mkdir -p dist
	rm -rf "dist/$win" "dist/$lin"
	mkdir -p "dist/$win" "dist/$lin"

	build linux gcc "dist/$lin/kynangso"
	check_static "dist/$lin/kynangso"
	check_linux "dist/$lin/kynangso"

	build windows x86_64-w64-mingw32-gcc "dist/$win/kynangso.exe"
	check_static "dist/$win/kynangso.exe"
	check_dlls "dist/$win/kynangso.exe"
	check_windows "dist/$win/kynangso.exe"

	package "$lin"
	package "$win"
	(cd dist && sha256sum "$lin.zip" "$win.zip" >SHA256SUMS)
	echo "release $version ($commit, $date): done"
	sed 's/^/  /' dist/SHA256SUMS
}

main
