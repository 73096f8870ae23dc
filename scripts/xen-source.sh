#!/bin/sh
# SPDX-License-Identifier: MIT
# scripts/xen-source.sh - Debian's xen source package for `make hvmloader`.
#
#   xen-source.sh fetch   CACHE VERSION SHA256   download (apt-get source
#                         --download-only) into CACHE unless CACHE already
#                         holds xen_VERSION.dsc, then check the .dsc's
#                         sha256 against SHA256 (pinned in
#                         firmware/hvmloader/hvmloader.mk)
#   xen-source.sh extract CACHE VERSION DEST     dpkg-source -x CACHE's .dsc
#                         into DEST (which must not exist); dpkg-source
#                         checks every tarball against the .dsc's own
#                         checksums, so the pinned .dsc pins them all
#
# Every failure says what is missing and how to get it, and exits 1.
set -eu

die() {
	echo "xen-source.sh: $*" >&2
	exit 1
}

[ $# -eq 4 ] || die "usage: xen-source.sh fetch CACHE VERSION SHA256 | extract CACHE VERSION DEST"
cmd=$1 cache=$2 version=$3 arg=$4
# The upstream part of the version, without the Debian revision (and no
# epoch: this package has none).
dsc="$cache/xen_$version.dsc"

case "$cmd" in
fetch)
	want=$arg
	mkdir -p "$cache"
	if [ ! -f "$dsc" ]; then
		command -v apt-get >/dev/null ||
			die "apt-get not found: the source package comes from Debian's archive (xen=$version)"
		if ! (cd "$cache" && apt-get source --download-only "xen=$version") \
			>"$cache/apt-get.log" 2>&1; then
			sed 's/^/  apt-get: /' "$cache/apt-get.log" >&2
			if ! apt-get indextargets 2>/dev/null | grep -q '^Identifier: Sources'; then
				die "apt has no deb-src entry, so Debian's xen source package (xen=$version) cannot be fetched.
  Run 'sh scripts/deps.sh build' as root: it adds a deb-src entry derived from this
  machine's Debian deb entry and runs apt-get update."
			fi
			die "could not download Debian's source package xen=$version (archive not reachable,
  or the version is no longer in it).  Either make the archive reachable and run
  'apt-get update', or put xen_$version.dsc with the two tarballs it names
  (xen_*.orig.tar.xz, xen_$version.debian.tar.xz; any Debian snapshot archive of
  bookworm has them) into $cache and run make again."
		fi
		[ -f "$dsc" ] || die "apt-get source ran but $dsc is not there (see $cache/apt-get.log)"
	fi
	got=$(sha256sum "$dsc" | cut -d' ' -f1)
	if [ "$got" != "$want" ]; then
		die "$dsc has sha256 $got,
  expected $want (pinned in firmware/hvmloader/hvmloader.mk as XEN_DSC_SHA256).
  The file is damaged or is not Debian's xen $version: delete $cache and run make
  again to download it afresh."
	fi
	echo "xen-source.sh: $dsc: sha256 ok"
	;;
extract)
	dest=$arg
	[ -f "$dsc" ] || die "$dsc missing: run the fetch step first (make hvmloader does)"
	command -v dpkg-source >/dev/null ||
		die "dpkg-source not found: install Debian's dpkg-dev (sh scripts/deps.sh build, as root)"
	mkdir -p "$(dirname "$dest")"
	rm -rf "$dest.tmp"
	# dpkg-source checks each tarball's size and checksums from the .dsc
	# and refuses a mismatch (not --no-check, which skips that).  A missing
	# keyring only makes it warn about the signature: the .dsc is pinned.
	if ! dpkg-source -x "$dsc" "$dest.tmp" >"$dest.log" 2>&1; then
		sed 's/^/  dpkg-source: /' "$dest.log" >&2
		die "dpkg-source could not extract $dsc (a tarball missing or not matching the .dsc's
  checksums): delete $cache and run make again to download it afresh"
	fi
	mv "$dest.tmp" "$dest"
	echo "xen-source.sh: extracted into $dest"
	;;
*) die "unknown command '$cmd' (fetch or extract)" ;;
esac
