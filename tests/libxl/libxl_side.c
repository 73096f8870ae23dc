/* SPDX-License-Identifier: MIT */
/*
 * tests/libxl/libxl_side.c - libxl's RDM functions, compiled from Debian's
 * Xen source (libxl_rdm_extract.c, generated into the build tree by
 * extract.py), and the stand-ins they need.
 *
 * What is libxl's here: the functions and value macros named in
 * libxl.mk's LIBXL_EXTRACT (libxl__domain_device_construct_rdm and what
 * it calls, domain_construct_memmap, libxl__build_hvm's lowmem/highmem
 * lines) and the public types of Debian's libxen-dev (libxl.h,
 * xenctrl.h, xenguest.h).  What is ours: libxl__gc and its allocators,
 * LOG/LOGD (captured), CTX, and the two hypercalls, answered from the
 * test's lx_host as Xen 4.17 answers them.
 */
#define __XEN_TOOLS__ 1
#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xenctrl.h>
#include <xenguest.h>
#include <libxl.h>

#include "libxl_side.h"

/* ---- libxl's context, thinly ---- */
struct lx_alloc {
	struct lx_alloc *next;
	max_align_t data[];
};
typedef struct {
	struct lx_alloc *allocs;
} libxl__gc;

static struct {
	xc_interface *xch;
} lx_ctx;

static struct lx_result *lx_out;            /* the running case's result */
static const struct lx_host *lx_host_now;   /* what the hypercalls answer */
static bool lx_nomem;

static void *lx_gc_alloc(libxl__gc *gc, size_t n)
{
	struct lx_alloc *a = calloc(1, sizeof(*a) + (n ? n : 1));

	if (!a) {
		lx_nomem = true;
		abort();
	}
	a->next = gc->allocs;
	gc->allocs = a;
	return a->data;
}

static void lx_gc_free(libxl__gc *gc)
{
	while (gc->allocs) {
		struct lx_alloc *a = gc->allocs;

		gc->allocs = a->next;
		free(a);
	}
}

static void *lx_realloc(void *p, size_t n)
{
	void *q = realloc(p, n);

	if (!q)
		abort();        /* libxl__realloc(NOGC, ...) aborts too */
	return q;
}

static void lx_log(const char *level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void lx_log(const char *level, const char *fmt, ...)
{
	size_t len = strlen(lx_out->log);
	unsigned long long at;
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	snprintf(lx_out->log + len, sizeof(lx_out->log) - len, "%s: %s%s",
		 level, line, line[0] && line[strlen(line) - 1] == '\n' ? "" : "\n");
	if (!strcmp(level, "ERROR") &&
	    sscanf(line, "RDM conflict at 0x%llx", &at) == 1) {
		lx_out->failed_at_known = true;
		lx_out->failed_at = at;
	}
}

#define CTX (&lx_ctx)
#define NOGC NULL
#define GCNEW_ARRAY(var, nmemb) \
	((var) = lx_gc_alloc(gc, (nmemb) * sizeof(*(var))))
#define libxl__realloc(gc, p, n) ((void)(gc), lx_realloc((p), (n)))
#define libxl__malloc(gc, n) lx_gc_alloc((gc), (n))
#define LOG(l, f, ...) lx_log(#l, (f), ##__VA_ARGS__)
#define LOGD(l, d, f, ...) ((void)(d), lx_log(#l, (f), ##__VA_ARGS__))
#define LOGE(l, f, ...) lx_log(#l, (f), ##__VA_ARGS__)

/* ---- the hypercalls ---- */
size_t lx_host_query(const struct lx_host *h, bool all, uint32_t sbdf,
		     uint64_t (*out)[2], size_t cap)
{
	size_t i, k, n = 0;

	for (i = 0; i < h->nr; i++) {
		const struct lx_rmrr *r = &h->rmrr[i];
		bool hit;

		for (k = 0; k < r->nr_dev; k++) {
			hit = all || r->dev[k] == sbdf;
			if (!hit)
				continue;
			if (n < cap) {
				out[n][0] = r->start_pfn;
				out[n][1] = r->nr_pages;
			}
			n++;
			if (!(all && h->amd))
				break;
		}
	}
	return n;
}

/* As libxenctrl's: 0 and *max_entries = used when the buffer holds them,
 * else -1, errno ENOBUFS and *max_entries = needed. */
static int lx_rdm_map(xc_interface *xch, uint32_t flags, uint16_t seg,
		      uint8_t bus, uint8_t devfn,
		      struct xen_reserved_device_memory entries[],
		      uint32_t *max_entries)
{
	static uint64_t got[LX_MAX_ANSWER][2];
	size_t n, i;

	(void)xch;
	n = lx_host_query(lx_host_now, flags & XENMEM_RDM_ALL,
			  (uint32_t)seg << 16 | (uint32_t)bus << 8 | devfn,
			  got, LX_MAX_ANSWER);
	if (n > *max_entries) {
		*max_entries = (uint32_t)n;
		errno = ENOBUFS;
		return -1;
	}
	for (i = 0; i < n; i++) {
		entries[i].start_pfn = got[i][0];
		entries[i].nr_pages = got[i][1];
	}
	*max_entries = (uint32_t)n;
	return 0;
}
#define xc_reserved_device_memory_map lx_rdm_map

static int lx_set_memory_map(xc_interface *xch, uint32_t domid,
			     struct e820entry entries[], uint32_t nr)
{
	uint32_t i;

	(void)xch;
	(void)domid;
	if (nr > LX_E820_CAP)
		return -1;
	for (i = 0; i < nr; i++) {
		lx_out->e820[i].addr = entries[i].addr;
		lx_out->e820[i].size = entries[i].size;
		lx_out->e820[i].type = entries[i].type;
	}
	lx_out->nr_e820 = nr;
	return 0;
}
#define xc_domain_set_memory_map lx_set_memory_map

/* libxl's, extracted: their prototypes (libxl_internal.h's) first. */
int libxl__domain_device_construct_rdm(libxl__gc *gc,
				       libxl_domain_config *d_config,
				       uint64_t rdm_mem_boundary,
				       struct xc_dom_image *dom);
int libxl__device_pci_setdefault(libxl__gc *gc, uint32_t domid,
				 libxl_device_pci *pci, bool hotplug);

#include "libxl_rdm_extract.c"

/* libxl__build_hvm's lines that split mem_size around the MMIO hole. */
static void lx_build_hvm_layout(struct xc_dom_image *dom, uint64_t mem_size)
{
	uint64_t mmio_start, lowmem_end, highmem_end;

#include "libxl_layout_extract.c"
}

int lx_run(const struct lx_host *h, const struct lx_input *in,
	   struct lx_result *out)
{
	static struct xc_dom_arch arch;
	libxl_domain_config d_config;
	libxl_device_pci pci[LX_MAX_PCI];
	struct xc_dom_image dom;
	libxl__gc gc = { NULL };
	size_t i;

	memset(out, 0, sizeof(*out));
	lx_out = out;
	lx_host_now = h;
	lx_nomem = false;

	memset(&d_config, 0, sizeof(d_config));
	libxl_defbool_set(&d_config.c_info.hap, in->hap);
	d_config.c_info.type = LIBXL_DOMAIN_TYPE_HVM;
	d_config.b_info.type = LIBXL_DOMAIN_TYPE_HVM;
	d_config.b_info.u.hvm.rdm.strategy = in->strategy_host ?
		LIBXL_RDM_RESERVE_STRATEGY_HOST :
		LIBXL_RDM_RESERVE_STRATEGY_IGNORE;
	d_config.b_info.u.hvm.rdm.policy = in->policy;
	memset(pci, 0, sizeof(pci));
	for (i = 0; i < in->nr_pci && i < LX_MAX_PCI; i++) {
		pci[i].domain = (int)(in->pci[i].sbdf >> 16);
		pci[i].bus = (uint8_t)(in->pci[i].sbdf >> 8);
		pci[i].dev = (uint8_t)(in->pci[i].sbdf >> 3 & 0x1f);
		pci[i].func = (uint8_t)(in->pci[i].sbdf & 7);
		pci[i].rdm_policy = in->pci[i].policy;
	}
	d_config.pcidevs = pci;
	d_config.num_pcidevs = (int)in->nr_pci;

	memset(&dom, 0, sizeof(dom));
	arch.page_shift = XC_PAGE_SHIFT;
	dom.arch_hooks = &arch;
	dom.container_type = XC_DOM_HVM_CONTAINER;
	dom.device_model = true;
	dom.mmio_size = in->mmio_size;
	lx_build_hvm_layout(&dom, in->mem_size);

	out->rc_rdm = libxl__domain_device_construct_rdm(&gc, &d_config,
							 in->rdm_mem_boundary,
							 &dom);
	out->lowmem_end = dom.lowmem_end;
	out->highmem_end = dom.highmem_end;
	for (i = 0; i < (size_t)d_config.num_rdms && i < LX_MAX_ENTRY; i++) {
		out->e[i].start = d_config.rdms[i].start;
		out->e[i].size = d_config.rdms[i].size;
		out->e[i].policy = d_config.rdms[i].policy;
	}
	out->nr = i;
	if (!out->rc_rdm) {
		out->memmap_run = true;
		out->rc_memmap = domain_construct_memmap(&gc, &d_config, 1, &dom);
	}
	free(d_config.rdms);
	lx_gc_free(&gc);
	lx_out = NULL;
	return (size_t)d_config.num_rdms > LX_MAX_ENTRY || lx_nomem ? -1 : 0;
}
