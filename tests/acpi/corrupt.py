#!/usr/bin/env python3
# tests/acpi/corrupt.py KIND IN.aml OUT.aml - derive one corrupted DMAR
# table from a good one, for the parser's error paths (and, kinds rmad and
# xmar, the table renamed as Xen renames it for dom0).  Every kind but
# bad-checksum, truncated and trailing fixes the checksum again, so that
# the parser reaches the structure it is meant to reject.
import struct
import sys

def checksum_fix(t):
    t[9] = 0
    t[9] = (-sum(t)) & 0xff

def structures(t):
    """(offset, type, length) of every DMAR remapping structure."""
    off, end = 48, struct.unpack_from('<I', t, 4)[0]
    while off < end:
        typ, ln = struct.unpack_from('<HH', t, off)
        yield off, typ, ln
        off += ln

def first_rmrr(t):
    for off, typ, ln in structures(t):
        if typ == 1:
            return off, ln
    sys.exit('corrupt.py: no RMRR in the input table')

def main():
    kind, src, dst = sys.argv[1:4]
    t = bytearray(open(src, 'rb').read())
    if t[:4] != b'DMAR':
        sys.exit('corrupt.py: %s is not a DMAR table' % src)
    rmrr, rlen = first_rmrr(t)
    if kind == 'bad-checksum':
        t[9] = (t[9] + 1) & 0xff
    elif kind == 'truncated':
        t = t[:-10]                     # length field still says more
    elif kind == 'trailing':
        t += bytes(16)                  # the file is longer than the table
    elif kind == 'short-length':        # table length below the header
        struct.pack_into('<I', t, 4, 40)
        checksum_fix(t)
    elif kind == 'bad-signature':
        t[0:4] = b'DMAX'
        checksum_fix(t)
    elif kind == 'struct-overlong':     # an RMRR running past the table
        struct.pack_into('<H', t, rmrr + 2, len(t) - rmrr + 8)
        checksum_fix(t)
    elif kind == 'struct-short':        # an RMRR shorter than its fields
        # Shrinks the RMRR to 16 bytes; the rest of it then reads as a
        # structure of its own, but the RMRR is refused first.
        struct.pack_into('<H', t, rmrr + 2, 16)
        checksum_fix(t)
    elif kind == 'struct-zero':         # length 0 would loop forever
        struct.pack_into('<H', t, rmrr + 2, 0)
        checksum_fix(t)
    elif kind == 'scope-past-struct':   # first scope of the RMRR too long
        t[rmrr + 24 + 1] = rlen - 24 + 2
        checksum_fix(t)
    elif kind == 'scope-short':         # a scope shorter than its header
        t[rmrr + 24 + 1] = 4
        checksum_fix(t)
    elif kind == 'rmrr-limit-below-base':
        base = struct.unpack_from('<Q', t, rmrr + 8)[0]
        struct.pack_into('<Q', t, rmrr + 16, base - 1)
        checksum_fix(t)
    elif kind == 'rmrr-unaligned-base':
        base = struct.unpack_from('<Q', t, rmrr + 8)[0]
        struct.pack_into('<Q', t, rmrr + 8, base + 0x800)
        checksum_fix(t)
    elif kind == 'rmad':                # Xen 4.17's acpi_dmar_zap()
        t[0:4] = b'RMAD'                # "DMAR" reversed: sum unchanged
    elif kind == 'xmar':                # older Xen: 'X', checksum adjusted
        t[0] = ord('X')
        t[9] = (t[9] - (ord('X') - ord('D'))) & 0xff
    elif kind == 'xmar-unadjusted':     # 'X' without the checksum fix
        t[0] = ord('X')
    elif kind == 'rmrr-unaligned-limit':
        limit = struct.unpack_from('<Q', t, rmrr + 16)[0]
        struct.pack_into('<Q', t, rmrr + 16, limit - 1)
        checksum_fix(t)
    else:
        sys.exit('corrupt.py: unknown kind %r' % kind)
    open(dst, 'wb').write(t)

main()
