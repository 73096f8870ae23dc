#!/bin/sh
# tests/cli/test_bios.sh - the guest's BIOS: --bios and
# xl.cfg's bios=/firmware=/device_model_version for plan, apply's options,
# show's and e820's --bios; the first megabyte hvmloader builds for each
# BIOS; the entries each keeps.
. "$TESTS_DIR/cli/lib.sh"

# First MB per BIOS, as seabios.c, ovmf.c and rombios.c call
# build_e820_table().
run "$XEN_RDM" plan --memory 1024
expect_exit "default BIOS" 0
expect_out "default is SeaBIOS: RAM to 640 KiB" "[mem 0x0000000000000000-0x000000000009ffff]    640 KiB  RAM"
expect_out "default is SeaBIOS: 256 KiB image at 0xC0000" "[mem 0x00000000000c0000-0x00000000000fffff]    256 KiB  reserved"
run "$XEN_RDM" plan --memory 1024 --bios ovmf
expect_out "OVMF: reserved from LOWCHUNK_BEGIN" "[mem 0x00000000000f0000-0x00000000000fffff]     64 KiB  reserved"
run "$XEN_RDM" plan --memory 1024 --bios rombios
expect_out "ROMBIOS: RAM to 0x9E000" "[mem 0x0000000000000000-0x000000000009dfff]    632 KiB  RAM"
expect_out "ROMBIOS: its stack and EBDA" "[mem 0x000000000009e000-0x000000000009ffff]      8 KiB  reserved"
expect_out "ROMBIOS: from 0xE0000" "[mem 0x00000000000e0000-0x00000000000fffff]    128 KiB  reserved"
run "$XEN_RDM" plan --memory 1024 --bios SeaBIOS --json
expect_out "names are case-insensitive, as libxl's" '"bios":"seabios"'
run "$XEN_RDM" plan --memory 1024 --bios uefi
expect_exit "--bios uefi" 2
expect_err "--bios uefi" "--bios 'uefi': not seabios, ovmf or rombios"

# xl.cfg, as xl 4.17 and libxl decide it.
cfg() { printf '%s\n' "$@" >"$T_TMP/g.cfg"; run "$XEN_RDM" plan -c "$T_TMP/g.cfg" --json; }
cfg 'memory = 1024'
expect_out "xl.cfg: default SeaBIOS" '"bios":"seabios"'
cfg 'memory = 1024' 'bios = "ovmf"'
expect_out "xl.cfg: bios=ovmf" '"bios":"ovmf"'
cfg 'memory = 1024' 'firmware = "uefi"'
expect_out "xl.cfg: firmware=uefi is OVMF" '"bios":"ovmf"'
cfg 'memory = 1024' 'bios = "ovmf"' 'firmware = "seabios"'
expect_out "xl.cfg: firmware= wins over bios=" '"bios":"seabios"'
cfg 'memory = 1024' 'bios = "ovmf"' 'firmware = "/usr/local/lib/xen-rdm/hvmloader"'
expect_out "xl.cfg: firmware=PATH (another hvmloader) keeps bios=" '"bios":"ovmf"'
cfg 'memory = 1024' 'firmware = "bios"'
expect_out "xl.cfg: firmware=bios is the default" '"bios":"seabios"'
cfg 'memory = 1024' 'device_model_version = "qemu-xen-traditional"'
expect_out "xl.cfg: traditional device model means ROMBIOS" '"bios":"rombios"'
cfg 'memory = 1024' 'bios = "rombios"'
expect_exit "xl.cfg: rombios with qemu-xen" 2
expect_err "xl.cfg: rombios with qemu-xen" "bios rombios with device model qemu-xen: libxl refuses it (qemu-xen does not support bios=rombios)"
cfg 'memory = 1024' 'bios = "coreboot"'
expect_exit "xl.cfg: unknown bios" 2
expect_err "xl.cfg: unknown bios" 'bios = "coreboot": not seabios, ovmf or rombios'
cfg 'memory = 1024' 'device_model_version = "qemu-dm"'
expect_exit "xl.cfg: unknown device model" 2
printf '%s\n' 'memory = 1024' 'bios = "ovmf"' >"$T_TMP/g.cfg"
run "$XEN_RDM" plan -c "$T_TMP/g.cfg" --bios seabios --json
expect_out "--bios overrides the config" '"bios":"seabios"'

# The entries each BIOS keeps (rule 6): 21 separate ranges fit SeaBIOS
# without high RAM, 22 do not, OVMF takes them.
regions() {
	i=0; : >"$T_TMP/r$1"
	while [ "$i" -lt "$1" ]; do
		printf '0x%x+0x1000\n' $((0xe0000000 + i * 0x200000)) >>"$T_TMP/r$1"
		i=$((i + 1))
	done
	echo "$T_TMP/r$1"
}
run "$XEN_RDM" plan --memory 2048 --rdm strategy=host --regions "$(regions 22)"
expect_exit "22 ranges, SeaBIOS" 2
expect_err "22 ranges, SeaBIOS: counts" "would have 27 entries at boot (22 RDM ranges, 22 valid regions merged, and hvmloader's own), more than seabios keeps (26)"
expect_err "22 ranges, SeaBIOS: remedy" 'or bios="ovmf", which keeps 128'
run "$XEN_RDM" plan --memory 2048 --rdm strategy=host --bios ovmf --regions "$(regions 22)"
expect_exit "22 ranges, OVMF" 0

# gfx_passthru (xl.cfg) or --gfx-passthru: the IGD OpRegion costs 2
# entries, so 20 ranges no longer fit SeaBIOS, 19 do.
printf '%s\n' 'memory = 2048' 'gfx_passthru = 1' 'rdm = "strategy=host"' >"$T_TMP/igd.cfg"
run "$XEN_RDM" plan -c "$T_TMP/igd.cfg" --regions "$(regions 20)"
expect_exit "gfx_passthru = 1, 20 ranges" 2
expect_err "gfx_passthru = 1, 20 ranges" "would have 27 entries at boot (20 RDM ranges, 20 valid regions merged, and hvmloader's own with the IGD OpRegion)"
run "$XEN_RDM" plan -c "$T_TMP/igd.cfg" --regions "$(regions 19)"
expect_exit "gfx_passthru = 1, 19 ranges" 0
run "$XEN_RDM" plan --memory 2048 --gfx-passthru --rdm strategy=host --regions "$(regions 20)"
expect_exit "--gfx-passthru, 20 ranges" 2
printf '%s\n' 'memory = 2048' 'gfx_passthru = "igd"' >"$T_TMP/igd.cfg"
run "$XEN_RDM" plan -c "$T_TMP/igd.cfg" --rdm strategy=host --regions "$(regions 20)"
expect_exit "gfx_passthru = \"igd\", 20 ranges" 2
printf '%s\n' 'memory = 2048' 'gfx_passthru = "vga"' >"$T_TMP/igd.cfg"
run "$XEN_RDM" plan -c "$T_TMP/igd.cfg"
expect_exit "gfx_passthru = \"vga\"" 2
expect_err "gfx_passthru = \"vga\"" 'gfx_passthru = "vga": not 0, 1, "default" or "igd"'

# show's reader: e820 --keys with --bios (same builder).
cat >"$T_TMP/keys" <<'KEYS'
/local/domain/7/hvmloader/rdm/count = "1"
/local/domain/7/hvmloader/rdm/0/start = "0xe0000000"
/local/domain/7/hvmloader/rdm/0/size = "0x1000"
/local/domain/7/hvmloader/rdm/lowmem-end = "0x40000000"
/local/domain/7/hvmloader/rdm/highmem-end = "0x100000000"
KEYS
run "$XEN_RDM" e820 --keys "$T_TMP/keys" --hvmloader
expect_exit "e820 --keys, default" 0
expect_out "e820 --keys: SeaBIOS's first MB" " [01]: 00000000:000c0000 - 00000000:00100000: RESERVED"
run "$XEN_RDM" e820 --keys "$T_TMP/keys" --bios ovmf --hvmloader
expect_out "e820 --keys --bios ovmf" " [01]: 00000000:000f0000 - 00000000:00100000: RESERVED"
run "$XEN_RDM" e820 --keys "$T_TMP/keys" --bios pc
expect_exit "e820 --bios pc" 2
# A set longer than SeaBIOS keeps (written by another tool): exit 2.
i=0
{ echo '/local/domain/7/hvmloader/rdm/count = "22"'
  while [ $i -lt 22 ]; do
	printf '/local/domain/7/hvmloader/rdm/%d/start = "0x%x"\n' $i $((0xe0000000 + i * 0x200000))
	printf '/local/domain/7/hvmloader/rdm/%d/size = "0x1000"\n' $i
	i=$((i + 1))
  done
  echo '/local/domain/7/hvmloader/rdm/lowmem-end = "0x40000000"'
  echo '/local/domain/7/hvmloader/rdm/highmem-end = "0x100000000"'; } >"$T_TMP/keys22"
run "$XEN_RDM" e820 --keys "$T_TMP/keys22"
expect_exit "e820 --keys, 22 ranges, SeaBIOS" 2
expect_err "e820 --keys, 22 ranges, SeaBIOS" "this e820 has 27 entries at boot, more than seabios keeps (26): the guest's hvmloader stops"
run "$XEN_RDM" e820 --keys "$T_TMP/keys22" --bios ovmf
expect_exit "e820 --keys, 22 ranges, OVMF" 0
# 20 ranges fit SeaBIOS, not with the IGD OpRegion's 2 entries.
sed -e 's/count = "22"/count = "20"/' -e '/rdm\/2[01]\//d' "$T_TMP/keys22" >"$T_TMP/keys20"
run "$XEN_RDM" e820 --keys "$T_TMP/keys20"
expect_exit "e820 --keys, 20 ranges, SeaBIOS" 0
run "$XEN_RDM" e820 --keys "$T_TMP/keys20" --gfx-passthru
expect_exit "e820 --keys --gfx-passthru, 20 ranges" 2
expect_err "e820 --keys --gfx-passthru, 20 ranges" "this e820 has 27 entries at boot, more than seabios keeps (26)"

finish
