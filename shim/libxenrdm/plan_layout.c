/* SPDX-License-Identifier: MIT */
/*
 * shim/libxenrdm/plan_layout.c - from a plan to the firmware module's
 * input and to the guest e820, built by the firmware's own code compiled
 * for the host (so `plan` shows exactly what hvmloader will emit).
 */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "xenrdm/fw_host.h"
#include "xenrdm/xenrdm.h"

int xenrdm_plan_fw_layout(const struct xenrdm_plan *plan,
			  struct xenrdm_fw_layout *layout_out,
			  char *err, size_t errlen)
{
	struct xenrdm_fw_layout *l = layout_out;
	size_t i;

	xenrdm_set_err(err, errlen, "%s", "");
	xenrdm_fw_layout_init(l, plan->lowmem_end, plan->highmem_end);
	/* The first megabyte as hvmloader builds it for the guest's BIOS. */
	if (xenrdm_bios_fw_layout(plan->bios, l)) {
		xenrdm_set_err(err, errlen, "plan: BIOS %d is not one of "
			       "seabios, ovmf, rombios", (int)plan->bios);
		return -XENRDM_ERR_INVAL;
	}
	/* plan->rdms is sorted by start: one pass merges overlapping and
	 * touching valid regions, as the xenstore ABI wants them. */
	for (i = 0; i < plan->nr_rdms; i++) {
		const struct xenrdm_rdm *d = &plan->rdms[i];
		struct xenrdm_range *last;
		uint64_t end = d->start + d->size;

		if (d->state != XENRDM_STATE_VALID)
			continue;
		last = l->nr_rdm ? &l->rdm[l->nr_rdm - 1] : NULL;
		if (last && d->start <= last->start + last->size) {
			if (end > last->start + last->size)
				last->size = end - last->start;
			continue;
		}
		if (l->nr_rdm == XENRDM_FW_MAX_RDM) {
			xenrdm_set_err(err, errlen, "plan: more than %u valid "
				       "RDM ranges remain after merging; the "
				       "guest firmware takes at most %u",
				       (unsigned)XENRDM_FW_MAX_RDM,
				       (unsigned)XENRDM_FW_MAX_RDM);
			return -XENRDM_ERR_NOSPACE;
		}
		l->rdm[l->nr_rdm].start = d->start;
		l->rdm[l->nr_rdm].size = d->size;
		l->nr_rdm++;
	}
	return 0;
}

/* The builder's last log line becomes the message: it logs why it
 * fails just before failing (after any "skipped" lines). */
struct last_line {
	char *buf;
	size_t len;
};

static void keep_last_line(void *opaque, const char *text)
{
	struct last_line *f = opaque;
	size_t n;

	if (!f->buf || !f->len)
		return;
	n = strcspn(text, "\n");
	if (n >= f->len)
		n = f->len - 1;
	memcpy(f->buf, text, n);
	f->buf[n] = '\0';
}

int xenrdm_plan_e820(const struct xenrdm_plan *plan,
		     struct xenrdm_e820entry *tab, uint32_t cap,
		     uint32_t *nr_out, char *err, size_t errlen)
{
	/* ~2 KiB: on the heap, callers may run on small stacks. */
	struct xenrdm_fw_layout *l = malloc(sizeof(*l));
	struct last_line last = { err, errlen };
	struct xenrdm_fw_env env = { .log = keep_last_line,
				     .log_opaque = &last };
	int rc;

	if (!l) {
		xenrdm_set_err(err, errlen, "plan: out of memory");
		return -XENRDM_ERR_NOMEM;
	}
	rc = xenrdm_plan_fw_layout(plan, l, err, errlen);
	if (rc)
		goto out;
	rc = xenrdm_fw_host_e820_build(&env, l, tab, cap, nr_out);
	if (!rc)        /* what the builder logs of a success is no error */
		xenrdm_set_err(err, errlen, "%s", "");
	else if (err && errlen && !err[0])      /* it logged nothing */
		xenrdm_set_err(err, errlen, "%s", xenrdm_strerror(rc));
out:
	free(l);
	return rc;
}
