#!/bin/sh
# The library's xenstore handles against the real xenstored
# (tests/xs/xs_handles.c): more than 8 open at once, each with its own
# write hook and timeout; threads with their own handles writing and
# reading their own domains at once; a toolstack's adopted xs_handle.
# Each of its "ok:" lines is a passed check, each "FAIL:" a failed one.
. "$TESTS_DIR/xs/xs_lib.sh"
: "${XS_HANDLES:?XS_HANDLES must point at the xs_handles helper}"
xs_start

run "$XS_HANDLES" "$XSD_DIR"
expect_exit "xs_handles" 0
cat "$T_TMP/out"
[ -s "$T_TMP/err" ] && sed 's/^/stderr: /' "$T_TMP/err"
n_ok=$(grep -c '^ok: ' "$T_TMP/out")
want=5         # many_hooks many_timeouts one_thread threads adopt
if [ "$n_ok" -eq "$want" ]; then t_ok; else
	t_fail "xs_handles: every check passed" "expected $want 'ok:' lines, got $n_ok"
fi
finish
