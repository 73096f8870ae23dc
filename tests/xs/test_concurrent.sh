#!/bin/bash
# tests/xs/test_concurrent.sh - 4 concurrent `apply` (four different
# sets) plus a `clear` and a `show`, on Xen's real xenstored, for
# XENRDM_CONC_ROUNDS rounds (default 200): no exit 3 ever (a failure
# that a concurrent change causes is retried with the whole transaction),
# and never a mixed set: after each round the store holds no set or
# exactly one writer's, and what `show` printed was one whole set.
# Before the fix about 1 apply in 100 failed here with "set permissions
# on .../hvmloader/rdm failed: No such file or directory" (exit 3).
. "$TESTS_DIR/xs/xs_lib.sh"
xs_start
ROUNDS=${XENRDM_CONC_ROUNDS:-200}

SET1="--memory 2048 --rdm strategy=host --region 0xa0000000+0x1000"
SET2="--memory 2048 --rdm strategy=host --region 0xa1000000+0x1000 --region 0xa3000000+0x2000"
SET3="--memory 2048 --rdm strategy=host --region 0xa2000000+0x1000 --region 0xa4000000+0x1000 --region 0xa6000000+0x3000"
SET4="--memory 4096 --rdm strategy=host --region 0xa0000000+0x1000 --region 0xa1000000+0x1000 --region 0xa2000000+0x1000 --region 0xa3000000+0x1000"

# Each set alone: its keys (xenstore-ls) and what show prints of them.
keys_of() { xs_keys; }
show_keys() { grep '^/local/domain/7/hvmloader/rdm/' "$1" | sed 's/   (n0,r7)$//' | sort; }
for i in 1 2 3 4; do
	eval "set=\$SET$i"
	# shellcheck disable=SC2154,SC2086
	"$XEN_RDM" apply --domid 7 $set >/dev/null || { t_fail "set $i alone"; finish; exit 1; }
	keys_of >"$T_TMP/want$i"
	"$XEN_RDM" show --domid 7 >"$T_TMP/show$i"
	show_keys "$T_TMP/show$i" >"$T_TMP/swant$i"
	"$XEN_RDM" clear --domid 7 >/dev/null
done
: >"$T_TMP/want0"; : >"$T_TMP/swant0"

one_of() {      # FILE PREFIX: FILE equals one of PREFIX0..4
	for i in 0 1 2 3 4; do cmp -s "$1" "$T_TMP/$2$i" && return 0; done
	return 1
}

exit3=0 bad=0 mixed=0 showmixed=0 applies=0
r=0
while [ $r -lt "$ROUNDS" ]; do
	r=$((r + 1))
	pids=
	for i in 1 2 3 4; do
		eval "set=\$SET$i"
		# shellcheck disable=SC2086
		"$XEN_RDM" apply --domid 7 $set >"$T_TMP/a$i.out" 2>"$T_TMP/a$i.err" &
		pids="$pids $!"
	done
	"$XEN_RDM" clear --domid 7 >"$T_TMP/c.out" 2>"$T_TMP/c.err" &
	cpid=$!
	"$XEN_RDM" show --domid 7 >"$T_TMP/s.out" 2>"$T_TMP/s.err" &
	spid=$!
	i=0
	for p in $pids; do
		i=$((i + 1))
		wait "$p"; rc=$?
		applies=$((applies + 1))
		if [ $rc -eq 3 ]; then exit3=$((exit3 + 1)); echo "round $r apply $i: exit 3: $(cat "$T_TMP/a$i.err")"
		elif [ $rc -ne 0 ]; then bad=$((bad + 1)); echo "round $r apply $i: exit $rc: $(cat "$T_TMP/a$i.err")"; fi
	done
	wait "$cpid"; rc=$?
	if [ $rc -eq 3 ]; then exit3=$((exit3 + 1)); echo "round $r clear: exit 3: $(cat "$T_TMP/c.err")"
	elif [ $rc -ne 0 ]; then bad=$((bad + 1)); echo "round $r clear: exit $rc: $(cat "$T_TMP/c.err")"; fi
	wait "$spid"; rc=$?
	if [ $rc -ne 0 ]; then bad=$((bad + 1)); echo "round $r show: exit $rc: $(cat "$T_TMP/s.err")"; fi
	keys_of >"$T_TMP/got"
	if ! one_of "$T_TMP/got" want; then mixed=$((mixed + 1)); echo "round $r: mixed set in the store:"; cat "$T_TMP/got"; fi
	show_keys "$T_TMP/s.out" >"$T_TMP/sgot"
	if ! one_of "$T_TMP/sgot" swant; then showmixed=$((showmixed + 1)); echo "round $r: show printed a mixed set:"; cat "$T_TMP/sgot"; fi
done
echo "$ROUNDS rounds, $applies applies: exit 3: $exit3, other failures: $bad, mixed in the store: $mixed, mixed in show: $showmixed"
expect_same "no exit 3 in $ROUNDS rounds" 0 "$exit3"
expect_same "no other failure" 0 "$bad"
expect_same "never a mixed set in the store" 0 "$mixed"
expect_same "show never printed a mixed set" 0 "$showmixed"
finish
