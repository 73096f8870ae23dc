#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""firmware/footprint.py - check the firmware module's footprint.

usage: footprint.py --archive A --max-size N --max-stack N \
                    --allow SYM[,SYM...] --size-tool SIZE --nm NM CI...

Size:  .text* + .data* + .rodata* of every member of archive A, or of
       the --size-of objects (the module and glue as hvmloader built
       them); with --compare STOCK PATCHED, also what PATCHED's sections
       add to STOCK's (both limited by --max-size).
Stack: the deepest call chain, summing each function's frame from the
       -fcallgraph-info=su files (CI...); calls into the hooks count 0,
       since their stack is the host's.  Recursion fails the check (the
       depth would be unbounded).  A "dynamic" (unbounded) frame fails too.
Undefined symbols: `nm -u` of the archive, less the archive's own
       definitions, must be a subset of --allow.
Prints one line per measure: "name: value (limit L) ok|FAIL".
"""
import argparse
import re
import subprocess
import sys


def section_bytes(size_tool, archive):
    out = subprocess.run([size_tool, "-A", archive], check=True,
                         capture_output=True, text=True).stdout
    total = 0
    for line in out.splitlines():
        f = line.split()
        if len(f) >= 2 and re.match(r"^\.(text|data|rodata)(\.|$)", f[0]):
            total += int(f[1])
    return total


def undefined(nm, archive):
    out = subprocess.run([nm, "-A", archive], check=True,
                         capture_output=True, text=True).stdout
    defined, undef = set(), set()
    for line in out.splitlines():
        f = line.split()
        if len(f) >= 2 and f[-2] == "U":
            undef.add(f[-1])
        elif len(f) >= 3:
            defined.add(f[-1])
    return undef - defined


NODE = re.compile(r'node: \{ title: "([^"]+)" label: "([^"]*)"')
EDGE = re.compile(r'edge: \{ sourcename: "([^"]+)" targetname: "([^"]+)"')
FRAME = re.compile(r"\\n(\d+) bytes \(([^)]*)\)")


def deepest(ci_files):
    frame, calls, unbounded = {}, {}, []
    for path in ci_files:
        with open(path) as f:
            for line in f:
                m = NODE.search(line)
                if m:
                    fm = FRAME.search(m.group(2))
                    if fm:
                        frame[m.group(1)] = int(fm.group(1))
                        if "dynamic" in fm.group(2) and "bounded" not in fm.group(2):
                            unbounded.append(m.group(1))
                    continue
                m = EDGE.search(line)
                if m:
                    calls.setdefault(m.group(1), set()).add(m.group(2))
    memo = {}

    def depth(fn, stack):
        if fn in stack:
            raise RuntimeError("recursion: " + " -> ".join(stack + [fn]))
        if fn in memo:
            return memo[fn]
        best = (0, [])
        for callee in calls.get(fn, ()):
            d = depth(callee, stack + [fn])
            if d[0] > best[0]:
                best = d
        memo[fn] = (frame.get(fn, 0) + best[0], [fn] + best[1])
        return memo[fn]

    worst = (0, [])
    for fn in frame:
        d = depth(fn, [])
        if d[0] > worst[0]:
            worst = d
    return worst, unbounded


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--archive", required=True)
    ap.add_argument("--max-size", type=int, required=True)
    ap.add_argument("--max-stack", type=int, required=True)
    ap.add_argument("--allow", required=True)
    ap.add_argument("--size-tool", default="size")
    ap.add_argument("--nm", default="nm")
    ap.add_argument("--size-of", action="append", default=[],
                    help="measure these objects instead of the archive")
    ap.add_argument("--compare", nargs=2, metavar=("STOCK", "PATCHED"),
                    help="also check what PATCHED adds to STOCK")
    ap.add_argument("ci", nargs="+")
    a = ap.parse_args()
    ok = True
    failed = 0
    checks = 3

    files = a.size_of or [a.archive]
    size = sum(section_bytes(a.size_tool, f) for f in files)
    good = size <= a.max_size
    ok &= good
    failed += not good
    print("footprint: .text+.data+.rodata %d bytes (limit %d) %s: %s"
          % (size, a.max_size, "ok" if good else "FAIL",
             " ".join(f.rsplit("/", 1)[-1] for f in files)))

    if a.compare:
        stock, patched = (section_bytes(a.size_tool, f) for f in a.compare)
        good = patched - stock <= a.max_size
        ok &= good
        failed += not good
        checks += 1
        print("footprint: hvmloader .text+.data+.rodata: stock %d, "
              "with xen-rdm %d, +%d bytes (limit %d) %s"
              % (stock, patched, patched - stock, a.max_size,
                 "ok" if good else "FAIL"))

    try:
        (stack, chain), unbounded = deepest(a.ci)
        good = stack <= a.max_stack and not unbounded
        print("footprint: deepest stack %d bytes (limit %d) %s: %s"
              % (stack, a.max_stack, "ok" if good else "FAIL",
                 " -> ".join(chain)))
        if unbounded:
            print("footprint: unbounded frames: " + " ".join(unbounded))
    except RuntimeError as e:
        good = False
        print("footprint: stack FAIL: %s" % e)
    ok &= good
    failed += not good

    allow = set(s for s in a.allow.split(",") if s)
    extra = sorted(undefined(a.nm, a.archive) - allow)
    good = not extra
    ok &= good
    failed += not good
    print("footprint: undefined symbols beyond the hooks: %s %s"
          % (" ".join(extra) if extra else "none", "ok" if good else "FAIL"))
    print("footprint: %d passed, %d failed" % (checks - failed, failed))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
