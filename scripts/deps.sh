#!/bin/sh
# Install the Debian packages xen-rdm needs to build and test, and nothing
# else.  Idempotent: when every package is present it only runs dpkg-query
# and exits, so `make demo` and `make check` may call it every time.
#
# Usage: scripts/deps.sh [build|check|all]   (default: all)
set -eu

build_pkgs="make gcc libc6-dev pkg-config libxen-dev xen-utils-4.17 gcc-multilib
	dpkg-dev patch acpica-tools python3 xz-utils"
check_pkgs="libcmocka-dev clang libclang-rt-14-dev nasm qemu-system-x86 gnu-efi ovmf
	linux-image-amd64 acpica-tools cppcheck clang-tidy valgrind libxml2-utils
	librsvg2-bin mandoc man-db mtools python3 binutils seabios util-linux mount"

case "${1:-all}" in
build) want="$build_pkgs" ;;
check|all) want="$build_pkgs $check_pkgs" ;;
*) echo "deps.sh: unknown set '$1' (build, check or all)" >&2; exit 2 ;;
esac

# `make hvmloader` fetches Debian's xen source package (apt-get source),
# which needs a deb-src entry.  Without one, derive it from this
# machine's own Debian deb entries, never naming an archive here:
# deb822 files (/etc/apt/sources.list.d/*.sources) get a sibling
# NAME-deb-src.sources with "Types: deb-src", one-line "deb ..." entries
# (sources.list, *.list) get xenrdm-deb-src.list with "deb-src ...".
apt_dir=${XENRDM_APT_DIR:-/etc/apt}
has_deb_src() {
	grep -qsE '^[[:space:]]*deb-src[[:space:]]' "$apt_dir/sources.list" \
		"$apt_dir"/sources.list.d/*.list && return 0
	grep -qsiE '^Types:.*deb-src' "$apt_dir"/sources.list.d/*.sources
}

add_deb_src() {
	added=""
	for f in "$apt_dir"/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		grep -qiE '^Types:([[:space:]]+deb)+[[:space:]]*$' "$f" || continue
		out="${f%.sources}-deb-src.sources"
		# Each stanza as it is, but for its Types line.
		sed -E 's/^([Tt]ypes:)[[:space:]]+deb[[:space:]]*$/\1 deb-src/' "$f" > "$out.tmp"
		mv "$out.tmp" "$out"
		added="$added $out"
	done
	lines=$(grep -hsE '^[[:space:]]*deb[[:space:]]' "$apt_dir/sources.list" \
		"$apt_dir"/sources.list.d/*.list || true)
	if [ -n "$lines" ]; then
		out="$apt_dir/sources.list.d/xenrdm-deb-src.list"
		printf '%s\n' "$lines" | sed -E 's/^[[:space:]]*deb[[:space:]]/deb-src /' > "$out"
		added="$added $out"
	fi
	[ -n "$added" ] || return 1
	echo "deps.sh: added deb-src entries:$added"
}

if ! has_deb_src; then
	# (XENRDM_APT_DIR: a copy to try it on, no root needed.)
	if [ "$(id -u)" != 0 ] && [ -z "${XENRDM_APT_DIR:-}" ]; then
		echo "deps.sh: apt has no deb-src entry (make hvmloader needs one for" \
		     "apt-get source xen); as root, run: sh scripts/deps.sh" >&2
		exit 1
	fi
	if ! add_deb_src; then
		echo "deps.sh: no Debian deb entry in $apt_dir to derive a deb-src" \
		     "entry from; add one by hand (make hvmloader needs apt-get source xen)" >&2
		exit 1
	fi
	[ -n "${XENRDM_APT_DIR:-}" ] || apt-get update -qq >/dev/null
fi

missing=""
for p in $want; do
	s=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$s" in
	*" installed") ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0

echo "deps.sh: installing:$missing"
if [ "$(id -u)" != 0 ]; then
	echo "deps.sh: not root; install these Debian packages by hand:$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "deps.sh: done"
