#!/bin/sh
# Atomicity against the real xenstored: a shorter set replaces a longer
# one without stale keys; a concurrent writer forces EAGAIN (the retry wins
# or apply fails cleanly, never a mixed set); the writer SIGKILLed while
# its transaction is open leaves the previous set; the daemon stopped
# mid-apply is a clear failure.  The pause points come from the test
# build of the command, $XEN_RDM_TEST_HOOKS (tests/xs/xs.mk: xs_cmd.c with
# -DXENRDM_TEST_HOOKS): XENRDM_TEST_PAUSE_AFTER_WRITES=N[:MS] pauses its
# apply inside the open transaction.  The product, $XEN_RDM, ignores the
# variable (checked first).
. "$TESTS_DIR/xs/xs_lib.sh"
: "${XEN_RDM_TEST_HOOKS:?XEN_RDM_TEST_HOOKS must point at the test build}"
HOOKED=$XEN_RDM_TEST_HOOKS
xs_start

THREE="--memory 4096 --rdm strategy=host,policy=strict
  --region 0xa0000000+0x100000 --region 0xa8000000+0x200000
  --region 0xb0000000+0x1000"
ONE="--memory 4096 --rdm strategy=host,policy=strict --region 0xa0000000+0x100000"

# shellcheck disable=SC2086
run "$XEN_RDM" apply --domid 7 $THREE
expect_exit "apply 3 entries" 0
expect_same "3 entries" 3 "$(xenstore-read $RDM/count)"
expect_same "entry 2 written" 0xb0000000 "$(xenstore-read $RDM/2/start)"
# shellcheck disable=SC2086
run "$XEN_RDM" apply --domid 7 $ONE
expect_exit "apply 1 entry over 3" 0
expect_same "count now 1" 1 "$(xenstore-read $RDM/count)"
for stale in 1 2 1/start 2/size; do
	run xenstore-exists $RDM/$stale
	expect_exit "no stale $stale" 1
done
expect_same "shorter set, all keys" \
"/local/domain/7/hvmloader/rdm/0 = \"\"
/local/domain/7/hvmloader/rdm/0/size = \"0x100000\"
/local/domain/7/hvmloader/rdm/0/start = \"0xa0000000\"
/local/domain/7/hvmloader/rdm/count = \"1\"
/local/domain/7/hvmloader/rdm/highmem-end = \"0x160000000\"
/local/domain/7/hvmloader/rdm/lowmem-end = \"0xa0000000\"" "$(xs_keys)"
OLD=$(xs_keys)

# 0. The product has no test hook: the variable is not in the binary, and
# an apply told to pause 10 s after its first write finishes at once
# (timeout 5: a product with the hook would be killed) and says nothing.
# The test build has it (the check can see it).
strings "$XEN_RDM" >"$T_TMP/strings"
if grep -q -e XENRDM_TEST_PAUSE_AFTER_WRITES -e "test hook" "$T_TMP/strings"
then t_fail "the product has no test hook" "got: $(grep -e XENRDM_TEST_PAUSE -e "test hook" "$T_TMP/strings")"
else t_ok; fi
strings "$HOOKED" | grep -q XENRDM_TEST_PAUSE_AFTER_WRITES && t_ok ||
	t_fail "the test build has the hook" "no XENRDM_TEST_PAUSE_AFTER_WRITES in $HOOKED"
# shellcheck disable=SC2086
run timeout 5 env XENRDM_TEST_PAUSE_AFTER_WRITES=1:10000 "$XEN_RDM" apply --domid 7 $ONE
expect_exit "the product ignores XENRDM_TEST_PAUSE_AFTER_WRITES" 0
if [ -s "$T_TMP/err" ]; then t_fail "the product prints no test hook line" "stderr: $(head -c 300 "$T_TMP/err")"; else t_ok; fi
expect_same "the product wrote its set" "$OLD" "$(xs_keys)"

# 1. One concurrent write into the directory during the first attempt:
# its commit gets EAGAIN, the second attempt wins with the whole new set.
# shellcheck disable=SC2086
XENRDM_TEST_PAUSE_AFTER_WRITES=3:300 "$HOOKED" apply --domid 7 $THREE \
	>"$T_TMP/a.out" 2>"$T_TMP/a.err" &
apid=$!
wait_for "$T_TMP/a.err" "paused after 3 writes" || t_fail "hook never paused"
xenstore-write $RDM/writer intruder
wait $apid
T_RC=$?
expect_exit "apply retried past one conflict" 0
n=$(grep -c "paused after 3 writes" "$T_TMP/a.err")
[ "$n" -ge 2 ] && t_ok || t_fail "a second attempt ran" "pauses: $n"
expect_same "the retry's set is whole, the intruder gone" 3 "$(xenstore-read $RDM/count)"
run xenstore-exists $RDM/writer
expect_exit "intruder key removed with the old directory" 1
NEW3=$(xs_keys)

# 2. A writer that never stops: every attempt conflicts, apply gives up
# with exit 3 and the set stays exactly what it was (plus the writer's key).
( while :; do xenstore-write $RDM/writer x || exit; done ) 2>/dev/null &
wpid=$!
# shellcheck disable=SC2086
run env XENRDM_TEST_PAUSE_AFTER_WRITES=1:40 "$HOOKED" apply --domid 7 $ONE
kill $wpid 2>/dev/null; wait $wpid 2>/dev/null
expect_exit "retries exhausted" 3
expect_err "retries exhausted, said so" "conflicted with another writer 8 times (EAGAIN); gave up, nothing written"
expect_same "no mixed set after giving up" "$NEW3" "$(xs_keys | grep -v '/writer = ')"
xenstore-rm $RDM/writer

# 3. SIGKILL while the transaction is open: the daemon drops it.
# shellcheck disable=SC2086
XENRDM_TEST_PAUSE_AFTER_WRITES=2:10000 "$HOOKED" apply --domid 7 $ONE \
	>"$T_TMP/k.out" 2>"$T_TMP/k.err" &
kpid=$!
wait_for "$T_TMP/k.err" "paused after 2 writes" || t_fail "hook never paused"
kill -KILL $kpid
wait $kpid 2>/dev/null
expect_same "after SIGKILL the previous set is whole" "$NEW3" "$(xs_keys)"
run "$XEN_RDM" show --domid 7
expect_exit "show after SIGKILL" 0
expect_out "firmware still reads the 3 entries" "RDM entries the firmware reads: 3 (0 skipped)"

# 4. The daemon stopped while apply's transaction is open.
# shellcheck disable=SC2086
XENRDM_TEST_PAUSE_AFTER_WRITES=2:300 "$HOOKED" apply --domid 7 $ONE \
	>"$T_TMP/d.out" 2>"$T_TMP/d.err" &
dpid=$!
wait_for "$T_TMP/d.err" "paused after 2 writes" || t_fail "hook never paused"
xs_stop
wait $dpid
T_RC=$?
cp "$T_TMP/d.err" "$T_TMP/err"
expect_exit "apply with the daemon gone mid-transaction" 3
expect_err "the failure names the operation" "apply: domain 7: xenstore"
finish
