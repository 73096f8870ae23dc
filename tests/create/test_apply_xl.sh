#!/bin/sh
# tests/create/test_apply_xl.sh - `apply -c` plans what xl 4.17 built from
# the file, not the rdm= text, and writes the keys of that layout; `plan
# -c` still plans the text as written.
#
# The domain exists when apply runs (xl create -p; apply; xl unpause), so
# its keys must describe what libxl built.  Per rdm= spelling (and a pci=
# entry with or without rdm_policy=): Debian's real xl 4.17 dry-runs the
# file (`xl create -n`, as tests/create/test_xl_rdm_real.sh does) and
# says which strategy libxl gets; apply --json must plan that strategy
# and write its keys to Xen's real xenstored; plan -c must plan the text.
# Regions: the IGD's RMRR, tied to 00:02.0, and a host-wide one at
# 0x9f000000 that only strategy=host brings in.  4096 MiB:
#   ignore: the IGD's alone; low RAM ends at it, 0xab800000 (2 MiB
#           aligned), 0xf0000000 - 0xab800000 = 0x44800000 move above
#           4 GiB: high RAM ends at 0x110000000 + 0x44800000 = 0x154800000
#   host:   both; low RAM ends at 0x9f000000, 0x51000000 move up:
#           0x161000000
# Environment (check-create): XEN_RDM, TESTS_DIR, XSD_PRELOAD, XL_PRELOAD.
. "$TESTS_DIR/xs/xs_lib.sh"
XL=${XL_REAL:-/usr/lib/xen-4.17/bin/xl}
[ -x "$XL" ] || { echo "FAIL: $XL missing (xen-utils-4.17)"; exit 1; }
xs_start

SRC="--region 0xab800000-0xaf9fffff@00:02.0 --region 0x9f000000-0x9f0fffff"
# want_keys ignore|host|before: count, lowmem-end, highmem-end, 0/start
# ("before": the set written before each row, which a refusal leaves)
want_keys() {
	case $1 in
	ignore) echo "1 0xab800000 0x154800000 0xab800000" ;;
	host)   echo "2 0x9f000000 0x161000000 0x9f000000" ;;
	before) echo "0 0x80000000 0x100000000 -" ;;
	esac
}

keys() {
	for k in count lowmem-end highmem-end 0/start; do
		xenstore-read "$RDM/$k" 2>/dev/null || echo -
	done | tr '\n' ' ' | sed 's/ $//'
}
# json_of FILE: "strategy N" (N: how many regions came in as host-wide)
json_of() {
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(d["strategy"], sum(1 for r in d["rdms"] if r["host_wide"]))' "$1" \
		2>/dev/null || echo "no JSON"
}
# xl_builds FILE: the strategy the real xl hands libxl ("ignore" when
# it drops rdm=), and "undefined" when pci[0] inherits a policy outside
# libxl's enum
xl_builds() {
	python3 - "$1" <<'PY' 2>/dev/null || echo "no JSON"
import json, sys
d = json.load(open(sys.argv[1]))
rdm = d["b_info"].get("type.hvm", {}).get("rdm", {})
pci = d.get("pcidevs", [{}])[0]
if "rdm_policy" in pci and pci["rdm_policy"] not in ("strict", "relaxed"):
    print("undefined")
else:
    print(rdm.get("strategy") or "ignore")
PY
}

# rdm= ("-": none) | pci= entry | apply's options | as written | xl
# builds | apply: exit, keys ("before": untouched), note
ROWS='-|00:02.0||ignore|ignore|0|ignore|-
strategy=host|00:02.0,rdm_policy=strict||host|host|0|host|-
strategy=host|00:02.0||host|undefined|2|before|-
strategy=host,policy=relaxed|00:02.0||host|ignore|0|ignore|note
strategy=host,policy=relaxed|00:02.0,rdm_policy=relaxed||host|ignore|0|ignore|note
strategy=host,policy=strict|00:02.0,rdm_policy=strict||host|ignore|0|ignore|note
strategy=ignore|00:02.0||ignore|ignore|0|ignore|-
policy=strict|00:02.0||ignore|ignore|0|ignore|-
policy=relaxed|00:02.0,rdm_policy=relaxed||ignore|ignore|0|ignore|-
strategy=host,policy=relaxed|00:02.0|--rdm strategy=host|host|ignore|0|host|-
strategy=host|00:02.0|--pci 00:02.0,rdm_policy=strict|host|undefined|0|host|-
strategy=host|00:02.0|--rdm strategy=host|host|undefined|2|before|-'

echo "$ROWS" | while IFS='|' read -r rdm pci opts written xl st want note; do
	name="rdm=\"$rdm\" pci='$pci'${opts:+ $opts}"
	{
		echo 'name = "g"'
		echo 'type = "hvm"'
		echo 'memory = 4096'
		echo 'vga = "none"'
		[ "$rdm" = - ] || echo "rdm = \"$rdm\""
		echo "pci = [ '$pci' ]"
	} >"$T_TMP/g.cfg"

	# What the real xl builds from the file: the table's column holds.
	run env LD_PRELOAD="${XL_PRELOAD:?}" "$XL" create -n "$T_TMP/g.cfg"
	cp "$T_TMP/out" "$T_TMP/xl.json"
	expect_same "$name: real xl 4.17 builds" "$xl" "$(xl_builds "$T_TMP/xl.json")"

	"$XEN_RDM" apply --domid 7 --memory 2048 >/dev/null 2>&1
	# shellcheck disable=SC2086
	run "$XEN_RDM" apply --domid 7 --json -c "$T_TMP/g.cfg" $SRC $opts
	expect_exit "$name: apply" "$st"
	expect_same "$name: apply's keys" "$(want_keys "$want")" "$(keys)"
	if [ "$st" = 0 ]; then
		nw=0
		[ "$want" = host ] && nw=2
		expect_same "$name: apply planned" "$want $nw" "$(json_of "$T_TMP/out")"
	else
		expect_err "$name: apply refuses" "apply: $T_TMP/g.cfg: xl 4.17 gives 1 pci= entry an uninitialised rdm policy (see above): what libxl built for it is undefined; add rdm_policy= to it, destroy domain 7 and create it again; nothing written for domain 7"
	fi
	if [ "$note" = note ]; then
		expect_err "$name: apply's note" "xen-rdm: note: apply: planning what xl 4.17 builds: strategy=$want (rdm = \"$rdm\" as written says strategy=$written)"
	elif grep -q "note: apply" "$T_TMP/err"; then
		t_fail "$name: no note" "got: $(grep "note: apply" "$T_TMP/err")"
	else t_ok; fi
	if [ "$rdm" = - ]; then
		if [ -s "$T_TMP/err" ]; then
			t_fail "$name: apply: stderr empty" "got: $(head -c 300 "$T_TMP/err")"
		else t_ok; fi
	fi

	# plan -c plans the text as written, and points at apply and create.
	# shellcheck disable=SC2086
	run "$XEN_RDM" plan --json -c "$T_TMP/g.cfg" $SRC
	expect_exit "$name: plan -c" 0
	nw=0
	[ "$written" = host ] && nw=2
	expect_same "$name: plan -c as written" "$written $nw" "$(json_of "$T_TMP/out")"
	if [ "$written" != "$xl" ] && [ "$xl" != undefined ]; then
		expect_err "$name: plan -c's warning" "g.cfg: planned as written; the domain xl 4.17 builds from it has strategy=$xl (xen-rdm create and apply plan that; --rdm strategy=$xl plans it here)"
	fi
	echo "$T_PASS $T_FAIL" >"$T_TMP/counts"
done
# The loop ran in a subshell (the pipe): take its counts.
read -r T_PASS T_FAIL <"$T_TMP/counts"

# The text: the note before the plan, the inputs say what was planned,
# the verdict last.
printf 'name = "g"\nmemory = 4096\nvga = "none"\nrdm = "strategy=host,policy=relaxed"\npci = [ "00:02.0" ]\n' >"$T_TMP/t.cfg"
# shellcheck disable=SC2086
run "$XEN_RDM" apply --domid 7 -c "$T_TMP/t.cfg" $SRC
expect_exit "text: apply" 0
expect_out "text: apply's inputs" "rdm               strategy=ignore,policy=relaxed"
expect_last "text: apply's verdict" "OK: 00:02.0 can be passed through; 1 range reserved; low RAM ends at 2.68 GiB (1.07 GiB moved above 4 GiB); written for domain 7"
finish
