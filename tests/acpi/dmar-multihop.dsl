/*
 * DMAR with an RMRR whose PCI endpoint scope has a two-hop path: bus 0,
 * root port 1c.0, then device 00.0 on whatever bus the root port's
 * secondary bus is.  That bus is only known from the PCI topology: with
 * --sysfs (a tree where 00:1c.0's secondary bus is N) the region is
 * 0000:NN:00.0's; without one the scope is skipped with a warning that
 * says how to give the region by hand.
 */
[0004]                          Signature : "DMAR"
[0004]                       Table Length : 00000000
[0001]                           Revision : 01
[0001]                           Checksum : 00
[0006]                             Oem ID : "INTEL "
[0008]                       Oem Table ID : "MULTIHOP"
[0004]                       Oem Revision : 00000001
[0004]                    Asl Compiler ID : "INTL"
[0004]              Asl Compiler Revision : 20091013

[0001]                 Host Address Width : 2D
[0001]                              Flags : 01
[0010]                           Reserved : 00 00 00 00 00 00 00 00 00 00

[0002]                      Subtable Type : 0000 [Hardware Unit Definition]
[0002]                             Length : 0010
[0001]                              Flags : 01
[0001]                           Reserved : 00
[0002]                 PCI Segment Number : 0000
[0008]              Register Base Address : 00000000FED90000

[0002]                      Subtable Type : 0001 [Reserved Memory Region]
[0002]                             Length : 0022
[0002]                           Reserved : 0000
[0002]                 PCI Segment Number : 0000
[0008]                       Base Address : 000000007C000000
[0008]                End Address (limit) : 000000007C0FFFFF

[0001]                  Device Scope Type : 01
[0001]                       Entry Length : 0A
[0002]                           Reserved : 0000
[0001]                     Enumeration ID : 00
[0001]                     PCI Bus Number : 00
[0002]                           PCI Path : 1C,00
[0002]                           PCI Path : 00,00
