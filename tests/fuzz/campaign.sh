#!/bin/sh
# tests/fuzz/campaign.sh - the long fuzz campaign: run each given target
# (a built libFuzzer binary) for SECONDS, nice'd, on a copy of its seeds
# in OUTDIR/<target>/, and print libFuzzer's final stats per target as a
# Markdown table row for tests/fuzz/CAMPAIGN.md.
# Usage: tests/fuzz/campaign.sh SECONDS OUTDIR BINARY...
set -u
secs=$1; out=$2; shift 2
mkdir -p "$out"
for bin in "$@"; do
	t=$(basename "$bin")
	rm -rf "$out/$t" && mkdir -p "$out/$t"
	cp tests/fuzz/corpus/"$t"/* "$out/$t/" 2>/dev/null
	start=$(date +%s)
	nice -n 10 "$bin" -max_total_time="$secs" -print_final_stats=1 \
		-artifact_prefix="$out/$t-" "$out/$t" >"$out/$t.log" 2>&1
	rc=$?
	end=$(date +%s)
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$t.log")
	cov=$(grep -E '^#[0-9]+.*(DONE|cov:)' "$out/$t.log" | tail -1 |
	      sed -n 's/.*cov: \([0-9]*\) ft: \([0-9]*\) corp: \([0-9]*\).*/cov \1, ft \2, corpus \3/p')
	crashes=$(ls "$out/$t"-crash-* "$out/$t"-leak-* "$out/$t"-timeout-* 2>/dev/null | wc -l)
	echo "| $t | $((end - start)) s | $runs | $cov | exit $rc, $crashes artifacts |"
done
