#!/bin/sh
# tests/bench/bench_fw.sh BENCH_FW OUTDIR - instructions per e820 build
# with 0, 8 and XENRDM_FW_MAX_RDM (124) RDM entries, counted by callgrind
# (deterministic, unlike time) inside xenrdm_e820_build only.
set -e
bin=$1
out=$2
repeat=10
mkdir -p "$out"
command -v valgrind >/dev/null || { echo "bench-fw: valgrind missing (scripts/deps.sh)"; exit 1; }
echo "bench-fw: instructions per xenrdm_e820_build (callgrind, host -O2, mean of $repeat)"
for n in 0 8 124; do
	f="$out/callgrind.fw.$n"
	valgrind --tool=callgrind --callgrind-out-file="$f" \
		--toggle-collect=xenrdm_e820_build "$bin" "$n" "$repeat" 2>"$f.log" ||
		{ echo "bench-fw: run with N=$n failed:"; tail -5 "$f.log"; exit 1; }
	ir=$(sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$f")
	[ -n "$ir" ] || ir=$(sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$f")
	printf '  %3s RDM entries: %8s instructions\n' "$n" "$((ir / repeat))"
done
