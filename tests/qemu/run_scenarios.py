#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""tests/qemu/run_scenarios.py - qemu-check: the whole xen-rdm chain under
QEMU for every built-in scenario (the chain itself is tests/qemu/
xenrdm_qemu.py, shared with `make qemu-run`).

For each scenario: `xen-rdm plan --json`, `xen-rdm apply` into Xen's real
xenstored, the dump, the test image and Debian's Linux under QEMU and,
at the same time (two QEMUs, one CPU each), the EFI build under OVMF.  Then the planner's e820, the xenstore keys, the
image's table, Linux's table and the EFI table must all equal the
scenario's expected table, which is written out by hand below from
hvmloader's fixed layout, each BIOS's first megabyte and libxl's RDM
rules (not taken from any of the programs' output); every valid RDM
range must be reserved in Linux's view; and the invariant checker must
accept every table against the layout the keys give the module.

Usage: run_scenarios.py --xen-rdm BIN --image ELF --efi-app EFI
                        --build DIR --acpi-dir DIR
                        [--only NAME]... [--demo NAME] [--no-efi]
Exit status 0 when every scenario passed.
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import xenrdm_qemu as xq  # noqa: E402

MIB, G4, RAM, RES = xq.MIB, xq.G4, xq.RAM, xq.RES

# The first megabyte hvmloader builds for each BIOS (build_e820_table()
# called from seabios.c, ovmf.c, rombios.c with lowmem_reserved_base and
# bios_image_base; 0 means 0xA0000): SeaBIOS's 256 KiB image (Debian's
# bios-256k.bin) at 1 MiB - 256 KiB, OVMF's LOWCHUNK_BEGIN 0xF0000,
# ROMBIOS's 0x9E000 and 0xE0000.
FIRST_MB = {
    "seabios": [(0, 0xA0000, RAM), (0xC0000, 0x100000, RES)],
    "ovmf": [(0, 0xA0000, RAM), (0xF0000, 0x100000, RES)],
    "rombios": [(0, 0x9E000, RAM), (0x9E000, 0xA0000, RES),
                (0xE0000, 0x100000, RES)],
}
LOW = FIRST_MB["seabios"]           # xl's default BIOS for qemu-xen
# hvmloader's own area [0xFC000000, 4 GiB).
HVMLOADER_AREA = (0xFC000000, G4, RES)


class Scenario:
    def __init__(self, name, what, opts, lowmem_end, highmem_end, rdm,
                 e820, still_ram=(), qemu_mem=None, refusal=None,
                 module=None, bios="seabios"):
        self.name = name
        self.what = what
        self.opts = opts
        self.lowmem_end = lowmem_end
        self.highmem_end = highmem_end
        self.rdm = rdm                  # expected xenstore entries
        self.e820 = e820                # expected table, END exclusive
        self.still_ram = still_ram      # dropped RDM that must stay RAM
        self.qemu_mem = qemu_mem        # override: (low, high) bytes
        self.refusal = refusal          # the image must refuse with this
        self.module = module            # "dump": not a kernel, else Linux
        self.bios = bios                # what the plan must report


def many_small():
    # As many small regions as the planner allows: 123 of 4 KiB, 64 KiB
    # apart in the MMIO hole, with OVMF (which keeps hvmloader's 128
    # entries; SeaBIOS keeps 26).  With OVMF's 4 fixed entries the table
    # has 127; the patched hvmloader splits its own area into ACPI NVS and
    # reserved, 128 at boot, E820MAX and all Linux's zero page holds.
    regions = [(0xC0000000 + i * 0x10000, 0x1000) for i in range(123)]
    opts = ["--memory", "512", "--bios", "ovmf",
            "--rdm", "strategy=host,policy=strict"]
    for s, n in regions:
        opts += ["--region", "0x%x+0x%x" % (s, n)]
    e820 = FIRST_MB["ovmf"] + [(0x100000, 0x20000000, RAM)] + \
        [(s, s + n, RES) for s, n in regions] + [HVMLOADER_AREA]
    return Scenario("many-small", "123 small regions, the most OVMF's "
                    "128-entry e820 takes", opts, 0x20000000, G4, regions,
                    e820, bios="ovmf")


SCENARIOS = [
    Scenario("no-rdm", "no RDM: hvmloader's plain map (SeaBIOS)",
             ["--memory", "512"], 0x20000000, G4, [],
             LOW + [(0x100000, 0x20000000, RAM), HVMLOADER_AREA]),
    # IGD stolen memory near the top of low RAM, above rdm_mem_boundary:
    # libxl moves lowmem_end down to its start and the 72 MiB of RAM
    # above it to 4 GiB.
    Scenario("igd-lowmem", "IGD-style region moves lowmem_end down",
             ["--memory", "768", "--rdm-mem-boundary", "256",
              "--rdm", "strategy=host,policy=strict",
              "--region", "0x2b800000+0x4000000"],
             0x2B800000, G4 + 0x4800000, [(0x2B800000, 0x4000000)],
             LOW + [(0x100000, 0x2B800000, RAM),
                    (0x2B800000, 0x2F800000, RES), HVMLOADER_AREA,
                    (G4, G4 + 0x4800000, RAM)]),
    Scenario("mmio-hole", "a region in the MMIO hole",
             ["--memory", "512", "--rdm", "strategy=host,policy=strict",
              "--region", "0xe0000000+0x100000"],
             0x20000000, G4, [(0xE0000000, 0x100000)],
             LOW + [(0x100000, 0x20000000, RAM),
                    (0xE0000000, 0xE0100000, RES), HVMLOADER_AREA]),
    # Below the boundary and inside low RAM: a conflict; relaxed, so the
    # region is dropped and stays RAM; the one in the hole is kept.
    Scenario("relaxed-dropped", "a relaxed conflicting region is dropped",
             ["--memory", "512", "--rdm", "strategy=host,policy=relaxed",
              "--region", "0x8000000+0x100000",
              "--region", "0xd0000000+0x200000"],
             0x20000000, G4, [(0xD0000000, 0x200000)],
             LOW + [(0x100000, 0x20000000, RAM),
                    (0xD0000000, 0xD0200000, RES), HVMLOADER_AREA],
             still_ram=[(0x8000000, 0x8100000)]),
    # A 3840 MiB MMIO hole leaves 256 MiB below 4 GiB; 768 MiB go above.
    Scenario("highmem", "RAM above 4 GiB, a region beyond it",
             ["--memory", "1024", "--mmio-hole", "3840",
              "--rdm", "strategy=host,policy=strict",
              "--region", "0x30000000+0x1000",
              "--region", "0x140000000+0x200000"],
             0x10000000, G4 + 0x30000000,
             [(0x30000000, 0x1000), (0x140000000, 0x200000)],
             LOW + [(0x100000, 0x10000000, RAM),
                    (0x30000000, 0x30001000, RES), HVMLOADER_AREA,
                    (G4, G4 + 0x30000000, RAM),
                    (0x140000000, 0x140200000, RES)]),
    many_small(),
    # A real laptop's DMAR (tests/acpi/dmar-laptop.dsl): a USB RMRR at
    # 0xBA776000-0xBA794FFF for every host, the IGD's stolen memory
    # 0xBC000000-0xBE1FFFFF for 00:02.0, passed through.  Both lie above
    # the 2 GiB boundary in 3 GiB of low RAM: lowmem_end drops to the USB
    # region's start rounded down to 2 MiB (HAP), 0xBA600000, and the
    # 90 MiB above it move past 4 GiB.
    Scenario("laptop-dmar", "a laptop's DMAR with its IGD passed through",
             ["--memory", "3072", "--dmar", "{acpi}/dmar-laptop.aml",
              "--rdm", "strategy=host,policy=strict", "--pci", "00:02.0"],
             0xBA600000, G4 + 0xC0000000 - 0xBA600000,
             [(0xBA776000, 0x1F000), (0xBC000000, 0x2200000)],
             LOW + [(0x100000, 0xBA600000, RAM),
                    (0xBA776000, 0xBA795000, RES),
                    (0xBC000000, 0xBE200000, RES), HVMLOADER_AREA,
                    (G4, G4 + 0xC0000000 - 0xBA600000, RAM)]),
    # Low RAM above 3 GiB together with RAM above 4 GiB: an IGD region at
    # 0xDC000000 (64 MiB) in a 6 GiB guest moves lowmem_end down to it,
    # 3.44 GiB stay low and 2.56 GiB go above 4 GiB.  QEMU's current pc
    # types cap low RAM at 3 GiB once there is high RAM (gigabyte_align);
    # xenrdm_qemu.qemu_memory() picks pc-i440fx-1.7 for it.
    Scenario("lowmem-3.4g-high", "IGD at 0xdc000000, 6 GiB: low RAM past "
             "3 GiB and RAM above 4 GiB",
             ["--memory", "6144", "--pci", "00:02.0",
              "--region", "0xdc000000-0xdfffffff@00:02.0"],
             0xDC000000, G4 + 6 * 1024 * MIB - 0xDC000000,
             [(0xDC000000, 0x4000000)],
             LOW + [(0x100000, 0xDC000000, RAM),
                    (0xDC000000, 0xE0000000, RES), HVMLOADER_AREA,
                    (G4, G4 + 6 * 1024 * MIB - 0xDC000000, RAM)]),
    # 3840 MiB with the default 256 MiB MMIO hole: all of it below 4 GiB,
    # low RAM up to the hole at 0xF0000000.
    Scenario("lowmem-3840m", "3840 MiB, default MMIO hole: low RAM to "
             "0xf0000000",
             ["--memory", "3840"], 0xF0000000, G4, [],
             LOW + [(0x100000, 0xF0000000, RAM), HVMLOADER_AREA]),
    # The other two first megabytes (SeaBIOS is every scenario above).
    Scenario("bios-ovmf", "OVMF's first megabyte, a region in the hole",
             ["--memory", "512", "--bios", "ovmf",
              "--rdm", "strategy=host,policy=strict",
              "--region", "0xe0000000+0x100000"],
             0x20000000, G4, [(0xE0000000, 0x100000)],
             FIRST_MB["ovmf"] + [(0x100000, 0x20000000, RAM),
                                 (0xE0000000, 0xE0100000, RES),
                                 HVMLOADER_AREA], bios="ovmf"),
    Scenario("bios-rombios", "ROMBIOS's first megabyte, a region in the "
             "hole", ["--memory", "512", "--bios", "rombios",
                      "--rdm", "strategy=host,policy=strict",
                      "--region", "0xe0000000+0x100000"],
             0x20000000, G4, [(0xE0000000, 0x100000)],
             FIRST_MB["rombios"] + [(0x100000, 0x20000000, RAM),
                                    (0xE0000000, 0xE0100000, RES),
                                    HVMLOADER_AREA], bios="rombios"),
    # The safety net: QEMU gets 256 MiB for a 512 MiB layout; the image
    # must refuse instead of handing Linux RAM that does not exist.
    Scenario("refuse-missing-ram", "image refuses RAM QEMU does not have",
             ["--memory", "512"], 0x20000000, G4, [],
             LOW + [(0x100000, 0x20000000, RAM), HVMLOADER_AREA],
             qemu_mem=(256 * MIB, 0), refusal="refusing: e820 RAM"),
    # The loader's own check: a multiboot module that is no bzImage (the
    # xenstore dump itself) must be refused, not jumped into.
    Scenario("refuse-not-bzimage", "image refuses a module that is no bzImage",
             ["--memory", "512"], 0x20000000, G4, [],
             LOW + [(0x100000, 0x20000000, RAM), HVMLOADER_AREA],
             refusal="the module is not a bzImage", module="dump"),
]


class Runner:
    def __init__(self, args, tools):
        self.args = args
        self.label = "qemu-demo" if args.demo else "qemu-check"
        self.wb = xq.Workbench(args.xen_rdm, args.image, args.efi_app,
                               args.build, tools, self.label)

    def opts(self, sc):
        return [o.replace("{acpi}", self.args.acpi_dir) for o in sc.opts]

    def check(self, sc, domid):
        errors, timing = [], {}
        want = sorted(sc.e820)

        # The plan: memory ends, BIOS and its e820 (built host-side by the
        # firmware's own builder).
        plan, rc, err = self.wb.plan(self.opts(sc))
        if plan is None:
            raise xq.Failed("xen-rdm plan exit %d: %s" % (rc, err[:300]))
        errors += xq.diff_tables("xen-rdm plan --json e820", want,
                                 xq.plan_table(plan)) or []
        if (plan["lowmem_end"], plan["highmem_end"]) != \
                (sc.lowmem_end, sc.highmem_end):
            errors.append("plan: expected lowmem_end 0x%x highmem_end 0x%x, "
                          "got 0x%x 0x%x" % (sc.lowmem_end, sc.highmem_end,
                                             plan["lowmem_end"],
                                             plan["highmem_end"]))
        if plan.get("bios") != sc.bios:
            errors.append("plan: expected bios %s, got %s" %
                          (sc.bios, plan.get("bios")))

        # What the shim wrote to the real xenstored.
        dump = self.wb.apply_and_dump(sc.name, self.opts(sc), domid, sc.bios)
        _, keys, _ = xq.parse_dump(dump)
        rdm = xq.dump_rdm(keys)
        lo = int(keys.get("lowmem-end", "0"), 16)
        hi = int(keys.get("highmem-end", "0"), 16)
        if (rdm, lo, hi) != (sorted(sc.rdm), sc.lowmem_end, sc.highmem_end):
            errors.append("xenstore keys: expected %d entries %s, lowmem-end "
                          "0x%x, highmem-end 0x%x; got %d entries %s, 0x%x, "
                          "0x%x" % (len(sc.rdm), sc.rdm[:3], sc.lowmem_end,
                                    sc.highmem_end, len(rdm), rdm[:3], lo, hi))

        # The image, then Linux, in one QEMU; then OVMF.
        efi = not self.args.no_efi and not sc.refusal
        c = self.wb.boot(sc.name, dump, plan["lowmem_end"],
                         plan["highmem_end"], efi, mem=sc.qemu_mem,
                         module=sc.module, parallel=True)
        timing["image"] = c.image_t
        log = c.image.log
        tables = {"plan": xq.plan_table(plan), "image": c.image_table}
        if c.image_table is None:
            errors.append("image: no XENRDM-E820 line (exit %s); last "
                          "lines: %s; log %s" % (c.image.rc,
                                                 c.image.tail(4), log))
        else:
            errors += xq.diff_tables("image e820", want, c.image_table) or []
        if sc.refusal:
            text_all = c.image.text()
            if c.image.rc != xq.DEBUG_EXIT_FAIL:
                errors.append("image: expected exit %d (fail), got %s" %
                              (xq.DEBUG_EXIT_FAIL, c.image.rc))
            if sc.refusal not in text_all:
                errors.append("image: expected the message '%s'; see %s" %
                              (sc.refusal, log))
            if "Linux version" in text_all:
                errors.append("image: Linux was started after a refusal")
        else:
            timing["linux"] = c.linux_t
            if c.linux_table is None:
                errors.append("Linux: no BIOS-e820 lines (QEMU exit %s); "
                              "last lines: %s; log %s" % (
                                  c.image.rc, c.image.tail(4), log))
            else:
                tables["linux"] = c.linux_table
                errors += xq.diff_tables("Linux BIOS-e820", want,
                                         c.linux_table) or []
                for s, n in sc.rdm:
                    if not xq.covered(c.linux_table, s, s + n, RES):
                        errors.append("Linux: RDM [0x%x, 0x%x) is not "
                                      "reserved" % (s, s + n))
                for s, e in sc.still_ram:
                    if not xq.covered(c.linux_table, s, e, RAM):
                        errors.append("Linux: dropped region [0x%x, 0x%x) "
                                      "is not usable RAM" % (s, e))
        if efi:
            timing["efi"] = c.efi.elapsed
            if c.efi.rc != xq.DEBUG_EXIT_PASS or c.efi_table is None:
                errors.append("EFI: expected exit %d and an XENRDM-E820 "
                              "line, got exit %s; log %s" % (
                                  xq.DEBUG_EXIT_PASS, c.efi.rc, c.efi_log))
            if c.efi_table is not None:
                tables["efi"] = c.efi_table
                errors += xq.diff_tables("EFI e820", want, c.efi_table) or []

        timing["cpu"] = sum(r.cpu or 0 for r in (c.image, c.efi) if r)
        # The one invariant checker on every table, against the layout
        # the keys give the module.
        v = self.wb.verdicts(dump, sc.bios, tables)
        for name in tables:
            if tables[name] is not None and v.checks.get(name) != "ok":
                errors.append("checker on the %s table: %s" %
                              (name, v.checks.get(name)))
        return errors, timing, (plan, c)

    def demo(self, sc, tables):
        plan, c = tables
        print("\n%s: %s\n  xen-rdm plan %s\n" % (sc.name, sc.what,
                                            " ".join(self.opts(sc))))
        cols = [("xen-rdm plan", xq.plan_table(plan)),
                ("test image (i386)", c.image_table),
                ("Linux BIOS-e820", c.linux_table),
                ("EFI app (x86_64)", c.efi_table)]
        for line in xq.side_by_side(cols):
            print(line)
        print("  (ends inclusive, as Linux prints them)")

    def main(self):
        print("%s: kernel %s, QEMU TCG, %s" % (
            self.label, os.path.basename(self.wb.tools.kernel),
            "OVMF for the EFI build" if not self.args.no_efi else "no EFI"))
        chosen = SCENARIOS
        if self.args.demo:
            chosen = [s for s in SCENARIOS if s.name == self.args.demo]
        elif self.args.only:
            chosen = [s for s in SCENARIOS if s.name in self.args.only]
        if not chosen:
            print("%s: no scenario selected" % self.label)
            return 2
        passed = failed = 0
        t_all = time.monotonic()
        with self.wb:
            for domid, sc in enumerate(chosen, start=11):
                try:
                    errors, timing, tables = self.check(sc, domid)
                except xq.Failed as e:
                    errors, timing, tables = [str(e)], {}, None
                ts = ", ".join("%s %s" % (k, "%.2f s" % v if v is not None
                                          else "-")
                               for k, v in timing.items())
                if errors:
                    failed += 1
                    print("  FAIL  %-20s %s" % (sc.name, ts))
                    for e in errors:
                        print("        " + e)
                else:
                    passed += 1
                    print("  ok    %-20s %s   (%s)" % (sc.name, ts, sc.what))
                if self.args.demo and tables:
                    self.demo(sc, tables)
        print("%s: %d passed, %d failed (%.1f s at load average %.1f; "
              "times are from QEMU start to the image's e820 line, to "
              "Linux's last BIOS-e820 line, and to OVMF's exit; cpu: both "
              "QEMUs' CPU time)" % (
                  self.label, passed, failed, time.monotonic() - t_all,
                  os.getloadavg()[0]))
        return 0 if failed == 0 else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--xen-rdm", required=True)
    ap.add_argument("--image", required=True)
    ap.add_argument("--efi-app", required=True)
    ap.add_argument("--build", required=True)
    ap.add_argument("--acpi-dir", required=True,
                    help="where tests/acpi's compiled tables are")
    ap.add_argument("--only", action="append")
    ap.add_argument("--demo")
    ap.add_argument("--no-efi", action="store_true")
    args = ap.parse_args()
    label = "qemu-demo" if args.demo else "qemu-check"
    for f in (args.xen_rdm, args.image, args.efi_app):
        if not os.path.exists(f):
            print("%s: FAIL: %s is missing (build it first)" % (label, f))
            return 1
    args.xen_rdm = os.path.abspath(args.xen_rdm)
    args.build = os.path.abspath(args.build)
    args.acpi_dir = os.path.abspath(args.acpi_dir)
    os.environ["BUILD"] = args.build    # xsd.sh finds its preload there
    try:
        tools = xq.Tools(need_efi=not args.no_efi)
    except xq.Missing as e:
        print("%s: FAIL: %s" % (label, e))
        return 1
    return Runner(args, tools).main()


if __name__ == "__main__":
    sys.exit(main())
