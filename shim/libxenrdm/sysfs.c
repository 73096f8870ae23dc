/* SPDX-License-Identifier: MIT */
/*
 * shim/libxenrdm/sysfs.c - the PCI topology a multi-hop DMAR device scope needs,
 * from a sysfs tree (the live /sys, or a copy for the tests): the
 * secondary bus of a bridge.
 *
 * Linux gives a bridge's secondary bus as the directory entry
 * DIR/bus/pci/devices/SSSS:BB:DD.F/pci_bus/SSSS:NN (the child bus); Xen
 * reads byte 0x19 (PCI_SECONDARY_BUS) of the bridge's configuration
 * space, which sysfs shows as the file .../config (its first 64 bytes
 * are readable by anyone).  The entry is tried first, then the byte.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xenrdm/sources.h"

#define PCI_SECONDARY_BUS 0x19

static int hex2(const char *s, unsigned *out)
{
	char *end;
	unsigned long v = strtoul(s, &end, 16);

	if (end != s + 2 || *end || v > 0xff)
		return -1;
	*out = (unsigned)v;
	return 0;
}

int xenrdm_sysfs_secondary_bus(void *ctx, uint16_t seg, uint8_t bus,
			       uint8_t dev, uint8_t fn, uint8_t *sec_out)
{
	const char *root = ctx ? ctx : "/sys";
	char path[4096], want[8], name[16];
	struct dirent *de;
	unsigned v;
	ssize_t got;
	uint8_t b;
	DIR *d;
	int fd;

	if (dev > 31 || fn > 7)
		return -XENRDM_ERR_INVAL;
	/* Linux names a device directory as we print an SBDF. */
	xenrdm_sbdf_format(XENRDM_SBDF((uint32_t)seg, bus, dev, fn), name);
	snprintf(path, sizeof(path), "%s/bus/pci/devices/%s/pci_bus", root,
		 name);
	snprintf(want, sizeof(want), "%04x:", seg);
	d = opendir(path);
	if (d) {
		while ((de = readdir(d)))
			if (strlen(de->d_name) == 7 &&
			    !strncmp(de->d_name, want, 5) &&
			    !hex2(de->d_name + 5, &v)) {
				closedir(d);
				*sec_out = (uint8_t)v;
				return 0;
			}
		closedir(d);
	}
	snprintf(path, sizeof(path), "%s/bus/pci/devices/%s/config", root,
		 name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -XENRDM_ERR_IO;
	got = pread(fd, &b, 1, PCI_SECONDARY_BUS);
	close(fd);
	if (got != 1)
		return -XENRDM_ERR_IO;
	*sec_out = b;
	return 0;
}
