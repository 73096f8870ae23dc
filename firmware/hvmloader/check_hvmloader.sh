#!/bin/sh
# SPDX-License-Identifier: MIT
# firmware/hvmloader/check_hvmloader.sh - check-hvmloader: the two
# hvmloader binaries `make hvmloader` built, and the ways getting the
# source must fail.
#
# usage: check_hvmloader.sh BUILD STOCK PATCHED CACHE VERSION SHA256
# Ends with "hvmloader: N passed, N failed"; exit 1 on any failure.
set -u
build=$1 stock=$2 patched=$3 cache=$4 version=$5 sha=$6
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "  ok   $1"; }
ko() { fail=$((fail + 1)); echo "  FAIL $1"; shift; for l in "$@"; do echo "       $l"; done; }

echo "== hvmloader (Debian xen $version)"
for f in "$stock" "$patched"; do
	hdr=$(readelf -h "$f" 2>&1)
	if printf '%s' "$hdr" | grep -q "Type: *EXEC" &&
	   printf '%s' "$hdr" | grep -q "Machine: *Intel 80386"; then
		ok "$f is an i386 ELF executable"
	else
		ko "$f is an i386 ELF executable" "expected: Type EXEC, Machine Intel 80386" \
		   "got: $(printf '%s' "$hdr" | grep -E 'Type|Machine|readelf' | tr -s ' ')"
	fi
done
echo "  sizes (text includes rodata):"
size "$stock" "$patched" | sed 's/^/    /'

glue="xenrdm_hvm_read_keys xenrdm_hvm_overlaps xenrdm_hvm_bar_base
	xenrdm_hvm_ram_moved xenrdm_hvm_e820_limit xenrdm_hvm_e820_add
	xenrdm_e820_add_rdm xenrdm_fw_read"
missing=""
for s in $glue; do
	nm "$patched" | grep -q " T $s\$" || missing="$missing $s"
done
if [ -z "$missing" ]; then
	ok "the patched hvmloader has the glue and the module"
else
	ko "the patched hvmloader has the glue and the module" "missing:$missing"
fi
if nm "$stock" | grep -q xenrdm; then
	ko "the stock hvmloader has no xen-rdm symbol" "got: $(nm "$stock" | grep xenrdm | head -3)"
else
	ok "the stock hvmloader has no xen-rdm symbol"
fi
# The stock one is Debian's: the patched tree differs only by the series.
if nm "$patched" | grep -q " T build_e820_table\$" && nm "$stock" | grep -q " T build_e820_table\$"; then
	ok "both have build_e820_table (hvmloader's own e820 code)"
else
	ko "both have build_e820_table (hvmloader's own e820 code)"
fi

# $1 label, $2 the message that must appear, then the command.
must_fail() {
	label=$1 want=$2
	shift 2
	out=$("$@" 2>&1)
	rc=$?
	if [ $rc -ne 0 ] && printf '%s' "$out" | grep -q "$want"; then
		ok "$label"
	else
		ko "$label" "expected: exit != 0 and a message with '$want'" \
		   "got: exit $rc, output:" "$(printf '%s' "$out" | tail -5)"
	fi
}

work=$build/hvm-failures
rm -rf "$work"
mkdir -p "$work"
dsc="xen_$version.dsc"

# A .dsc that is not the pinned one: make hvmloader stops before extracting.
mkdir -p "$work/tampered-dsc"
cp "$cache"/* "$work/tampered-dsc/"
printf ' \n' >> "$work/tampered-dsc/$dsc"
must_fail "a .dsc with another sha256 stops make hvmloader" \
	"expected $sha (pinned" \
	make -s --no-print-directory BUILD="$work/b1" XEN_SRC_CACHE="$work/tampered-dsc" hvmloader
if [ ! -e "$work/b1/xen-src/stock/tools" ]; then
	ok "nothing is extracted from the tampered cache"
else
	ko "nothing is extracted from the tampered cache" "got: $work/b1/xen-src/stock exists"
fi

# The right .dsc, a tarball that does not match it: dpkg-source refuses.
mkdir -p "$work/tampered-tar"
cp "$cache"/* "$work/tampered-tar/"
tarball=$(ls "$work/tampered-tar"/*.debian.tar.xz)
printf 'x' >> "$tarball"
must_fail "a tarball not matching the .dsc stops make hvmloader" \
	"not matching the .dsc" \
	make -s --no-print-directory BUILD="$work/b2" XEN_SRC_CACHE="$work/tampered-tar" hvmloader

# A version the archive does not have: apt-get source fails, the message
# says what is missing and how to get it.
must_fail "a version the archive lacks stops make hvmloader, naming it" \
	"xen=4.17.0-0xenrdm-missing" \
	sh scripts/xen-source.sh fetch "$work/missing" 4.17.0-0xenrdm-missing "$sha"

# scripts/deps.sh derives a deb-src entry from the machine's own deb
# entries (tried on a copy: XENRDM_APT_DIR, no apt-get update there).
apt="$work/apt"
mkdir -p "$apt/sources.list.d"
printf '%s\n' 'Types: deb' 'URIs: http://mirror.invalid/debian' \
	'Suites: bookworm bookworm-updates' 'Components: main' '' \
	'Types: deb' 'URIs: http://mirror.invalid/debian-security' \
	'Suites: bookworm-security' 'Components: main' \
	> "$apt/sources.list.d/debian.sources"
printf '%s\n' 'deb [arch=amd64] http://mirror.invalid/extra bookworm main' \
	'# deb-src http://mirror.invalid/extra bookworm main' > "$apt/sources.list"
out=$(XENRDM_APT_DIR="$apt" sh scripts/deps.sh build 2>&1)
want="Types: deb-src
URIs: http://mirror.invalid/debian
Suites: bookworm bookworm-updates
Components: main

Types: deb-src
URIs: http://mirror.invalid/debian-security
Suites: bookworm-security
Components: main"
got=$(cat "$apt/sources.list.d/debian-deb-src.sources" 2>&1)
if [ "$got" = "$want" ]; then
	ok "deps.sh: a deb822 entry gets a sibling Types: deb-src file"
else
	ko "deps.sh: a deb822 entry gets a sibling Types: deb-src file" \
	   "expected: $want" "got: $got" "deps.sh said: $out"
fi
got=$(cat "$apt/sources.list.d/xenrdm-deb-src.list" 2>&1)
if [ "$got" = "deb-src [arch=amd64] http://mirror.invalid/extra bookworm main" ]; then
	ok "deps.sh: a one-line deb entry gets a deb-src line"
else
	ko "deps.sh: a one-line deb entry gets a deb-src line" "got: $got"
fi
before=$(ls "$apt/sources.list.d")
XENRDM_APT_DIR="$apt" sh scripts/deps.sh build >/dev/null 2>&1
if [ "$(ls "$apt/sources.list.d")" = "$before" ]; then
	ok "deps.sh: with a deb-src entry nothing is added"
else
	ko "deps.sh: with a deb-src entry nothing is added" "got: $(ls "$apt/sources.list.d")"
fi
rm -rf "$apt" && mkdir -p "$apt/sources.list.d"
must_fail "deps.sh: no deb entry to derive from is said" \
	"no Debian deb entry in $apt" env XENRDM_APT_DIR="$apt" sh scripts/deps.sh build
hosts=$(grep -nE 'deb\.debian\.org|ftp\.[a-z]+\.debian\.org|snapshot\.debian\.org|security\.debian\.org' \
	scripts/deps.sh scripts/xen-source.sh firmware/hvmloader/hvmloader.mk 2>&1)
if [ -z "$hosts" ]; then
	ok "no archive host named in deps.sh, xen-source.sh, hvmloader.mk"
else
	ko "no archive host named in deps.sh, xen-source.sh, hvmloader.mk" "got: $hosts"
fi
rm -rf "$work"

echo "hvmloader: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
