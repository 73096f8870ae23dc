#!/bin/sh
# BUILD=DIR tests/install/test_install.sh: `make install` into a scratch
# DESTDIR, then build a host consumer with `pkg-config xenrdm` and an i386
# freestanding consumer of the firmware archive, only from what was
# installed.
set -u
build=${BUILD:?BUILD must name the build directory}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

make -s -C "$top" BUILD="$build" install PREFIX=/usr DESTDIR="$tmp/root" \
	>"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; bad "make install"; }
root=$tmp/root
for f in usr/bin/xen-rdm usr/lib/libxenrdm.a usr/lib/libxenrdm.so.0 \
	 usr/lib/pkgconfig/xenrdm.pc usr/include/xenrdm/xenrdm.h \
	 usr/include/xenrdm/firmware.h usr/share/man/man1/xen-rdm.1 \
	 usr/share/man/man7/xenrdm-xenstore.7 \
	 usr/lib/xenrdm-fw/i386/libxenrdm-fw.a usr/lib/xenrdm-fw/x86_64/libxenrdm-fw.a \
	 usr/lib/xen-rdm/hvmloader; do
	[ -e "$root/$f" ] && ok || bad "not installed: /$f"
done
# The installed command has no test hook (only tests/xs's test build has).
if strings "$root/usr/bin/xen-rdm" | grep -q XENRDM_TEST_PAUSE_AFTER_WRITES; then
	bad "the installed xen-rdm reads XENRDM_TEST_PAUSE_AFTER_WRITES (a test hook)"
else ok; fi
grep -qx 'prefix=/usr' "$root/usr/lib/pkgconfig/xenrdm.pc" && ok ||
	bad "xenrdm.pc: expected prefix=/usr, got $(grep '^prefix=' "$root/usr/lib/pkgconfig/xenrdm.pc")"

export PKG_CONFIG_SYSROOT_DIR="$root" PKG_CONFIG_PATH="$root/usr/lib/pkgconfig"
cflags=$(pkg-config --cflags xenrdm) && libs=$(pkg-config --libs xenrdm) && ok ||
	bad "pkg-config xenrdm"
# shellcheck disable=SC2086
if cc -Wall -Werror $cflags -o "$tmp/consumer" "$here/consumer.c" $libs; then
	ok
	out=$(LD_LIBRARY_PATH="$root/usr/lib" "$tmp/consumer" 2>&1)
	[ "$out" = "consumer: ok" ] && ok || bad "shared consumer: expected 'consumer: ok', got '$out'"
else
	bad "building the consumer against the installed library"
fi
# Static: pkg-config --static brings Xen's libraries along.
# shellcheck disable=SC2086
if cc $cflags -o "$tmp/consumer-static" "$here/consumer.c" \
	"$root/usr/lib/libxenrdm.a" $(pkg-config --libs-only-l --static xenrdm | sed 's/-lxenrdm//'); then
	out=$("$tmp/consumer-static" 2>&1)
	[ "$out" = "consumer: ok" ] && ok || bad "static consumer: expected 'consumer: ok', got '$out'"
else
	bad "building the static consumer"
fi
# The firmware archive links freestanding with only the declared hooks.
if cc -m32 -ffreestanding -fno-builtin -nostdlib -fno-pic -fno-stack-protector -Os \
	-static -I"$root/usr/include" -o "$tmp/fw_consumer" "$here/fw_consumer.c" \
	"$root/usr/lib/xenrdm-fw/i386/libxenrdm-fw.a" 2>"$tmp/fw.log"; then
	ok
else
	cat "$tmp/fw.log"; bad "linking the i386 firmware archive freestanding"
fi
# The product apart from the tests: `make` in a fresh BUILD compiles no
# test program and runs no test tool (cmocka, nasm, iasl, gnu-efi, QEMU);
# `make demo` asks only for the build packages.
plan=$(make -n -C "$top" BUILD="$tmp/fresh" all 2>&1)
tools=$(printf '%s\n' "$plan" | grep -E 'cmocka|nasm|iasl|gnu-efi|efi\.h|qemu|/tests/' | head -3)
[ -z "$tools" ] && ok || bad "make all builds test material: $tools"
# --no-print-directory: run from make without -s, make -C would print
# "Entering directory" first.
demo=$(make -n --no-print-directory -C "$top" BUILD="$tmp/fresh" demo 2>&1 |
	head -1)
[ "$demo" = "sh scripts/deps.sh build" ] && ok ||
	bad "make demo: expected 'sh scripts/deps.sh build' first, got '$demo'"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
