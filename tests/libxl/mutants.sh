#!/bin/sh
# tests/libxl/mutants.sh - test_libxl_diff must fail on each mutant of the
# planner (libxl.mk builds them: one rule broken by renaming a macro in
# shim/libxenrdm/plan*.c).  Passes when every mutant is caught; a mutation that
# no longer changes any source fails too (update LIBXL_MUTANT_* then).
# Environment (from libxl.mk): LIBXL_DIFF_DIR, LIBXL_MUTANTS, LIBXL_PLAN_SRCS.
set -u
bad=0
for m in $LIBXL_MUTANTS; do
	changed=0
	for src in $LIBXL_PLAN_SRCS; do
		f=$LIBXL_DIFF_DIR/mutant-$m/$(basename "$src")
		cmp -s "$src" "$f" || changed=1
	done
	if [ "$changed" = 0 ]; then
		echo "mutant $m: the mutation changes nothing in $LIBXL_PLAN_SRCS (update LIBXL_MUTANT_$m in tests/libxl/libxl.mk)"
		bad=1
		continue
	fi
	out=$("$LIBXL_DIFF_DIR/test_libxl_diff.mutant-$m" 2>&1)
	rc=$?
	if [ "$rc" = 1 ] && printf '%s\n' "$out" | grep -q 'DIFFERENCE:'; then
		echo "mutant $m: caught: $(printf '%s\n' "$out" | grep -m1 'DIFFERENCE:' | sed 's/^ *//')"
	else
		echo "mutant $m: NOT caught (exit $rc); expected a DIFFERENCE and exit 1:"
		printf '%s\n' "$out" | tail -5
		bad=1
	fi
done
exit $bad
