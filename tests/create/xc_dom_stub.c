/* SPDX-License-Identifier: MIT */
/*
 * tests/create/xc_dom_stub.c - an LD_PRELOAD stand-in for the hypervisor
 * as `xen-rdm create` and `apply` read a built domain (xenrdm/dom_layout.h):
 * xc_interface_open/close, xc_domain_getinfo, xc_map_foreign_range.  The
 * hvm_info page it maps is built as libxenguest builds it
 * (xg_dom_x86.c build_hvm_info: signature, length, low/high_mem_pgend,
 * checksum over the table), so the reader's checks run on a real layout.
 *
 * Environment:
 *   XC_DOM_STUB_FILE   domains, one a line: DOMID LOWMEM_END HIGHMEM_END
 *                      [pv] [running]  (ends in bytes, C syntax; 0: none).
 *                      The stand-in xl appends what it "built".  A later
 *                      line for the same domid wins; "gone" removes it.
 *   XC_DOM_STUB_OPEN_ERRNO  xc_interface_open fails with this errno
 *   XC_DOM_STUB_BADSUM      the table's checksum is off by one
 */
#define XC_WANT_COMPAT_MAP_FOREIGN_API
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <xenctrl.h>
#include <xen/hvm/hvm_info_table.h>

xc_interface *xc_interface_open(xentoollog_logger *logger,
				xentoollog_logger *dombuild_logger,
				unsigned open_flags);
int xc_interface_close(xc_interface *xch);

static char handle;

struct dom {
	unsigned long long low, high;
	int pv, running;
};

/* The last line for domid in XC_DOM_STUB_FILE.  0 found, -1 not. */
static int dom_find(uint32_t domid, struct dom *out)
{
	const char *path = getenv("XC_DOM_STUB_FILE");
	char line[256], w1[16], w2[16];
	unsigned long id;
	struct dom d;
	int found = -1, n;
	FILE *f;

	if (!path || !(f = fopen(path, "r")))
		return -1;
	while (fgets(line, sizeof(line), f)) {
		memset(&d, 0, sizeof(d));
		w1[0] = w2[0] = '\0';
		if (sscanf(line, "%lu gone", &id) == 1 && strstr(line, "gone")) {
			if (id == domid)
				found = -1;
			continue;
		}
		n = sscanf(line, "%lu %lli %lli %15s %15s", &id,
			   (long long *)&d.low, (long long *)&d.high, w1, w2);
		if (n < 3 || id != domid)
			continue;
		d.pv = !strcmp(w1, "pv") || !strcmp(w2, "pv");
		d.running = !strcmp(w1, "running") || !strcmp(w2, "running");
		*out = d;
		found = 0;
	}
	fclose(f);
	return found;
}

xc_interface *xc_interface_open(xentoollog_logger *logger,
				xentoollog_logger *dombuild_logger,
				unsigned open_flags)
{
	const char *e = getenv("XC_DOM_STUB_OPEN_ERRNO");

	(void)logger;
	(void)dombuild_logger;
	(void)open_flags;
	if (e && *e) {
		errno = atoi(e);
		return NULL;
	}
	return (xc_interface *)&handle;
}

int xc_interface_close(xc_interface *xch)
{
	(void)xch;
	return 0;
}

int xc_domain_getinfo(xc_interface *xch, uint32_t first_domid,
		      unsigned int max_doms, xc_dominfo_t *info)
{
	struct dom d;

	(void)xch;
	if (max_doms < 1 || dom_find(first_domid, &d))
		return 0;       /* (a real one would list the next domain) */
	memset(info, 0, sizeof(*info));
	info->domid = first_domid;
	info->hvm = !d.pv;
	info->paused = !d.running;
	info->running = d.running;
	return 1;
}

void *xc_map_foreign_range(xc_interface *xch, uint32_t dom, int size,
			   int prot, unsigned long mfn)
{
	struct hvm_info_table *t;
	uint8_t *page, sum = 0;
	struct dom d;
	uint32_t i;

	(void)xch;
	/* The reader must only look: read-only, one page, the hvm_info
	 * page of a domain that exists. */
	if (dom_find(dom, &d) || mfn != HVM_INFO_PFN || size != XC_PAGE_SIZE ||
	    prot != PROT_READ) {
		errno = EINVAL;
		return NULL;
	}
	page = mmap(NULL, XC_PAGE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED)
		return NULL;
	t = (struct hvm_info_table *)(page + HVM_INFO_OFFSET);
	memcpy(t->signature, "HVM INFO", 8);
	t->length = sizeof(*t);
	t->nr_vcpus = 1;
	t->low_mem_pgend = (uint32_t)(d.low >> 12);
	t->high_mem_pgend = (uint32_t)(d.high >> 12);
	t->reserved_mem_pgstart = 0xfeff0;
	t->vcpu_online[0] = 1;
	t->checksum = 0;
	for (i = 0; i < t->length; i++)
		sum += ((uint8_t *)t)[i];
	t->checksum = (uint8_t)-sum;
	if (getenv("XC_DOM_STUB_BADSUM"))
		t->checksum++;
	mprotect(page, XC_PAGE_SIZE, PROT_READ);
	return page;
}
