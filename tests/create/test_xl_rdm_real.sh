#!/bin/sh
# tests/create/test_xl_rdm_real.sh - what Debian's real xl 4.17 does with
# each spelling of rdm=, against what xen-rdm says it does.
#
# The real xl binary (/usr/lib/xen-4.17/bin/xl, xen-utils-4.17) runs
# `xl create -n` (dry run: parse, print the libxl domain config as JSON,
# create nothing) on this machine without Xen: tests/create/xl_preload.c
# answers the few libxenctrl calls xl's start-up makes, Xen's real
# xenstored (tests/xs/xsd.sh) the xenstore connection.  Per row: the JSON
# shows whether xl kept rdm= (libxl's JSON leaves out fields at their
# default), which strategy, and whether a pci= entry without rdm_policy=
# inherited a policy; and `xen-rdm plan -c` must warn in the same class
# (ignored / kept with an uninitialised policy / nothing), or refuse the
# text when it is not valid as written.
# Environment (check-create): XEN_RDM, TESTS_DIR, XSD_PRELOAD, XL_PRELOAD.
. "$TESTS_DIR/xs/xs_lib.sh"
XL=${XL_REAL:-/usr/lib/xen-4.17/bin/xl}
[ -x "$XL" ] || { echo "FAIL: $XL missing (xen-utils-4.17)"; exit 1; }
xs_start

# rdm=                          | xl: kept? strategy | xen-rdm
ROWS='strategy=host,policy=strict|dropped|-|ignores
strategy=host,policy=relaxed|dropped|-|ignores
policy=strict|dropped|-|ignores
policy=relaxed|dropped|-|ignores
policy=strict,strategy=host|dropped|-|ignores
strategy=ignore|dropped|-|ignores
strategy=ignore,policy=relaxed|dropped|-|ignores
strategy=host|kept|host|uninitialised
strategy=host,strategy=host|kept|host|uninitialised
strategy=host,policy=bogus|kept|host|invalid
policy=bogus|kept|?|invalid
strategy=host,|dropped|-|invalid
STRATEGY=host|dropped|-|invalid'

echo "$ROWS" | while IFS='|' read -r rdm fate strategy ours; do
	cat >"$T_TMP/g.cfg" <<EOF
name = "g"
type = "hvm"
memory = 1024
vga = "none"
rdm = "$rdm"
pci = [ '00:02.0', '00:14.0,rdm_policy=relaxed' ]
EOF
	run env LD_PRELOAD="${XL_PRELOAD:?}" "$XL" create -n "$T_TMP/g.cfg"
	expect_exit "real xl -n, rdm=\"$rdm\"" 0
	got=$(python3 - "$T_TMP/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
rdm = d["b_info"].get("type.hvm", {}).get("rdm", {})
pci = d.get("pcidevs", [])
kept = "kept" if rdm else "dropped"
strategy = rdm.get("strategy", "-") if rdm else "-"
if strategy is None:
    strategy = "?"              # a value outside the enum
# pci[0] has no rdm_policy=: it inherits the global one, whatever it is
inherit = ("rdm_policy" in pci[0]) == ("policy" in rdm) and \
          pci[0].get("rdm_policy", "x") == rdm.get("policy", "x")
explicit = pci[1].get("rdm_policy") == "relaxed"
print(kept, strategy, "inherits" if inherit else "own",
      "explicit-ok" if explicit else "explicit-LOST",
      "policy=%s" % json.dumps(rdm.get("policy", "default")))
PY
)
	echo "rdm=\"$rdm\": real xl: $got"
	set -- $got
	expect_same "real xl keeps/drops rdm=\"$rdm\"" "$fate $strategy inherits explicit-ok" "$1 $2 $3 $4"

	run "$XEN_RDM" plan -c "$T_TMP/g.cfg" --region 0xab800000-0xaf9fffff@00:02.0
	case $ours in
	ignores)
		expect_exit "xen-rdm plan -c, rdm=\"$rdm\"" 0
		expect_err "xen-rdm: xl ignores rdm=\"$rdm\"" "rdm = \"$rdm\": xl 4.17 ignores it" ;;
	uninitialised)
		expect_exit "xen-rdm plan -c, rdm=\"$rdm\"" 0
		expect_err "xen-rdm: xl mangles rdm=\"$rdm\"" "rdm = \"$rdm\": xl 4.17 keeps strategy=host but copies the policy from uninitialised memory" ;;
	invalid)
		expect_exit "xen-rdm refuses rdm=\"$rdm\"" 2 ;;
	esac
	echo "$T_PASS $T_FAIL" >"$T_TMP/counts"
done
# The loop ran in a subshell (the pipe): take its counts.
read -r T_PASS T_FAIL <"$T_TMP/counts"

# create's hand-off, to the real xl: the config as a sealed memfd
# (/dev/fd/N) and a KEY=VALUE after it.  An `xl` first on PATH runs the
# real one's dry run for `create -p` (and fails the rest: nothing exists).
mkdir -p "$T_TMP/bin"
{
	echo '#!/bin/sh'
	echo '[ "$1" = create ] || exit 1'
	echo 'shift'
	echo 'args='
	echo 'for a in "$@"; do [ "$a" = -p ] || args="$args $a"; done'
	echo "LD_PRELOAD='$XL_PRELOAD' exec '$XL' create -n \$args >'$T_TMP/xl.json'"
} >"$T_TMP/bin/xl"
chmod +x "$T_TMP/bin/xl"
printf 'name = "win"\ntype = "hvm"\nmemory = 4096\nvga = "none"\n' >"$T_TMP/win.cfg"
run env PATH="$T_TMP/bin:$PATH" "$XEN_RDM" create --region 0xab800000-0xaf9fffff \
	"$T_TMP/win.cfg" memory=2048
expect_err "real xl read create's memfd" "Parsing config from /dev/fd/"
run python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(d["c_info"]["name"], d["b_info"]["max_memkb"])' "$T_TMP/xl.json"
expect_same "real xl parsed the config and the KEY=VALUE" "win 2097152" \
	"$(cat "$T_TMP/out")"
finish
