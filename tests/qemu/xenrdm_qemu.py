# SPDX-License-Identifier: MIT
"""tests/qemu/xenrdm_qemu.py - the machinery behind `make qemu-check`
(run_scenarios.py) and `make qemu-run` (qemu_run.py).

One chain, whoever asks for it:
  1. `xen-rdm plan --json OPTIONS` (or a `xenstore-ls -f` dump given by
     the user);
  2. `xen-rdm apply --domid N OPTIONS` into a private instance of Xen's
     real xenstored (tests/xs/xsd.sh), `hvmloader/bios` written as libxl
     writes it, and `xenstore-ls -f /local/domain/N` dumped to a file;
  3. QEMU (TCG) boots the test image with the dump as fw_cfg file
     opt/org.xenrdm/xenstore; the image runs the firmware module, prints
     its e820 and starts Debian's Linux on it; QEMU is stopped as soon as
     Linux has printed its BIOS-e820 lines;
  4. optionally OVMF starts the x86_64 EFI build on the same dump;
  5. build/qemu/xenrdm-tables runs the invariant checker
     (xenrdm_memmap_check) on every table against the layout the dump
     gives the module.
The image's interface (command line, fw_cfg files, exit codes, the lines
parsed here) is documented in tests/qemu/README.md.
"""

import glob
import json
import os
import re
import select
import shlex
import shutil
import signal
import subprocess
import tempfile
import threading
import time

MIB = 1 << 20
GIB = 1 << 30
G4 = 1 << 32
# The most low RAM libxl gives a guest: its smallest MMIO hole is 256 MiB.
LOWMEM_MAX = 0xF0000000
RAM, RES = 1, 2

DEBUG_EXIT_PASS, DEBUG_EXIT_FAIL = 33, 35   # (0x10 << 1) | 1, (0x11 << 1) | 1
LINUX_TIMEOUT = 90
EFI_TIMEOUT = 90

# What to install when a program or file is missing (Debian packages;
# scripts/deps.sh installs them all).
QEMU_DEFAULT = "qemu-system-x86_64"
OVMF_DEFAULT = "/usr/share/ovmf/OVMF.fd"
KERNEL_GLOB = "/boot/vmlinuz-*"
PACKAGE = {"qemu": "qemu-system-x86", "ovmf": "ovmf",
           "kernel": "linux-image-amd64", "xenstore-ls": "xenstore-utils",
           "xenstore-write": "xenstore-utils",
           "xenstored": "xen-utils-4.17"}

TYPE_NAMES = {1: "ram", 2: "reserved", 3: "acpi", 4: "nvs", 5: "unusable"}
LINUX_TYPES = {"usable": RAM, "reserved": RES, "ACPI data": 3,
               "ACPI NVS": 4, "unusable": 5}
JSON_TYPES = {"ram": RAM, "reserved": RES, "acpi": 3, "nvs": 4,
              "unusable": 5}

MARKER = re.compile(r"XENRDM-E820 n=(\d+)((?: [0-9a-f]+-[0-9a-f]+:\d+)*)$")
LINUX_E820 = re.compile(r"BIOS-e820: \[mem (0x[0-9a-f]+)-(0x[0-9a-f]+)\] (.+)$")
# What the firmware skips, in its two formats: a key the reader ignores
# (firmware/fw_read.c) and a range the e820 builder leaves out
# (firmware/fw_e820.c; N counts the ranges after sorting and merging).
SKIP_KEY = re.compile(r'xen-rdm: warning: (\S+) = "(.*)" ignored: (.*)$')
SKIP_RANGE = re.compile(r'xen-rdm: rdm (\d+) \[([0-9a-f]{8}):([0-9a-f]{8}), '
                        r'([0-9a-f]{8}):([0-9a-f]{8})\) skipped: (.*)$')


def parse_skip(text):
    """(key, value, why) for a skip line, else None."""
    m = SKIP_KEY.search(text)
    if m:
        return m.groups()
    m = SKIP_RANGE.search(text)
    if m:
        g = m.groups()
        return ("range %s (sorted, merged)" % g[0],
                "0x%x-0x%x" % (int(g[1] + g[2], 16), int(g[3] + g[4], 16)),
                g[5])
    return None


class Failed(Exception):
    """The chain could not go on; the message says why."""


class Missing(Failed):
    """A program or file the chain needs is not there."""


def run(cmd, env=None, check=True):
    p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    if check and p.returncode != 0:
        raise Failed("%s: exit %d: %s" % (" ".join(cmd[:3]), p.returncode,
                                          p.stderr.strip()[:400]))
    return p


def missing(what, path):
    return Missing("%s not found (%s): install the Debian package %s "
                   "(sh scripts/deps.sh check installs everything the "
                   "tests need)" % (what, path, PACKAGE[what]))


def newest_kernel():
    def version_key(path):
        v = path.rsplit("vmlinuz-", 1)[1]
        return [(0, int(x), "") if x.isdigit() else (1, 0, x)
                for x in re.split(r"[.-]", v)]
    kernels = sorted(glob.glob(KERNEL_GLOB), key=version_key)
    return kernels[-1] if kernels else None


class Tools:
    """QEMU, the kernel and OVMF, each checked before anything starts."""

    def __init__(self, qemu=None, kernel=None, ovmf=None, need_efi=True):
        self.qemu = qemu or QEMU_DEFAULT
        if not shutil.which(self.qemu):
            raise missing("qemu", self.qemu)
        self.kernel = kernel or newest_kernel()
        if not self.kernel or not os.path.isfile(self.kernel):
            raise missing("kernel", self.kernel or KERNEL_GLOB)
        self.ovmf = ovmf or OVMF_DEFAULT
        if need_efi and not os.path.isfile(self.ovmf):
            raise missing("ovmf", self.ovmf)
        for prog in ("xenstore-ls", "xenstore-write"):
            if not shutil.which(prog):
                raise missing(prog, prog)


class Xenstored:
    """A private xenstored via tests/xs/xsd.sh."""

    def __init__(self, top, workdir):
        self.xsd = os.path.join(top, "tests/xs/xsd.sh")
        self.dir = os.path.join(workdir, "xs")
        self.env = dict(os.environ)

    def start(self):
        p = run(["sh", self.xsd, "start", self.dir], check=False)
        if p.returncode != 0:
            raise Failed("the private xenstored did not start (%s; Debian "
                         "package %s): %s" % (self.xsd, PACKAGE["xenstored"],
                                              p.stderr.strip()[:300]))
        for line in p.stdout.splitlines():
            m = re.match(r"export (\w+)='(.*)'$", line)
            if m:
                self.env[m.group(1)] = m.group(2)
        if "XENSTORED_PATH" not in self.env:
            raise Failed("xsd.sh start printed no XENSTORED_PATH")

    def stop(self):
        run(["sh", self.xsd, "stop", self.dir], check=False)


def parse_dump(path):
    """The domain home, its RDM keys (as the ABI defines them), the two
    memory ends and hvmloader/bios from a xenstore-ls -f dump.  Keys are
    taken as written: malformed ones are the firmware's business."""
    keys, home, bios = {}, None, None
    with open(path, errors="replace") as f:
        for line in f:
            m = re.match(r'(/local/domain/\d+)(/\S*)? = "(.*)"', line.strip())
            if not m:
                continue
            home = home or m.group(1)
            if m.group(1) != home or not m.group(2):
                continue
            rel = m.group(2)[1:]
            if rel == "hvmloader/bios":
                bios = m.group(3)
            elif rel.startswith("hvmloader/rdm/"):
                keys[rel[len("hvmloader/rdm/"):]] = m.group(3)
    return home, keys, bios


def dump_rdm(keys):
    """(start, size) entries of a well-formed key set, for qemu-check."""
    n = int(keys.get("count", "0"))
    return [(int(keys["%d/start" % i], 16), int(keys["%d/size" % i], 16))
            for i in range(n)]


def qemu_memory(low, high):
    """QEMU memory options so that its RAM covers [0, LOW) and [4 GiB,
    4 GiB + HIGH) (QEMU 7.2, hw/i386/pc_piix.c pc_init1()):
      - no RAM above 4 GiB: `pc,max-ram-below-4g=4G -m LOW`; RAM smaller
        than max-ram-below-4g is never split, so low RAM may reach the
        MMIO hole's start (0xF0000000 for a 256 MiB hole);
      - RAM above 4 GiB, LOW <= 3 GiB: `pc,max-ram-below-4g=LOW`: QEMU
        splits at max-ram-below-4g;
      - RAM above 4 GiB, LOW > 3 GiB: `pc-i440fx-1.7,max-ram-below-4g=LOW`.
        Machine types from 2.0 on have gigabyte_align, which caps the
        split at 3 GiB once there is RAM above 4 GiB; 1.7 is the newest
        without it (deprecated, still in 7.2).
    Returns (QEMU arguments, the machine as one string)."""
    low = -(-low // MIB) * MIB
    high = -(-high // MIB) * MIB
    if high == 0:
        machine = "pc,max-ram-below-4g=4G"
    elif low <= 3 * GIB:
        machine = "pc,max-ram-below-4g=%dM" % (low // MIB)
    else:
        machine = "pc-i440fx-1.7,max-ram-below-4g=%dM" % (low // MIB)
    mem = "%dM" % ((low + high) // MIB)
    return ["-machine", machine, "-m", mem], "-machine %s -m %s" % (
        machine, mem)


def memory_for(lowmem_end, highmem_end):
    """QEMU RAM for a layout: low RAM to lowmem_end, at least 128 MiB (the
    image is linked at 96 MiB), and highmem_end - 4 GiB above 4 GiB."""
    return max(lowmem_end, 128 * MIB), max(highmem_end - G4, 0)


class QemuRun:
    """One QEMU process: serial lines with times, exit status, timeout."""

    def __init__(self):
        self.lines = []          # [(seconds since start, text)]
        self.rc = None           # QEMU's exit status (-9: we stopped it)
        self.timed_out = False
        self.elapsed = 0.0
        self.log = None
        self.stderr = ""
        self.cpu = None          # QEMU's user + system seconds

    def text(self):
        return "\n".join(t for _, t in self.lines)

    def tail(self, n=12):
        return [t for _, t in self.lines[-n:]]


def reap(p, r, flags):
    """Collects QEMU's exit status and CPU time (user + system) into R
    with wait4 (Popen.poll() would reap it without the CPU time, which
    says what an idle machine would take where wall time on a shared one
    does not).  True once QEMU has exited."""
    if r.rc is not None:
        return True
    pid, status, ru = os.wait4(p.pid, flags)
    if pid == 0:
        return False
    r.rc = p.returncode = os.waitstatus_to_exitcode(status)
    r.cpu = ru.ru_utime + ru.ru_stime
    return True


def stream_qemu(cmd, log_path, timeout, stop_when):
    """Runs QEMU (under nice: the machines are shared), reading its serial
    (stdout) line by line with times since start; stop_when(lines) ->
    True kills QEMU by pid, so does the timeout.  QEMU's stderr goes to
    LOG.stderr."""
    r = QemuRun()
    r.log = log_path
    err_path = log_path + ".stderr"
    t0 = time.monotonic()
    with open(err_path, "w") as err:
        p = subprocess.Popen(["nice"] + cmd, stdout=subprocess.PIPE,
                             stderr=err, stdin=subprocess.DEVNULL)
    buf = b""
    try:
        while True:
            left = timeout - (time.monotonic() - t0)
            if left <= 0:
                r.timed_out = True
                break
            ready, _, _ = select.select([p.stdout], [], [], min(left, 1.0))
            if not ready:
                if reap(p, r, os.WNOHANG):
                    break
                continue
            chunk = os.read(p.stdout.fileno(), 65536)
            if not chunk:
                break
            buf += chunk
            now = time.monotonic() - t0
            while b"\n" in buf:
                raw, buf = buf.split(b"\n", 1)
                r.lines.append((now, raw.decode("ascii", "replace")
                                .rstrip("\r")))
            if stop_when(r.lines):
                break
    finally:
        if not reap(p, r, os.WNOHANG):
            # os.kill, not p.kill(): Popen polls (and so reaps) first
            os.kill(p.pid, signal.SIGKILL)
            reap(p, r, 0)
        r.elapsed = time.monotonic() - t0
        p.stdout.close()
        if buf:
            r.lines.append((r.elapsed, buf.decode("ascii", "replace")))
        if r.timed_out:
            r.lines.append((r.elapsed, "runner: timeout after %d s, QEMU "
                            "stopped" % timeout))
        with open(log_path, "w") as f:
            # the command first, to run it again by hand
            f.write("# %s\n" % " ".join(shlex.quote(a) for a in cmd))
            for t, text in r.lines:
                f.write("%8.3f %s\n" % (t, text))
        with open(err_path) as f:
            r.stderr = f.read()
    return r


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


def first_marker(lines):
    """The first XENRDM-E820 table in (time, text) lines and its time."""
    for ts, text in lines:
        t = parse_marker(text)
        if t is not None:
            return t, ts
    return None, None


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


def skipped_entries(lines):
    """What the firmware skipped: [(key, value, why)] from its log."""
    return [e for e in (parse_skip(text) for _, text in lines) if e]


def covered(table, start, end, typ):
    """Is every byte of [start, end) in entries of type TYP?"""
    pos = start
    for a, b, t in sorted(table):
        if t == typ and a <= pos < b:
            pos = b
        if pos >= end:
            return True
    return pos >= end


def plan_table(plan):
    return [(e["start"], e["start"] + e["size"],
             JSON_TYPES.get(e["type"], -1)) for e in plan["e820"]]


def fmt_table(t):
    return ",".join("%x-%x:%d" % e for e in t)


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


class Verdicts:
    """build/qemu/xenrdm-tables' answer: the layout the dump gives the
    module, the table the module builds on the host, what it skipped, and
    the checker's verdict on each table."""

    def __init__(self, out):
        self.layout = None
        self.rdm = []
        self.host_table = None
        self.host_error = None
        self.logs = []
        self.checks = {}
        for line in out.splitlines():
            word, _, rest = line.partition(" ")
            if word == "log":
                self.logs.append(rest)
            elif word == "layout":
                v = rest.split()
                self.layout = {"lowmem_end": int(v[0], 16),
                               "highmem_end": int(v[1], 16),
                               "lowmem_reserved_base": int(v[2], 16),
                               "bios_image_base": int(v[3], 16),
                               "nr_rdm": int(v[4]), "nr_skipped": int(v[5])}
            elif word == "rdm":
                a, b = rest.split()
                self.rdm.append((int(a, 16), int(b, 16)))
            elif word == "e820":
                if rest.startswith("error "):
                    self.host_error = rest[6:]
                else:
                    self.host_table = parse_marker("XENRDM-E820 " + rest)
            elif word == "check":
                name, _, verdict = rest.partition(" ")
                self.checks[name] = verdict

    def skipped(self):
        return [e for e in map(parse_skip, self.logs) if e]


def table_verdicts(helper, dump, bios, tables, lowmem_end=None,
                   highmem_end=None):
    """Runs xenrdm-tables on DUMP with TABLES {name: table or None}."""
    if not os.path.exists(helper):
        raise Failed("%s is missing (make BUILD=... builds it)" % helper)
    cmd = [helper, "--keys", dump, "--bios", bios]
    if lowmem_end:
        cmd += ["--lowmem-end", "0x%x" % lowmem_end]
    if highmem_end:
        cmd += ["--highmem-end", "0x%x" % highmem_end]
    cmd += ["%s=%s" % (n, fmt_table(t)) for n, t in tables.items()
            if t is not None]
    p = run(cmd, check=False)
    if p.returncode != 0:
        raise Failed("xenrdm-tables: exit %d: %s" % (p.returncode,
                                                    p.stderr.strip()[:300]))
    return Verdicts(p.stdout)


class Chain:
    """What one boot of the chain produced."""

    def __init__(self):
        self.image = None        # QemuRun
        self.image_table = None
        self.image_t = None
        self.linux_table = None
        self.linux_t = None
        self.efi = None          # QemuRun
        self.efi_table = None
        self.efi_text = ""
        self.efi_log = None
        self.skipped = []
        self.machine = None      # QEMU's memory options, as one string


class Workbench:
    """A private xenstored, a work directory and the logs directory; plans,
    applies, dumps and boots."""

    def __init__(self, xen_rdm, image, efi_app, build, tools, label):
        self.xen_rdm = xen_rdm
        self.image = image
        self.efi_app = efi_app
        self.build = build
        self.tools = tools
        self.label = label
        self.top = os.path.dirname(os.path.dirname(
            os.path.dirname(os.path.abspath(__file__))))
        self.helper = os.path.join(build, "qemu", "xenrdm-tables")
        self.work = tempfile.mkdtemp(prefix="xrq.", dir="/tmp")
        self.logdir = os.path.join(build, "test-logs", "qemu")
        os.makedirs(self.logdir, exist_ok=True)
        self.xs = Xenstored(self.top, self.work)
        self.xs_up = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.xs_up:
            self.xs.stop()
        shutil.rmtree(self.work, ignore_errors=True)

    def plan(self, opts):
        """The planner's JSON; (None, rc, stderr) when it refuses."""
        p = run([self.xen_rdm, "plan", "--json"] + opts, check=False)
        if p.returncode != 0:
            return None, p.returncode, p.stderr.strip()
        return json.loads(p.stdout), 0, p.stderr.strip()

    def apply_and_dump(self, name, opts, domid, bios):
        """xen-rdm apply into the private xenstored, hvmloader/bios as
        libxl writes it (libxl_dm.c), and the domain's dump."""
        if not self.xs_up:
            self.xs.start()
            self.xs_up = True
        env = self.xs.env
        home = "/local/domain/%d" % domid
        run(["sh", self.xs.xsd, "home", self.xs.dir, str(domid)], env=env)
        run([self.xen_rdm, "apply", "--domid", str(domid)] + opts, env=env)
        run(["xenstore-write", home + "/hvmloader/bios", bios], env=env)
        # beside the logs: the QEMU command line in them names it
        dump = os.path.join(self.logdir, "%s.dump" % name)
        p = run(["xenstore-ls", "-f", home], env=env)
        with open(dump, "w") as f:
            f.write(p.stdout)
        return dump

    def boot_image(self, name, dump, lowmem_end, highmem_end, mem_args,
                   module=None, timeout=LINUX_TIMEOUT):
        """The image and Linux in one QEMU (MODULE "dump": the dump as the
        multiboot module, which the image must refuse)."""
        append = "lowmem_end=0x%x highmem_end=0x%x" % (lowmem_end,
                                                       highmem_end)
        cmd = [self.tools.qemu, "-accel", "tcg", "-smp", "1",
               "-display", "none", "-monitor", "none", "-serial", "stdio",
               "-no-reboot", "-net", "none",
               "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
               "-kernel", self.image, "-append", append,
               "-initrd", dump if module == "dump" else
               (module or self.tools.kernel),
               "-fw_cfg", "name=opt/org.xenrdm/xenstore,file=%s" % dump]
        cmd += mem_args
        log = os.path.join(self.logdir, "%s.image.log" % name)
        return stream_qemu(cmd, log, timeout,
                           lambda lines: linux_table(lines)[0] is not None)

    def boot_efi(self, name, dump, mem_args, timeout=EFI_TIMEOUT):
        """OVMF and the EFI application, which OVMF loads from fw_cfg
        (-kernel: QEMU's direct boot of an EFI image, about 0.8 s of CPU
        less than finding it on a FAT drive); its raw output (debugcon)
        is returned as text."""
        raw = os.path.join(self.logdir, "%s.efi.log" % name)
        if os.path.exists(raw):
            os.unlink(raw)
        cmd = [self.tools.qemu, "-accel", "tcg", "-smp", "1",
               "-display", "none", "-monitor", "none", "-serial", "stdio",
               "-no-reboot", "-net", "none", "-bios", self.tools.ovmf,
               "-kernel", self.efi_app, "-debugcon", "file:%s" % raw,
               "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
               "-fw_cfg", "name=opt/org.xenrdm/xenstore,file=%s" % dump]
        cmd += mem_args
        r = stream_qemu(cmd, os.path.join(self.logdir, "%s.ovmf.log" % name),
                        timeout, lambda lines: False)
        text = open(raw, errors="replace").read() \
            if os.path.exists(raw) else ""
        return r, text, raw

    def boot(self, name, dump, lowmem_end, highmem_end, efi, mem=None,
             module=None, timeout=LINUX_TIMEOUT, parallel=False):
        """Image + Linux and (EFI) OVMF on one dump, one after the other
        or (PARALLEL) at once.  MEM: (low, high) bytes of QEMU RAM,
        default what the layout needs."""
        c = Chain()
        mem_args, c.machine = qemu_memory(*(mem or memory_for(
            lowmem_end, highmem_end)))
        t = None
        if efi:
            def efi_boot():
                try:
                    c.efi, c.efi_text, c.efi_log = self.boot_efi(
                        name, dump, mem_args, min(timeout, EFI_TIMEOUT))
                except Exception as e:    # raised again below, not lost
                    efi_error.append(e)
            efi_error = []
            t = threading.Thread(target=efi_boot)
            if parallel:
                t.start()
        c.image = self.boot_image(name, dump, lowmem_end, highmem_end,
                                  mem_args, module, timeout)
        c.image_table, c.image_t = first_marker(c.image.lines)
        c.linux_table, c.linux_t = linux_table(c.image.lines)
        c.skipped = skipped_entries(c.image.lines)
        if t:
            if not parallel:
                t.start()
            t.join()
            if efi_error:
                raise Failed("the OVMF boot failed: %r" % efi_error[0])
            c.efi_table = next((t for t in map(parse_marker,
                                               c.efi_text.splitlines())
                                if t is not None), None)
        return c

    def verdicts(self, dump, bios, tables, lowmem_end=None,
                 highmem_end=None):
        return table_verdicts(self.helper, dump, bios, tables, lowmem_end,
                              highmem_end)


def side_by_side(cols, verdicts=None):
    """Lines showing tables next to each other, one row per distinct
    entry in address order, so an entry one table lacks stands out.
    COLS: [(heading, table or None)]; VERDICTS: {heading: text}."""
    cols = [(h, t) for h, t in cols if t is not None]
    if not cols:
        return ["  (no table)"]
    top = max([b for _, t in cols for _, b, _ in t] + [1])
    digits = max(9, len("%x" % (top - 1)))
    width = 2 * digits + 10
    rows = sorted(set(e for _, t in cols for e in t))
    out = ["  " + " | ".join("%-*s" % (width, h[:width])
                             for h, _ in cols).rstrip()]
    out.append("  " + "-+-".join("-" * width for _ in cols))
    for e in rows:
        cells = []
        for _, t in cols:
            if e in t:
                a, b, ty = e
                cells.append("%0*x-%0*x %-8s" % (
                    digits, a, digits, b - 1, TYPE_NAMES.get(ty, ty)))
            else:
                cells.append(" " * width)
        out.append("  " + " | ".join(cells).rstrip())
    if verdicts:
        out.append("  " + "-+-".join("-" * width for _ in cols))
        out.append("  " + " | ".join(
            "%-*s" % (width, ("checker: " + verdicts.get(h, "-"))[:width])
            for h, _ in cols).rstrip())
    return out
