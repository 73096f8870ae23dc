# tests/cli/lib.sh - helpers for the command's end-to-end tests.
# Source it; then call expect_exit / expect_out / expect_err; finish with
# `finish`, which prints "N passed, N failed" and sets the exit status.
: "${XEN_RDM:?XEN_RDM must point at the xen-rdm binary}"
T_PASS=0
T_FAIL=0
T_TMP=$(mktemp -d)
trap 'rm -rf "$T_TMP"' EXIT

# run CMD...: runs it, keeping stdout in $T_TMP/out, stderr in $T_TMP/err,
# exit status in $T_RC.
run() {
	"$@" >"$T_TMP/out" 2>"$T_TMP/err"
	T_RC=$?
}

t_ok() { T_PASS=$((T_PASS + 1)); }
t_fail() {
	T_FAIL=$((T_FAIL + 1))
	echo "FAIL: $1"
	shift
	for l in "$@"; do echo "      $l"; done
}

# expect_exit NAME WANT: the last run's exit status.
expect_exit() {
	if [ "$T_RC" -eq "$2" ]; then t_ok; else
		t_fail "$1" "expected exit $2, got $T_RC" "stderr: $(head -c 400 "$T_TMP/err")"
	fi
}
# expect_out NAME FIXED-STRING: stdout contains it.
expect_out() {
	if grep -qF -- "$2" "$T_TMP/out"; then t_ok; else
		t_fail "$1" "expected stdout to contain: $2" "got: $(head -c 400 "$T_TMP/out")"
	fi
}
# expect_err NAME FIXED-STRING: stderr contains it.
expect_err() {
	if grep -qF -- "$2" "$T_TMP/err"; then t_ok; else
		t_fail "$1" "expected stderr to contain: $2" "got: $(head -c 400 "$T_TMP/err")"
	fi
}
# expect_no_out NAME FIXED-STRING: stdout does not contain it.
expect_no_out() {
	if grep -qF -- "$2" "$T_TMP/out"; then
		t_fail "$1" "expected stdout not to contain: $2" "got: $(grep -F -- "$2" "$T_TMP/out" | head -c 400)"
	else t_ok; fi
}
# expect_last NAME LINE: stdout's last line is exactly LINE (the verdict).
expect_last() {
	got=$(tail -n 1 "$T_TMP/out")
	if [ "$got" = "$2" ]; then t_ok; else
		t_fail "$1" "expected last line: $2" "got:                $got"
	fi
}
# expect_only NAME LINE: stdout is exactly LINE, stderr empty (-q).
expect_only() {
	got=$(cat "$T_TMP/out")
	if [ "$got" = "$2" ] && [ ! -s "$T_TMP/err" ]; then t_ok; else
		t_fail "$1" "expected only: $2" "got:           $got" \
			"stderr: $(head -c 300 "$T_TMP/err")"
	fi
}
finish() {
	echo "$T_PASS passed, $T_FAIL failed"
	[ "$T_FAIL" -eq 0 ]
}
