#!/bin/sh
# tests/valgrind/xen-rdm-vg.sh - stands in for xen-rdm in the end-to-end
# tests: runs the real binary ($XEN_RDM_REAL) under valgrind memcheck.
# Any memory error or a definitely/indirectly lost block makes the exit
# status 99 (which no test expects, so the check that ran it fails), and
# the report goes to $VG_LOG_DIR/<pid>.log, not to the stderr the tests
# compare.  Still-reachable blocks (libxenstore's and libxlutil's
# one-off allocations) are not counted.  To find where an uninitialised
# value came from, add --track-origins=yes by hand (it costs ~40% more).
exec valgrind --quiet --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect \
	--show-leak-kinds=definite,indirect \
	--log-file="${VG_LOG_DIR:?}/%p.log" "${XEN_RDM_REAL:?}" "$@"
