/* SPDX-License-Identifier: MIT */
/*
 * shim/xen-rdm/host_src.h - the region sources that read the host: --dmar
 * (DMAR, RMAD, XMAR or IVRS tables), --dmesg (kernel log lines), --host
 * (the hypervisor, else the firmware's table under SYSFS) and --sysfs
 * (the PCI topology).  Each returns 0 or an exit status, message printed.
 */
#ifndef XENRDM_CLI_HOST_SRC_H
#define XENRDM_CLI_HOST_SRC_H

#include "cli.h"

/* A DMAR/IVRS table file; multi-hop scopes resolved under sysfs (NULL:
 * /sys for a table under /sys/firmware/acpi/tables/, this host's own,
 * else no topology: they are skipped with a warning). */
int host_src_dmar(struct plan_cli *pc, const char *path, const char *sysfs);

/* Kernel log lines (dmesg, xl dmesg); "-" is standard input. */
int host_src_dmesg(struct plan_cli *pc, const char *path);

/* The live host: the hypervisor (as --xen) when there is one, else the
 * first of RMAD, XMAR, DMAR, IVRS under SYSFS/firmware/acpi/tables with
 * SYSFS's topology (sysfs NULL: /sys).  Says on stderr which it used and
 * sets pc->host_source. */
int host_src_live(struct plan_cli *pc, const char *sysfs);

/* What the plan leaves out of the guest's RDM set and why: one line of
 * text on out (none when there are no host regions), or with w the JSON
 * array "left_out". */
struct json_writer;
void host_src_left_out(const struct plan_cli *pc,
		       const struct xenrdm_plan *plan, FILE *out,
		       struct json_writer *w);

#endif
