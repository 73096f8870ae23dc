#!/bin/sh
# tests/doc/test_readme.sh - the README is for users: short, its links
# resolve, the five-minute path is there; the engineering material it
# points to exists; and no text in the tree refers to how it was made
# (issue numbers, people) instead of what it is.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

r=$top/README.md
n=$(wc -l <"$r")
[ "$n" -le 320 ] && ok || bad "README.md has $n lines, more than about 300"
# every relative link resolves
for l in $(grep -o '](\([^)#:]*\)' "$r" | sed 's/^](//' | sort -u); do
	[ -e "$top/$l" ] && ok || bad "README.md links to $l, which does not exist"
done
# the five-minute path and the two commands
for s in "make demo" "make check" "make hvmloader" "firmware = " "xen-rdm create" \
	 "xen-rdm plan -c" "both\n  ends inclusive" "OK: " "FAIL:"; do
	if printf '%s' "$s" | grep -q '\\n'; then
		tr '\n' ' ' <"$r" | tr -s ' ' | grep -qF "$(printf '%s' "$s" | sed 's/\\n */ /')" && ok ||
			bad "README.md lacks: $s"
	else
		grep -qF -- "$s" "$r" && ok || bad "README.md lacks: $s"
	fi
done
# the engineering material lives next to the code
for f in shim/README.md firmware/README.md firmware/hvmloader/README.md \
	 tests/README.md tests/xs/README.md tests/qemu/README.md; do
	[ -s "$top/$f" ] && ok || bad "$f is missing"
done
# no internal process references anywhere in the tree's text
pat='issue ?#?[0-9]+|\bh1[0-9][ab]?\b|\b1[0-5][ab]\b|engineers?\b|seed RFC|engineer "|TEAM\.md'
hits=$(cd "$top" && grep -rnIiE "$pat" --exclude=test_readme.sh README.md \
	Makefile shim firmware include tests scripts linker 2>/dev/null | head -5)
[ -z "$hits" ] && ok || bad "internal references: $hits"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
