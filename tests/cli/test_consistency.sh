#!/bin/sh
# tests/cli/test_consistency.sh - one CLI pattern: the same mistake gets
# the same message and exit status in every subcommand; `xen-rdm help
# CMD` is CMD --help; an output file is checked before anything is
# printed; nothing on stderr when all is well; units.
. "$TESTS_DIR/cli/lib.sh"
X=$XEN_RDM
D=$TESTS_DIR/cli/data/fw_dump_7.txt

# expect_quiet_out NAME: nothing on stdout (an error prints no output).
expect_quiet_out() {
	if [ -s "$T_TMP/out" ]; then
		t_fail "$1: nothing on stdout" "got: $(head -c 200 "$T_TMP/out")"
	else t_ok; fi
}
# expect_one_err NAME LINE: stderr is exactly that one line.
expect_one_err() {
	got=$(cat "$T_TMP/err")
	if [ "$got" = "$2" ]; then t_ok; else
		t_fail "$1" "expected stderr: $2" "got:             $got"; fi
}

for cmd in plan apply show clear e820 create; do
	run $X $cmd --foo
	expect_exit "$cmd --foo" 2
	expect_one_err "$cmd --foo" "xen-rdm: $cmd: unknown option '--foo' (xen-rdm $cmd --help)"
	expect_quiet_out "$cmd --foo"
	run $X $cmd -Z
	expect_exit "$cmd -Z" 2
	expect_one_err "$cmd -Z" "xen-rdm: $cmd: unknown option '-Z' (xen-rdm $cmd --help)"
	# help CMD is CMD --help, on stdout, exit 0
	run $X $cmd --help
	cp "$T_TMP/out" "$T_TMP/help1"
	expect_exit "$cmd --help" 0
	run $X help $cmd
	expect_exit "help $cmd" 0
	if cmp -s "$T_TMP/out" "$T_TMP/help1" && [ -s "$T_TMP/out" ]; then t_ok; else
		t_fail "help $cmd: the same as $cmd --help" "got: $(head -c 200 "$T_TMP/out")"; fi
	# a missing value
	case $cmd in
	plan|e820) opt=--bios ;;
	create) opt=--timeout ;;
	*) opt=--domid ;;
	esac
	run $X $cmd $opt
	expect_exit "$cmd $opt (no value)" 2
	expect_one_err "$cmd $opt (no value)" "xen-rdm: $cmd: option '$opt' needs a value"
done
run $X help nosuch
expect_exit "help nosuch" 2
expect_one_err "help nosuch" "xen-rdm: help: unknown command 'nosuch' (try: xen-rdm --help)"

# An operand where none is taken.
for cmd in plan apply show clear e820; do
	run $X $cmd stray
	expect_exit "$cmd stray" 2
	expect_one_err "$cmd stray" "xen-rdm: $cmd: unexpected argument 'stray' (xen-rdm $cmd --help)"
done

# --json with --linux: refused the same way wherever both exist.
run $X plan --memory 1024 --json --linux
expect_exit "plan --json --linux" 2
expect_one_err "plan --json --linux" "xen-rdm: plan: --json and --linux exclude each other"
run $X show --domid 1 --json --linux
expect_exit "show --json --linux" 2
expect_one_err "show --json --linux" "xen-rdm: show: --json and --linux exclude each other"
run $X e820 --keys "$D" --json --linux
expect_exit "e820 --json --linux" 2
expect_one_err "e820 --json --linux" "xen-rdm: e820: --json and --linux exclude each other"
run $X plan --memory 1024 --json -q
expect_exit "plan --json -q" 2
expect_one_err "plan --json -q" "xen-rdm: plan: --json and -q exclude each other"

# Outputs are checked before anything is printed.
run $X plan --memory 1024 --svg /nonexistent-dir/x.svg
expect_exit "plan --svg unwritable" 2
expect_one_err "plan --svg unwritable" "xen-rdm: --svg /nonexistent-dir/x.svg: cannot write: No such file or directory"
expect_quiet_out "plan --svg unwritable"
run $X plan --memory 1024 --json --svg /nonexistent-dir/x.svg
expect_exit "plan --json --svg unwritable" 2
expect_quiet_out "plan --json --svg unwritable"
run $X show --domid 1 --svg /nonexistent-dir/x.svg
expect_exit "show --svg unwritable" 2
expect_quiet_out "show --svg unwritable"

# Nothing on stderr when all is well.
run $X e820 --keys "$D"
expect_exit "e820 --keys" 0
if [ -s "$T_TMP/err" ]; then t_fail "e820 --keys: stderr empty" "got: $(cat "$T_TMP/err")"; else t_ok; fi
run $X plan --memory 4096 --pci 00:02.0 --region 0xab800000-0xaf9fffff@00:02.0
expect_exit "plan that holds" 0
if [ -s "$T_TMP/err" ]; then t_fail "plan that holds: stderr empty" "got: $(cat "$T_TMP/err")"; else t_ok; fi

# The verdict is the last line; -q prints only it.
expect_last "verdict" "OK: 00:02.0 can be passed through; 1 range reserved; low RAM ends at 2.68 GiB (1.07 GiB moved above 4 GiB)"
run $X plan -q --memory 4096 --pci 00:02.0 --region 0xab800000-0xaf9fffff@00:02.0
expect_only "-q" "OK: 00:02.0 can be passed through; 1 range reserved; low RAM ends at 2.68 GiB (1.07 GiB moved above 4 GiB)"
run $X plan -q --memory 4096 --pci 00:02.0 --region 0x7b800000-0x7fffffff@00:02.0
expect_only "-q, one region fails" "FAIL: 00:02.0 cannot be passed through: its region [mem 0x000000007b800000-0x000000007fffffff] lies in low RAM; cheapest remedy: rdm_mem_boundary = 1975 (costs nothing)"
run $X plan --memory 2048 --json
v=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["verdict"])' <"$T_TMP/out")
[ "$v" = "OK: no device to pass through; 0 ranges reserved; low RAM ends at 2 GiB" ] && t_ok ||
	t_fail "JSON verdict" "got: $v"

# One address format: no hvmloader-style or unpadded ranges in plan's
# text, sizes in binary units (never a KiB count of GiBs).
run $X plan --memory 4096 --pci 00:02.0 --pci 00:1f.3,rdm_policy=relaxed \
	--region 0xab800000-0xaf9fffff@00:02.0 --region 0xfed90000-0xfed90fff@00:1f.3
if grep -E '[0-9a-f]{8}:[0-9a-f]{8}|0x[0-9a-f]{1,15}-0x|\[0x|[0-9]{5,} KiB' "$T_TMP/out" >"$T_TMP/bad"; then
	t_fail "one address format" "$(head -n 3 "$T_TMP/bad")"; else t_ok; fi
expect_out "relocated in GiB" "relocated    1.07 GiB of low RAM above 4 GiB"
run $X e820 --keys "$D"
if grep -E '[0-9a-f]{8}:[0-9a-f]{8}|0x[0-9a-f]{1,15}-0x|\[0x|[0-9]{5,} KiB|[0-9]{4}\.[0-9]{2} ' "$T_TMP/out" >"$T_TMP/bad"; then
	t_fail "e820: the one address format" "$(head -n 3 "$T_TMP/bad")"; else t_ok; fi
if grep -qw invalid "$T_TMP/out"; then t_fail "fate: 'dropped', never 'invalid'" "$(grep -w invalid "$T_TMP/out")"; else t_ok; fi
run $X plan --json --memory 4096 --pci 00:1f.3,rdm_policy=relaxed --region 0xfed90000-0xfed90fff@00:1f.3
st=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["rdms"][0]["state"])' <"$T_TMP/out")
[ "$st" = dropped ] && t_ok || t_fail "JSON fate" "expected dropped, got $st"

# Units: bytes for MiB refused; the video RAM subtraction shown.
run $X plan --memory 268435456
expect_exit "bytes as MiB" 2
expect_one_err "bytes as MiB" "xen-rdm: --memory '268435456': did you mean MiB? 268435456 MiB is 256 TiB, beyond any guest (at most 16 TiB here)"
expect_quiet_out "bytes as MiB"
printf 'memory = 8192\n' >"$T_TMP/g.cfg"
run $X plan -c "$T_TMP/g.cfg"
expect_out "video RAM shown" "memory            8184 MiB (memory = 8192 less 8 MiB of video RAM)"
run $X plan -c "$T_TMP/g.cfg" --memory 8192
grep -qx '  memory            8192 MiB' "$T_TMP/out" && t_ok ||
	t_fail "--memory: no video RAM said" "got: $(grep '^  memory' "$T_TMP/out")"
finish
