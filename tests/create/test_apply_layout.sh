#!/bin/sh
# tests/create/test_apply_layout.sh - `xen-rdm apply` checks the domain
# before writing its keys: keys for a domain that runs already come too
# late (hvmloader has read xenstore), keys for a domain built with other
# low/high RAM ends describe another layout.  The hypervisor is the
# stand-in of tests/create/xc_dom_stub.c (preloaded: domain 7's hvm_info
# page as libxenguest writes it), the keys go to Xen's real xenstored.
# Without a hypervisor (/dev/xen/privcmd missing) there is no domain to
# check: apply writes, silently, as before.
#
# The plan: the real-host example of tests/xs/xs_lib.sh, low RAM ends at
# 0xa9c00000, high RAM at 0x156400000.  Before each row domain 7 holds
# the keys of a plain 2048 MiB plan, which a refusal must leave.
# Environment (check-create): XEN_RDM, TESTS_DIR, XSD_PRELOAD, XC_DOM_STUB.
. "$TESTS_DIR/xs/xs_lib.sh"
xs_start

DOMS="$T_TMP/doms"
NEW="2 0xa9c00000 0x156400000 0xa9d3e000"
BEFORE="0 0x80000000 0x100000000 -"
BUILT="low RAM ends at 0x00000000a9c00000, high RAM at 0x0000000156400000"
PLAN="the plan: 0x00000000a9c00000, 0x0000000156400000 (0: none above 4 GiB); the keys would describe another layout; nothing written"
CANNOT="the built layout cannot be read"

keys() {
	for k in count lowmem-end highmem-end 0/start; do
		xenstore-read "$RDM/$k" 2>/dev/null || echo -
	done | tr '\n' ' ' | sed 's/ $//'
}

# name | domain 7 in the stand-in ("-": none) | stand-in env | apply's
# options | exit | keys (new / before) | stderr ("" empty, else contains)
# | stdout contains ("-": no "as built" line; json: valid JSON alone)
ROWS="as planned|7 0xa9c00000 0x156400000|||0|new||domain 7 as built: $BUILT: as planned
as planned, --json|7 0xa9c00000 0x156400000||--json|0|new||json
as planned, -q|7 0xa9c00000 0x156400000||-q|0|new||-
running|7 0xa9c00000 0x156400000 running|||3|before|apply: domain 7 is running already: its firmware may have read the keys already; nothing written (destroy it and create it paused: xl create -p)|-
running, --no-layout-check|7 0xa9c00000 0x156400000 running||--no-layout-check|3|before|apply: domain 7 is running already|-
low end differs|7 0xb0000000 0x156400000|||2|before|apply: domain 7 as built: low RAM ends at 0x00000000b0000000, high RAM at 0x0000000156400000; $PLAN|-
high end differs|7 0xa9c00000 0x150000000|||2|before|apply: domain 7 as built: low RAM ends at 0x00000000a9c00000, high RAM at 0x0000000150000000; $PLAN|-
high end differs, --no-layout-check|7 0xa9c00000 0x150000000||--no-layout-check|2|before|apply: domain 7 as built: low RAM ends at 0x00000000a9c00000, high RAM at 0x0000000150000000; $PLAN|-
no hypervisor|7 0xa9c00000 0x156400000|XC_DOM_STUB_OPEN_ERRNO=2||0|new||-
no hypervisor, --no-layout-check|7 0xa9c00000 0x156400000|XC_DOM_STUB_OPEN_ERRNO=2|--no-layout-check|0|new||-
no hypervisor, real libxenctrl|-|nostub||0|new||-
bad hvm_info|7 0xa9c00000 0x156400000|XC_DOM_STUB_BADSUM=1||3|before|apply: domain 7: $CANNOT: domain 7: no valid hvm_info table at 0x9f800|-
bad hvm_info, --no-layout-check|7 0xa9c00000 0x156400000|XC_DOM_STUB_BADSUM=1|--no-layout-check|0|new|xen-rdm: note: apply: $CANNOT (domain 7: no valid hvm_info table at 0x9f800|-
no such domain|-|||2|before|apply: domain 7: $CANNOT: domain 7: no such domain (--no-layout-check goes on without it)|-
no such domain, --no-layout-check|-||--no-layout-check|0|new|not checked (--no-layout-check)|-
PV domain|7 0xa9c00000 0x156400000 pv|||2|before|domain 7 is not an HVM guest|-"

# The real libxenctrl finds no hypervisor only where there is none.
[ -e /dev/xen/privcmd ] && ROWS=$(echo "$ROWS" | grep -v "|nostub|")

echo "$ROWS" | while IFS='|' read -r name dom envs opts st want err out; do
	if [ "$dom" = - ]; then : >"$DOMS"; else echo "$dom" >"$DOMS"; fi
	"$XEN_RDM" apply --domid 7 --memory 2048 >/dev/null 2>&1
	expect_same "$name: keys before" "$BEFORE" "$(keys)"
	if [ "$envs" = nostub ]; then
		pre=
		envs=
	else
		pre=${XC_DOM_STUB:?}
	fi
	# shellcheck disable=SC2086
	run env ${pre:+LD_PRELOAD=$pre} XC_DOM_STUB_FILE="$DOMS" $envs \
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		"$XEN_RDM" apply --domid 7 $EXAMPLE2 $opts
	expect_exit "$name: exit" "$st"
	if [ "$want" = new ]; then w=$NEW; else w=$BEFORE; fi
	expect_same "$name: keys" "$w" "$(keys)"
	if [ -z "$err" ]; then
		if [ -s "$T_TMP/err" ]; then
			t_fail "$name: stderr empty" "got: $(head -c 300 "$T_TMP/err")"
		else t_ok; fi
	else
		expect_err "$name: stderr" "$err"
		expect_same "$name: stderr is one line" 1 "$(wc -l <"$T_TMP/err")"
	fi
	case $out in
	-)	expect_no_out "$name: no layout line" "as built" ;;
	json)	if python3 -c 'import json,sys; json.load(open(sys.argv[1]))' \
			"$T_TMP/out" 2>/dev/null; then t_ok; else
			t_fail "$name: stdout is JSON" "got: $(head -c 300 "$T_TMP/out")"
		fi ;;
	*)	expect_out "$name: stdout" "$out" ;;
	esac
	if [ "$st" = 0 ] && [ "$out" != json ]; then
		expect_last "$name: verdict" "OK: 00:02.0, 00:14.0 can be passed through; 2 ranges reserved; low RAM ends at 2.65 GiB (1.10 GiB moved above 4 GiB); written for domain 7"
	fi
	echo "$T_PASS $T_FAIL" >"$T_TMP/counts"
done
# The loop ran in a subshell (the pipe): take its counts.
read -r T_PASS T_FAIL <"$T_TMP/counts"

# Without a hypervisor apply's output is what it was before the check:
# the same bytes as with the stand-in's "as planned" minus that one line.
echo "7 0xa9c00000 0x156400000" >"$DOMS"
# shellcheck disable=SC2086
run env LD_PRELOAD="$XC_DOM_STUB" XC_DOM_STUB_FILE="$DOMS" \
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
	"$XEN_RDM" apply --domid 7 $EXAMPLE2
grep -v "^domain 7 as built: " "$T_TMP/out" >"$T_TMP/checked"
checked_lines=$(wc -l <"$T_TMP/out")
# shellcheck disable=SC2086
run env LD_PRELOAD="$XC_DOM_STUB" XC_DOM_STUB_FILE="$DOMS" \
	XC_DOM_STUB_OPEN_ERRNO=2 \
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
	"$XEN_RDM" apply --domid 7 $EXAMPLE2
expect_same "no hypervisor: stdout as without the check" \
	"$(cat "$T_TMP/checked")" "$(cat "$T_TMP/out")"
expect_same "as planned: one line more" \
	"$(($(wc -l <"$T_TMP/out") + 1))" "$checked_lines"
finish
