#!/bin/sh
# tests/xs/test_xenbus.sh - the backstop on the xenbus device.  On
# /dev/xen/xenbus a request cannot be timed (a blocked read there cannot
# be interrupted), so apply, show and clear arm a SIGALRM at 3 x
# --timeout.  Here the device is a pty that never answers, bound at
# /dev/xen/xenbus in a private mount namespace (tests/xs/xenbus_pty.py;
# the host's /dev is not touched); libxenstore opens it as it opens the
# kernel's device, reached through XENSTORED_PATH=/dev/xen/xenbus or
# through libxenstore's fallback when there is no socket.  Each row, in
# its own namespace, all at once: exit 3 between 3 x the timeout and 2 s
# later (killed after 3 x + 10 s), stderr exactly the backstop's line
# naming the device, on stdout apply's FAIL verdict (show and clear print
# nothing), the one request on the device the transaction start (nothing
# was written after it), no process left behind.
# Needs root and mount namespaces: else it says SKIP and why (exit 77,
# not counted as passed).  Environment: XEN_RDM, TESTS_DIR.
. "$TESTS_DIR/xs/xs_lib.sh"      # the helpers; no daemon is started

skip() { echo "SKIP: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "not root: a private mount namespace needs CAP_SYS_ADMIN"
for c in unshare mount python3; do
	command -v "$c" >/dev/null 2>&1 || skip "$c is not installed (scripts/deps.sh)"
done
mkdir "$T_TMP/probe"
unshare -m --propagation private sh -c 'mount -t tmpfs probe "$1"' sh \
	"$T_TMP/probe" >"$T_TMP/probe.err" 2>&1 ||
	skip "no private mount namespace here (unshare -m; mount -t tmpfs):" \
		"$(head -c 300 "$T_TMP/probe.err")"

host_dev=$(ls -ld /dev/xen /dev/xen/xenbus 2>&1)
mkdir "$T_TMP/norun"     # XENSTORED_RUNDIR without a socket

# name|how the device is found|timeout|how it is given|the command's arguments
cat >"$T_TMP/rows" <<EOF
apply, XENSTORED_PATH|path|1|opt|apply --domid 7 --memory 2048
show, XENSTORED_PATH|path|1|opt|show --domid 7
clear, XENSTORED_PATH|path|1|opt|clear --domid 7
apply, no socket|fallback|1|opt|apply --domid 7 --memory 2048
show, no socket|fallback|1|opt|show --domid 7
clear, no socket|fallback|1|opt|clear --domid 7
show, XENRDM_XS_TIMEOUT=2|path|2|env|show --domid 7
EOF

# Every row at once, each in its own namespace with its own pty.
n=0 pids=
while IFS='|' read -r name how t given args; do
	n=$((n + 1))
	dir=$T_TMP/row$n
	mkdir "$dir"
	case $how in
	path) set -- XENSTORED_PATH=/dev/xen/xenbus ;;
	fallback) set -- XENSTORED_RUNDIR="$T_TMP/norun" ;;
	esac
	case $given in
	opt) args="$args --timeout $t" ;;
	env) set -- "$@" XENRDM_XS_TIMEOUT="$t" ;;
	esac
	# shellcheck disable=SC2086
	unshare -m --propagation private python3 "$TESTS_DIR/xs/xenbus_pty.py" \
		"$dir" $((3 * t + 10)) env -u XENSTORED_PATH -u XENSTORED_RUNDIR \
		-u XENRDM_XS_TIMEOUT "$@" "$XEN_RDM" $args >"$dir/holder" 2>&1 &
	pids="$pids $!"
done <"$T_TMP/rows"
for p in $pids; do wait "$p"; echo $? >"$T_TMP/row-rc-$p"; done

n=0
set -- $pids
while IFS='|' read -r name how t given args; do
	n=$((n + 1))
	dir=$T_TMP/row$n
	cmd=${args%% *}
	hrc=$(cat "$T_TMP/row-rc-$1"); shift
	if [ "$hrc" -ne 0 ]; then
		t_fail "$name: the pty at /dev/xen/xenbus" "holder exit $hrc" \
			"$(head -c 400 "$dir/holder")"
		continue
	fi
	t_ok
	rc=$(sed -n 's/^rc //p' "$dir/result")
	secs=$(sed -n 's/^secs //p' "$dir/result")
	left=$(sed -n 's/^left //p' "$dir/result")
	if [ "$rc" = 3 ]; then t_ok; else
		t_fail "$name: exit status" "expected exit 3, got $rc after $secs s" \
			"stderr: $(head -c 300 "$dir/err")"
	fi
	lo=$((3 * t)) hi=$((3 * t + 2))
	if awk -v s="$secs" -v lo="$lo" -v hi="$hi" \
		'BEGIN { exit !(s >= lo - 0.1 && s <= hi) }'; then t_ok; else
		t_fail "$name: ends at the backstop" \
			"expected between $lo and $hi s (3 x --timeout $t, + 2 s)" \
			"got:     $secs s (exit $rc)"
	fi
	expect_same "$name: the backstop's message" \
		"xen-rdm: $cmd: domain 7: xenstored through /dev/xen/xenbus did not answer: nothing done within $lo s (3 x --timeout); nothing written" \
		"$(cat "$dir/err")"
	# stdout: apply's FAIL verdict, as when a request times out on the
	# socket; show and clear print nothing.
	out=$(cat "$dir/out")
	case $cmd in
	apply)
		case $out in
		"FAIL: "*"nothing was written for domain 7 (see above)") t_ok ;;
		*) t_fail "$name: the verdict on stdout" \
			"expected: FAIL: ... nothing was written for domain 7 (see above)" \
			"got:      $out" ;;
		esac ;;
	*) expect_same "$name: nothing on stdout" "" "$out" ;;
	esac
	expect_same "$name: one request on the device, the transaction start" \
		'XS_TRANSACTION_START tx=0 "|"' "$(cat "$dir/requests")"
	expect_same "$name: no process left behind" "" "$left"
done <"$T_TMP/rows"

expect_same "the host's /dev/xen untouched" "$host_dev" \
	"$(ls -ld /dev/xen /dev/xen/xenbus 2>&1)"
finish
