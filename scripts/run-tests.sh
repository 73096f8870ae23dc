#!/bin/sh
# Run test programs/scripts, each one a test group; print a short line per
# group, the output of failures only, and a closing "N passed, N failed".
# Usage: scripts/run-tests.sh LABEL PROGRAM...
# Environment: TEST_LOG_DIR (default: a temp dir) keeps each group's output.
# A program that exits 77 could not run here (its last line says why): it
# is listed as SKIP, counted as skipped, neither passed nor failed.
set -u
label=$1; shift
logdir=${TEST_LOG_DIR:-$(mktemp -d)}
mkdir -p "$logdir"
pass=0; fail=0; skip=0
for t in "$@"; do
	name=$(basename "$t")
	log="$logdir/$name.log"
	if "$t" >"$log" 2>&1; then
		pass=$((pass + 1))
		printf '  ok    %s\n' "$name"
	else
		rc=$?
		if [ "$rc" -eq 77 ]; then
			skip=$((skip + 1))
			printf '  SKIP  %s: %s\n' "$name" "$(tail -n 1 "$log" | sed 's/^SKIP: //')"
			continue
		fi
		fail=$((fail + 1))
		printf '  FAIL  %s (exit %d)\n' "$name" "$rc"
		tail -n 40 "$log" | sed 's/^/        /'
	fi
done
if [ "$skip" -gt 0 ]; then
	echo "$label: $pass passed, $fail failed, $skip skipped"
else
	echo "$label: $pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
