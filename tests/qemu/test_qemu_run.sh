#!/bin/sh
# tests/qemu/test_qemu_run.sh - `make qemu-run` (tests/qemu/qemu_run.py)
# end to end: a plan and a key dump of one's own booted through the real
# xenstored, the test image, Debian's Linux and OVMF; and its bad input:
# options the planner refuses (exit 2, QEMU never started), a missing
# QEMU, kernel or OVMF (exit 3, the Debian package named), a boot that
# hangs (stopped by the timeout, the serial log's tail shown).
# Environment (check-qemu-run sets it): XEN_RDM, BUILD, QEMU_IMAGE,
# QEMU_EFI_APP, TESTS_DIR.
. "$TESTS_DIR/cli/lib.sh"

qemu_run() {
	run python3 "$TESTS_DIR/qemu/qemu_run.py" --xen-rdm "$XEN_RDM" \
		--image "$QEMU_IMAGE" --efi-app "$QEMU_EFI_APP" --build "$BUILD" \
		"$@"
}
# expect_last NAME PREFIX: the output's last line starts with PREFIX.
expect_last() {
	last=$(tail -n 1 "$T_TMP/out")
	case $last in
	"$2"*) t_ok ;;
	*) t_fail "$1" "expected the last line to start with '$2'" \
		"got: $last" "output: $(tail -n 25 "$T_TMP/out")" ;;
	esac
}

# A QEMU that only says it was started: the planner's refusals must come
# before any QEMU.
cat >"$T_TMP/fake-qemu" <<EOF
#!/bin/sh
touch "$T_TMP/qemu-started"
exit 1
EOF
chmod +x "$T_TMP/fake-qemu"

# --- bad input: the planner refuses, nothing boots
qemu_run --qemu "$T_TMP/fake-qemu" --plan "--memory 512 --bios coreboot"
expect_exit "plan option the planner rejects" 2
expect_out "its message" "xen-rdm: --bios 'coreboot': not seabios, ovmf or rombios"
expect_out "says nothing booted" "nothing booted (exit 2)"
qemu_run --qemu "$T_TMP/fake-qemu" --plan "--memory 512 --rdm strategy=host,policy=strict --region 0x8000000+0x1000"
expect_exit "a strict conflict" 2
expect_out "the planner's conflict message" "conflicts"
qemu_run --qemu "$T_TMP/fake-qemu" --plan "--memory 512 --no-such-option"
expect_exit "an unknown option" 2
if [ -e "$T_TMP/qemu-started" ]; then
	t_fail "QEMU was started for options the planner refused"
else t_ok; fi

# --- bad input: keys that give no layout
printf '/local/domain/3/hvmloader/rdm/count = "0"\n' >"$T_TMP/noends.dump"
qemu_run --qemu "$T_TMP/fake-qemu" --keys "$T_TMP/noends.dump"
expect_exit "a dump without memory ends" 2
expect_out "asks for them" "give LOWMEM_END=0x... and HIGHMEM_END=0x..."
qemu_run --keys "$T_TMP/no-such.dump"
expect_exit "a dump that is not there" 2
if [ -e "$T_TMP/qemu-started" ]; then
	t_fail "QEMU was started for a dump without a layout"
else t_ok; fi

# --- a missing program or file names its Debian package
qemu_run --qemu /nonexistent/qemu-system-x86_64 --plan "--memory 512"
expect_exit "QEMU missing" 3
expect_out "names QEMU's package" "install the Debian package qemu-system-x86"
qemu_run --kernel /nonexistent/vmlinuz --plan "--memory 512"
expect_exit "kernel missing" 3
expect_out "names the kernel's package" "install the Debian package linux-image-amd64"
qemu_run --efi --ovmf /nonexistent/OVMF.fd --plan "--memory 512"
expect_exit "OVMF missing" 3
expect_out "names OVMF's package" "install the Debian package ovmf"

# --- a boot that hangs: a bzImage whose kernel is `jmp $`, valid enough
# for the image's loader (boot protocol 2.15, relocatable, 1 MiB init).
python3 - "$T_TMP/hang.bzImage" <<'EOF'
import struct, sys
img = bytearray(0x2000)
struct.pack_into("<B", img, 0x1f1, 1)              # setup_sects
struct.pack_into("<H", img, 0x1fe, 0xAA55)         # boot_flag
struct.pack_into("<BB", img, 0x200, 0xEB, 0x66)    # jump: header to 0x268
img[0x202:0x206] = b"HdrS"
struct.pack_into("<H", img, 0x206, 0x020F)         # version 2.15
struct.pack_into("<B", img, 0x211, 0x01)           # loadflags: LOADED_HIGH
struct.pack_into("<I", img, 0x214, 0x100000)       # code32_start
struct.pack_into("<B", img, 0x234, 1)              # relocatable_kernel
struct.pack_into("<I", img, 0x238, 2047)           # cmdline_size
struct.pack_into("<Q", img, 0x258, 0x1000000)      # pref_address
struct.pack_into("<I", img, 0x260, 0x100000)       # init_size
img[0x400:0x402] = b"\xEB\xFE"                     # jmp $
open(sys.argv[1], "wb").write(img)
EOF
qemu_run --kernel "$T_TMP/hang.bzImage" --timeout 6 --plan "--memory 512"
expect_exit "a hanging boot fails" 1
expect_out "stopped by the timeout" "timed out after 6 s"
expect_out "the serial log's tail: the jump into the kernel" "| XENRDM-LINUX entry=0x1000000"
expect_last "a FAIL line last" "FAIL:"

# --- a plan of one's own, all four tables (OVMF at the same time)
qemu_run --efi --plan "--memory 768 --rdm-mem-boundary 256 --rdm strategy=host,policy=strict --region 0x2b800000+0x4000000"
expect_exit "PLAN with EFI passes" 0
expect_out "the plan's column" "xen-rdm plan"
expect_out "Linux's column" "Linux BIOS-e820"
expect_out "OVMF's column" "OVMF: EFI app (x86_64)"
expect_out "the region, reserved" "02b800000-02f7fffff reserved"
expect_out "Linux agrees" "Linux BIOS-e820          ok, same as the image's"
expect_last "a PASS line last" "PASS: 4 tables agree"

# --- a hand-made, partly hostile key dump: entry 1 unaligned, entry 2
# without a size, entry 3 past 2^52 (all three skipped by the key
# reader), entry 4 in hvmloader's own area (valid, skipped by the e820
# builder); entry 0 is kept.
cat >"$T_TMP/hostile.dump" <<'EOF'
/local/domain/9 = ""
/local/domain/9/hvmloader = ""
/local/domain/9/hvmloader/bios = "rombios"
/local/domain/9/hvmloader/rdm = ""
/local/domain/9/hvmloader/rdm/count = "5"
/local/domain/9/hvmloader/rdm/lowmem-end = "0x20000000"
/local/domain/9/hvmloader/rdm/highmem-end = "0x100000000"
/local/domain/9/hvmloader/rdm/0/start = "0xe0000000"
/local/domain/9/hvmloader/rdm/0/size = "0x100000"
/local/domain/9/hvmloader/rdm/1/start = "0xd0000123"
/local/domain/9/hvmloader/rdm/1/size = "0x1000"
/local/domain/9/hvmloader/rdm/2/start = "0xd1000000"
/local/domain/9/hvmloader/rdm/3/start = "0xfffffffffffff000"
/local/domain/9/hvmloader/rdm/3/size = "0x2000"
/local/domain/9/hvmloader/rdm/4/start = "0xfd000000"
/local/domain/9/hvmloader/rdm/4/size = "0x1000"
EOF
qemu_run --keys "$T_TMP/hostile.dump"
expect_exit "KEYS with skipped entries passes" 0
expect_out "the BIOS from the dump" "BIOS rombios (the dump's hvmloader/bios)"
expect_out "the host build's column" "xen-rdm e820 (host)"
expect_out "skipped: the unaligned start" 'hvmloader/rdm/1/start        "0xd0000123"'
expect_out "skipped: the missing size" "hvmloader/rdm/2/size"
expect_out "skipped: past 2^52" "hvmloader/rdm/3/"
expect_out "skipped: in hvmloader's area" "range 1 (sorted, merged)     0xfd000000-0xfd001000 overlaps hvmloader's area"
expect_out "the kept entry, reserved" "0e0000000-0e00fffff reserved"
expect_last "PASS, with the skips counted" "PASS: 3 tables agree and pass the checker, 4 entries skipped"
finish
