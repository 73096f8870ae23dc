/* SPDX-License-Identifier: MIT */
/*
 * tests/xen-stub/xc_stub.c - an LD_PRELOAD stand-in for the hypervisor,
 * as libxenctrl sees it, for the few calls `xen-rdm --xen` makes:
 * xc_interface_open/close and xc_reserved_device_memory_map.  Only for
 * tests; the production code does not know it exists.
 *
 * Environment (read at every call):
 *   XC_STUB_REGIONS     file of the host's RMRRs, one a line:
 *                         START_PFN NR_PAGES [SSSS:BB:DD.F ...]
 *                       (numbers in C syntax; the devices in its scope;
 *                       '#' starts a comment).  Missing: no RMRR.
 *   XC_STUB_LOG         file every call is appended to, one line each:
 *                         open | close |
 *                         map flags=F sbdf=SSSS:BB:DD.F nr_in=N rc=R errno=E nr_out=M
 *   XC_STUB_OPEN_ERRNO  make xc_interface_open fail with this errno.
 *   XC_STUB_MAP_ERRNO   make every map call fail with this errno.
 *   XC_STUB_UNDERCOUNT  when set, a probe with nr=0 reports one entry
 *                       fewer than there are (a device appearing between
 *                       the caller's two calls), so the caller must retry.
 *
 * The answers follow Xen's XENMEM_reserved_device_memory_map: with
 * XENMEM_RDM_ALL every RMRR once, else the RMRRs whose scope holds the
 * device; entries are copied while they fit; if they did not all fit the
 * call fails with ENOBUFS; either way *max_entries becomes the number the
 * hypervisor has.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xenctrl.h>

/* Visible for the test's own linking too. */
xc_interface *xc_interface_open(xentoollog_logger *logger,
				xentoollog_logger *dombuild_logger,
				unsigned open_flags);
int xc_interface_close(xc_interface *xch);

static char stub_handle;        /* what the opaque handle points at */

static void stub_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void stub_log(const char *fmt, ...)
{
	const char *path = getenv("XC_STUB_LOG");
	va_list ap;
	FILE *f;

	if (!path || !(f = fopen(path, "a")))
		return;
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
	fclose(f);
}

static int env_errno(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? atoi(v) : 0;
}

xc_interface *xc_interface_open(xentoollog_logger *logger,
				xentoollog_logger *dombuild_logger,
				unsigned open_flags)
{
	int e = env_errno("XC_STUB_OPEN_ERRNO");

	(void)logger;
	(void)dombuild_logger;
	(void)open_flags;
	stub_log("open");
	if (e) {
		errno = e;
		return NULL;
	}
	return (xc_interface *)&stub_handle;
}

int xc_interface_close(xc_interface *xch)
{
	if (xch != (xc_interface *)&stub_handle) {
		stub_log("close of an unknown handle");
		return -1;
	}
	stub_log("close");
	return 0;
}

static int parse_sbdf(const char *s, uint32_t *out)
{
	unsigned seg, bus, dev, fn;
	char tail;

	if (sscanf(s, "%x:%x:%x.%x%c", &seg, &bus, &dev, &fn, &tail) != 4 ||
	    seg > 0xffff || bus > 0xff || dev > 0x1f || fn > 7)
		return -1;
	*out = seg << 16 | bus << 8 | dev << 3 | fn;
	return 0;
}

/* Does this RMRR line apply to the query?  Fills pfn/pages. */
static int line_matches(char *line, uint32_t flags, uint32_t sbdf,
			uint64_t *pfn, uint64_t *pages)
{
	char *tok, *save = NULL, *end;
	uint32_t dev;
	int n = 0, hit = (flags & XENMEM_RDM_ALL) != 0;

	if ((end = strchr(line, '#')))
		*end = '\0';
	for (tok = strtok_r(line, " \t\n", &save); tok;
	     tok = strtok_r(NULL, " \t\n", &save), n++) {
		if (n == 0) {
			*pfn = strtoull(tok, &end, 0);
		} else if (n == 1) {
			*pages = strtoull(tok, &end, 0);
		} else {
			if (parse_sbdf(tok, &dev)) {
				stub_log("bad device '%s' in XC_STUB_REGIONS", tok);
				return 0;
			}
			if (dev == sbdf)
				hit = 1;
			continue;
		}
		if (*end) {
			stub_log("bad number '%s' in XC_STUB_REGIONS", tok);
			return 0;
		}
	}
	return n >= 2 && hit;
}

int xc_reserved_device_memory_map(xc_interface *xch, uint32_t flags,
				  uint16_t seg, uint8_t bus, uint8_t devfn,
				  struct xen_reserved_device_memory entries[],
				  uint32_t *max_entries)
{
	const char *path = getenv("XC_STUB_REGIONS");
	uint32_t sbdf = (uint32_t)seg << 16 | (uint32_t)bus << 8 | devfn;
	uint32_t nr_in = *max_entries, used = 0, reported;
	int e = env_errno("XC_STUB_MAP_ERRNO"), rc = 0;
	char line[512];
	FILE *f = NULL;

	if (xch != (xc_interface *)&stub_handle) {
		e = EBADF;
		goto out;
	}
	if (e)
		goto out;
	if (path && !(f = fopen(path, "r"))) {
		stub_log("cannot open XC_STUB_REGIONS %s", path);
		e = EIO;
		goto out;
	}
	while (f && fgets(line, sizeof(line), f)) {
		uint64_t pfn = 0, pages = 0;

		if (!line_matches(line, flags, sbdf, &pfn, &pages))
			continue;
		if (used < nr_in) {
			entries[used].start_pfn = pfn;
			entries[used].nr_pages = pages;
		}
		used++;
	}
	reported = used;
	if (nr_in == 0 && used && getenv("XC_STUB_UNDERCOUNT"))
		reported = used - 1;
	if (used > nr_in)
		e = ENOBUFS;
	*max_entries = reported;
out:
	if (f)
		fclose(f);
	if (e)
		rc = -1;
	stub_log("map flags=%u sbdf=%04x:%02x:%02x.%x nr_in=%u rc=%d errno=%s nr_out=%u",
		 flags, seg, bus, devfn >> 3, devfn & 7, nr_in, rc,
		 e == ENOBUFS ? "ENOBUFS" : e ? strerror(e) : "0",
		 *max_entries);
	errno = e;
	return rc;
}
