#!/bin/sh
# tests/xs/test_failure_modes.sh - the rows of the failure-mode table
# (shim/README.md, "What happens when something goes wrong") that test_atomic.sh does not already
# cover, against the real daemon: for each fault, the exit status, the
# message's shape, and that the previous complete set is left as it was.
# (Transaction conflict, writer killed and daemon stopped mid-apply are
# test_atomic.sh's.)
. "$TESTS_DIR/xs/xs_lib.sh"
xs_start

# A previous complete set.
# shellcheck disable=SC2086
run "$XEN_RDM" apply --domid 7 $EXAMPLE2
expect_exit "the previous set" 0
OLD=$(xs_keys)

# unchanged NAME: the previous set is still whole.
unchanged() { expect_same "$1: previous set left whole" "$OLD" "$(xs_keys)"; }

# Malformed input: exit 2, the message names the option and the text.
run "$XEN_RDM" apply --domid 7 --memory 2048 --region 0xa0000000+0x10
expect_exit "malformed region" 2
expect_err "malformed region" "xen-rdm: --region: region '0xa0000000+0x10': not page aligned"
unchanged "malformed region"
run "$XEN_RDM" apply --domid 99999 --memory 2048
expect_exit "bad domid" 2
unchanged "bad domid"

# Strict conflict: exit 1, the region, its device and why.
run "$XEN_RDM" apply --domid 7 --memory 4096 --pci 00:02.0 \
	--region 0x10000000+0x1000@00:02.0
expect_exit "strict conflict" 1
expect_err "strict conflict" "strict RDM region [mem 0x0000000010000000-0x0000000010000fff] (0000:00:02.0) conflicts: overlaps low RAM"
unchanged "strict conflict"

# Table overflow: 21 ranges with high RAM need 27 e820 entries at boot,
# more than SeaBIOS (xl's default BIOS) keeps.
i=0; : >"$T_TMP/r21"
while [ $i -lt 21 ]; do printf '0x%x+0x1000\n' $((0x400000000 + i * 0x200000)) >>"$T_TMP/r21"; i=$((i + 1)); done
run "$XEN_RDM" apply --domid 7 --memory 8192 --rdm strategy=host --regions "$T_TMP/r21"
expect_exit "e820 overflow" 2
expect_err "e820 overflow" "the guest e820 would have 27 entries at boot (21 RDM ranges, 21 valid regions merged, and hvmloader's own), more than seabios keeps (26)"
unchanged "e820 overflow"

# No hypervisor: --xen says so, exit 2.
run "$XEN_RDM" apply --domid 7 --memory 2048 --xen
expect_exit "no hypervisor" 2
expect_err "no hypervisor" "no Xen hypervisor: /dev/xen/privcmd missing; give the regions with --region or --dmar"
unchanged "no hypervisor"

# A set someone else damaged: the firmware skips the entry, show prints
# what the guest would get and says so with exit 2.
xenstore-write /local/domain/7/hvmloader/rdm/0/start 0xab800001
run "$XEN_RDM" show --domid 7
expect_exit "damaged entry: show exit 2" 2
expect_out "damaged entry: e820 still shown" "guest e820:"
expect_err "damaged entry named" "the firmware skips 1 entry"
run "$XEN_RDM" apply --domid 7 $EXAMPLE2
expect_exit "damaged set replaced" 0
unchanged "damaged set replaced"

# xenstore down: exit 3, names the socket and the errno.
xs_stop
run "$XEN_RDM" apply --domid 7 --memory 2048
expect_exit "xenstore down" 3
expect_err "xenstore down" "xen-rdm: apply: domain 7: cannot connect to xenstored"
run "$XEN_RDM" show --domid 7
expect_exit "show, xenstore down" 3
finish
