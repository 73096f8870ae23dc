/* SPDX-License-Identifier: MIT */
/*
 * Fuzz the firmware's key reader: the input is "relpath=value" lines,
 * served as xenstore keys.  Whatever the values, the reader must not
 * crash, must leave a valid, sorted, merged RDM set, and the e820 built
 * from it must pass xenrdm_memmap_check().
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xenrdm/firmware.h"
#include "xenrdm/fw_host.h"

#define MAX_KEYS 400

static char text[1 << 16];
static const char *key[MAX_KEYS], *val[MAX_KEYS];
static size_t nr_keys;

static const char *reader(void *opaque, const char *path, const char *def)
{
	size_t i;

	(void)opaque;
	for (i = 0; i < nr_keys; i++)
		if (!strcmp(key[i], path))
			return val[i];
	return def;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct xenrdm_fw_layout l;
	static const struct xenrdm_fw_env env = { .read = reader };
	struct xenrdm_e820entry tab[XENRDM_E820MAX];
	char *p, *nl, *eq;
	uint32_t nr, i, k;
	int rc;

	if (size >= sizeof(text))
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	nr_keys = 0;
	for (p = text; p < text + size && nr_keys < MAX_KEYS; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(text + size - p));
		if (!nl)
			nl = text + size;       /* the NUL after the data */
		*nl = '\0';
		eq = strchr(p, '=');
		if (eq) {
			*eq = '\0';
			key[nr_keys] = p;
			val[nr_keys++] = eq + 1;
		}
	}
	xenrdm_fw_layout_init(&l, 0, 0);
	xenrdm_fw_host_read(&env, &l);
	if (l.nr_rdm > XENRDM_FW_MAX_RDM)
		abort();
	for (i = 0; i < l.nr_rdm; i++) {
		const struct xenrdm_range *r = &l.rdm[i];

		if (!r->size || (r->start | r->size) & 0xfff ||
		    r->start + r->size > XENRDM_PADDR_LIMIT ||
		    (i && r->start <= l.rdm[i - 1].start + l.rdm[i - 1].size))
			abort();        /* not valid, sorted and merged */
	}
	if (l.lowmem_end < 0x100000 || l.lowmem_end > 0xFC000000ULL)
		l.lowmem_end = 0x80000000ULL;
	if (l.highmem_end < 0x100000000ULL || l.highmem_end > XENRDM_PADDR_LIMIT)
		l.highmem_end = 0x100000000ULL;
	rc = xenrdm_e820_build(&l, tab, XENRDM_E820MAX, &nr);
	/* the builder skips ranges over hvmloader's own area [0xFC000000,
	 * 4 GiB), as hvmloader does: check against the ranges it kept */
	for (i = 0, k = 0; i < l.nr_rdm; i++)
		if (l.rdm[i].start >= 1ULL << 32 ||
		    l.rdm[i].start + l.rdm[i].size <= 0xFC000000ULL)
			l.rdm[k++] = l.rdm[i];
	l.nr_rdm = k;
	if (rc == 0 && xenrdm_memmap_check(&l, tab, nr))
		abort();
	if (rc && rc != -XENRDM_ERR_NOSPACE)
		abort();
	return 0;
}
