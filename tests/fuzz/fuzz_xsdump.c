/* SPDX-License-Identifier: MIT */
/*
 * Fuzz the xenstore-ls dump reader: any bytes; reads must return the
 * default or a NUL-terminated value shorter than XENRDM_XSDUMP_VALUE_MAX,
 * and the firmware reader on top of it must hold its invariants.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xenrdm/firmware.h"
#include "xenrdm/fw_host.h"
#include "xenrdm/xsdump.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct xenrdm_xsdump d;
	static struct xenrdm_fw_layout l;
	struct xenrdm_fw_env env = { 0 };
	static const char *const paths[] = {
		"hvmloader/rdm/count", "hvmloader/rdm/0/start",
		"hvmloader/rdm/0/size", "hvmloader/rdm/lowmem-end", "", "x",
	};
	const char *v;
	size_t i;
	char *copy = malloc(size ? size : 1);   /* exact size: ASan sees overreads */

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	xenrdm_xsdump_open(&d, copy, size);
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		v = xenrdm_xsdump_read(&d, paths[i], NULL);
		if (v && (v != d.value ||
			  strnlen(v, XENRDM_XSDUMP_VALUE_MAX) >= XENRDM_XSDUMP_VALUE_MAX))
			abort();
	}
	xenrdm_fw_env_xsdump(&env, &d);
	xenrdm_fw_layout_init(&l, 0x80000000ULL, 0x100000000ULL);
	xenrdm_fw_host_read(&env, &l);
	if (l.nr_rdm > XENRDM_FW_MAX_RDM)
		abort();
	free(copy);
	return 0;
}
