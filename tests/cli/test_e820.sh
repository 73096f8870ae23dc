#!/bin/sh
# tests/cli/test_e820.sh - `xen-rdm e820 --keys`: a xenstore-ls -f -p dump
# turned into the table.  Expected lines come from hvmloader's fixed map
# plus the dump's two RDM entries (written by hand, not captured).
. "$TESTS_DIR/cli/lib.sh"
D="$TESTS_DIR/cli/data/fw_dump_7.txt"

run "$XEN_RDM" e820 --keys "$D"
expect_exit "the table" 0
expect_out "the table: RDM below 4G reserved" "[mem 0x00000000ab000000-0x00000000ab1fffff]      2 MiB  reserved"
expect_out "the table: RDM above 4G" "[mem 0x0000000140000000-0x0000000140000fff]      4 KiB  reserved"
run "$XEN_RDM" e820 --keys "$D" --hvmloader
expect_exit "hvmloader format" 0
expect_out "hvmloader header" "E820 table:"
expect_out "RDM below 4G reserved" " [03]: 00000000:ab000000 - 00000000:ab200000: RESERVED"
expect_out "RAM after it" " [04]: 00000000:ab200000 - 00000000:c0000000: RAM"
expect_out "MMIO hole" " HOLE: 00000000:c0000000 - 00000000:fc000000"
expect_out "RDM above 4G" " [07]: 00000001:40000000 - 00000001:40001000: RESERVED"

run "$XEN_RDM" e820 --keys - --linux <"$D"
expect_exit "linux from stdin" 0
expect_out "linux usable" "BIOS-e820: [mem 0x0000000000000000-0x000000000009ffff] usable"
expect_out "linux reserved" "BIOS-e820: [mem 0x00000000ab000000-0x00000000ab1fffff] reserved"

run "$XEN_RDM" e820 --keys "$D" --json
expect_exit "json" 0
expect_out "json first" '{"e820":[{"start":0,"size":655360,"type":"ram"},'
expect_out "json rdm" '{"start":2868903936,"size":2097152,"type":"reserved"}'

# --lowmem-end overrides the dump (as hvm_info would): the difference is said
run "$XEN_RDM" e820 --keys "$D" --lowmem-end 0xb0000000 --hvmloader
expect_exit "lowmem override" 0
expect_out "lowmem override used" " [04]: 00000000:ab200000 - 00000000:b0000000: RAM"
expect_err "lowmem differs" "lowmem-end = 00000000:c0000000"

# a bad entry is skipped with a warning naming key and value
sed 's|rdm/1/start = "0x140000000"|rdm/1/start = "0x140000001"|' "$D" >"$T_TMP/bad"
run "$XEN_RDM" e820 --keys "$T_TMP/bad"
expect_exit "skipped entry: the table is printed, exit 2" 2
expect_out "skipped entry: table still printed" "[mem 0x00000000ab000000-0x00000000ab1fffff]"
expect_err "skip warning" 'hvmloader/rdm/1/start = "0x140000001" ignored: not 4 KiB aligned'
expect_err "skip summary" "the firmware skipped 1 entry"

# a count the firmware rejects: the table has no RDM, exit 2
sed 's|rdm/count = "2"|rdm/count = "125"|' "$D" >"$T_TMP/badcount"
run "$XEN_RDM" e820 --keys "$T_TMP/badcount"
expect_exit "count 125: exit 2" 2
expect_err "count 125 named" 'hvmloader/rdm/count = "125" ignored'
expect_err "count 125 summary" "the firmware rejected hvmloader/rdm/count"

# no memory ends anywhere: exit 2, says which
grep -v 'mem-end' "$D" >"$T_TMP/noends"
run "$XEN_RDM" e820 --keys "$T_TMP/noends"
expect_exit "no ends" 2
expect_err "no ends message" "no hvmloader/rdm/lowmem-end in /local/domain/7; give --lowmem-end"
run "$XEN_RDM" e820 --keys "$T_TMP/noends" --lowmem-end 0xc0000000 --highmem-end 0x100000000
expect_exit "ends from options" 0

run "$XEN_RDM" e820 --keys "$D" --lowmem-end 12x
expect_exit "bad option value" 2
expect_err "bad option named" "--lowmem-end: '12x'"
run "$XEN_RDM" e820 --keys "$D" --highmem-end 0x80000000
expect_exit "layout rejected" 2
run "$XEN_RDM" e820 --keys /nonexistent/dump
expect_exit "missing file" 2
expect_err "missing file named" "/nonexistent/dump"
echo "not a dump" >"$T_TMP/junk"
run "$XEN_RDM" e820 --keys "$T_TMP/junk"
expect_exit "not a dump" 2
run "$XEN_RDM" e820
expect_exit "no --keys" 2
run "$XEN_RDM" e820 --help
expect_exit "help" 0
expect_out "help text" "usage: xen-rdm e820 --keys FILE"
finish
