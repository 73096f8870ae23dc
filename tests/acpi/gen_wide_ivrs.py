#!/usr/bin/env python3
# tests/acpi/gen_wide_ivrs.py N WIDTH OUT - a synthetic IVRS: one IVHD
# (segment 0) and N type 22h IVMDs, each over WIDTH DeviceIDs from 0000,
# each one page, the pages contiguous (so that the valid ones merge into
# one range the guest firmware takes).  The amplification case:
# expanded per device it would be N * WIDTH regions.
import struct
import sys


def main():
    n, width, out = int(sys.argv[1]), int(sys.argv[2], 0), sys.argv[3]
    body = bytearray()
    # IVHD 10h, 24 bytes: type, flags, length, IOMMU DeviceID, cap
    # offset, base address, segment, info, feature
    body += struct.pack('<BBHHHQHHI', 0x10, 0, 24, 0x0002, 0x40,
                        0xfd200000, 0, 0, 0)
    for i in range(n):
        body += struct.pack('<BBHHHQQQ', 0x22, 0x07, 32, 0x0000,
                            width - 1, 0, 0xc0000000 + i * 0x1000, 0x1000)
    hdr = bytearray(struct.pack('<4sIBB6s8sI4sI', b'IVRS', 48 + len(body),
                                2, 0, b'XENRDM', b'WIDEIVMD', 1, b'XRDM', 1))
    hdr += struct.pack('<IQ', 0x00203043, 0)
    t = hdr + body
    t[9] = (-sum(t)) & 0xff
    open(out, 'wb').write(t)


main()
