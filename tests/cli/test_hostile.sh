#!/bin/bash
# tests/cli/test_hostile.sh - hostile and careless inputs:
# every input is read once, whole, within a documented cap; endless inputs
# end within 10 s under a 2 GiB address-space limit; a failed read is an
# error, never a short file.  Each check here failed on the code before.
. "$TESTS_DIR/cli/lib.sh"

ACPI=$BUILD/acpi
# AddressSanitizer reserves terabytes of address space: under check-san
# the endless inputs run without the 2 GiB limit (still within 10 s).
NO_VLIMIT=
if ldd "$XEN_RDM" 2>/dev/null | grep -q libasan; then NO_VLIMIT=1; fi

# capped NAME WANT-STDERR CMD...: under `ulimit -v 2097152` and a 10 s
# timeout, CMD exits 2 saying WANT-STDERR.
capped() {
	name=$1 want=$2
	shift 2
	start=$(date +%s%N)
	( [ -n "$NO_VLIMIT" ] || ulimit -v 2097152; exec timeout 10 "$@" ) >"$T_TMP/out" 2>"$T_TMP/err"
	T_RC=$?
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	expect_exit "$name" 2
	expect_err "$name" "$want"
	if [ "$ms" -lt 10000 ]; then t_ok; else t_fail "$name: took ${ms} ms" "expected < 10000 ms"; fi
}

# --- caps, and a failed read taken for the end ---
capped "--regions /dev/zero" "xen-rdm: --regions '/dev/zero': larger than 4 MiB, the cap for this input" \
	"$XEN_RDM" plan --memory 2048 --regions /dev/zero
capped "--regions - from /dev/zero" "xen-rdm: --regions '-': larger than 4 MiB, the cap for this input" \
	sh -c 'exec "$0" plan --memory 2048 --regions - </dev/zero' "$XEN_RDM"
capped "--dmar /dev/zero" "xen-rdm: --dmar '/dev/zero': larger than 1 MiB, the cap for this input" \
	"$XEN_RDM" plan --memory 2048 --dmar /dev/zero
capped "--dmar /dev/urandom" "xen-rdm: --dmar '/dev/urandom': larger than 1 MiB, the cap for this input" \
	"$XEN_RDM" plan --memory 2048 --dmar /dev/urandom
capped "e820 --keys /dev/zero" "xen-rdm: --keys /dev/zero: larger than 4 MiB, the cap for this input" \
	"$XEN_RDM" e820 --keys /dev/zero
truncate -s 4G "$T_TMP/sparse"
capped "--dmar sparse 4 GiB" "xen-rdm: --dmar '$T_TMP/sparse': larger than 1 MiB, the cap for this input" \
	"$XEN_RDM" plan --memory 2048 --dmar "$T_TMP/sparse"
capped "e820 --keys sparse 4 GiB" "larger than 4 MiB, the cap for this input" \
	"$XEN_RDM" e820 --keys "$T_TMP/sparse"
capped "--regions sparse 4 GiB" "larger than 4 MiB, the cap for this input" \
	"$XEN_RDM" plan --memory 2048 --regions "$T_TMP/sparse"
capped "-c sparse 4 GiB" "larger than 4 MiB, the cap for this input" \
	"$XEN_RDM" plan -c "$T_TMP/sparse"
rm -f "$T_TMP/sparse"
capped "--regions /dev/urandom" "larger than 4 MiB, the cap for this input" \
	"$XEN_RDM" plan --memory 2048 --regions /dev/urandom
capped "-c /dev/urandom" "larger than 4 MiB, the cap for this input" \
	"$XEN_RDM" plan -c /dev/urandom
capped "e820 --keys /dev/urandom" "larger than 4 MiB, the cap for this input" \
	"$XEN_RDM" e820 --keys /dev/urandom

# Exactly at the cap is read; one byte more is refused.  A table of
# 1 MiB is read (and refused by its checksum/length, not by the cap).
head -c 1048576 /dev/zero >"$T_TMP/t1m"
run "$XEN_RDM" plan --memory 2048 --dmar "$T_TMP/t1m"
expect_exit "--dmar 1 MiB read, then parsed" 2
if grep -qF "cap for this input" "$T_TMP/err"; then t_fail "--dmar 1 MiB is within the cap" "got: $(cat "$T_TMP/err")"; else t_ok; fi
head -c 1048577 /dev/zero >"$T_TMP/t1m"
run "$XEN_RDM" plan --memory 2048 --dmar "$T_TMP/t1m"
expect_err "--dmar 1 MiB + 1" "larger than 1 MiB, the cap for this input"
rm -f "$T_TMP/t1m"
# --regions: 4 MiB of comment lines are read and give no region.
{ printf '0x10000000+0x1000\n'; head -c $((4194304 - 18 - 1)) /dev/zero | tr '\0' '#'; printf '\n'; } >"$T_TMP/r4m"
run "$XEN_RDM" plan --memory 2048 --regions "$T_TMP/r4m"
expect_exit "--regions of exactly 4 MiB" 0
expect_out "--regions of exactly 4 MiB" "host regions      1"
printf '#' >>"$T_TMP/r4m"
run "$XEN_RDM" plan --memory 2048 --regions "$T_TMP/r4m"
expect_exit "--regions of 4 MiB + 1" 2
expect_err "--regions of 4 MiB + 1" "larger than 4 MiB, the cap for this input"
rm -f "$T_TMP/r4m"

# A read that fails is an error naming the file (here EIO at page 0).
run "$XEN_RDM" plan --memory 2048 --dmar /proc/self/mem
expect_exit "--dmar read error" 2
expect_err "--dmar read error" "xen-rdm: --dmar '/proc/self/mem': read failed after 0 bytes: Input/output error"
run "$XEN_RDM" e820 --keys /proc/self/mem
expect_exit "--keys read error" 2
expect_err "--keys read error" "read failed after 0 bytes"
# A directory names the file.
run "$XEN_RDM" plan --memory 2048 --regions "$T_TMP"
expect_exit "--regions DIR" 2
expect_err "--regions DIR" "--regions '$T_TMP': a directory, not a file"

# Pipes and process substitution work as files do, read once.
run "$XEN_RDM" plan --memory 2048 --regions <(printf '0x10000000+0x1000\n')
expect_exit "--regions <(...)" 0
expect_out "--regions <(...)" "host regions      1"
if [ -f "$ACPI/dmar-laptop.aml" ]; then
	run "$XEN_RDM" plan --memory 1024 --pci 00:02.0 --dmar <(cat "$ACPI/dmar-laptop.aml")
	cp "$T_TMP/out" "$T_TMP/out.pipe"
	run "$XEN_RDM" plan --memory 1024 --pci 00:02.0 --dmar "$ACPI/dmar-laptop.aml"
	if cmp -s "$T_TMP/out" "$T_TMP/out.pipe"; then t_ok; else t_fail "--dmar through a pipe plans as the file does"; fi
else
	t_fail "no $ACPI/dmar-laptop.aml (make acpi tables)"
fi

# --- xl configs: read once, parsed from memory by libxlutil ---
CFG='memory = 4096\npci = [ "00:02.0" ]\n'
printf "$CFG" >"$T_TMP/g.cfg"
run "$XEN_RDM" plan -c "$T_TMP/g.cfg"
cp "$T_TMP/out" "$T_TMP/out.file"
expect_out "-c FILE" "pci               0000:00:02.0 rdm_policy=strict"
# A pipe: before, the NUL check read the stream and libxlutil reopened it
# and read nothing (no memory, no pci: the GPU's RMRR was not kept).
run "$XEN_RDM" plan -c <(printf "$CFG")
expect_exit "-c <(pipe)" 0
if cmp -s "$T_TMP/out" "$T_TMP/out.file"; then t_ok; else t_fail "-c <(pipe) plans as the file does" "$(head -c 300 "$T_TMP/err")"; fi
printf "$CFG" | { "$XEN_RDM" plan -c /dev/stdin >"$T_TMP/out" 2>"$T_TMP/err"; echo $? >"$T_TMP/rc"; }
if [ "$(cat "$T_TMP/rc")" = 0 ] && cmp -s "$T_TMP/out" "$T_TMP/out.file"; then t_ok; else t_fail "-c /dev/stdin plans as the file does" "$(head -c 300 "$T_TMP/err")"; fi
printf "$CFG" | { "$XEN_RDM" plan -c - >"$T_TMP/out" 2>"$T_TMP/err"; echo $? >"$T_TMP/rc"; }
if [ "$(cat "$T_TMP/rc")" = 0 ] && cmp -s "$T_TMP/out" "$T_TMP/out.file"; then t_ok; else t_fail "-c - plans as the file does" "$(head -c 300 "$T_TMP/err")"; fi
# A FIFO that sends other bytes on a second open (a NUL inside a string:
# libxlutil 4.17 asserts on it): read once, the second open never comes.
mkfifo "$T_TMP/fifo"
( printf "$CFG" >"$T_TMP/fifo"; sleep 0.5; printf 'memory = 4096\nrdm = "a\000b"\n' >"$T_TMP/fifo" ) &
fifo_pid=$!
run timeout 10 "$XEN_RDM" plan -c "$T_TMP/fifo"
kill "$fifo_pid" 2>/dev/null; wait "$fifo_pid" 2>/dev/null
expect_exit "-c FIFO read once" 0
expect_out "-c FIFO read once" "pci               0000:00:02.0 rdm_policy=strict"
# ... and a NUL in what is read is found in those very bytes.
( printf 'memory = 4096\nrdm = "a\000b"\n' >"$T_TMP/fifo" ) &
fifo_pid=$!
run timeout 10 "$XEN_RDM" plan -c "$T_TMP/fifo"
wait "$fifo_pid" 2>/dev/null
expect_exit "-c FIFO with a NUL" 2
expect_err "-c FIFO with a NUL" "$T_TMP/fifo: not a valid xl config: a NUL byte at offset 22"
# A directory names the file (was: "input in flex scanner failed").
run "$XEN_RDM" plan -c "$T_TMP"
expect_exit "-c DIR" 2
expect_err "-c DIR" "xen-rdm: -c: $T_TMP: a directory, not a file"
# Over the cap.
capped "-c /dev/zero" "xen-rdm: -c: /dev/zero: larger than 4 MiB, the cap for this input" \
	"$XEN_RDM" plan -c /dev/zero
# One string of ~4 MiB: libxlutil's FILE reader rescanned the token on
# every refill (3 MB: 6.4 s); from memory it is linear (~0.05 s).
{ printf 'memory = 4096\nname = "'; head -c 4194000 /dev/zero | tr '\0' a; printf '"\n'; } >"$T_TMP/big.cfg"
start=$(date +%s%N)
run "$XEN_RDM" plan -c "$T_TMP/big.cfg"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
expect_exit "-c one 4 MiB string" 0
if [ "$ms" -lt 5000 ]; then t_ok; else t_fail "-c one 4 MiB string took $ms ms" "expected < 5000 ms"; fi
rm -f "$T_TMP/big.cfg"
# "+=" costs libxlutil time and memory quadratic in their number: at most 8.
{ printf 'memory = 4096\n'; for i in 1 2 3 4 5 6 7 8; do printf 'x += ["%s"]\n' $i; done; } >"$T_TMP/add.cfg"
run "$XEN_RDM" plan -c "$T_TMP/add.cfg"
expect_exit "-c with 8 +=" 0
printf 'extra += "9"\n' >>"$T_TMP/add.cfg"
run "$XEN_RDM" plan -c "$T_TMP/add.cfg"
expect_exit "-c with 9 +=" 2
expect_err "-c with 9 +=" "add.cfg: more than 8 '+=' (libxlutil appends in time and memory that grow with the square of their number); write the value whole"

# --- the key reader: each case a warning naming key and value,
# exit 2 (the e820 is still printed); the firmware handles it safely.
D=$TESTS_DIR/cli/data/fw_dump_7.txt
RDMK=/local/domain/7/hvmloader/rdm
keys_case() {   # NAME WANT-STDERR SED-SCRIPT [e820 options]
	name=$1 want=$2 script=$3
	shift 3
	sed "$script" "$D" >"$T_TMP/k"
	run "$XEN_RDM" e820 --keys "$T_TMP/k" "$@"
	expect_exit "keys: $name" 2
	expect_err "keys: $name" "$want"
}
keys_case "unaligned lowmem-end" 'warning: hvmloader/rdm/lowmem-end = "0xc0000001" ignored: not 0x hex, 4 KiB aligned, in range' \
	's|lowmem-end = "0xc0000000"|lowmem-end = "0xc0000001"|'
keys_case "unaligned lowmem-end, hvm_info given" 'warning: hvmloader/rdm/lowmem-end = "0xc0000001" ignored: not 0x hex, 4 KiB aligned, in range' \
	's|lowmem-end = "0xc0000000"|lowmem-end = "0xc0000001"|' --lowmem-end 0xc0000000
if grep -q "c0000001" "$T_TMP/out"; then t_fail "no RAM entry ends at 0xc0000001" "$(cat "$T_TMP/out")"; else t_ok; fi
keys_case "unaligned highmem-end" 'warning: hvmloader/rdm/highmem-end = "0x180000001" ignored: not 0x hex, 4 KiB aligned, in range' \
	's|highmem-end = "0x180000000"|highmem-end = "0x180000001"|' --highmem-end 0x180000000
keys_case "lowmem-end 0x0 is no absent key" 'warning: hvmloader/rdm/lowmem-end = "0x0" ignored: not 0x hex, 4 KiB aligned, in range' \
	's|lowmem-end = "0xc0000000"|lowmem-end = "0x0"|'
keys_case "lowmem-end below 2 MiB" 'warning: hvmloader/rdm/lowmem-end = "0x1ff000" ignored: not 0x hex, 4 KiB aligned, in range' \
	's|lowmem-end = "0xc0000000"|lowmem-end = "0x1ff000"|'
keys_case "an entry past count" 'warning: hvmloader/rdm/1/start = "0x140000000" ignored: past count' \
	's|rdm/count = "2"|rdm/count = "1"|'
keys_case "a second count line" 'warning: hvmloader/rdm/count given more than once: the firmware reads the first' \
	"s|^\($RDMK/count = \"2\".*\)\$|\1\n$RDMK/count = \"1\"|"
keys_case "entries with no count" 'warning: hvmloader/rdm/0/start = "0xab000000" ignored: no count' \
	"\\|$RDMK/count = |d"
keys_case "an index past 123" 'warning: hvmloader/rdm/124/start = "0x1000" ignored: an entry past the 124 the ABI allows; not read' \
	"\$a$RDMK/124/start = \"0x1000\""
keys_case "reserved over all of low RAM" 'warning: RDM covers all RAM from 1 MiB to lowmem-end c0000000' \
	's|rdm/0/start = "0xab000000"|rdm/0/start = "0x100000"|; s|rdm/0/size = "0x200000"|rdm/0/size = "0xbff00000"|'
expect_err "keys: summary" "not a set xen-rdm writes"
# control bytes in a value: escaped in the firmware's warning
keys_case "ESC in a value" 'hvmloader/rdm/1/start = "0x1\x1b[2J" ignored' \
	's|rdm/1/start = "0x140000000"|rdm/1/start = "0x1\\x1b[2J"|'
if grep -q "$(printf '\033')" "$T_TMP/err" "$T_TMP/out"; then t_fail "keys: no raw ESC" "$(od -c "$T_TMP/err" | head)"; else t_ok; fi
# the set as written is still clean
run "$XEN_RDM" e820 --keys "$D"
expect_exit "keys: the clean dump" 0
run sh -c 'exec "$0" e820 --keys "$1" >/dev/full' "$XEN_RDM" "$D"
expect_exit "e820 --keys >/dev/full" 3
expect_err "e820 --keys >/dev/full" "e820: cannot write the output: No space left on device"

# --- output hygiene in errors: control bytes from names and values
ESCNAME="$T_TMP/$(printf 'a\033[31mb')"
run "$XEN_RDM" plan --memory 2048 --dmar "$ESCNAME"
expect_exit "ESC in a file name" 2
expect_err "ESC in a file name escaped" "a\\x1b[31mb': cannot open"
printf 'memory = 2048\nvga = "x\033]0;pwned\007y"\n' >"$T_TMP/esc.cfg"
run "$XEN_RDM" plan -c "$T_TMP/esc.cfg"
expect_exit "ESC in a config string" 2
expect_err "ESC in a config string escaped" 'vga = "x\x1b]0;pwned\007y": unknown card'
if grep -q "$(printf '\033')" "$T_TMP/err"; then t_fail "no raw ESC in errors" "$(od -c "$T_TMP/err" | head)"; else t_ok; fi

finish
