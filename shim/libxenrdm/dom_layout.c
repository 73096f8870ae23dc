/* SPDX-License-Identifier: MIT */
/*
 * shim/libxenrdm/dom_layout.c - a built domain's layout from its hvm_info table
 * (xenrdm/dom_layout.h).
 */
#define XC_WANT_COMPAT_MAP_FOREIGN_API
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xenctrl.h>
#include <xentoollog.h>
#include <xen/hvm/hvm_info_table.h>

#include "xenrdm/dom_layout.h"
#include "xenrdm/errors.h"

#include "diag.h"

#define PRIVCMD_PATH "/dev/xen/privcmd"

/* libxenctrl's messages would go to stderr; the caller gets ours. */
static void silent_vmessage(xentoollog_logger *logger, xentoollog_level level,
			    int errnoval, const char *context,
			    const char *format, va_list al)
{
	(void)logger; (void)level; (void)errnoval; (void)context;
	(void)format; (void)al;
}

static void silent_progress(xentoollog_logger *logger, const char *context,
			    const char *doing_what, int percent,
			    unsigned long done, unsigned long total)
{
	(void)logger; (void)context; (void)doing_what; (void)percent;
	(void)done; (void)total;
}

static void silent_destroy(xentoollog_logger *logger)
{
	(void)logger;
}

/* As hvmloader's hvm_info check (hvmloader.c: signature, bytes sum 0). */
static int table_check(const struct hvm_info_table *t)
{
	const uint8_t *p = (const uint8_t *)t;
	uint8_t sum = 0;
	uint32_t i;

	if (memcmp(t->signature, "HVM INFO", 8) ||
	    t->length < offsetof(struct hvm_info_table, vcpu_online) ||
	    t->length > XC_PAGE_SIZE - HVM_INFO_OFFSET)
		return -1;
	for (i = 0; i < t->length; i++)
		sum += p[i];
	return sum ? -1 : 0;
}

int xenrdm_dom_layout_read(uint32_t domid, struct xenrdm_dom_layout *out,
			   char *err, size_t errlen)
{
	xentoollog_logger silent = { silent_vmessage, silent_progress,
				     silent_destroy };
	const struct hvm_info_table *t;
	xc_interface *xch;
	xc_dominfo_t info;
	uint8_t *page;
	int rc, saved;

	memset(out, 0, sizeof(*out));
	xch = xc_interface_open(&silent, &silent, 0);
	if (!xch) {
		saved = errno;
		if (saved == ENOENT || access(PRIVCMD_PATH, F_OK) != 0) {
			xenrdm_set_err(err, errlen, "no Xen hypervisor ("
				       PRIVCMD_PATH " missing)");
			return -XENRDM_ERR_NOXEN;
		}
		xenrdm_set_err(err, errlen, "cannot open the hypervisor "
			       "interface " PRIVCMD_PATH ": %s",
			       strerror(saved));
		return -XENRDM_ERR_IO;
	}
	rc = xc_domain_getinfo(xch, domid, 1, &info);
	if (rc != 1 || info.domid != domid) {
		saved = errno;
		if (rc < 0)
			xenrdm_set_err(err, errlen, "domain %u: cannot get its "
				       "information: %s", domid,
				       strerror(saved));
		else
			xenrdm_set_err(err, errlen, "domain %u: no such domain",
				       domid);
		rc = rc < 0 ? -XENRDM_ERR_IO : -XENRDM_ERR_INVAL;
		goto out;
	}
	out->hvm = info.hvm;
	out->paused = info.paused;
	if (!info.hvm) {
		xenrdm_set_err(err, errlen, "domain %u is not an HVM guest",
			       domid);
		rc = -XENRDM_ERR_INVAL;
		goto out;
	}
	page = xc_map_foreign_range(xch, domid, XC_PAGE_SIZE, PROT_READ,
				    HVM_INFO_PFN);
	if (!page) {
		xenrdm_set_err(err, errlen, "domain %u: cannot map its "
			       "hvm_info page (pfn 0x%x): %s", domid,
			       HVM_INFO_PFN, strerror(errno));
		rc = -XENRDM_ERR_IO;
		goto out;
	}
	t = (const struct hvm_info_table *)(page + HVM_INFO_OFFSET);
	if (table_check(t)) {
		xenrdm_set_err(err, errlen, "domain %u: no valid hvm_info "
			       "table at 0x%x (signature, length or checksum)",
			       domid, HVM_INFO_PADDR);
		rc = -XENRDM_ERR_PARSE;
	} else {
		out->lowmem_end = (uint64_t)t->low_mem_pgend << XC_PAGE_SHIFT;
		out->highmem_end = (uint64_t)t->high_mem_pgend << XC_PAGE_SHIFT;
		out->nr_vcpus = t->nr_vcpus;
		rc = 0;
	}
	munmap(page, XC_PAGE_SIZE);
out:
	xc_interface_close(xch);
	return rc;
}
