#!/bin/sh
# The guest's view, served by the real xenstored as domain 7 itself: the
# daemon is told about domain 7 (XS_INTRODUCE) and xs_guest speaks the
# guest's ring protocol on the page the preload maps, so every request is
# checked by the daemon's own permission code for an unprivileged domain.
. "$TESTS_DIR/xs/xs_lib.sh"
: "${XS_GUEST:?XS_GUEST must point at the xs_guest helper}"
xs_start
"$TESTS_DIR/xs/xsd.sh" home "$XSD_DIR" 8

run "$XEN_RDM" apply --domid 7 --memory 4096 --rdm strategy=host,policy=strict \
	--region 0xa8000000+0x2000 --region 0xb0000000+0x1000
expect_exit "apply" 0
SET=$(xs_keys)

run "$XS_GUEST" introduce 7
expect_exit "domain 7 introduced" 0
run "$XS_GUEST" introduce 8
expect_exit "domain 8 introduced" 0

run "$XS_GUEST" read 7 $RDM/count
expect_exit "the guest reads its count" 0
expect_out "the guest reads its count" 2
run "$XS_GUEST" read 7 $RDM/1/start
expect_out "the guest reads an entry" 0xb0000000

for key in count 0/start 1/size lowmem-end highmem-end forged 2/start; do
	run "$XS_GUEST" write 7 $RDM/$key 0x0
	expect_exit "guest write of $key refused" 1
	expect_out "guest write of $key: EACCES" EACCES
done
run "$XS_GUEST" read 8 $RDM/count
expect_exit "another guest cannot read domain 7's keys" 1
expect_out "another guest: EACCES" EACCES

# Control: the same connection may write where the guest owns the node,
# so the refusals above are the permissions, not a dead connection.
xenstore-write /local/domain/7/data ""
xenstore-chmod /local/domain/7/data n7
run "$XS_GUEST" write 7 /local/domain/7/data/probe 1
expect_exit "the guest writes its own node" 0
expect_same "the set is unchanged by the guest" "$SET" "$(xs_keys)"
finish
