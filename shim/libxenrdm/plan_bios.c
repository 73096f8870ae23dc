/* SPDX-License-Identifier: MIT */
/*
 * shim/libxenrdm/plan_bios.c - what the guest's BIOS decides about its e820:
 * hvmloader's first megabyte for that BIOS, how many entries the guest
 * keeps, and the planner's refusal (with a remedy) of a plan whose e820
 * would not fit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include "diag.h"
#include "plan_internal.h"
#include "xenrdm/sources.h"
#include "xenrdm/xenrdm.h"

int xenrdm_bios_fw_layout(enum xenrdm_bios bios, struct xenrdm_fw_layout *l)
{
	/* hvmloader's build_e820_table() turns lowmem_reserved_base 0 into
	 * 0xA0000; the layout carries the value it then uses. */
	switch (bios) {
	case XENRDM_BIOS_SEABIOS:       /* seabios.c: (0, bios_address) */
		l->lowmem_reserved_base = 0xA0000;
		l->bios_image_base = XENRDM_FW_RAM_1M -
				     XENRDM_SEABIOS_IMAGE_SIZE;
		return 0;
	case XENRDM_BIOS_OVMF:          /* ovmf.c: (0, LOWCHUNK_BEGIN) */
		l->lowmem_reserved_base = 0xA0000;
		l->bios_image_base = 0xF0000;
		return 0;
	case XENRDM_BIOS_ROMBIOS:       /* rombios.c: (0x9E000, 0xE0000) */
		l->lowmem_reserved_base = 0x9E000;
		l->bios_image_base = 0xE0000;
		return 0;
	}
	return -XENRDM_ERR_INVAL;
}

uint32_t xenrdm_bios_e820_keep(enum xenrdm_bios bios)
{
	switch (bios) {
	case XENRDM_BIOS_SEABIOS: return XENRDM_BIOS_E820_KEEP_SEABIOS;
	case XENRDM_BIOS_OVMF:    return XENRDM_BIOS_E820_KEEP_OVMF;
	case XENRDM_BIOS_ROMBIOS: return XENRDM_BIOS_E820_KEEP_ROMBIOS;
	}
	return 0;
}

static const char *const bios_names[] = {
	[XENRDM_BIOS_SEABIOS] = "seabios",
	[XENRDM_BIOS_OVMF] = "ovmf",
	[XENRDM_BIOS_ROMBIOS] = "rombios",
};
#define NR_BIOS (sizeof(bios_names) / sizeof(bios_names[0]))

const char *xenrdm_bios_name(enum xenrdm_bios bios)
{
	return (unsigned)bios < NR_BIOS ? bios_names[bios] : NULL;
}

int xenrdm_bios_parse(const char *s, enum xenrdm_bios *out)
{
	unsigned i;

	for (i = 0; s && i < NR_BIOS; i++)
		if (!strcasecmp(s, bios_names[i])) {
			*out = (enum xenrdm_bios)i;
			return 0;
		}
	return -XENRDM_ERR_INVAL;
}

int xenrdm_e820_boot_entries(const struct xenrdm_fw_layout *l,
			     uint32_t *nr_out)
{
	/* Valid ranges never split RAM: twice E820MAX is room enough. */
	struct xenrdm_e820entry *tab = malloc(sizeof(*tab) * 2 * XENRDM_E820MAX);
	uint32_t nr = 0, i;
	int rc;

	if (!tab)
		return -XENRDM_ERR_NOMEM;
	rc = xenrdm_e820_build(l, tab, 2 * XENRDM_E820MAX, &nr);
	if (!rc) {
		/*
		 * The builder keeps hvmloader's area [0xFC000000, 4 GiB) as one
		 * RESERVED entry; hvmloader makes it ACPI NVS up to the end of
		 * its ACPI tables, then RESERVED: one entry more.  A range that
		 * ends at 0xFC000000 merged into the area here stays its own
		 * entry there (NVS is another type): one more again.  (A range
		 * from 4 GiB on joins the RESERVED part in both.)  Assumes ACPI
		 * on and no IGD OpRegion (gfx_passthru), which splits it twice
		 * more.
		 */
		for (i = 0; i < nr; i++)
			if (tab[i].addr <= XENRDM_HVMLOADER_AREA &&
			    tab[i].addr + tab[i].size >= XENRDM_4G) {
				nr += tab[i].addr < XENRDM_HVMLOADER_AREA ? 2 : 1;
				break;
			}
		*nr_out = nr;
	}
	free(tab);
	return rc;
}

int xenrdm_bios_e820_fits(const struct xenrdm_fw_layout *l,
			  enum xenrdm_bios bios, bool igd_passthru,
			  uint32_t *boot_out)
{
	uint32_t nr = 0;
	int rc = xenrdm_e820_boot_entries(l, &nr);

	if (rc)
		return rc;
	/* With IGD passthrough pci.c allocates the OpRegion in hvmloader's
	 * area, and build_e820_table() makes it an NVS entry between two
	 * RESERVED ones: 2 more. */
	if (igd_passthru)
		nr += 2;
	*boot_out = nr;
	return nr > xenrdm_bios_e820_keep(bios) ? -XENRDM_ERR_NOSPACE : 0;
}

/* Boot entries of plan's e820 (layout l) with this BIOS's first
 * megabyte. */
static int bios_boot_entries(const struct xenrdm_plan *plan,
			     struct xenrdm_fw_layout *l, enum xenrdm_bios bios,
			     uint32_t *nr_out)
{
	int rc = xenrdm_bios_fw_layout(bios, l);

	if (!rc)
		rc = xenrdm_bios_e820_fits(l, bios, plan->igd_passthru, nr_out);
	return rc == -XENRDM_ERR_NOSPACE ? 0 : rc;
}

static int sbdf_cmp(const void *a, const void *b)
{
	xenrdm_sbdf x = *(const xenrdm_sbdf *)a, y = *(const xenrdm_sbdf *)b;

	return x < y ? -1 : x > y;
}

/* "DEV (n), ... , rdm strategy=host (n)": the devices (SBDF order, at most
 * 6 named) and strategy=host that bring valid regions in, with how many
 * each brings.  One sort: O(n log n) in the plan's device slots. */
static void sources_text(const struct xenrdm_plan *plan, char *buf,
			 size_t len)
{
	size_t i, k, n = 0, host = 0, used = 0, shown = 0, run;
	xenrdm_sbdf *v = NULL;
	char b[16];

	buf[0] = '\0';
	for (i = 0; i < plan->nr_rdms; i++)
		if (plan->rdms[i].state == XENRDM_STATE_VALID)
			n += plan->rdms[i].nr_devices;
	if (n)
		v = malloc(n * sizeof(*v));
	for (i = 0, n = 0; i < plan->nr_rdms; i++) {
		const struct xenrdm_rdm *d = &plan->rdms[i];

		if (d->state != XENRDM_STATE_VALID)
			continue;
		host += d->host_wide;
		for (k = 0; v && k < d->nr_devices; k++)
			v[n++] = d->devices[k];
	}
	if (v)
		qsort(v, n, sizeof(*v), sbdf_cmp);
	for (i = 0; v && i < n; i += run) {
		for (run = 1; i + run < n && v[i + run] == v[i]; run++)
			;
		if (shown == 6 || used + 48 >= len) {
			if (used + 8 < len)
				used += (size_t)snprintf(buf + used, len - used,
							 ", ...");
			break;
		}
		xenrdm_sbdf_format(v[i], b);
		used += (size_t)snprintf(buf + used, len - used, "%s%s (%zu)",
					 shown ? ", " : "", b, run);
		shown++;
	}
	free(v);
	if (host && used + 48 < len)
		snprintf(buf + used, len - used, "%srdm strategy=host (%zu)",
			 used ? ", " : "", host);
}

/*
 * Rule 6 of the planner (README, "The planner's rules"): the e820 must
 * fit what the guest keeps.  Called on a plan that is otherwise done;
 * 0 or -XENRDM_ERR_NOSPACE with the message, -XENRDM_ERR_NOMEM.
 */
int plan_fits_bios(const struct xenrdm_plan *plan, char *err, size_t errlen)
{
	struct xenrdm_fw_layout *l = malloc(sizeof(*l));
	uint32_t need = 0, keep = xenrdm_bios_e820_keep(plan->bios), alt;
	char srcs[400], better[160] = "";
	unsigned b;
	int rc;

	if (!l)
		return -XENRDM_ERR_NOMEM;
	rc = xenrdm_plan_fw_layout(plan, l, err, errlen);
	if (rc == -XENRDM_ERR_NOSPACE && err && errlen) {
		sources_text(plan, srcs, sizeof(srcs));
		xenrdm_set_err(err, errlen, "%zu valid RDM regions remain "
			       "after merging; the guest firmware takes at most "
			       "%u: reserve fewer (they come from: %s)",
			       plan->nr_valid, (unsigned)XENRDM_FW_MAX_RDM,
			       srcs);
		goto out;
	}
	if (!rc) {
		rc = bios_boot_entries(plan, l, plan->bios, &need);
		/* The earlier rules made the layout: a refusal here is the
		 * planner's own bug, said as such rather than as the user's. */
		if (rc && rc != -XENRDM_ERR_NOMEM)
			xenrdm_set_err(err, errlen, "internal: the e820 builder "
				       "refused the planned layout (%s; low "
				       "RAM ends at 0x%llx, high RAM at 0x%llx)",
				       xenrdm_strerror(rc),
				       (unsigned long long)plan->lowmem_end,
				       (unsigned long long)plan->highmem_end);
	}
	if (rc || need <= keep)
		goto out;
	rc = -XENRDM_ERR_NOSPACE;
	if (!err || !errlen)
		goto out;               /* no message wanted */
	/* Another BIOS that would keep this table?  Not ROMBIOS: Debian
	 * builds Xen --disable-rombios, and libxl refuses it with qemu-xen. */
	for (b = 0; b < NR_BIOS; b++) {
		uint32_t n = 0;

		if (b == plan->bios || b == XENRDM_BIOS_ROMBIOS ||
		    bios_boot_entries(plan, l, (enum xenrdm_bios)b, &n) ||
		    n > xenrdm_bios_e820_keep((enum xenrdm_bios)b))
			continue;
		alt = xenrdm_bios_e820_keep((enum xenrdm_bios)b);
		snprintf(better, sizeof(better), "; or bios=\"%s\", which "
			 "keeps %u", bios_names[b], alt);
		break;
	}
	sources_text(plan, srcs, sizeof(srcs));
	xenrdm_set_err(err, errlen, "the guest e820 would have %u entries at "
		       "boot (%u RDM ranges, %zu valid regions merged, and "
		       "hvmloader's own%s), more than %s keeps (%u): reserve at "
		       "least %u range%s fewer, by passing through fewer "
		       "devices or leaving out rdm strategy=host (they come "
		       "from: %s)%s", need, l->nr_rdm, plan->nr_valid,
		       plan->igd_passthru ? " with the IGD OpRegion" : "",
		       bios_names[plan->bios], keep, need - keep,
		       need - keep == 1 ? "" : "s", srcs, better);
out:
	free(l);
	return rc;
}
