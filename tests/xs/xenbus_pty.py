#!/usr/bin/env python3
# tests/xs/xenbus_pty.py - a xenbus device that never answers, for one
# command.  Run as root inside a private mount namespace (`unshare -m`,
# tests/xs/test_xenbus.sh does it):
#
#   xenbus_pty.py OUTDIR LIMIT_S CMD...
#
# 1. opens a pty in raw mode (a read of its slave blocks until the master
#    writes, which this never does; a request written to it waits in the
#    pty's buffer for the master to read it);
# 2. mounts a tmpfs over /dev in this namespace only, holding what a
#    command needs (null, zero, full, random, urandom, tty, ptmx, pts,
#    shm, fd, stdin/out/err) and /dev/xen/xenbus: the pty's slave bound
#    there, so libxenstore opens it as it opens the kernel's device;
# 3. runs CMD as a child, as the child subreaper (orphans of CMD come
#    back to this process, so none can be missed); kills it with SIGKILL
#    (by its pid) when it is still running after LIMIT_S seconds;
# 4. reads, meanwhile, what CMD wrote to the device, and writes into
#    OUTDIR: out and err (CMD's stdout and stderr), result (lines
#    "rc N" or "rc killed", "secs S.SSS", "left PID:COMM..." the
#    processes left behind, killed and reaped then), requests (one line per
#    xenstore request read from the device: TYPE tx=N "PAYLOAD", the
#    payload's NULs as |, and "partial N bytes" for a broken tail).
# Exit 0 once the command ran (whatever it did); 2 when the device could
# not be set up (the reason on stderr).
import ctypes
import os
import select
import signal
import struct
import subprocess
import sys
import time
import tty

# include/xen/io/xs_wire.h, enum xsd_sockmsg_type.
XS_TYPES = ["XS_CONTROL", "XS_DIRECTORY", "XS_READ", "XS_GET_PERMS",
            "XS_WATCH", "XS_UNWATCH", "XS_TRANSACTION_START",
            "XS_TRANSACTION_END", "XS_INTRODUCE", "XS_RELEASE",
            "XS_GET_DOMAIN_PATH", "XS_WRITE", "XS_MKDIR", "XS_RM",
            "XS_SET_PERMS"]
PR_SET_CHILD_SUBREAPER = 36


def sh(*argv):
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)


def private_dev(outdir, slave_path):
    """A tmpfs over /dev (this namespace only) with the pty at
    /dev/xen/xenbus."""
    new = os.path.join(outdir, "dev")
    os.mkdir(new)
    sh("mount", "-t", "tmpfs", "-o", "mode=755", "xenrdm-test-dev", new)
    for n in ("null", "zero", "full", "random", "urandom", "tty", "ptmx"):
        if os.path.exists("/dev/" + n):     # a container may lack some
            open(os.path.join(new, n), "w").close()
            sh("mount", "--bind", "/dev/" + n, os.path.join(new, n))
    for d in ("pts", "shm"):
        if os.path.isdir("/dev/" + d):
            os.mkdir(os.path.join(new, d))
            sh("mount", "--bind", "/dev/" + d, os.path.join(new, d))
    os.symlink("/proc/self/fd", os.path.join(new, "fd"))
    for i, n in enumerate(("stdin", "stdout", "stderr")):
        os.symlink("/proc/self/fd/%d" % i, os.path.join(new, n))
    os.mkdir(os.path.join(new, "xen"))
    open(os.path.join(new, "xen", "xenbus"), "w").close()
    sh("mount", "--bind", slave_path, os.path.join(new, "xen", "xenbus"))
    sh("mount", "--move", new, "/dev")


def requests(data):
    """The xenstore requests in the bytes written to the device."""
    lines = []
    while len(data) >= 16:
        typ, _req, tx, n = struct.unpack("<IIII", data[:16])
        if len(data) < 16 + n:
            break
        body = data[16:16 + n].decode("latin-1").replace("\0", "|")
        name = XS_TYPES[typ] if typ < len(XS_TYPES) else "type-%d" % typ
        lines.append('%s tx=%d "%s"' % (name, tx, body))
        data = data[16 + n:]
    if data:
        lines.append("partial %d bytes" % len(data))
    return lines


def children():
    """pid:comm of every child of this process (orphans included)."""
    out = []
    for t in os.listdir("/proc/self/task"):
        try:
            with open("/proc/self/task/%s/children" % t) as f:
                out += f.read().split()
        except OSError:
            pass
    left = []
    for p in sorted(set(out), key=int):
        try:
            with open("/proc/%s/comm" % p) as f:
                left.append("%s:%s" % (p, f.read().strip()))
        except OSError:
            left.append(p + ":?")
    return left


def main():
    outdir, limit, cmd = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
    master, slave = os.openpty()
    tty.setraw(slave)
    try:
        private_dev(outdir, os.ttyname(slave))
        st, sl = os.stat("/dev/xen/xenbus"), os.fstat(slave)
        if st.st_rdev != sl.st_rdev:
            raise OSError("/dev/xen/xenbus is not the pty")
    except (OSError, subprocess.CalledProcessError) as e:
        print("xenbus_pty: cannot put a pty at /dev/xen/xenbus: %s" % e,
              file=sys.stderr)
        return 2
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        print("xenbus_pty: prctl(PR_SET_CHILD_SUBREAPER) failed",
              file=sys.stderr)
        return 2
    os.set_blocking(master, False)
    data = b""
    t0 = time.monotonic()
    with open(os.path.join(outdir, "out"), "wb") as out, \
            open(os.path.join(outdir, "err"), "wb") as err:
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out,
                             stderr=err)
    rc = None
    while rc is None:
        left = t0 + limit - time.monotonic()
        if left <= 0:
            os.kill(p.pid, signal.SIGKILL)
            p.wait()
            rc = "killed"
            break
        select.select([master], [], [], min(left, 0.02))
        try:
            data += os.read(master, 65536)
        except (BlockingIOError, OSError):
            pass
        rc = p.poll()
    secs = time.monotonic() - t0
    time.sleep(0.2)             # an orphan's reparenting is not instant
    left = children()
    for pc in left:             # killed and reaped: none outlives us
        try:
            os.kill(int(pc.split(":")[0]), signal.SIGKILL)
            os.waitpid(int(pc.split(":")[0]), 0)
        except OSError:
            pass
    try:
        data += os.read(master, 65536)
    except OSError:
        pass
    with open(os.path.join(outdir, "result"), "w") as f:
        f.write("rc %s\nsecs %.3f\nleft %s\n" % (rc, secs, " ".join(left)))
    with open(os.path.join(outdir, "requests"), "w") as f:
        f.write("".join(r + "\n" for r in requests(data)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
