#!/bin/sh
# xenstored's own limits and permissions, against the real daemon.
#
# Limits: in 4.17 only the path length limit (-M, counted relative to the
# domain home) applies to domain 0's connection; the entry-size (-S),
# entry-count (-E), permission-count (-A), transaction (-t) and quota (-Q)
# limits only bind unprivileged domains (checked: apply passes with -S 4,
# -E 1, -A 1, -t 0, -Q transaction-nodes=2, -Q memory=100).
# "hvmloader/rdm/highmem-end" is 25 characters, every other key at most 24
# (for a 3-digit index), so -M 24 refuses exactly the last write of a set.
. "$TESTS_DIR/xs/xs_lib.sh"
xs_start -M 24

# An earlier set, written without highmem-end (which -M 24 refuses).
xenstore-write $RDM/count 1 $RDM/0/start 0xa0000000 $RDM/0/size 0x1000 \
	$RDM/lowmem-end 0x80000000
OLD=$(xs_keys)
run "$XEN_RDM" apply --domid 7 --memory 2048 --rdm strategy=host,policy=strict \
	--region 0xa8000000+0x2000 --region 0xb0000000+0x1000
expect_exit "apply past the path limit" 3
expect_err "names the refused key" "xenstore write of $RDM/highmem-end failed"
expect_same "nothing partial: the earlier keys as they were" "$OLD" "$(xs_keys)"
run xenstore-exists $RDM/1/start
expect_exit "no entry of the refused set" 1

# Permissions, on a daemon without limits.
xs_stop
xs_start
run "$XEN_RDM" apply --domid 7 --memory 4096 --rdm strategy=host,policy=strict \
	--region 0xa8000000+0x2000 --region 0xb0000000+0x1000
expect_exit "apply" 0
# Every node under rdm/ (keys and the directories rdm, rdm/0, rdm/1).
xenstore-ls -f -p "$RDM" >"$T_TMP/ls"
n=$(wc -l <"$T_TMP/ls")
expect_same "nodes listed (7 keys + 2 entry dirs)" 9 "$n"
bad=$(grep -v '   (n0,r7)$' "$T_TMP/ls")
expect_same "every node owned by dom0, read-only for domain 7" "" "$bad"
expect_same "the directory itself" "n0,r7" \
	"$(xenstore-ls -f -p /local/domain/7/hvmloader | sed -n 's|^/local/domain/7/hvmloader/rdm = "" *(\(.*\))$|\1|p')"
finish
