#!/usr/bin/env python3
# tests/acpi/test_real.py - every real DMAR and IVRS table of
# tests/acpi/real/ (see its SOURCE.md) against an independent reading:
# iasl -d's disassembly, parsed here with the rules written out from the
# VT-d and IVRS specifications (not from xen-rdm's code).
#
# For each table:
#  1. acpi_dump (xenrdm_acpi_table_read) must list exactly the regions
#     iasl's reading gives (start, size, device or device range or
#     host-wide), and one warning per structure the rules skip;
#  2. `xen-rdm plan --json --rdm strategy=host,policy=relaxed` with every
#     device of the table assigned (relaxed) must plan (exit 0 or 1) and
#     its RDM set must hold every range, each with exactly its devices;
#  3. tables with multi-hop scopes: again with a fake sysfs tree (bridges
#     with pci_bus/ entries) under which the scopes resolve.
# Under make check-san both programs are built with ASan + UBSan, whose
# reports end the program with exit 1, the status of a plan that fails:
# a report on stderr fails the run whatever its status.
# Environment: XEN_RDM (the command), ACPI_DUMP, IASL (default iasl).
# Ends with "real-acpi: N passed, N failed".
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REAL = os.path.join(HERE, "real")
XEN_RDM = os.environ["XEN_RDM"]
ACPI_DUMP = os.environ["ACPI_DUMP"]
IASL = os.environ.get("IASL", "iasl")
PAGE = 0x1000
P52 = 1 << 52

passed = failed = 0
nr_regions = nr_devices = nr_tables = nr_multihop = 0


def check(name, ok, *detail):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL: " + name)
        for d in detail:
            print("      " + str(d)[:2000])


def sbdf(seg, bus, dev, fn):
    return "%04x:%02x:%02x.%x" % (seg, bus, dev, fn)


def devid_sbdf(seg, devid):
    return sbdf(seg, devid >> 8, (devid >> 3) & 0x1f, devid & 7)


FIELD = re.compile(r"^\[([0-9A-F]+)h [0-9]+ +[0-9]+\] +(.*?) : (.*)$")


def iasl_fields(path, tmp):
    """(offset, name, value) of every field iasl -d prints."""
    dat = os.path.join(tmp, "t.dat")
    shutil.copyfile(path, dat)
    subprocess.run([IASL, "-d", dat], cwd=tmp, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    out = []
    with open(os.path.join(tmp, "t.dsl"), encoding="latin-1") as f:
        for line in f:
            m = FIELD.match(line.strip())
            if m:
                out.append((int(m.group(1), 16), m.group(2).strip(),
                            m.group(3).strip()))
    return out


def hexv(v):
    return int(v.split()[0], 16)


def read_dmar(fields, topo):
    """Regions and skip count by the VT-d rules: an RMRR is
    [base, limit], page granular, below 2^52; each PCI endpoint/bridge
    scope names (bus, path): one hop is the device, more hops need the
    secondary bus of each bridge (topo) else the scope is skipped; an
    RMRR with no PCI scope is host-wide."""
    regions, skips, multihop = [], 0, 0
    rmrrs = []
    cur = None
    scope = None
    for off, name, val in fields:
        if name == "Subtable Type":
            cur = None
            if hexv(val) == 1:
                cur = {"off": off, "scopes": []}
                rmrrs.append(cur)
            continue
        if cur is None:
            continue
        if name == "PCI Segment Number":
            cur["seg"] = hexv(val)
        elif name == "Base Address":
            cur["base"] = hexv(val)
        elif name == "End Address (limit)":
            cur["limit"] = hexv(val)
        elif name == "Device Scope Type":
            scope = {"type": hexv(val), "path": []}
            cur["scopes"].append(scope)
        elif name == "PCI Bus Number":
            scope["bus"] = hexv(val)
        elif name == "PCI Path":
            d, f = val.split(",")
            scope["path"].append((int(d, 16), int(f, 16)))
    for r in rmrrs:
        base, limit, seg = r["base"], r["limit"], r["seg"]
        if limit < base or base % PAGE or (limit + 1) % PAGE or limit >= P52:
            skips += 1
            continue
        size = limit - base + 1
        pci = [s for s in r["scopes"] if s["type"] in (1, 2)]
        if not pci:
            regions.append((base, size, "host"))
            continue
        for s in pci:
            bus, path = s["bus"], s["path"]
            if len(path) > 1:
                multihop += 1
                if topo is None:
                    skips += 1
                    continue
                for d, f in path[:-1]:
                    bus = topo[(seg, bus, d, f)]
            d, f = path[-1]
            regions.append((base, size, sbdf(seg, bus, d, f)))
    return regions, skips, multihop


def read_ivrs(fields):
    """Regions by the IVRS rules: an IVMD's range widened to pages;
    20h/23h host-wide, 21h its DeviceID, 22h DeviceID..Auxiliary Data;
    the segment of the IVHD before it."""
    regions, skips = [], 0
    seg = 0
    blocks = []
    cur = None
    for off, name, val in fields:
        if name == "Subtable Type":
            t = hexv(val)
            cur = {"type": t}
            blocks.append(cur)
        elif cur is not None:
            cur[name] = val
    for b in blocks:
        t = b["type"]
        if t in (0x10, 0x11, 0x40) and "PCI Segment Group" in b:
            seg = hexv(b["PCI Segment Group"])
        if t not in (0x20, 0x21, 0x22, 0x23):
            continue
        start = hexv(b["Start Address"])
        length = hexv(b["Memory Length"])
        if length == 0 or start + length > P52:
            skips += 1
            continue
        lo = start & ~(PAGE - 1)
        hi = (start + length + PAGE - 1) & ~(PAGE - 1)
        devid = hexv(b["DeviceId"])
        aux = hexv(b["Auxiliary Data"])
        if t in (0x20, 0x23):
            regions.append((lo, hi - lo, "host"))
        elif t == 0x21 or aux == devid:
            regions.append((lo, hi - lo, devid_sbdf(seg, devid)))
        elif aux < devid:
            skips += 1
        else:
            regions.append((lo, hi - lo, devid_sbdf(seg, devid) + "-" +
                            devid_sbdf(seg, aux)))
    return regions, skips


SANITIZER = re.compile(r"ERROR: [A-Za-z]*Sanitizer|runtime error:")


def sanitizer_report(stderr):
    """ASan's, LeakSanitizer's or UBSan's report in stderr, or ""."""
    m = SANITIZER.search(stderr)
    return stderr[max(0, m.start() - 200):m.start() + 1500] if m else ""


def dump(path, sysfs=None):
    cmd = [ACPI_DUMP] + (["--sysfs", sysfs] if sysfs else []) + [path]
    p = subprocess.run(cmd, capture_output=True, text=True)
    report = sanitizer_report(p.stderr)
    regions, warnings = [], []
    for line in p.stdout.splitlines():
        if line.startswith("region "):
            _, s, z, d = line.split()
            regions.append((int(s, 16), int(z, 16), d))
        elif line.startswith("warning "):
            warnings.append(line)
    return (-1 if report else p.returncode), regions, warnings, \
        p.stdout + report


def plan_check(name, path, want, sysfs=None):
    """xen-rdm plan with every device assigned: every range in the set
    with exactly its devices."""
    devs = set()
    for _, _, d in want:
        if d == "host":
            continue
        for one in d.split("-"):       # a range: its first and last
            devs.add(one)
    cmd = [XEN_RDM, "plan", "--memory", "2048", "--json", "--rdm",
           "strategy=host,policy=relaxed", "--dmar", path]
    if sysfs:
        cmd += ["--sysfs", sysfs]
    for d in sorted(devs):
        cmd += ["--pci", d + ",rdm_policy=relaxed"]
    p = subprocess.run(cmd, capture_output=True, text=True)
    report = sanitizer_report(p.stderr)
    check(name + ": plans (exit 0 or 1, no sanitizer report)",
          p.returncode in (0, 1) and not report,
          "exit %d" % p.returncode, report or p.stderr)
    if p.returncode not in (0, 1) or report:
        return
    plan = json.loads(p.stdout)
    got = {(r["start"], r["size"]): sorted(r["devices"]) for r in plan["rdms"]}
    exp = {}
    for s, z, d in want:
        e = exp.setdefault((s, z), set())
        if d != "host":
            for one in d.split("-"):
                e.add(one)
    exp = {k: sorted(v) for k, v in exp.items()}
    check(name + ": plan's RDM set and devices", got == exp,
          "expected %s" % sorted(exp.items()), "got      %s" % sorted(got.items()))
    check(name + ": nothing left out", plan.get("left_out") == [],
          plan.get("left_out"))


def fake_sysfs(root, topo):
    """A sysfs tree where each bridge (seg, bus, dev, fn) has its secondary
    bus as pci_bus/SSSS:NN."""
    for (seg, bus, d, f), sec in topo.items():
        os.makedirs(os.path.join(root, "bus/pci/devices", sbdf(seg, bus, d, f),
                                 "pci_bus", "%04x:%02x" % (seg, sec)),
                    exist_ok=True)


def multihop_topology(fields):
    """Every bridge on a multi-hop path, each given a distinct bus."""
    topo, nxt = {}, 0x40
    seg, bus, path = 0, None, []

    def flush():
        nonlocal nxt
        if bus is None or len(path) < 2:
            return
        b = bus
        for d, f in path[:-1]:
            key = (seg, b, d, f)
            if key not in topo:
                topo[key] = nxt
                nxt += 1
            b = topo[key]
    for _, name, val in fields:
        if name in ("Subtable Type", "Device Scope Type"):
            flush()
            bus, path = None, []
        if name == "PCI Segment Number":
            seg = hexv(val)
        elif name == "PCI Bus Number":
            bus = hexv(val)
        elif name == "PCI Path":
            d, f = val.split(",")
            path.append((int(d, 16), int(f, 16)))
    flush()
    return topo


def main():
    global nr_regions, nr_devices, nr_tables, nr_multihop
    tables = sorted(glob.glob(os.path.join(REAL, "*.DMAR")) +
                    glob.glob(os.path.join(REAL, "*.IVRS")))
    check("real tables present", len(tables) > 100, len(tables))
    tmp = tempfile.mkdtemp()
    try:
        for path in tables:
            name = os.path.basename(path)
            fields = iasl_fields(path, tmp)
            check(name + ": iasl reads it", len(fields) > 10, len(fields))
            if path.endswith(".DMAR"):
                want, skips, mh = read_dmar(fields, None)
            else:
                want, skips, mh = read_ivrs(fields) + (0,)
            rc, got, warns, out = dump(path)
            check(name + ": read (exit 0)", rc == 0, out)
            check(name + ": regions as iasl reads them",
                  sorted(got) == sorted(want),
                  "expected %s" % sorted(want), "got      %s" % sorted(got))
            check(name + ": one warning per skipped structure",
                  len(warns) == skips, "expected %d" % skips, *warns)
            plan_check(name, path, want)
            nr_tables += 1
            nr_regions += len(want)
            nr_devices += len({d for _, _, d in want if d != "host"})
            if mh:
                topo = multihop_topology(fields)
                sysfs = os.path.join(tmp, "sys-" + name)
                fake_sysfs(sysfs, topo)
                want2, skips2, _ = read_dmar(fields, topo)
                rc, got2, warns2, out = dump(path, sysfs)
                check(name + ": multi-hop scopes through sysfs",
                      rc == 0 and sorted(got2) == sorted(want2) and
                      len(warns2) == skips2,
                      "expected %s" % sorted(want2), "got      %s" % sorted(got2),
                      *warns2)
                plan_check(name + " (sysfs)", path, want2, sysfs)
                nr_multihop += mh
    finally:
        shutil.rmtree(tmp)
    print("real-acpi: %d tables, %d regions, %d distinct devices or ranges, "
          "%d multi-hop scopes resolved through a fake sysfs" %
          (nr_tables, nr_regions, nr_devices, nr_multihop))
    print("real-acpi: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
