/*
 * IVRS of an AMD host (shape of a Ryzen/EPYC board): one IVHD (type 10h)
 * on segment 0 and three IVMDs, one of each kind:
 *   20h all peripherals:  0x9d000000 + 0x100000           host-wide
 *   21h one peripheral:   0xcb100000 + 0x2000, DeviceID 0x0300 (03:00.0)
 *   22h a range:          0xcc000000 + 0x800 (widened to one page),
 *                         DeviceIDs 0x0008..0x000a (00:01.0 .. 00:01.2),
 *                         kept as one region over the range
 * Expected regions in tests/unit/test_acpi.c.
 */
[0004]                          Signature : "IVRS"
[0004]                       Table Length : 00000000
[0001]                           Revision : 02
[0001]                           Checksum : 00
[0006]                             Oem ID : "AMD   "
[0008]                       Oem Table ID : "AmdTable"
[0004]                       Oem Revision : 00000001
[0004]                    Asl Compiler ID : "AMD "
[0004]              Asl Compiler Revision : 00000001

[0004]                Virtualization Info : 00203041
[0008]                           Reserved : 0000000000000000

[0001]                      Subtable Type : 10 [Hardware Definition Block]
[0001]                              Flags : B0
[0002]                             Length : 0020
[0002]                           DeviceId : 0002

[0002]                  Capability Offset : 0040
[0008]                       Base Address : 00000000FD200000
[0002]                  PCI Segment Group : 0000
[0002]                Virtualization Info : 0000
[0004]                  Feature Reporting : 80048F6E

[0001]                         Entry Type : 03
[0002]                          Device ID : 0008
[0001]                       Data Setting : 00

[0001]                         Entry Type : 04
[0002]                          Device ID : FFFE
[0001]                       Data Setting : 00

[0001]                      Subtable Type : 20 [Memory Definition Block]
[0001]                              Flags : 07
[0002]                             Length : 0020
[0002]                           DeviceId : 0000

[0002]                     Auxiliary Data : 0000
[0008]                           Reserved : 0000000000000000
[0008]                      Start Address : 000000009D000000
[0008]                      Memory Length : 0000000000100000

[0001]                      Subtable Type : 21 [Memory Definition Block]
[0001]                              Flags : 07
[0002]                             Length : 0020
[0002]                           DeviceId : 0300

[0002]                     Auxiliary Data : 0000
[0008]                           Reserved : 0000000000000000
[0008]                      Start Address : 00000000CB100000
[0008]                      Memory Length : 0000000000002000

[0001]                      Subtable Type : 22 [Memory Definition Block]
[0001]                              Flags : 07
[0002]                             Length : 0020
[0002]                           DeviceId : 0008

[0002]                     Auxiliary Data : 000A
[0008]                           Reserved : 0000000000000000
[0008]                      Start Address : 00000000CC000000
[0008]                      Memory Length : 0000000000000800
