#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""tests/qemu/run_scenarios.py - the whole xen-rdm chain under QEMU.

For each scenario:
  1. `xen-rdm apply --domid N OPTIONS` writes the RDM keys into a private
     instance of Xen's real xenstored (tests/xs/xsd.sh);
  2. `xenstore-ls -f /local/domain/N` dumps the domain's keys to a file;
  3. QEMU boots the test image with that dump as the fw_cfg file
     opt/org.xenrdm/xenstore and hvm_info's two memory ends on its command
     line; the image runs the firmware module and prints its e820, then
     starts Debian's Linux kernel on it; QEMU is stopped (by pid) as soon
     as Linux has printed its BIOS-e820 lines;
  4. OVMF starts the EFI build of the module on the same dump.
Then `xen-rdm plan --json OPTIONS`, the xenstore keys, the image's table,
Linux's table and the EFI table must all equal the scenario's expected
table, which is written out by hand below from hvmloader's fixed layout
and libxl's RDM rules (not taken from any of the programs' output), and
every valid RDM range must be reserved in Linux's view.

Usage: run_scenarios.py --xen-rdm BIN --image ELF --efi-app EFI
                        --build DIR --acpi-dir DIR
                        [--only NAME]... [--demo NAME] [--no-efi]
Exit status 0 when every scenario passed.
"""

import argparse
import glob
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time

MIB = 1 << 20
G4 = 1 << 32
RAM, RES = 1, 2

# hvmloader's fixed entries (tools/firmware/hvmloader/e820.c): low RAM up
# to 0xA0000, the BIOS image [0xE0000, 1 MiB), and its own area
# [0xFC000000, 4 GiB).
LOW = [(0, 0xA0000, RAM), (0xE0000, 0x100000, RES)]
HVMLOADER_AREA = (0xFC000000, G4, RES)

QEMU = "qemu-system-x86_64"
OVMF = "/usr/share/ovmf/OVMF.fd"
KERNEL_GLOB = "/boot/vmlinuz-*"
DEBUG_EXIT_PASS, DEBUG_EXIT_FAIL = 33, 35   # (0x10 << 1) | 1, (0x11 << 1) | 1
LINUX_TIMEOUT = 90
EFI_TIMEOUT = 90


class Scenario:
    def __init__(self, name, what, opts, lowmem_end, highmem_end, rdm,
                 e820, still_ram=(), qemu_mem=None, refusal=None,
                 module=None):
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


def many_small():
    # XENRDM_XS_MAX_COUNT (124) regions of 4 KiB, 64 KiB apart in the
    # MMIO hole: with the 4 fixed entries exactly E820MAX (128) entries,
    # which is also all Linux's zero page holds.
    regions = [(0xC0000000 + i * 0x10000, 0x1000) for i in range(124)]
    opts = ["--memory", "512", "--rdm", "strategy=host,policy=strict"]
    for s, n in regions:
        opts += ["--region", "0x%x+0x%x" % (s, n)]
    e820 = LOW + [(0x100000, 0x20000000, RAM)] + \
        [(s, s + n, RES) for s, n in regions] + [HVMLOADER_AREA]
    return Scenario("many-small", "124 small regions: a full 128-entry e820",
                    opts, 0x20000000, G4, regions, e820)


SCENARIOS = [
    Scenario("no-rdm", "no RDM: hvmloader's plain map",
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

LINUX_TYPES = {"usable": RAM, "reserved": RES, "ACPI data": 3,
               "ACPI NVS": 4, "unusable": 5}
JSON_TYPES = {"ram": RAM, "reserved": RES, "acpi": 3, "nvs": 4,
              "unusable": 5}


def fmt_table(t):
    return " ".join("%x-%x:%d" % e for e in t) if t else "(empty)"


def diff_tables(name, want, got):
    """None when equal, else lines saying what differs."""
    if want == got:
        return None
    lines = ["%s differs from the expected table:" % name]
    for i in range(max(len(want), len(got))):
        w = "%x-%x:%d" % want[i] if i < len(want) else "-"
        g = "%x-%x:%d" % got[i] if i < len(got) else "-"
        if w != g:
            lines.append("  [%d] expected %s, got %s" % (i, w, g))
    return lines


class Failed(Exception):
    pass


def run(cmd, env=None, check=True):
    p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    if check and p.returncode != 0:
        raise Failed("%s: exit %d: %s" % (" ".join(cmd[:3]), p.returncode,
                                          p.stderr.strip()[:400]))
    return p


def newest_kernel():
    def version_key(path):
        v = path.rsplit("vmlinuz-", 1)[1]
        return [int(x) if x.isdigit() else x
                for x in re.split(r"[.-]", v)]
    kernels = sorted(glob.glob(KERNEL_GLOB), key=version_key)
    return kernels[-1] if kernels else None


class Xenstored:
    """A private xenstored via tests/xs/xsd.sh."""

    def __init__(self, top, workdir):
        self.xsd = os.path.join(top, "tests/xs/xsd.sh")
        self.dir = os.path.join(workdir, "xs")
        self.env = dict(os.environ)

    def start(self):
        p = run(["sh", self.xsd, "start", self.dir])
        for line in p.stdout.splitlines():
            m = re.match(r"export (\w+)='(.*)'$", line)
            if m:
                self.env[m.group(1)] = m.group(2)
        if "XENSTORED_PATH" not in self.env:
            raise Failed("xsd.sh start printed no XENSTORED_PATH")

    def stop(self):
        run(["sh", self.xsd, "stop", self.dir], check=False)


def parse_dump(path, domid):
    """The RDM keys from the xenstore-ls -f dump, as the ABI defines them."""
    keys = {}
    home = "/local/domain/%d/hvmloader/rdm/" % domid
    with open(path) as f:
        for line in f:
            m = re.match(r'(\S+) = "(.*)"', line.strip())
            if m and m.group(1).startswith(home):
                keys[m.group(1)[len(home):]] = m.group(2)
    n = int(keys.get("count", "0"))
    rdm = [(int(keys["%d/start" % i], 16), int(keys["%d/size" % i], 16))
           for i in range(n)]
    return (rdm, int(keys.get("lowmem-end", "0"), 16),
            int(keys.get("highmem-end", "0"), 16))


def qemu_memory(sc, plan):
    """-m and max-ram-below-4g so that QEMU's RAM covers the layout (and
    the image at 96 MiB plus the kernel it carries)."""
    if sc.qemu_mem:
        low, high = sc.qemu_mem
    else:
        low = max(plan["lowmem_end"], 128 * MIB)
        high = plan["highmem_end"] - G4
    low = -(-low // MIB) * MIB
    high = -(-high // MIB) * MIB
    if low > 0xE0000000:
        raise Failed("lowmem_end 0x%x is above what QEMU's pc machine "
                     "can map below 4 GiB" % plan["lowmem_end"])
    machine = "pc,max-ram-below-4g=%d" % low
    return ["-m", "%dM" % ((low + high) // MIB), "-machine", machine]


def stream_qemu(cmd, log_path, timeout, stop_when):
    """Runs QEMU, reading its serial (stdout) line by line with times
    since start.  stop_when(lines) -> True kills QEMU by pid.  Returns
    (lines [(t, text)], exit status or None when we killed it)."""
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         stdin=subprocess.DEVNULL)
    lines, buf, rc = [], b"", None
    try:
        while True:
            left = timeout - (time.monotonic() - t0)
            if left <= 0:
                lines.append((time.monotonic() - t0,
                              "runner: timeout after %d s" % timeout))
                break
            r, _, _ = select.select([p.stdout], [], [], min(left, 1.0))
            if not r:
                if p.poll() is not None:
                    break
                continue
            chunk = os.read(p.stdout.fileno(), 65536)
            if not chunk:
                break
            buf += chunk
            now = time.monotonic() - t0
            while b"\n" in buf:
                raw, buf = buf.split(b"\n", 1)
                lines.append((now, raw.decode("ascii", "replace")
                              .rstrip("\r")))
            if stop_when(lines):
                break
    finally:
        if p.poll() is None:
            p.kill()
        p.wait()
        rc = p.returncode
        p.stdout.close()
        with open(log_path, "w") as f:
            for t, text in lines:
                f.write("%8.3f %s\n" % (t, text))
            if buf:
                f.write("         %s\n" % buf.decode("ascii", "replace"))
    return lines, rc


MARKER = re.compile(r"XENRDM-E820 n=(\d+)((?: [0-9a-f]+-[0-9a-f]+:\d+)*)$")
LINUX_E820 = re.compile(r"BIOS-e820: \[mem (0x[0-9a-f]+)-(0x[0-9a-f]+)\] (.+)$")


def parse_marker(text):
    m = MARKER.search(text)
    if not m:
        return None
    t = []
    for item in m.group(2).split():
        rng, typ = item.split(":")
        a, b = rng.split("-")
        t.append((int(a, 16), int(b, 16), int(typ)))
    if len(t) != int(m.group(1)):
        return None
    return t


def linux_table(lines):
    """Linux's table (END made exclusive) and the time of its last line,
    once a non-e820 line follows them; else (None, None)."""
    t, when, seen_end = [], None, False
    for ts, text in lines:
        m = LINUX_E820.search(text)
        if m:
            typ = LINUX_TYPES.get(m.group(3).strip(), -1)
            t.append((int(m.group(1), 16), int(m.group(2), 16) + 1, typ))
            when = ts
        elif t:
            seen_end = True
            break
    return (t, when) if seen_end else (None, None)


def covered(table, start, end, typ):
    """Is every byte of [start, end) in entries of type TYP?"""
    pos = start
    for a, b, t in sorted(table):
        if t == typ and a <= pos < b:
            pos = b
        if pos >= end:
            return True
    return pos >= end


class Runner:
    def __init__(self, args):
        self.args = args
        self.top = os.path.dirname(os.path.dirname(
            os.path.dirname(os.path.abspath(__file__))))
        self.kernel = newest_kernel()
        self.work = tempfile.mkdtemp(prefix="xrq.", dir="/tmp")
        self.logdir = os.path.join(args.build, "test-logs", "qemu")
        os.makedirs(self.logdir, exist_ok=True)
        self.xs = Xenstored(self.top, self.work)
        self.label = "qemu-demo" if args.demo else "qemu-check"

    def opts(self, sc):
        return [o.replace("{acpi}", self.args.acpi_dir) for o in sc.opts]

    def plan(self, sc):
        p = run([self.args.xen_rdm, "plan", "--json"] + self.opts(sc),
                check=False)
        if p.returncode != 0:
            raise Failed("xen-rdm plan exit %d: %s" %
                         (p.returncode, p.stderr.strip()[:300]))
        return json.loads(p.stdout)

    def dump_keys(self, sc, domid):
        env = self.xs.env
        run(["sh", self.xs.xsd, "home", self.xs.dir, str(domid)], env=env)
        run([self.args.xen_rdm, "apply", "--domid", str(domid)] + self.opts(sc),
            env=env)
        dump = os.path.join(self.work, "%s.dump" % sc.name)
        p = run(["xenstore-ls", "-f", "/local/domain/%d" % domid], env=env)
        with open(dump, "w") as f:
            f.write(p.stdout)
        return dump

    def boot_image(self, sc, plan, dump):
        """Image + Linux in one QEMU run."""
        append = "lowmem_end=0x%x highmem_end=0x%x" % (
            plan["lowmem_end"], plan["highmem_end"])
        cmd = [QEMU, "-accel", "tcg", "-smp", "1", "-display", "none",
               "-monitor", "none", "-serial", "stdio", "-no-reboot",
               "-net", "none",
               "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
               "-kernel", self.args.image, "-append", append,
               "-initrd", dump if sc.module == "dump" else self.kernel,
               "-fw_cfg", "name=opt/org.xenrdm/xenstore,file=%s" % dump]
        cmd += qemu_memory(sc, plan)

        def linux_done(lines):
            return linux_table(lines)[0] is not None
        log = os.path.join(self.logdir, "%s.image.log" % sc.name)
        lines, rc = stream_qemu(cmd, log, LINUX_TIMEOUT, linux_done)
        return lines, rc, log

    def boot_efi(self, sc, plan, dump):
        esp = os.path.join(self.work, "esp-" + sc.name)
        os.makedirs(os.path.join(esp, "EFI", "BOOT"))
        shutil.copy(self.args.efi_app,
                    os.path.join(esp, "EFI", "BOOT", "BOOTX64.EFI"))
        raw = os.path.join(self.logdir, "%s.efi.log" % sc.name)
        if os.path.exists(raw):
            os.unlink(raw)
        cmd = [QEMU, "-accel", "tcg", "-smp", "1", "-display", "none",
               "-monitor", "none", "-serial", "stdio", "-no-reboot",
               "-net", "none", "-bios", OVMF,
               "-drive", "file=fat:rw:%s,format=raw,if=ide" % esp,
               "-debugcon", "file:%s" % raw,
               "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
               "-fw_cfg", "name=opt/org.xenrdm/xenstore,file=%s" % dump]
        cmd += qemu_memory(sc, plan)
        t0 = time.monotonic()
        _, rc = stream_qemu(cmd, os.path.join(self.logdir, "%s.ovmf.log"
                                              % sc.name), EFI_TIMEOUT,
                            lambda lines: False)
        elapsed = time.monotonic() - t0
        text = open(raw, errors="replace").read() if os.path.exists(raw) \
            else ""
        return text, rc, elapsed, raw

    def check(self, sc, domid):
        errors, timing = [], {}
        plan = self.plan(sc)
        want = sorted(sc.e820)

        # The plan: memory ends and its e820 (built host-side by the
        # firmware's own builder).
        got = [(e["start"], e["start"] + e["size"],
                JSON_TYPES.get(e["type"], -1)) for e in plan["e820"]]
        errors += diff_tables("xen-rdm plan --json e820", want, got) or []
        if (plan["lowmem_end"], plan["highmem_end"]) != \
                (sc.lowmem_end, sc.highmem_end):
            errors.append("plan: expected lowmem_end 0x%x highmem_end 0x%x, "
                          "got 0x%x 0x%x" % (sc.lowmem_end, sc.highmem_end,
                                             plan["lowmem_end"],
                                             plan["highmem_end"]))

        # What the shim wrote to the real xenstored.
        dump = self.dump_keys(sc, domid)
        rdm, lo, hi = parse_dump(dump, domid)
        if (rdm, lo, hi) != (sorted(sc.rdm), sc.lowmem_end, sc.highmem_end):
            errors.append("xenstore keys: expected %d entries %s, lowmem-end "
                          "0x%x, highmem-end 0x%x; got %d entries %s, 0x%x, "
                          "0x%x" % (len(sc.rdm), sc.rdm[:3], sc.lowmem_end,
                                    sc.highmem_end, len(rdm), rdm[:3], lo, hi))

        # The image, then Linux, in one QEMU.
        lines, rc, log = self.boot_image(sc, plan, dump)
        image_t = None
        image_tab = None
        for ts, text in lines:
            if image_tab is None:
                image_tab = parse_marker(text)
                image_t = ts if image_tab is not None else None
        text_all = "\n".join(t for _, t in lines)
        if sc.refusal:
            if rc != DEBUG_EXIT_FAIL:
                errors.append("image: expected exit %d (fail), got %s" %
                              (DEBUG_EXIT_FAIL, rc))
            if sc.refusal not in text_all:
                errors.append("image: expected the message '%s'; see %s" %
                              (sc.refusal, log))
            if "Linux version" in text_all:
                errors.append("image: Linux was started after a refusal")
            if image_tab is None:
                errors.append("image: no XENRDM-E820 line; see %s" % log)
            else:
                errors += diff_tables("image e820", want, image_tab) or []
            timing["image"] = image_t
            return errors, timing, (plan, image_tab, None, None)

        if image_tab is None:
            errors.append("image: no XENRDM-E820 line (exit %s); last "
                          "lines: %s; log %s" % (
                              rc, [t for _, t in lines[-4:]], log))
        else:
            errors += diff_tables("image e820", want, image_tab) or []
        timing["image"] = image_t
        linux, linux_t = linux_table(lines)
        timing["linux"] = linux_t
        if linux is None:
            errors.append("Linux: no BIOS-e820 lines (QEMU exit %s); last "
                          "lines: %s; log %s" % (
                              rc, [t for _, t in lines[-4:]], log))
        else:
            errors += diff_tables("Linux BIOS-e820", want, linux) or []
            for s, n in sc.rdm:
                if not covered(linux, s, s + n, RES):
                    errors.append("Linux: RDM [0x%x, 0x%x) is not reserved"
                                  % (s, s + n))
            for s, e in sc.still_ram:
                if not covered(linux, s, e, RAM):
                    errors.append("Linux: dropped region [0x%x, 0x%x) is "
                                  "not usable RAM" % (s, e))

        # The EFI build under OVMF on the same dump.
        efi_tab = None
        if not self.args.no_efi:
            text, rc, elapsed, raw = self.boot_efi(sc, plan, dump)
            efi_tab = next((t for t in map(parse_marker, text.splitlines())
                            if t is not None), None)
            timing["efi"] = elapsed
            if rc != DEBUG_EXIT_PASS or efi_tab is None:
                errors.append("EFI: expected exit %d and an XENRDM-E820 "
                              "line, got exit %s; log %s" % (
                                  DEBUG_EXIT_PASS, rc, raw))
            if efi_tab is not None:
                errors += diff_tables("EFI e820", want, efi_tab) or []
        return errors, timing, (plan, image_tab, linux, efi_tab)

    def demo(self, sc, tables):
        plan, image_tab, linux, efi_tab = tables
        plan_tab = [(e["start"], e["start"] + e["size"],
                     JSON_TYPES.get(e["type"], -1)) for e in plan["e820"]]
        names = {RAM: "ram", RES: "reserved"}
        print("\n%s: %s\n  xen-rdm %s\n" % (sc.name, sc.what,
                                            " ".join(self.opts(sc))))
        cols = [("xen-rdm plan", plan_tab), ("test image (i386)", image_tab),
                ("EFI app (x86_64)", efi_tab), ("Linux BIOS-e820", linux)]
        cols = [(h, t) for h, t in cols if t is not None]
        print("  " + " | ".join("%-33s" % h for h, _ in cols))
        for i in range(max(len(t) for _, t in cols)):
            cells = []
            for _, t in cols:
                if i < len(t):
                    a, b, ty = t[i]
                    cells.append("%011x-%011x %-9s" % (a, b - 1,
                                                       names.get(ty, ty)))
                else:
                    cells.append(" " * 33)
            print("  " + " | ".join(cells))
        print("  (ends inclusive, as Linux prints them)")

    def main(self):
        if not self.kernel:
            print("%s: FAIL: no Linux kernel in /boot (Debian "
                  "package linux-image-amd64)" % self.label)
            return 1
        print("%s: kernel %s, QEMU TCG, %s" % (self.label,
            os.path.basename(self.kernel),
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
        try:
            self.xs.start()
            for domid, sc in enumerate(chosen, start=11):
                try:
                    errors, timing, tables = self.check(sc, domid)
                except Failed as e:
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
        finally:
            self.xs.stop()
            shutil.rmtree(self.work, ignore_errors=True)
        print("%s: %d passed, %d failed (%.1f s; times are from "
              "QEMU start to the image's e820 line, to Linux's last "
              "BIOS-e820 line, and to OVMF's exit)" % (
                  self.label, passed, failed, time.monotonic() - t_all))
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
    for f in (args.xen_rdm, args.image, args.efi_app):
        if not os.path.exists(f):
            print("qemu-check: FAIL: %s is missing (build it first)" % f)
            return 1
    args.xen_rdm = os.path.abspath(args.xen_rdm)
    args.build = os.path.abspath(args.build)
    args.acpi_dir = os.path.abspath(args.acpi_dir)
    os.environ["BUILD"] = args.build    # xsd.sh finds its preload there
    return Runner(args).main()


if __name__ == "__main__":
    sys.exit(main())
