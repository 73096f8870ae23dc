#!/bin/sh
# tests/doc/check_doc.sh - the man pages are clean and cannot drift:
#   - `mandoc -T lint -W all` and `man --warnings` say nothing about them;
#   - every option that `xen-rdm CMD --help` lists appears in xen-rdm(1);
#   - every subcommand and exit status 0..3 appears in xen-rdm(1);
#   - every key and limit of include/xenrdm/xs_abi.h appears in
#     xenrdm-xenstore(7).
# Usage: XEN_RDM=... check_doc.sh MAN1 MAN7 XS_ABI_H
set -u
: "${XEN_RDM:?XEN_RDM must point at the xen-rdm binary}"
man1=$1 man7=$2 abi=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

for m in "$man1" "$man7"; do
	if mandoc -T lint -W all "$m" >"$tmp/lint" 2>&1 && [ ! -s "$tmp/lint" ]; then ok
	else bad "mandoc -T lint $m:"; head -n 5 "$tmp/lint" | sed 's/^/      /'; fi
	if MANWIDTH=80 man --warnings -l "$m" >/dev/null 2>"$tmp/warn" && [ ! -s "$tmp/warn" ]
	then ok; else bad "man --warnings -l $m:"; head -n 5 "$tmp/warn" | sed 's/^/      /'; fi
done

# The rendered text, hyphens plain, for matching.
mandoc -T ascii "$man1" | col -b >"$tmp/man1.txt"
mandoc -T ascii "$man7" | col -b >"$tmp/man7.txt"

for cmd in plan apply show clear e820 create; do
	grep -q "^       $cmd" "$tmp/man1.txt" && ok || bad "xen-rdm(1) lacks the command '$cmd'"
	"$XEN_RDM" "$cmd" --help >"$tmp/help" 2>&1 || bad "xen-rdm $cmd --help exits non-zero"
	# long options, and short ones written as " -c FILE"
	opts=$( (grep -o -- '--[a-z][a-z0-9-]*' "$tmp/help"; grep -o -- ' -[a-zA-Z] ' "$tmp/help" | tr -d ' ') | sort -u)
	for o in $opts; do
		if grep -q -- "$o\\b" "$tmp/man1.txt"; then ok
		else bad "xen-rdm $cmd --help lists $o; xen-rdm(1) does not"; fi
	done
done
for o in --help --version; do
	grep -q -- "$o" "$tmp/man1.txt" && ok || bad "xen-rdm(1) lacks $o"
done
sed -n '/^EXIT STATUS/,/^ENVIRONMENT/p' "$tmp/man1.txt" >"$tmp/exit"
for s in 0 1 2 3; do
	grep -q "^       $s" "$tmp/exit" && ok || bad "xen-rdm(1) EXIT STATUS lacks $s"
done
for v in XENSTORED_PATH XENSTORED_RUNDIR; do
	grep -q "$v" "$tmp/man1.txt" && ok || bad "xen-rdm(1) lacks $v"
done

# The ABI: key names (their last path part) and the count limit.
for key in count lowmem-end highmem-end start size; do
	grep -q "hvmloader/rdm/[a-z/]*$key" "$tmp/man7.txt" && ok ||
		bad "xenrdm-xenstore(7) lacks the key .../$key"
done
grep -o '"hvmloader/rdm"' "$abi" >/dev/null && ok || bad "$abi: XENRDM_XS_DIR is not hvmloader/rdm any more"
max=$(sed -n 's/^#define XENRDM_XS_MAX_COUNT[ \t]*\([0-9]*\).*/\1/p' "$abi")
grep -q "0 to $max" "$tmp/man7.txt" && ok || bad "xenrdm-xenstore(7) does not say the count is 0 to $max"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
