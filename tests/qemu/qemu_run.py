#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""tests/qemu/qemu_run.py - `make qemu-run`: one scenario of your own,
end to end under QEMU, every e820 side by side with a verdict.

  qemu_run.py --xen-rdm BIN --image ELF --efi-app EFI --build DIR
              (--plan 'PLAN OPTIONS' | --keys DUMP) [--efi]
              [--bios NAME] [--lowmem-end X] [--highmem-end Y]
              [--qemu PROG] [--kernel BZIMAGE] [--ovmf FD] [--timeout S]

--plan: `xen-rdm plan` with those options; `xen-rdm apply` writes the
keys into a private real xenstored; hvmloader/bios is written as libxl
writes it; the domain is dumped.  --keys: a `xenstore-ls -f` dump of
your own instead (hostile or hand-made keys welcome); its
hvmloader/bios, else --bios, else SeaBIOS (xl's default) decides the
first megabyte; --lowmem-end/--highmem-end play hvm_info's part (default:
the dump's hvmloader/rdm/lowmem-end and highmem-end).

Then the test image (the firmware module as hvmloader links it) and
Debian's Linux boot under QEMU TCG with QEMU's memory matching the
layout, and with --efi OVMF starts the x86_64 build (at the same time).
Printed: the reference table (the planner's, or with --keys the module's
own build on the host), the image's, Linux's BIOS-e820 and OVMF's side
by side, the invariant checker's verdict on each, what the firmware
skipped (key, value, why), and last a line starting PASS or FAIL.

Exit: 0 PASS; 1 FAIL; 2 bad input (the planner refused the options, an
unreadable dump, no memory ends), nothing booted; 3 a program or file is
missing (the message names the Debian package).
"""

import argparse
import os
import shlex
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import xenrdm_qemu as xq  # noqa: E402

BIOSES = ("seabios", "ovmf", "rombios")
NAME = "qemu-run"
EXIT_PASS, EXIT_FAIL, EXIT_INPUT, EXIT_ENV = 0, 1, 2, 3


class BadInput(Exception):
    pass


def hex_or_dec(s):
    try:
        return int(s, 0)
    except ValueError:
        raise BadInput("%r is not a number (0x hex or decimal)" % s)


def keys_copy(path, bios_arg, logdir):
    """A copy of the user's dump whose hvmloader/bios says the BIOS used
    (the image reads it there, as hvmloader does).  Returns (copy, bios,
    where the BIOS came from)."""
    try:
        with open(path, errors="replace") as f:
            text = f.read(xq.MIB * 4 + 1)
    except OSError as e:
        raise BadInput("KEYS=%s: %s" % (path, e.strerror))
    if len(text) > xq.MIB * 4:
        raise BadInput("KEYS=%s: larger than 4 MiB, the cap for a dump"
                       % path)
    tmp = os.path.join(logdir, NAME + ".dump")
    with open(tmp, "w") as f:
        f.write(text)
    home, _, dump_bios = xq.parse_dump(tmp)
    if home is None:
        raise BadInput("KEYS=%s: no /local/domain/<n>/... line; expected "
                       "the output of xenstore-ls -f /local/domain/<n>"
                       % path)
    if bios_arg:
        bios, why = bios_arg, "BIOS="
    elif dump_bios is not None:
        bios, why = dump_bios, "the dump's hvmloader/bios"
    else:
        bios, why = "seabios", "xl's default; the dump has no hvmloader/bios"
    if bios not in BIOSES:
        raise BadInput("%s says BIOS %r; hvmloader knows %s" % (
            why, bios, ", ".join(BIOSES)))
    lines = [ln for ln in text.splitlines()
             if not ln.startswith(home + "/hvmloader/bios ")]
    lines.append('%s/hvmloader/bios = "%s"' % (home, bios))
    with open(tmp, "w") as f:
        f.write("\n".join(lines) + "\n")
    return tmp, bios, why


def fmt_s(t):
    return "-" if t is None else "%.2f s" % t


class QemuRunner:
    def __init__(self, args):
        self.args = args
        self.t0 = time.monotonic()

    def say(self, text=""):
        print(text, flush=True)

    def prepare_plan(self, wb):
        """Plan (refusal: exit 2 before QEMU), apply, dump."""
        opts = shlex.split(self.args.plan)
        plan, rc, err = wb.plan(opts)
        if plan is None:
            raise BadInput("the planner refuses these options (xen-rdm plan "
                           "exit %d):\n%s" % (rc, err))
        self.say("xen-rdm plan %s" % " ".join(shlex.quote(o) for o in opts))
        if err:
            self.say("planner says:\n" + "\n".join(
                "  " + ln for ln in err.splitlines()))
        bios = plan.get("bios", "seabios")
        return plan, bios, "the plan", opts

    def main(self):
        a = self.args
        with xq.Workbench(a.xen_rdm, a.image, a.efi_app, a.build, None,
                          NAME) as wb:
            # 1. what to boot: a plan, or the user's keys
            if a.plan is not None:
                plan, bios, bios_why, opts = self.prepare_plan(wb)
                lowmem_end, highmem_end = plan["lowmem_end"], \
                    plan["highmem_end"]
                ref_name, ref_table = "xen-rdm plan", xq.plan_table(plan)
            else:
                dump, bios, bios_why = keys_copy(a.keys, a.bios, wb.logdir)
                lowmem_end, highmem_end = a.lowmem_end, a.highmem_end
                v = wb.verdicts(dump, bios, {}, lowmem_end, highmem_end)
                lowmem_end = v.layout["lowmem_end"]
                highmem_end = v.layout["highmem_end"]
                if not lowmem_end or not highmem_end:
                    raise BadInput(
                        "KEYS=%s: no %s: the dump has no valid hvmloader/"
                        "rdm/%s; give LOWMEM_END=0x... and HIGHMEM_END=0x..."
                        % (a.keys, "lowmem-end" if not lowmem_end else
                           "highmem-end", "lowmem-end" if not lowmem_end
                           else "highmem-end"))
                ref_name = "xen-rdm e820 (host)"
                ref_table = v.host_table
                self.say("keys: %s" % a.keys)

            # 2. the programs, before anything boots
            wb.tools = xq.Tools(a.qemu, a.kernel, a.ovmf, need_efi=a.efi)

            if a.plan is not None:
                dump = wb.apply_and_dump(NAME, opts, 1, bios)
            # QEMU's RAM: what the layout needs, within what libxl can
            # give a guest (hostile keys may name any end; the image then
            # refuses the RAM QEMU lacks).
            low, high = xq.memory_for(lowmem_end, highmem_end)
            clamped = (min(low, xq.LOWMEM_MAX), min(high, 64 * xq.GIB))
            if clamped != (low, high):
                self.say("note: QEMU gets %#x below 4 GiB, %#x above: the "
                         "layout asks for more than libxl gives a guest"
                         % clamped)
            _, machine = xq.qemu_memory(*clamped)
            self.say("layout: lowmem_end %#x, highmem_end %#x, BIOS %s (%s)"
                     % (lowmem_end, highmem_end, bios, bios_why))
            self.say("QEMU %s TCG, kernel %s%s" % (
                machine, wb.tools.kernel,
                ", OVMF %s" % wb.tools.ovmf if a.efi else ""))

            # 3. boot
            c = wb.boot(NAME, dump, lowmem_end, highmem_end, a.efi,
                        mem=clamped, timeout=a.timeout, parallel=True)
            tables = {"ref": ref_table, "image": c.image_table,
                      "linux": c.linux_table}
            if a.efi:
                tables["ovmf"] = c.efi_table
            v = wb.verdicts(dump, bios, tables,
                            a.lowmem_end if a.keys else lowmem_end,
                            a.highmem_end if a.keys else highmem_end)
            return self.report(c, v, ref_name, ref_table)

    def report(self, c, v, ref_name, ref_table):
        a = self.args
        problems = []
        heads = [(ref_name, ref_table), ("test image (i386)", c.image_table),
                 ("Linux BIOS-e820", c.linux_table)]
        if a.efi:
            heads.append(("OVMF: EFI app (x86_64)", c.efi_table))
        self.say()
        for line in xq.side_by_side(heads):
            self.say(line)
        self.say("  (ends inclusive, as Linux prints them; a row one table "
                 "lacks is blank there)")

        # Each table: present, the checker's verdict, agreement.
        self.say("\ninvariant checker (xenrdm_memmap_check, against the "
                 "layout the keys give the module):")
        keys = ["ref", "image", "linux"] + (["ovmf"] if a.efi else [])
        same_as = {"image": ("ref", ref_name), "linux": ("image", "the "
                   "image's"), "ovmf": ("ref", ref_name)}
        tabs = {"ref": ref_table, "image": c.image_table,
                "linux": c.linux_table, "ovmf": c.efi_table}
        when = {"image": c.image_t, "linux": c.linux_t,
                "ovmf": c.efi.elapsed if c.efi else None}
        for k, (head, table) in zip(keys, heads):
            if table is None:
                why = self.missing_why(k, c, v)
                problems.append("%s: %s" % (head, why))
                self.say("  %-24s none: %s" % (head, why))
                continue
            verdict = v.checks.get(k, "-")
            line = verdict
            if verdict != "ok":
                problems.append("%s: checker: %s" % (head, verdict))
            if k in same_as:
                other, other_name = same_as[k]
                if tabs[other] is not None and table != tabs[other]:
                    line += "; DIFFERS from %s" % other_name
                    problems.append("%s differs from %s" % (head,
                                                            other_name))
                elif tabs[other] is not None:
                    line += ", same as %s" % other_name
            if when.get(k) is not None:
                line += " (%.2f s)" % when[k]
            self.say("  %-24s %s" % (head, line))
        if a.efi and c.efi and c.efi.rc != xq.DEBUG_EXIT_PASS and \
                c.efi_table is not None:
            problems.append("OVMF: the EFI application exited %s, not %d"
                            % (c.efi.rc, xq.DEBUG_EXIT_PASS))

        # What the firmware skipped: the image's own log lines (the i386
        # module under QEMU), checked against the host build's.
        self.say("\nfirmware skipped (key, value, why):")
        if not c.skipped:
            self.say("  nothing")
        for key, val, why in c.skipped:
            if not key.startswith("range "):
                val = '"%s"' % val       # a key's value, as read
            self.say("  %-28s %-20s %s" % (key, val, why))
        if c.image.lines and c.image_table is not None and \
                sorted(c.skipped) != sorted(v.skipped()):
            problems.append("the image skipped %d entries, the host build "
                            "of the module %d" % (len(c.skipped),
                                                  len(v.skipped())))
        for what, r in (("image + Linux", c.image), ("OVMF", c.efi)):
            if r is not None and r.timed_out:
                problems.append("%s: no result within %d s (QEMU stopped)"
                                % (what, a.timeout))
                self.say("\n%s timed out after %d s; the serial log's "
                         "last lines (%s):" % (what, a.timeout, r.log))
                for t in r.tail(15):
                    self.say("  | " + t)
        refusal = [t for _, t in c.image.lines
                   if t.startswith(("refusing", "linux: refus",
                                    "XENRDM-RESULT fail"))]
        if refusal and c.linux_table is None:
            self.say("\nthe image stopped:")
            for t in refusal[:6]:
                self.say("  | " + t)
        cpu = [r.cpu for r in (c.image, c.efi) if r and r.cpu is not None]
        self.say("\ntimes from QEMU start: image's e820 %s, Linux's %s%s; "
                 "QEMU CPU time %s s; load average %.1f" % (
                     fmt_s(c.image_t), fmt_s(c.linux_t),
                     ", OVMF's exit %s" % fmt_s(c.efi.elapsed) if c.efi
                     else "", " + ".join("%.1f" % t for t in cpu),
                     os.getloadavg()[0]))
        self.say("logs: %s" % ", ".join(
            p for p in (c.image.log, c.efi.log if c.efi else None,
                        c.efi_log, os.path.join(os.path.dirname(c.image.log),
                                                NAME + ".dump")) if p))
        total = time.monotonic() - self.t0
        n = len(keys)
        if problems:
            self.say("FAIL: %s (%.1f s)" % ("; ".join(problems), total))
            return EXIT_FAIL
        k = len(c.skipped)
        self.say("PASS: %d tables agree and pass the checker%s (%.1f s)" % (
            n, ", %d entr%s skipped by the firmware" % (
                k, "y" if k == 1 else "ies") if k else "", total))
        return EXIT_PASS

    def missing_why(self, k, c, v):
        if k == "ref":
            return v.host_error or "no table"
        r = c.efi if k == "ovmf" else c.image
        if r is None:
            return "not run"
        if r.timed_out:
            return "timed out"
        if k == "linux" and c.image_table is not None:
            return "Linux printed no BIOS-e820 table (QEMU exit %s)" % r.rc
        return "no XENRDM-E820 line (QEMU exit %s)" % r.rc


def main():
    ap = argparse.ArgumentParser(
        description=__doc__.splitlines()[0].split(" - ", 1)[1])
    ap.add_argument("--xen-rdm", required=True)
    ap.add_argument("--image", required=True)
    ap.add_argument("--efi-app", required=True)
    ap.add_argument("--build", required=True)
    src = ap.add_mutually_exclusive_group()
    src.add_argument("--plan", help="xen-rdm plan options, one string")
    src.add_argument("--keys", help="a xenstore-ls -f dump")
    ap.add_argument("--efi", action="store_true")
    ap.add_argument("--bios")
    ap.add_argument("--lowmem-end")
    ap.add_argument("--highmem-end")
    ap.add_argument("--qemu")
    ap.add_argument("--kernel")
    ap.add_argument("--ovmf")
    ap.add_argument("--timeout", type=float, default=60)
    a = ap.parse_args()
    if a.plan is None and a.keys is None:
        print("%s: say what to boot: make qemu-run PLAN='plan options' or "
              "make qemu-run KEYS=FILE (plus EFI=1 for OVMF)" % NAME)
        return EXIT_INPUT
    for f in (a.xen_rdm, a.image, a.efi_app):
        if not os.path.exists(f):
            print("%s: FAIL: %s is missing (build it first)" % (NAME, f))
            return EXIT_FAIL
    a.xen_rdm = os.path.abspath(a.xen_rdm)
    a.build = os.path.abspath(a.build)
    os.environ["BUILD"] = a.build       # xsd.sh finds its preload there
    try:
        if a.bios is not None and a.plan is not None:
            raise BadInput("BIOS= is for KEYS=; with PLAN= give --bios in "
                           "the plan options")
        if a.bios is not None and a.bios not in BIOSES:
            raise BadInput("BIOS=%s: one of %s" % (a.bios, ", ".join(BIOSES)))
        a.lowmem_end = hex_or_dec(a.lowmem_end) if a.lowmem_end else None
        a.highmem_end = hex_or_dec(a.highmem_end) if a.highmem_end else None
        return QemuRunner(a).main()
    except BadInput as e:
        print("%s: %s" % (NAME, e))
        print("%s: nothing booted (exit %d)" % (NAME, EXIT_INPUT))
        return EXIT_INPUT
    except xq.Missing as e:
        print("%s: %s" % (NAME, e))
        return EXIT_ENV
    except xq.Failed as e:
        print("FAIL: %s" % e)
        return EXIT_FAIL


if __name__ == "__main__":
    sys.exit(main())
