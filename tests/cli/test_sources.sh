#!/bin/sh
# tests/cli/test_sources.sh - where `xen-rdm plan` gets its regions and
# settings: --dmar (iasl-compiled DMAR/IVRS tables and corrupted ones),
# -c (real xl.cfg files), --xen (no hypervisor here; then the hypervisor
# stand-in tests/xen-stub preloaded).  Exit codes and messages.
. "$TESTS_DIR/cli/lib.sh"
X=$XEN_RDM
ACPI=$BUILD/acpi
XL=$TESTS_DIR/xlcfg
STUB=$BUILD/xen-stub/xc_stub.so

# expect_err_lines NAME N: stderr has exactly N lines
expect_err_lines() {
	n=$(wc -l <"$T_TMP/err")
	if [ "$n" -eq "$2" ]; then t_ok; else
		t_fail "$1" "expected $2 line(s) on stderr, got $n" "$(head -c 400 "$T_TMP/err")"
	fi
}

# ---------------------------------------------------------------- --dmar
# Laptop: IGD RMRR for 00:02.0, USB RMRR shared by 00:14.0/1a.0/1d.0.
run $X plan --memory 4096 --dmar "$ACPI/dmar-laptop.aml" --pci 00:02.0 --pci 00:14.0
expect_exit "laptop dmar" 0
expect_out "laptop: USB RMRR for 00:14.0" "[mem 0x00000000ba776000-0x00000000ba794fff] strict  valid    0000:00:14.0"
expect_out "laptop: IGD RMRR for 00:02.0" "[mem 0x00000000bc000000-0x00000000be1fffff] strict  valid    0000:00:02.0"
expect_out "laptop: 4 host regions (3 USB + 1 IGD)" "host regions      4"
expect_out "laptop: e820 hole for the IGD" "[mem 0x00000000bc000000-0x00000000be1fffff]     34 MiB  reserved"

# Only 00:1d.0 assigned: it still gets the shared USB region, not the IGD's.
run $X plan --memory 2048 --dmar "$ACPI/dmar-laptop.aml" --pci 00:1d.0
expect_exit "laptop 1d.0" 0
expect_out "laptop: shared region for 1d.0" "[mem 0x00000000ba776000-0x00000000ba794fff] strict  valid    0000:00:1d.0"
if grep -q "0x00000000bc000000-0x00000000be1fffff\] strict" "$T_TMP/out"; then
	t_fail "laptop: IGD region not for 1d.0" "the IGD RMRR appeared for 00:1d.0"
else t_ok; fi

# Server: the BMC's RMRR at 0xe8000 lies in low RAM below the boundary.
run $X plan --memory 4096 --dmar "$ACPI/dmar-server.aml" --pci 01:00.4
expect_exit "server: strict BMC region conflicts" 1
expect_err "server: conflict names region and device" "strict RDM region [mem 0x00000000000e8000-0x00000000000e8fff] (0000:01:00.4) conflicts"
run $X plan --memory 4096 --dmar "$ACPI/dmar-server.aml" --pci 01:00.4,rdm_policy=relaxed --pci 0001:81:00.0
expect_exit "server: relaxed BMC, segment 1 device" 0
expect_out "server: BMC region invalid" "[mem 0x00000000000e8000-0x00000000000e8fff] relaxed dropped "
expect_out "server: segment 1 region above 4G" "[mem 0x000000047ff00000-0x000000047fffffff] strict  valid    0001:81:00.0"
expect_out "server: 8 host regions" "host regions      8"

# AMD IVRS: IVMD 21h for 03:00.0.
run $X plan --memory 4096 --dmar "$ACPI/ivrs-amd.aml" --pci 03:00.0
expect_exit "ivrs" 0
expect_out "ivrs: IVMD for 03:00.0" "[mem 0x00000000cb100000-0x00000000cb101fff] strict  valid    0000:03:00.0"

# Multi-hop scope without a topology: the scope is skipped with a warning
# that says how to get it in; the table still plans (exit 0).
run $X plan --memory 4096 --dmar "$ACPI/dmar-multihop.aml"
expect_exit "multihop without topology plans" 0
expect_err "multihop: says why" "a path of 2 hops from 0000:00:1c.0 names a device behind bridges"
expect_err "multihop: says what to do" "--region 0x000000007c000000-0x000000007c0fffff@SBDF"

# Corrupt headers: exit 2, one line naming the file and the fault.
for kind_msg in \
	"bad-checksum|bad checksum: the DMAR table's bytes sum to 0x01, not 0" \
	"truncated|truncated: the DMAR table length is 184 bytes but only 174 were given" \
	"trailing|16 bytes follow the end of the DMAR table" \
	"short-length|table length 40 is shorter than its 48-byte header" \
	"bad-signature|signature \"DMAX\" is neither DMAR"
do
	kind=${kind_msg%%|*}
	msg=${kind_msg#*|}
	run $X plan --memory 4096 --dmar "$ACPI/bad/$kind.aml"
	expect_exit "bad dmar $kind: exit" 2
	expect_err "bad dmar $kind: message" "$msg"
	expect_err "bad dmar $kind: names the file" "$ACPI/bad/$kind.aml: "
	expect_err_lines "bad dmar $kind: one line" 1
done

# A bad structure inside: skipped with one warning naming offset, range and
# why; the rest plans (the IGD's RMRR survives the broken USB RMRR).
for kind_msg in \
	"struct-overlong|RMRR (type 0x01) at offset 0x68: length 88 runs past the end of the table|0" \
	"struct-short|RMRR (type 1) at offset 0x68 skipped: length 16 is below its minimum of 24|0" \
	"struct-zero|RMRR (type 0x01) at offset 0x68: length 0 is below 4, so the walk cannot go on|0" \
	"scope-past-struct|RMRR [mem 0x00000000ba776000-0x00000000ba794fff] at offset 0x68: device scope at offset 0x80 has length 26|1" \
	"scope-short|RMRR [mem 0x00000000ba776000-0x00000000ba794fff] at offset 0x68: device scope at offset 0x80 has length 4 (below 6)|1" \
	"rmrr-limit-below-base|RMRR [mem 0x00000000ba776000-0x00000000ba775fff] at offset 0x68 skipped: its limit is below its base|1" \
	"rmrr-unaligned-base|RMRR [mem 0x00000000ba776800-0x00000000ba794fff] at offset 0x68 skipped: its base is not 4 KiB aligned|1" \
	"rmrr-unaligned-limit|RMRR [mem 0x00000000ba776000-0x00000000ba794ffe] at offset 0x68 skipped: its limit does not end a 4 KiB page|1"
do
	kind=${kind_msg%%|*}
	rest=${kind_msg#*|}
	msg=${rest%|*}
	igd=${rest##*|}
	run $X plan --memory 4096 --pci 00:02.0 --dmar "$ACPI/bad/$kind.aml"
	expect_exit "skipped $kind: plans" 0
	expect_err "skipped $kind: warning" "xen-rdm: warning: $ACPI/bad/$kind.aml: $msg"
	if [ "$igd" = 1 ]; then
		expect_out "skipped $kind: the IGD's RMRR stays" "[mem 0x00000000bc000000-0x00000000be1fffff] strict  valid    0000:00:02.0"
	fi
done

# A real laptop: an RMRR of 0x0-0x0 no longer costs the GPU's.
run $X plan --memory 4096 --pci 00:02.0 --dmar "$ACPI/dmar-bad-rmrr.aml"
expect_exit "bad-rmrr laptop plans" 0
expect_err "bad-rmrr laptop: the bad RMRR named" "dmar-bad-rmrr.aml: RMRR [mem 0x0000000000000000-0x0000000000000000] at offset 0x68 skipped: its limit does not end a 4 KiB page"
expect_out "bad-rmrr laptop: the GPU's RMRR" "[mem 0x000000008b800000-0x000000008f7fffff] strict  valid    0000:00:02.0"

# Xen's renamed DMAR: RMAD (4.17, bytes reversed, checksum unchanged) and
# XMAR (older, checksum adjusted) read as DMAR; XMAR without the
# adjustment is a bad checksum.
for k in rmad xmar; do
	run $X plan --memory 4096 --pci 00:02.0 --dmar "$ACPI/xen/$k.aml"
	expect_exit "$k: read as DMAR" 0
	expect_out "$k: the IGD's RMRR" "[mem 0x00000000bc000000-0x00000000be1fffff] strict  valid    0000:00:02.0"
done
run $X plan --memory 4096 --dmar "$ACPI/xen/xmar-unadjusted.aml"
expect_exit "xmar unadjusted: refused" 2
expect_err "xmar unadjusted: bad checksum" "bad checksum: the XMAR table's bytes sum to 0x14, not 0"

# IVMD 22h over DeviceIDs 0000..0fff, kept as ranges: 05:00.0 is inside
# (both ranges are its), 10:00.0 is not (left out, and said so).
run $X plan --memory 2048 --pci 05:00.0 --dmar "$ACPI/ivrs-wide.aml"
expect_exit "wide ivmd: plans" 0
expect_out "wide ivmd: first range is 05:00.0's" "[mem 0x00000000a9000000-0x00000000a90fffff] strict  valid    0000:05:00.0"
expect_out "wide ivmd: second range is 05:00.0's" "[mem 0x00000000a9200000-0x00000000a9200fff] strict  valid    0000:05:00.0"
expect_out "wide ivmd: the GPU's left out" "left out: 1 host region not in the guest's RDM set: [mem 0x00000000cb100000-0x00000000cb101fff] 0000:03:00.0 (no device of theirs assigned); rdm=\"strategy=host\" or @SBDF brings them in"
expect_err "wide ivmd: the empty IVMD skipped" "IVMD type 0x21 at offset 0xb0 (start 0xcb200000) skipped: its memory length is 0"
run $X plan --memory 2048 --pci 10:00.0 --dmar "$ACPI/ivrs-wide.aml" --json
expect_exit "wide ivmd, device outside: plans" 0
expect_out "wide ivmd, device outside: JSON left_out" '"left_out":[{"start":2835349504,"size":1048576,"devices":["0000:00:00.0-0000:0f:1f.7"],"nr_devices":4096,"host_wide":false,"why":"not_assigned"}'

# ------------------------------------------------------ --sysfs, multi-hop
# A fake sysfs: root port 00:1c.0's secondary bus is 3 (its pci_bus/
# entry); the same through the config byte 0x19 Xen reads.
mkdir -p "$T_TMP/sys1/bus/pci/devices/0000:00:1c.0/pci_bus/0000:03"
run $X plan --memory 1024 --pci 03:00.0 --dmar "$ACPI/dmar-multihop.aml" --sysfs "$T_TMP/sys1"
expect_exit "multihop via pci_bus/: plans" 0
expect_out "multihop via pci_bus/: the device behind the bridge" "[mem 0x000000007c000000-0x000000007c0fffff] strict  valid    0000:03:00.0"
mkdir -p "$T_TMP/sys2/bus/pci/devices/0000:00:1c.0"
python3 -c 'import sys; b = bytearray(64); b[0x19] = 5; open(sys.argv[1], "wb").write(b)' "$T_TMP/sys2/bus/pci/devices/0000:00:1c.0/config"
run $X plan --memory 1024 --pci 05:00.0 --dmar "$ACPI/dmar-multihop.aml" --sysfs "$T_TMP/sys2"
expect_exit "multihop via config: plans" 0
expect_out "multihop via config: bus 5" "[mem 0x000000007c000000-0x000000007c0fffff] strict  valid    0000:05:00.0"
run $X plan --memory 4096 --dmar "$ACPI/dmar-multihop.aml" --sysfs "$T_TMP/empty"
expect_exit "multihop, bridge not in sysfs: plans" 0
expect_err "multihop, bridge not in sysfs: says so" "hop 1, bridge 0000:00:1c.0, is not in the PCI topology"

# ------------------------------------------------------------------ --host
# A fake /sys of a Xen 4.17 dom0 (no hypervisor interface on this
# machine): the DMAR renamed RMAD, the topology beside it.
mkdir -p "$T_TMP/host/firmware/acpi/tables" "$T_TMP/host/bus/pci/devices/0000:00:1c.0/pci_bus/0000:02"
cp "$ACPI/xen/rmad.aml" "$T_TMP/host/firmware/acpi/tables/RMAD"
if [ -e /dev/xen/privcmd ]; then
	echo "note: /dev/xen/privcmd exists; skipping the --host fallback checks"
else
	run env -u LD_PRELOAD $X plan --memory 4096 --pci 00:02.0 --host --sysfs "$T_TMP/host"
	expect_exit "--host: RMAD" 0
	expect_err "--host: says which source" "xen-rdm: note: --host: no hypervisor; regions from $T_TMP/host/firmware/acpi/tables/RMAD (the DMAR table as Xen 4.17 renames it), PCI topology from $T_TMP/host"
	expect_out "--host: the IGD's RMRR" "[mem 0x00000000bc000000-0x00000000be1fffff] strict  valid    0000:00:02.0"
	run env -u LD_PRELOAD $X plan --memory 4096 --host --sysfs "$T_TMP/host" --json
	expect_out "--host: JSON host_source" "\"host_source\":\"$T_TMP/host/firmware/acpi/tables/RMAD\""
	# the multi-hop table through the same tree's topology
	rm "$T_TMP/host/firmware/acpi/tables/RMAD"
	cp "$ACPI/dmar-multihop.aml" "$T_TMP/host/firmware/acpi/tables/DMAR"
	run env -u LD_PRELOAD $X plan --memory 1024 --pci 02:00.0 --host --sysfs "$T_TMP/host"
	expect_exit "--host: DMAR with its topology" 0
	expect_out "--host: multi-hop resolved" "[mem 0x000000007c000000-0x000000007c0fffff] strict  valid    0000:02:00.0"
	run env -u LD_PRELOAD $X plan --memory 4096 --host --sysfs "$T_TMP/empty"
	expect_exit "--host: nothing found" 2
	expect_err "--host: nothing found, says where it looked" "--host: no Xen hypervisor (/dev/xen/privcmd missing) and no RMAD, XMAR, DMAR or IVRS table in $T_TMP/empty/firmware/acpi/tables"
fi

# ----------------------------------------------------------------- --dmesg
# Linux's RMRR lines (host-wide) and its per-device identity maps; the
# LPC bridge's 0-16 MiB map is no RMRR; a 0x0-0x0 RMRR is skipped.
run $X plan --memory 4096 --pci 00:02.0 --pci 00:1f.0 --dmesg "$TESTS_DIR/acpi/logs/linux-dmesg.log"
expect_exit "linux dmesg: plans" 0
expect_out "linux dmesg: the IGD's RMRR, with its device" "[mem 0x00000000ab800000-0x00000000af9fffff] strict  valid    0000:00:02.0"
expect_out "linux dmesg: 4 host regions" "host regions      4"
expect_err "linux dmesg: 0x0-0x0 named" "linux-dmesg.log:9: RMRR [mem 0x0000000000000000-0x0000000000000000] skipped: it is not page granular"
if grep -q "0x0000000000ffffff" "$T_TMP/out"; then
	t_fail "linux dmesg: the LPC map is no RMRR" "$(grep ffffff "$T_TMP/out")"
else t_ok; fi
# Xen's own lines, as xl dmesg prints them, through standard input.
run sh -c "$X plan --memory 1024 --pci 00:14.0 --pci 00:1c.0 --dmesg - <'$TESTS_DIR/acpi/logs/xl-dmesg.log'"
expect_exit "xl dmesg: plans" 0
expect_out "xl dmesg: 00:14.0's RMRR" "[mem 0x00000000a9d3e000-0x00000000a9d5dfff] strict  valid    0000:00:14.0"
expect_out "xl dmesg: the bridge's RMRR" "[mem 0x000000007c000000-0x000000007c0fffff] strict  valid    0000:00:1c.0"
expect_out "xl dmesg: AMD IVMD host-wide, left out" "[mem 0x000000009d000000-0x000000009d001fff] (host-wide, rdm strategy=ignore)"
expect_err "xl dmesg: an RMRR without its range" "standard input:16: Xen's RMRR here (1 device) gives no range"
# Nothing recognised: no regions, no error.
printf 'hello\n[    0.1] usb 1-1: new device\n' >"$T_TMP/other.log"
run $X plan --memory 4096 --dmesg "$T_TMP/other.log"
expect_exit "other log lines ignored" 0
expect_out "other log lines: no regions" "host regions      0"

# ---------------------------------------------------------------- left out
run $X plan --memory 4096 --region 0xab800000-0xaf9fffff
expect_exit "host-wide region, strategy ignore" 0
expect_out "host-wide region: said to be left out" "left out: 1 host region not in the guest's RDM set: [mem 0x00000000ab800000-0x00000000af9fffff] (host-wide, rdm strategy=ignore); rdm=\"strategy=host\" or @SBDF brings them in"
run $X plan --memory 4096 --region 0xab800000-0xaf9fffff --json
expect_out "host-wide region: JSON" '"left_out":[{"start":2877292544,"size":69206016,"devices":[],"nr_devices":0,"host_wide":true,"why":"strategy_ignore"}]'
run $X plan --memory 4096 --region 0xab800000-0xaf9fffff --rdm strategy=host
expect_out "strategy=host: nothing left out" "left out: none"

# -------------------------------------------------------------------- -c
run $X plan -c "$XL/gpu-passthrough.cfg" --dmar "$ACPI/dmar-laptop.aml"
expect_exit "gpu cfg" 0
expect_out "gpu cfg: maxmem less stdvga videoram" "memory            8176 MiB (maxmem = 8192 less 16 MiB of video RAM)"
expect_out "gpu cfg: mmio_hole" "mmio hole         2048 MiB"
expect_out "gpu cfg: rdm" "strategy=host,policy=strict"
# the devices one a line once they no longer fit 80 columns
got=$(sed -n '/^  pci /,/^  host regions/p' "$T_TMP/out" | sed '$d')
want="  pci               0000:01:00.0 rdm_policy=strict,
                    0000:01:00.1 rdm_policy=relaxed,
                    0000:00:14.0 rdm_policy=strict"
[ "$got" = "$want" ] && t_ok || t_fail "gpu cfg: pci with policies" "expected: $want" "got:      $got"

run $X plan -c "$XL/maxmem.cfg"
expect_exit "maxmem cfg" 0
expect_out "maxmem cfg: maxmem 4096 less cirrus 8" "memory            4088 MiB"

run $X plan -c "$XL/memory-only.cfg" --memory 2048 --mmio-hole 512
expect_exit "cfg overridden" 0
expect_out "cfg overridden: memory" "memory            2048 MiB"
expect_out "cfg overridden: mmio" "mmio hole         512 MiB"
expect_out "cfg kept: hap=0" "hap               no"

run $X plan -c "$XL/minimal.cfg"
expect_exit "cfg without memory" 2
expect_err "cfg without memory: message" "no guest memory size"

for file_msg in \
	"bad-memory-text|memory = \"lots\": not a whole number of MiB" \
	"bad-memory-small|memory = 9 less videoram 8 MiB (cirrus) leaves 1 MiB" \
	"bad-memory-huge|memory = 99999999999999999999: does not fit in a long" \
	"bad-memory-52|memory = 4294967297: out of range (1 to 4294967296 MiB)" \
	"bad-maxmem|maxmem = 2048 is below memory = 4096" \
	"bad-mmio-low|mmio_hole = 255: out of range (256 to 3840 MiB)" \
	"bad-mmio-high|mmio_hole = 3841: out of range (256 to 3840 MiB)" \
	"bad-hap|hap = 2: out of range (0 to 1)" \
	"bad-rdm-key|rdm = \"strategy=host,polcy=strict\": rdm 'strategy=host,polcy=strict': unknown key 'polcy'" \
	"bad-pci|pci[1] = '01:00.9'" \
	"bad-pci-dup|the device is already pci[0]" \
	"bad-pci-string|pci: expected a list" \
	"bad-videoram|videoram = 8: stdvga needs at least 16 MiB" \
	"bad-type|type = \"pv\": xen-rdm lays out HVM guests only" \
	"bad-boundary|rdm_mem_boundary = \"2G\": not a whole number of MiB" \
	"bad-syntax|bad-syntax.cfg:3: config parsing error"
do
	f=${file_msg%%|*}
	msg=${file_msg#*|}
	run $X plan -c "$XL/$f.cfg"
	expect_exit "cfg $f: exit" 2
	expect_err "cfg $f: message" "$msg"
	expect_err "cfg $f: names the file" "$XL/$f.cfg: "
done

run $X plan -c "$XL/no-such.cfg"
expect_exit "cfg missing" 2
expect_err "cfg missing: message" "$XL/no-such.cfg: cannot open: No such file or directory"

# ----------------------------------------------------------------- --xen
# This machine has no hypervisor: one line, exit 2.
if [ -e /dev/xen/privcmd ]; then
	echo "note: /dev/xen/privcmd exists; skipping the no-hypervisor checks"
else
	run env -u LD_PRELOAD $X plan --memory 4096 --xen --pci 00:02.0
	expect_exit "--xen without hypervisor" 2
	expect_err "--xen message" "xen-rdm: --xen: no Xen hypervisor: /dev/xen/privcmd missing; give the regions with --region or --dmar"
	expect_err_lines "--xen: one line" 1
fi

# The hypervisor stand-in: the laptop's RMRRs as Xen would report them.
if [ ! -f "$STUB" ]; then
	t_fail "xen stub" "$STUB not built (make all builds it)"
else
	cat >"$T_TMP/rmrr" <<'EOF'
0xba776 0x1f   0000:00:14.0 0000:00:1a.0 0000:00:1d.0
0xbc000 0x2200 0000:00:02.0
EOF
	xen_run() {
		run env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
			LD_PRELOAD="$STUB" XC_STUB_REGIONS="$T_TMP/rmrr" \
			XC_STUB_LOG="$T_TMP/xclog" "$@"
	}
	rm -f "$T_TMP/xclog"
	xen_run $X plan --memory 4096 --xen --pci 00:02.0 --pci 01:00.0
	expect_exit "--xen stub" 0
	expect_out "--xen stub: IGD region" "[mem 0x00000000bc000000-0x00000000be1fffff] strict  valid    0000:00:02.0"
	expect_out "--xen stub: 3 host regions (2 host-wide + 1 of 00:02.0)" "host regions      3"
	for q in "flags=1 sbdf=0000:00:00.0" "flags=0 sbdf=0000:00:02.0" "flags=0 sbdf=0000:01:00.0"; do
		if grep -q "map $q nr_in=0 " "$T_TMP/xclog"; then t_ok; else
			t_fail "--xen stub: asked $q" "$(cat "$T_TMP/xclog")"; fi
	done

	xen_run $X plan -c "$XL/gpu-passthrough.cfg" --xen
	expect_exit "--xen stub with -c" 0
	expect_out "--xen stub with -c: USB region" "[mem 0x00000000ba776000-0x00000000ba794fff] strict  valid    0000:00:14.0, host-wide"

	# --host asks the hypervisor first, even with tables beside it.
	mkdir -p "$T_TMP/xhost/firmware/acpi/tables"
	cp "$ACPI/xen/rmad.aml" "$T_TMP/xhost/firmware/acpi/tables/RMAD"
	xen_run $X plan --memory 4096 --host --sysfs "$T_TMP/xhost" --pci 00:02.0
	expect_exit "--host with a hypervisor" 0
	expect_err "--host: says it used the hypervisor" "xen-rdm: note: --host: regions from the hypervisor (as --xen)"
	expect_out "--host: Xen's IGD region" "[mem 0x00000000bc000000-0x00000000be1fffff] strict  valid    0000:00:02.0"

	xen_run env XC_STUB_MAP_ERRNO=1 $X plan --memory 4096 --xen
	expect_exit "--xen stub: hypercall fails" 3
	expect_err "--xen stub: hypercall message" "xen-rdm: --xen: reserved device memory map of all devices (XENMEM_RDM_ALL): Operation not permitted"
fi

finish
