#!/bin/sh
# apply / show / clear round trips against the real xenstored, checked
# through the command and through Xen's own xenstore-read / xenstore-ls.
. "$TESTS_DIR/xs/xs_lib.sh"
xs_start

# shellcheck disable=SC2086
run "$XEN_RDM" apply --domid 7 $EXAMPLE2
expect_exit "apply example" 0
expect_out "apply says what it wrote" "wrote 2 RDM entries for domain 7"
expect_last "apply's verdict, last" "OK: 00:02.0, 00:14.0 can be passed through; 2 ranges reserved; low RAM ends at 2.65 GiB (1.10 GiB moved above 4 GiB); written for domain 7"
if [ -s "$T_TMP/err" ]; then t_fail "apply: stderr empty when all is well" "got: $(head -c 300 "$T_TMP/err")"; else t_ok; fi
# shellcheck disable=SC2086
run "$XEN_RDM" apply -q --domid 7 $EXAMPLE2
expect_exit "apply -q" 0
expect_only "apply -q: the verdict alone" "OK: 00:02.0, 00:14.0 can be passed through; 2 ranges reserved; low RAM ends at 2.65 GiB (1.10 GiB moved above 4 GiB); written for domain 7"
# a strict conflict: nothing written, the FAIL verdict last
# shellcheck disable=SC2086
run "$XEN_RDM" apply --domid 7 $EXAMPLE2 --rdm-mem-boundary 4000
expect_exit "apply, conflict" 1
expect_last "apply's FAIL verdict" "FAIL: 00:02.0, 00:14.0 cannot be passed through: 2 strict RDM regions conflict with guest memory; cheapest remedy: rdm_mem_boundary = 2717 (costs nothing)"
# shellcheck disable=SC2086
run "$XEN_RDM" apply --domid 7 $EXAMPLE2

# Written in the ABI's order, the values worked out in xs_lib.sh.
WANT='/local/domain/7/hvmloader/rdm/0/size = "0x20000"
/local/domain/7/hvmloader/rdm/0/start = "0xa9d3e000"
/local/domain/7/hvmloader/rdm/1/size = "0x4200000"
/local/domain/7/hvmloader/rdm/1/start = "0xab800000"
/local/domain/7/hvmloader/rdm/count = "2"
/local/domain/7/hvmloader/rdm/highmem-end = "0x156400000"
/local/domain/7/hvmloader/rdm/lowmem-end = "0xa9c00000"'
# xenstore-ls -f also lists the directories rdm/0 and rdm/1 (= "").
expect_same "xenstore-ls -f shows exactly the set" "$WANT" \
	"$(xs_keys | grep -v '= ""$')"
expect_same "xenstore-read count" 2 "$(xenstore-read $RDM/count)"
expect_same "xenstore-read 1/start" 0xab800000 "$(xenstore-read $RDM/1/start)"

run "$XEN_RDM" show --domid 7
expect_exit "show" 0
expect_out "show lists a key with perms" \
	'/local/domain/7/hvmloader/rdm/0/start = "0xa9d3e000"   (n0,r7)'
expect_out "show: firmware reads 2" "RDM entries the firmware reads: 2 (0 skipped)"
expect_out "show: USB entry" "[00] [mem 0x00000000a9d3e000-0x00000000a9d5dfff]"
expect_out "show: IGD entry" "[01] [mem 0x00000000ab800000-0x00000000af9fffff]"
# The e820 by hand: RAM [1 MiB, lowmem-end), the two holes, RAM above 4 GiB.
expect_out "e820 low RAM" "[mem 0x0000000000100000-0x00000000a9bfffff]   2.65 GiB  RAM"
expect_out "e820 USB hole" "[mem 0x00000000a9d3e000-0x00000000a9d5dfff]    128 KiB  reserved"
expect_out "e820 IGD hole" "[mem 0x00000000ab800000-0x00000000af9fffff]     66 MiB  reserved"
expect_out "e820 high RAM" "[mem 0x0000000100000000-0x00000001563fffff]   1.35 GiB  RAM"

run "$XEN_RDM" show --domid 7 --linux
expect_exit "show --linux" 0
expect_out "linux format, end inclusive" "0x00000000a9d3e000-0x00000000a9d5dfff"
run "$XEN_RDM" show --domid 7 --json
expect_exit "show --json" 0
cp "$T_TMP/out" "$T_TMP/show.json"
run python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
rdm = [(r["start"], r["size"]) for r in d["rdm"]]
want = [(0xa9d3e000, 0x20000), (0xab800000, 0x4200000)]
assert rdm == want, rdm
assert d["lowmem_end"] == 0xa9c00000 and d["highmem_end"] == 0x156400000
assert all(k["perms"] == "n0,r7" for k in d["keys"]), d["keys"]
res = [(e["start"], e["size"]) for e in d["e820"] if e["type"] == "reserved"]
assert (0xa9d3e000, 0x20000) in res and (0xab800000, 0x4200000) in res, res
' "$T_TMP/show.json"
expect_exit "show --json parses and holds the set" 0

# A strict conflict: nothing written, the earlier set stays.
BEFORE=$(xs_keys)
run "$XEN_RDM" apply --domid 7 --memory 4096 --pci 00:02.0 \
	--region 0x1000000-0x1ffffff@00:02.0
expect_exit "apply with a strict conflict" 1
expect_err "conflict says nothing written" "nothing written for domain 7"
expect_same "conflict left the earlier set" "$BEFORE" "$(xs_keys)"

run "$XEN_RDM" clear --domid 7
expect_exit "clear" 0
run xenstore-exists $RDM
expect_exit "clear removed the directory" 1
run "$XEN_RDM" show --domid 7
expect_exit "show after clear" 0
expect_out "show after clear" "domain 7: no RDM keys"
run "$XEN_RDM" clear --domid 7
expect_exit "clear of nothing" 0

# An empty plan writes count 0 and the memory ends.
run "$XEN_RDM" apply --domid 7 --memory 2048
expect_exit "apply without regions" 0
expect_same "count 0" 0 "$(xenstore-read $RDM/count)"
expect_same "2 GiB guest lowmem-end" 0x80000000 "$(xenstore-read $RDM/lowmem-end)"
expect_same "no high RAM: highmem-end 4 GiB" 0x100000000 "$(xenstore-read $RDM/highmem-end)"

# Usage errors name the input; nothing touches the store.
run "$XEN_RDM" apply --memory 2048
expect_exit "apply without --domid" 2
expect_err "apply without --domid" "--domid N is required"
for bad in 0 32752 -1 7x ""; do
	run "$XEN_RDM" show --domid "$bad"
	expect_exit "show --domid '$bad'" 2
	expect_err "show --domid '$bad' named" "--domid: '$bad' is not a guest domain id"
done
run "$XEN_RDM" clear --domid 7 --json
expect_exit "clear --json is unknown" 2
run "$XEN_RDM" show --domid 7 --json --linux
expect_exit "show --json --linux" 2
for c in apply show clear; do
	run "$XEN_RDM" $c --help
	expect_exit "$c --help" 0
	expect_out "$c --help" "usage: xen-rdm $c"
done

# --xen on a machine without a hypervisor: one clear line, exit 2, and
# the set written before stays as it was.
BEFORE=$(xs_keys)
run "$XEN_RDM" apply --domid 7 --memory 4096 --xen
expect_exit "apply --xen without Xen" 2
expect_err "apply --xen without Xen" "no Xen hypervisor: /dev/xen/privcmd missing; give the regions with --region or --dmar"
expect_same "apply --xen without Xen wrote nothing" "$BEFORE" "$(xs_keys)"

# show's verdict, its last line: after the listing, alone with -q (only
# warnings about the keys on stderr), as "verdict" in --json; its word
# follows the exit status (OK and NONE 0, FAIL 2).  A row: the name, how
# the keys are made (after clear), the exit status, the verdict.
i=0; : >"$T_TMP/r21"
while [ $i -lt 21 ]; do printf '0x%x+0x1000\n' $((0x400000000 + i * 0x200000)) >>"$T_TMP/r21"; i=$((i + 1)); done
put() { "$XEN_RDM" apply --domid 7 "$@" >/dev/null; }
while IFS='|' read -r name setup want_rc want; do
	"$XEN_RDM" clear --domid 7 >/dev/null
	eval "$setup"
	run "$XEN_RDM" show --domid 7
	expect_exit "show, $name" "$want_rc"
	expect_last "show, $name: the verdict last" "$want"
	run "$XEN_RDM" show --domid 7 -q
	expect_exit "show -q, $name" "$want_rc"
	expect_same "show -q, $name: the verdict alone" "$want" "$(cat "$T_TMP/out")"
	if grep -v "^xen-rdm: warning: " "$T_TMP/err" | grep -q .; then
		t_fail "show -q, $name: nothing but warnings on stderr" "got: $(head -c 300 "$T_TMP/err")"
	else t_ok; fi
	run "$XEN_RDM" show --domid 7 --json
	expect_exit "show --json, $name" "$want_rc"
	expect_same "show --json, $name: the verdict member" "$want" \
		"$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["verdict"])' "$T_TMP/out" 2>&1)"
done <<'ROWS'
empty|:|0|NONE: domain 7: no RDM keys under /local/domain/7/hvmloader/rdm; the firmware reserves no range
good set|put $EXAMPLE2|0|OK: domain 7: the firmware reserves 2 ranges; low RAM ends at 2.65 GiB (1.35 GiB above 4 GiB)
no range, no high RAM|put --memory 2048|0|OK: domain 7: the firmware reserves 0 ranges; low RAM ends at 2 GiB
an entry skipped|put $EXAMPLE2; xenstore-write $RDM/0/start 0xa9d3e001|2|FAIL: domain 7: the firmware skips 1 entry of the set: the guest's e820 lacks it
a hostile key|put $EXAMPLE2; xenstore-write $RDM/foo bar|2|FAIL: domain 7: 1 warning about its keys: not a set xen-rdm writes (damage, or another writer)
an ESC in count|put $EXAMPLE2; xenstore-write $RDM/count "$(printf '1\033[2J')"|2|FAIL: domain 7: the firmware rejects hvmloader/rdm/count: it reserves no range
no lowmem-end|put $EXAMPLE2; xenstore-rm $RDM/lowmem-end|2|FAIL: domain 7: no e820 can be built from the set: inconsistent memory layout
more than seabios keeps|put --bios ovmf --memory 8192 --rdm strategy=host --regions "$T_TMP/r21"|2|FAIL: domain 7: this e820 has 27 entries at boot, more than seabios keeps (26): the guest's hvmloader stops
ROWS
# What -q stops saying on stderr, the text keeps: the reason, and each
# warning named.
put $EXAMPLE2; xenstore-write $RDM/0/start 0xa9d3e001
run "$XEN_RDM" show --domid 7
expect_err "show: the skip on stderr too" "xen-rdm: show: domain 7: the firmware skips 1 entry of the set (see its reader's lines above); the e820 shown lacks it"
run "$XEN_RDM" show --domid 7 --json -q
expect_exit "show --json -q" 2
expect_err "show --json -q named" "show: --json and -q exclude each other"
run "$XEN_RDM" clear --domid 7 -q
expect_exit "clear -q is unknown" 2
expect_err "clear -q is unknown" "clear: unknown option '-q'"

# The daemon down: exit 3 naming the socket.
xs_stop
run "$XEN_RDM" show --domid 7
expect_exit "show with the daemon down" 3
expect_err "names XENSTORED_PATH" "cannot connect to xenstored at XENSTORED_PATH=$XSD_DIR/socket"
run "$XEN_RDM" apply --domid 7 --memory 2048
expect_exit "apply with the daemon down" 3
finish
