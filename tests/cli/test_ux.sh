#!/bin/sh
# tests/cli/test_ux.sh - what the person at the console sees from
# `xen-rdm plan`: the SVG (well formed, one labelled shape per region,
# renders to PNG), the text map (every region, <= 80 columns), and the
# remedies (every one printed in --json, applied as options, gives a plan
# that holds).
. "$TESTS_DIR/cli/lib.sh"
X=$XEN_RDM

# A configuration is held in these variables; args() turns it into
# plan options, so a remedy can change one of them.
MEM= MMIO= BOUNDARY= RDM= PCI= REGIONS=
set_cfg() { MEM=$1 MMIO=$2 BOUNDARY=$3 RDM=$4 PCI=$5 REGIONS=$6; }
args() {
	a="--memory $MEM"
	[ -n "$MMIO" ] && a="$a --mmio-hole $MMIO"
	[ -n "$BOUNDARY" ] && a="$a --rdm-mem-boundary $BOUNDARY"
	[ -n "$RDM" ] && a="$a --rdm $RDM"
	for p in $PCI; do a="$a --pci $p"; done
	for r in $REGIONS; do a="$a --region $r"; done
	echo "$a"
}

# expect_flat NAME TEXT: stdout, with its lines joined (remedies are
# word-wrapped), contains TEXT.
expect_flat() {
	if tr '\n' ' ' <"$T_TMP/out" | tr -s ' ' | grep -qF -- "$2"; then t_ok; else
		t_fail "$1" "expected stdout (lines joined) to contain: $2" \
			"got: $(tail -c 400 "$T_TMP/out")"; fi
}

# py EXPR: evaluate a python expression over the JSON in $T_TMP/out (j).
py() {
	python3 -c "import json,sys; j=json.load(open(sys.argv[1])); $1" "$T_TMP/out"
}

# apply_remedy OPTION VALUE: change the configuration variables.
apply_remedy() {
	case $1 in
	memory) MEM=$2 ;;
	mmio_hole) MMIO=$2 ;;
	rdm_mem_boundary) BOUNDARY=$2 ;;
	rdm) RDM=$2 ;;
	rdm_policy|pci)
		new=
		for p in $PCI; do
			sbdf=${p%%,*}
			case " $2 " in
			*" $sbdf "*)
				[ "$1" = pci ] && continue
				p="$sbdf,rdm_policy=relaxed" ;;
			esac
			new="$new $p"
		done
		PCI=$new ;;
	*) return 1 ;;
	esac
}

# check_case NAME WANT-OPTIONS: the SVG, the text map and every remedy of
# the current configuration.  WANT-OPTIONS: the remedy options expected,
# in order, space-separated (worked out in the unit test's comments).
check_case() {
	name=$1
	want=$2
	# shellcheck disable=SC2046
	run $X plan $(args) --json --svg "$T_TMP/map.svg"
	nr=$(py 'print(len(j["rdms"]))')
	# -- SVG --
	if xmllint --noout "$T_TMP/map.svg" 2>"$T_TMP/xerr"; then t_ok; else
		t_fail "$name: svg well formed" "$(head -c 300 "$T_TMP/xerr")"; fi
	shapes=$(grep -c 'class="rdm rdm-' "$T_TMP/map.svg")
	labels=$(grep -c 'class="rdm-label"' "$T_TMP/map.svg")
	if [ "$shapes" = "$nr" ] && [ "$labels" = "$nr" ]; then t_ok; else
		t_fail "$name: one labelled shape per region" \
			"expected $nr shapes and labels, got $shapes shapes, $labels labels"; fi
	# each label names its region's start
	for s in $(py 'print(" ".join("0x%016x" % r["start"] for r in j["rdms"]))'); do
		if grep 'class="rdm-label"' "$T_TMP/map.svg" | grep -qF ">[mem $s-"; then t_ok; else
			t_fail "$name: label for region $s" "no rdm-label starting with [mem $s-"; fi
	done
	rm -f "$T_TMP/map.png"
	rsvg-convert "$T_TMP/map.svg" -o "$T_TMP/map.png" 2>"$T_TMP/rerr"
	if [ -s "$T_TMP/map.png" ] && head -c 4 "$T_TMP/map.png" | grep -q PNG; then t_ok; else
		t_fail "$name: svg renders to PNG" "$(head -c 300 "$T_TMP/rerr")"; fi
	# -- remedies --
	py 'print("\n".join(r["option"] + "\t" + r["value"] for r in j["remedies"]))' \
		>"$T_TMP/remedies"
	got=$(cut -f1 "$T_TMP/remedies" | tr '\n' ' ' | sed 's/ $//')
	if [ "$got" = "$want" ]; then t_ok; else
		t_fail "$name: remedies" "expected: $want" "got:      $got"; fi
	saved="$MEM|$MMIO|$BOUNDARY|$RDM|$PCI"
	while IFS='	' read -r opt val; do
		[ -n "$opt" ] || continue
		apply_remedy "$opt" "$val"
		# shellcheck disable=SC2046
		run $X plan $(args) --json
		# policy remedies may drop regions; the others may not
		case $opt$val in
		rdm_policy*|rdm*relaxed*) bad=conflict ;;
		*) bad="conflict dropped" ;;
		esac
		left=$(py "print(sum(r['state'] in '$bad'.split() for r in j['rdms']))" 2>&1)
		if [ "$T_RC" -eq 0 ] && [ "$left" = 0 ]; then t_ok; else
			t_fail "$name: remedy $opt=$val applied" \
				"expected exit 0 and no $bad region" \
				"got exit $T_RC, $left such regions; $(head -c 200 "$T_TMP/err")"; fi
		IFS='|' read -r MEM MMIO BOUNDARY RDM PCI <<EOF
$saved
EOF
	done <"$T_TMP/remedies"
	# -- text map: every region, <= 80 columns --
	# shellcheck disable=SC2046
	run $X plan $(args)
	sed -n '/^Guest address map/,/^guest e820/p' "$T_TMP/out" >"$T_TMP/map.txt"
	long=$(awk 'length($0) > 80' "$T_TMP/map.txt" | head -n 2)
	if [ -s "$T_TMP/map.txt" ] && [ -z "$long" ]; then t_ok; else
		t_fail "$name: text map within 80 columns" "too long or missing: $long"; fi
	maprdms=$(grep -c ' RDM ' "$T_TMP/map.txt")
	if [ "$maprdms" = "$nr" ]; then t_ok; else
		t_fail "$name: text map lists every region" "expected $nr, got $maprdms"; fi
}

# A laptop (real RMRRs of a Core i5 with an integrated GPU 00:02.0 and
# USB controllers 00:14.0 and 00:1a.0 sharing one RMRR), 4 GiB guest: both
# RMRRs lie below the 2048 MiB boundary, in low RAM: strict conflicts.
set_cfg 4096 "" "" "" "0000:00:02.0 0000:00:14.0 0000:00:1a.0" \
	"0x7b800000-0x7fffffff@00:02.0 0x7a6e9000-0x7a708fff@00:14.0 0x7a6e9000-0x7a708fff@00:1a.0"
# Ranked by what the guest loses: nothing (RAM moves above 4 GiB), RAM,
# guest RAM at risk, a device.
check_case "laptop GPU+USB" "rdm_mem_boundary mmio_hole memory rdm_policy pci"
run $X plan $(args)
expect_exit "laptop exits 1" 1
expect_out "remedies heading" "Remedies, cheapest first (each checked by planning again"
expect_flat "free remedy first" "1. rdm_mem_boundary = 1958 costs nothing: low RAM ends at 0x000000007a600000"
expect_flat "memory costs RAM" "3. memory = 1958 costs RAM: the guest gets 1958 MiB of RAM instead of 4 GiB (2.09 GiB less)"
expect_flat "relaxed warns of DMA" "risks guest RAM: 2 regions are then left out of the guest's memory map; the guest may place RAM where the devices do DMA"
expect_flat "pci costs the devices" "5. remove 0000:00:02.0 0000:00:14.0 0000:00:1a.0 from pci = [...] costs the devices"
expect_last "laptop verdict" "FAIL: 00:02.0, 00:14.0, 00:1a.0 cannot be passed through: 2 strict RDM regions conflict with guest memory; cheapest remedy: rdm_mem_boundary = 1958 (costs nothing)"
run $X plan -q $(args)
expect_exit "laptop -q exits 1" 1
expect_only "laptop -q: the verdict alone" "FAIL: 00:02.0, 00:14.0, 00:1a.0 cannot be passed through: 2 strict RDM regions conflict with guest memory; cheapest remedy: rdm_mem_boundary = 1958 (costs nothing)"
# shellcheck disable=SC2046
run $X plan $(args) --rdm-mem-boundary 1958
expect_exit "the cheapest remedy holds" 0
expect_last "OK verdict" "OK: 00:02.0, 00:14.0, 00:1a.0 can be passed through; 2 ranges reserved; low RAM ends at 1.91 GiB (1.84 GiB moved above 4 GiB)"
if [ -s "$T_TMP/err" ]; then t_fail "a plan that holds: stderr empty" "got: $(head -c 300 "$T_TMP/err")"; else t_ok; fi
run $X plan $(args)
# the memory remedy: low RAM must end at the USB RMRR, 0x7a6e9000 ->
# 1958 MiB (0x7a600000) is the largest whole MiB below it
expect_out "memory remedy value" "memory = 1958"

# The same host, relaxed USB: the shared region is dropped, not failed.
set_cfg 4096 "" "" "" "0000:00:02.0,rdm_policy=relaxed" "0x7b800000-0x7fffffff@00:02.0"
# A plan that holds: no remedies, a note about the dropped region.
check_case "relaxed drop" ""
run $X plan $(args)
expect_out "relaxed drop: no remedies" "note: [mem 0x000000007b800000-0x000000007fffffff] (0000:00:02.0) is dropped:"
expect_out "relaxed drop: the risk" "not reserved, the guest may place RAM there, where the device does"
expect_no_out "relaxed drop: no remedies heading" "Remedies"
expect_last "relaxed drop: verdict" "OK: 00:02.0 can be passed through; 0 ranges reserved, 1 relaxed dropped; low RAM ends at 3.75 GiB"

# A 6 GiB guest and a region at 4 GiB + 1 GiB: high RAM reaches it.
set_cfg 6144 "" "" "" "0000:01:00.0" "0x140000000+0x200000@01:00.0"
check_case "high memory" "memory rdm_policy pci"

# A region in hvmloader's area: only device-side remedies; the note.
set_cfg 2048 "" "" "" "0000:00:1a.0" "0xfc100000+0x1000@00:1a.0"
check_case "hvmloader area" "rdm_policy pci"
run $X plan $(args)
expect_flat "hvmloader note" "cannot be moved out of the way by memory"
# hvmloader's area is never RAM: relaxing costs nothing, no RAM warning.
expect_flat "hvmloader: relaxed costs nothing" "1. rdm_policy=relaxed in pci = [...] for 0000:00:1a.0 costs nothing: 1 region is then left out of the guest's memory map; it lies in hvmloader's area, which is never RAM"
expect_no_out "hvmloader: no corruption warning" "corrupted"
set_cfg 2048 "" "" "" "0000:00:1a.0,rdm_policy=relaxed" "0xfc100000+0x1000@00:1a.0"
run $X plan $(args)
expect_exit "hvmloader relaxed holds" 0
if [ -s "$T_TMP/err" ]; then t_fail "hvmloader relaxed: stderr empty" "got: $(head -c 300 "$T_TMP/err")"; else t_ok; fi
expect_out "hvmloader relaxed: note" "it lies in hvmloader's area, which is never RAM; nothing to do"

# Host-wide strict (rdm=strategy=host,policy=strict), no device.
set_cfg 4096 "" "" "strategy=host,policy=strict" "" "0x7ffff000+0x1000"
check_case "host-wide strict" "rdm_mem_boundary mmio_hole rdm memory rdm"

# A plan that holds: no remedies, an empty array.
set_cfg 4096 "" "" "" "0000:00:02.0" "0xf8000000+0x1000@00:02.0 0xc0100000+0x1000@00:02.0"
check_case "clean plan" ""

# Many regions: one shape each, even 4 KiB ones next to GiBs of RAM (20:
# with high RAM, the most SeaBIOS keeps, so `memory` may be offered).
many=
i=0
while [ $i -lt 20 ]; do
	many="$many $(printf '0x%x+0x1000@01:00.0' $((0x200000000 + i * 0x1000000)))"
	i=$((i + 1))
done
set_cfg 16384 "" "" "" "0000:01:00.0,rdm_policy=relaxed" "$many"
check_case "20 regions in high RAM" ""

# --svg to a path that cannot be written: exit 2, the path named.
run $X plan --memory 2048 --svg /nonexistent-dir/map.svg
expect_exit "svg unwritable exit" 2
expect_err "svg unwritable message" "--svg /nonexistent-dir/map.svg: cannot write"
if [ -s "$T_TMP/out" ]; then t_fail "svg unwritable: nothing printed" "got: $(head -c 200 "$T_TMP/out")"; else t_ok; fi

finish
