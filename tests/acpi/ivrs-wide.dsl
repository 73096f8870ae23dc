/*
 * IVRS of a real AMD laptop (the shape of its table): type 22h
 * IVMDs over DeviceIDs 0000..0FFF (16 buses, 4096 devices), which an
 * earlier version refused as a whole, each kept as one region over its
 * range; a 21h for the GPU 03:00.0; and one bad IVMD (length 0) that is
 * skipped with a warning while the rest is read.
 *   22h 0000..0FFF  0xa9000000 + 0x100000   (exclusion range, flags 07)
 *   22h 0000..0FFF  0xa9200000 + 0x1000
 *   21h 0300        0xcb100000 + 0x2000
 *   21h 0301        0xcb200000 + 0 bytes    skipped: length 0
 */
[0004]                          Signature : "IVRS"
[0004]                       Table Length : 00000000
[0001]                           Revision : 02
[0001]                           Checksum : 00
[0006]                             Oem ID : "AMD   "
[0008]                       Oem Table ID : "WideIvmd"
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

[0001]                      Subtable Type : 22 [Memory Definition Block]
[0001]                              Flags : 07
[0002]                             Length : 0020
[0002]                           DeviceId : 0000

[0002]                     Auxiliary Data : 0FFF
[0008]                           Reserved : 0000000000000000
[0008]                      Start Address : 00000000A9000000
[0008]                      Memory Length : 0000000000100000

[0001]                      Subtable Type : 22 [Memory Definition Block]
[0001]                              Flags : 07
[0002]                             Length : 0020
[0002]                           DeviceId : 0000

[0002]                     Auxiliary Data : 0FFF
[0008]                           Reserved : 0000000000000000
[0008]                      Start Address : 00000000A9200000
[0008]                      Memory Length : 0000000000001000

[0001]                      Subtable Type : 21 [Memory Definition Block]
[0001]                              Flags : 07
[0002]                             Length : 0020
[0002]                           DeviceId : 0300

[0002]                     Auxiliary Data : 0000
[0008]                           Reserved : 0000000000000000
[0008]                      Start Address : 00000000CB100000
[0008]                      Memory Length : 0000000000002000

[0001]                      Subtable Type : 21 [Memory Definition Block]
[0001]                              Flags : 07
[0002]                             Length : 0020
[0002]                           DeviceId : 0301

[0002]                     Auxiliary Data : 0000
[0008]                           Reserved : 0000000000000000
[0008]                      Start Address : 00000000CB200000
[0008]                      Memory Length : 0000000000000000
