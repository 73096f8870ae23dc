#!/bin/sh
# tests/cli/test_limits.sh - the limits through the command: guest sizes
# (2 MiB .. 2^52), regions at 0, below 1 MiB, across 4 GiB and at 2^52,
# and the e820 entries each BIOS keeps (SeaBIOS 26, OVMF 128), each
# refused with a clear message rather than a truncated table.
. "$TESTS_DIR/cli/lib.sh"

# regions N BASE: N one-page regions 2 MiB apart from BASE, as a file.
regions() {
	i=0; : >"$T_TMP/r$1"
	while [ "$i" -lt "$1" ]; do
		printf '0x%x+0x1000\n' $(($2 + i * 0x200000)) >>"$T_TMP/r$1"
		i=$((i + 1))
	done
	echo "$T_TMP/r$1"
}

# Guest sizes.
run "$XEN_RDM" plan --memory 2
expect_exit "2 MiB guest" 0
expect_out "2 MiB guest: RAM from 1 MiB" "[mem 0x0000000000100000-0x00000000001fffff]      1 MiB  RAM"
run "$XEN_RDM" plan --memory 1
expect_exit "1 MiB guest" 2
expect_err "1 MiB guest" "--memory '1': below 2 MiB"
run "$XEN_RDM" plan --memory 1048576
expect_exit "1 TiB guest" 0
expect_out "1 TiB guest" "highmem_end  0x0000010010000000"
# highmem_end = 4 GiB + (mem - 3840 MiB) must stay below 2^52; --memory
# refuses such sizes as a unit mistake, xl.cfg's memory= does not.
printf 'memory = 4294967039\nvga = "none"\n' >"$T_TMP/largest.cfg"
run "$XEN_RDM" plan -c "$T_TMP/largest.cfg"
expect_exit "largest guest" 0
expect_out "largest guest" "highmem_end  0x000ffffffff00000"
printf 'memory = 4294967040\nvga = "none"\n' >"$T_TMP/beyond.cfg"
run "$XEN_RDM" plan -c "$T_TMP/beyond.cfg"
expect_exit "guest reaching 2^52" 2
expect_err "guest reaching 2^52" "would end at or beyond 2^52"
run "$XEN_RDM" plan --memory 268435456
expect_exit "bytes for MiB" 2
expect_err "bytes for MiB" "--memory '268435456': did you mean MiB? 268435456 MiB is 256 TiB"
run "$XEN_RDM" plan --memory 16777216
expect_exit "16 TiB guest" 0

# Regions at the edges.
run "$XEN_RDM" plan --memory 1024 --pci 00:02.0 --region 0x0+0x1000@00:02.0
expect_exit "region at 0, strict" 1
expect_err "region at 0, strict" "strict RDM region [mem 0x0000000000000000-0x0000000000000fff] (0000:00:02.0) conflicts: overlaps low RAM"
run "$XEN_RDM" plan --memory 1024 --pci 00:02.0,rdm_policy=relaxed --region 0xff000-0xfffff@00:02.0
expect_exit "region below 1 MiB, relaxed" 0
expect_err "region below 1 MiB, relaxed" "warning: relaxed RDM region [mem 0x00000000000ff000-0x00000000000fffff] (0000:00:02.0) overlaps low RAM"
run "$XEN_RDM" plan --memory 8192 --pci 00:02.0 --region 0xfffff000+0x2000@00:02.0
expect_exit "region across 4 GiB" 1
expect_err "region across 4 GiB" "[mem 0x00000000fffff000-0x0000000100000fff] (0000:00:02.0) conflicts: overlaps RAM above 4 GiB"
run "$XEN_RDM" plan --memory 2048 --pci 00:02.0 --region 0xfffff000+0x2000@00:02.0
expect_exit "region across 4 GiB, no high RAM" 1
expect_err "region across 4 GiB, no high RAM" "hvmloader"
run "$XEN_RDM" plan --memory 1048576 --pci 00:02.0 --region 0xffffffffff000+0x1000@00:02.0
expect_exit "region at the top" 0
expect_out "region at the top" "[mem 0x000ffffffffff000-0x000fffffffffffff]      4 KiB  reserved"
run "$XEN_RDM" plan --memory 1048576 --region 0x10000000000000+0x1000
expect_exit "region past the top" 2
expect_err "region past the top" "'0x10000000000000+0x1000': ends above 2^52"

# What the guest's BIOS keeps (the planner's rule 6): the e820 at boot is
# the table printed plus one (hvmloader splits its area into ACPI NVS and
# RESERVED).  bios_edge BIOS MiB N LAST: N one-page ranges fit (the table
# printed ends at entry LAST), N + 1 are refused with the counts.
bios_edge() {
	run "$XEN_RDM" plan --bios "$1" --memory "$2" --rdm strategy=host --regions "$(regions "$3" 0x400000000)"
	expect_exit "$1, $2 MiB, $3 ranges" 0
	n=$(sed -n '/^guest e820/,$p' "$T_TMP/out" | grep -c '^  \[mem ')
	if [ "$n" -eq $(($4 + 1)) ]; then t_ok; else
		t_fail "$1, $2 MiB, $3 ranges: $(($4 + 1)) e820 entries" "got $n"; fi
	run "$XEN_RDM" plan --bios "$1" --memory "$2" --rdm strategy=host --regions "$(regions $(($3 + 1)) 0x400000000)"
	expect_exit "$1, $2 MiB, $(($3 + 1)) ranges" 2
	expect_err "$1, $2 MiB, $(($3 + 1)) ranges" "entries at boot ($(($3 + 1)) RDM ranges"
	expect_err "$1, $2 MiB, $(($3 + 1)) ranges: limit" "more than $1 keeps ($5)"
}
# SeaBIOS (default) keeps 26: 21 ranges without high RAM, 20 with it;
# OVMF keeps 128 (hvmloader's E820MAX): 123 and 122.
bios_edge seabios 2048 21 24 26
bios_edge seabios 8192 20 24 26
bios_edge ovmf 2048 123 126 128
bios_edge ovmf 8192 122 126 128
# The whole message, with the sources and another BIOS.
run "$XEN_RDM" plan --memory 2048 --rdm strategy=host --regions "$(regions 22 0x400000000)"
expect_err "SeaBIOS, 22 ranges" "the guest e820 would have 27 entries at boot (22 RDM ranges, 22 valid regions merged, and hvmloader's own), more than seabios keeps (26): reserve at least 1 range fewer"
expect_err "SeaBIOS, 22 ranges: sources" "(they come from: rdm strategy=host (22)); or bios=\"ovmf\", which keeps 128"
# Low RAM must end at 2 MiB or above (hvmloader: BUG_ON(low_mem_end < MB(2))).
run "$XEN_RDM" plan --memory 1024 --no-hap --rdm-mem-boundary 0 --pci 00:02.0 --region 0x1ff000+0x1000@00:02.0
expect_exit "low RAM below 2 MiB" 2
expect_err "low RAM below 2 MiB" "below 2 MiB, where hvmloader stops (BUG_ON(low_mem_end < MB(2))); keep rdm_mem_boundary at 2 MiB or above"
run "$XEN_RDM" plan --memory 1024 --no-hap --rdm-mem-boundary 0 --pci 00:02.0 --region 0x200000+0x1000@00:02.0
expect_exit "low RAM ending at 2 MiB" 0
run "$XEN_RDM" plan --memory 2048 --rdm strategy=host --regions "$(regions 125 0x400000000)"
expect_exit "125 ranges" 2
expect_err "125 ranges" "125 valid RDM regions remain after merging; the guest firmware takes at most 124"
# Touching ranges merge first: 200 regions, 2 MiB each, back to back.
i=0; : >"$T_TMP/touch"
while [ "$i" -lt 200 ]; do printf '0x%x+0x200000\n' $((0x400000000 + i * 0x200000)) >>"$T_TMP/touch"; i=$((i + 1)); done
run "$XEN_RDM" plan --memory 8192 --rdm strategy=host --regions "$T_TMP/touch"
expect_exit "200 touching regions merge into 1" 0
expect_out "200 touching regions merge into 1" "[mem 0x0000000400000000-0x0000000418ffffff]    400 MiB  reserved"

# The firmware reader refuses a count above 124 and says which key.
printf '/local/domain/7/hvmloader/rdm/count = "125"\n/local/domain/7/hvmloader/rdm/lowmem-end = "0x80000000"\n/local/domain/7/hvmloader/rdm/highmem-end = "0x100000000"\n' >"$T_TMP/keys"
run "$XEN_RDM" e820 --keys "$T_TMP/keys"
expect_err "count 125 in xenstore" 'hvmloader/rdm/count = "125" ignored: not a count 0..124'

finish
