#!/bin/sh
# Install the Debian packages xen-rdm needs to build and test, and nothing
# else.  Idempotent: when every package is present it only runs dpkg-query
# and exits, so `make demo` and `make check` may call it every time.
#
# Usage: scripts/deps.sh [build|check|all]   (default: all)
set -eu

build_pkgs="make gcc libc6-dev pkg-config libxen-dev xen-utils-4.17 gcc-multilib"
check_pkgs="libcmocka-dev clang libclang-rt-14-dev nasm qemu-system-x86 gnu-efi ovmf
	linux-image-amd64 acpica-tools cppcheck clang-tidy valgrind libxml2-utils
	librsvg2-bin mandoc man-db mtools python3 binutils"

case "${1:-all}" in
build) want="$build_pkgs" ;;
check|all) want="$build_pkgs $check_pkgs" ;;
*) echo "deps.sh: unknown set '$1' (build, check or all)" >&2; exit 2 ;;
esac

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
