#!/bin/sh
# tests/cli/test_plan.sh - `xen-rdm plan` end to end: exit codes, the
# messages for bad input (each names the option and the text), --json
# that parses, -c with real xl config files, --regions files.
. "$TESTS_DIR/cli/lib.sh"
X=$XEN_RDM
XL=$TESTS_DIR/xlcfg

# json_ok NAME: stdout parses as JSON
json_ok() {
	if python3 -m json.tool <"$T_TMP/out" >/dev/null 2>"$T_TMP/jerr"; then t_ok
	else t_fail "$1" "stdout is not JSON: $(head -c 200 "$T_TMP/jerr")" \
		"got: $(head -c 300 "$T_TMP/out")"; fi
}
# json_field NAME PYEXPR WANT: python expression over j equals WANT
json_field() {
	got=$(python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print($2)" "$T_TMP/out" 2>&1)
	if [ "$got" = "$3" ]; then t_ok; else
		t_fail "$1" "expected $2 = $3" "got: $got"; fi
}

# --- a plan that holds: relocation below a 0xc0100000 region, HAP ---
run $X plan --memory 4096 --region 0xc0100000+0x1000@01:00.0 --pci 01:00.0
expect_exit "relocation holds" 0
# low RAM moves down to the 2 MiB boundary below the region
expect_out "relocation lowmem_end" "lowmem_end   0x00000000c0000000"
# 4 GiB + 256 MiB + (0xf0000000 - 0xc0000000) = 0x140000000
expect_out "relocation highmem_end" "highmem_end  0x0000000140000000"
expect_out "region listed inclusive" "[mem 0x00000000c0100000-0x00000000c0100fff] strict  valid    0000:01:00.0"
expect_out "e820 reserved" "[mem 0x00000000c0100000-0x00000000c0100fff]      4 KiB  reserved"

run $X plan --memory 4096 --no-hap --region 0xc0100000+0x1000@01:00.0 --pci 01:00.0
expect_out "no-hap: exact start" "lowmem_end   0x00000000c0100000"

run $X plan --memory 4096 --linux --region 0xc0100000-0xc0100fff@01:00.0 --pci 01:00.0
expect_out "--linux e820" "BIOS-e820: [mem 0x00000000c0100000-0x00000000c0100fff] reserved"

# --- JSON, exit 0 ---
run $X plan --memory 4096 --json --region 0xc0100000+0x1000@01:00.0 --pci 01:00.0
expect_exit "json exit 0" 0
json_ok "json parses (0)"
json_field "json lowmem_end" "j['lowmem_end']" 3221225472
json_field "json rdms" "[(r['start'],r['size'],r['policy'],r['state'],r['devices'],r['reason']) for r in j['rdms']]" \
	"[(3222274048, 4096, 'strict', 'valid', ['0000:01:00.0'], '')]"
json_field "json no error on success" "'error' in j" False
json_field "json e820 reserved entry" "[e for e in j['e820'] if e['start']==0xc0100000]" \
	"[{'start': 3222274048, 'size': 4096, 'type': 'reserved'}]"

# --- strict conflict: exit 1, message names range, device and why ---
run $X plan --memory 4096 --region 0x80000000+0x1000@01:00.0 --pci 01:00.0
expect_exit "strict below boundary" 1
expect_err "conflict message" "strict RDM region [mem 0x0000000080000000-0x0000000080000fff] (0000:01:00.0) conflicts: overlaps low RAM"
run $X plan --memory 1024 --region 0xfc000000+0x1000@01:00.0 --pci 01:00.0
expect_exit "strict in hvmloader area" 1
expect_err "hvmloader message" "hvmloader's reserved area"
run $X plan --memory 8192 --region 0x100000000+0x1000@01:00.0 --pci 01:00.0
expect_exit "strict in high RAM" 1
expect_err "highmem message" "overlaps RAM above 4 GiB"
run $X plan --memory 4096 --json --region 0x80000000+0x1000@01:00.0 --pci 01:00.0
expect_exit "json exit 1" 1
json_ok "json parses (1)"
json_field "json error on conflict" "j['error']" "strict RDM conflict"
json_field "json conflict state" "j['rdms'][0]['state'] + '/' + j['rdms'][0]['reason']" "conflict/lowmem"

# relaxed: a warning, exit 0, not reserved
run $X plan --memory 4096 --region 0x80000000+0x1000@01:00.0 --pci 01:00.0,rdm_policy=relaxed
expect_exit "relaxed conflict" 0
expect_err "relaxed warning" "warning: relaxed RDM region [mem 0x0000000080000000-0x0000000080000fff]"

# host-wide regions only with strategy=host
run $X plan --memory 1024 --region 0xfc000000+0x1000
expect_exit "host-wide ignored by default" 0
run $X plan --memory 1024 --rdm strategy=host,policy=strict --region 0xfc000000+0x1000
expect_exit "host-wide strict conflicts" 1
expect_err "host-wide named" "(host-wide) conflicts"

# --- bad input: exit 2, message names option and text ---
bad() {   # bad NAME WANT-IN-STDERR ARGS...
	n=$1; w=$2; shift 2
	run $X plan "$@"
	expect_exit "$n: exit 2" 2
	expect_err "$n: message" "$w"
}
bad "memory text"        "--memory 'lots': not a size in MiB"   --memory lots
bad "memory negative"    "--memory '-5': not a size in MiB (decimal digits only, no sign)" --memory -5
bad "memory overflow"    "--memory '17592186044416': too large" --memory 17592186044416
bad "memory 1 MiB"       "--memory '1': below 2 MiB"            --memory 1
bad "memory missing"     "no guest memory size"                 --region 0x1000+0x1000
bad "mmio 255"           "--mmio-hole '255': outside 256..3840 MiB" --memory 1024 --mmio-hole 255
bad "mmio 3841"          "--mmio-hole '3841': outside 256..3840 MiB" --memory 1024 --mmio-hole 3841
bad "boundary text"      "--rdm-mem-boundary '2G': not a size"  --memory 1024 --rdm-mem-boundary 2G
bad "rdm unknown key"    "unknown key 'polcy'"                  --memory 1024 --rdm strategy=host,polcy=strict
bad "rdm bad policy"     "unknown policy 'loose'"               --memory 1024 --rdm policy=loose
bad "pci bad"            "--pci: pci '01:00.0,rdm_policy=x'"    --memory 1024 --pci 01:00.0,rdm_policy=x
bad "pci twice"          "pci device 0000:01:00.0 is assigned twice" --memory 1024 --pci 01:00.0 --pci 0000:01:00.0
bad "region size 0"      "region '0x1000+0': size is 0"         --memory 1024 --region 0x1000+0
bad "region wraps"       "end wraps past 2^64"                  --memory 1024 --region 0xfffffffffffff000+0x2000
bad "region end<start"   "END 0x1fff is before START 0x3000"    --memory 1024 --region 0x3000-0x1fff
bad "region unaligned"   "not page aligned (RDM is page granular" --memory 1024 --region 0x1000-0x1800
bad "region 2^52"        "above 2^52"                           --memory 1024 --region 0xffffffffff000+0x2000
bad "region bad device"  "bad device '1:2:3'"                   --memory 1024 --region 0x1000+0x1000@1:2:3
bad "unknown option"     "unknown option '--bogus'"             --memory 1024 --bogus
bad "missing value"      "option '--memory' needs a value"      --memory
bad "stray argument"     "unexpected argument 'extra'"          --memory 1024 extra
bad "dmar missing file"  "--dmar '/nonexistent/DMAR'"           --memory 1024 --dmar /nonexistent/DMAR
bad "regions missing"    "--regions '/nonexistent/r'"           --memory 1024 --regions /nonexistent/r

# --- --regions FILE and - ---
printf '# two RMRRs\n0xc0100000+0x1000@01:00.0\n\n0xf1000000-0xf1000fff@01:00.0 # gfx\n' >"$T_TMP/regs"
run $X plan --memory 4096 --regions "$T_TMP/regs" --pci 01:00.0
expect_exit "--regions file" 0
expect_out "--regions both regions" "rdm regions: 2 (2 valid"
run sh -c "printf '0x1000+0x1000\n0x2000+0\n' | $X plan --memory 1024 --regions -"
expect_exit "--regions - bad line" 2
expect_err "--regions - names line" "<stdin>:2: region '0x2000+0': size is 0"

# --- -c: real xl config files; the command line overrides ---
if [ -f "$XL/gpu-passthrough.cfg" ]; then
	run $X plan -c "$XL/gpu-passthrough.cfg" --json
	expect_exit "-c gpu" 0
	json_ok "-c gpu json"
	# memory 8192 less videoram 16 = 8176 MiB; mmio_hole 2048
	json_field "-c mem_size" "j['mem_size']" $((8176 * 1048576))
	json_field "-c mmio_start" "j['mmio_start']" $((2048 * 1048576))
	run $X plan -c "$XL/gpu-passthrough.cfg" --memory 1024 --mmio-hole 256 --json
	json_field "-c overridden" "(j['mem_size'], j['mmio_start'])" "($((1024 * 1048576)), 4026531840)"
fi
if [ -f "$XL/bad-rdm-key.cfg" ]; then
	run $X plan -c "$XL/bad-rdm-key.cfg"
	expect_exit "-c bad rdm key" 2
	expect_err "-c bad rdm key names file" "bad-rdm-key.cfg"
fi

run $X plan --help
expect_exit "--help" 0
expect_out "--help lists options" "--rdm-mem-boundary MiB"

finish
