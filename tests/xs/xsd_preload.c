/* SPDX-License-Identifier: MIT */
/*
 * tests/xs/xsd_preload.c - LD_PRELOAD stand-in for the hypervisor
 * interfaces Xen's C xenstored (4.17) opens at start, so that the real
 * daemon runs on a unix socket on a machine without Xen.
 *
 * Only the hypervisor side is replaced; the daemon's store, transaction,
 * permission and quota logic stay the real thing.  Everything lives under
 * $XENSTORED_RUNDIR (tests/xs/xsd.sh sets it):
 *
 *   xsd_port, xsd_kva   what /proc/xen/xsd_port and /proc/xen/xsd_kva
 *                       would be: opens of those paths are redirected here
 *                       (dom0's ring page is a plain 4 KiB file)
 *   evtchn              a FIFO standing in for /dev/xen/evtchn: the daemon
 *                       polls it; writing a 4-byte port number into it is
 *                       "the guest kicked its event channel".  Nothing
 *                       writes to it unless a test plays a guest.
 *   ring-<domid>        a 4 KiB file: what mapping the guest's xenstore
 *                       grant (xengnttab_map_grant_ref) yields, so a test
 *                       can play domain <domid> on a shared ring (see
 *                       tests/xs/xs_guest.c).  Missing: the map fails.
 *
 * xc_domain_getinfo() reports every asked-for domain as alive, so the
 * daemon never tears a connection down on its own.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xenctrl.h>
#include <xenevtchn.h>
#include <xengnttab.h>

#define XSD_PAGE 4096

/* Opaque handles: the daemon only compares them with NULL. */
static int fake_xc, fake_gnttab;
struct xenevtchn_handle { int fd; };
static struct xenevtchn_handle fake_evtchn = { .fd = -1 };
static evtchn_port_t next_port = 1;

/* $XENSTORED_RUNDIR/<name> into buf; false when it does not fit. */
static int rundir_path(char *buf, size_t len, const char *name)
{
	const char *dir = getenv("XENSTORED_RUNDIR");
	int n;

	if (!dir)
		dir = ".";
	n = snprintf(buf, len, "%s/%s", dir, name);
	return n > 0 && (size_t)n < len;
}

/* The two /proc/xen files dom0 setup reads; everything else passes. */
int open(const char *path, int flags, ...);
int open(const char *path, int flags, ...)
{
	static int (*real_open)(const char *, int, ...);
	char redirected[PATH_MAX];
	mode_t mode = 0;

	if (flags & O_CREAT) {
		va_list ap;

		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	if (!real_open)
		real_open = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
	if (!strcmp(path, "/proc/xen/xsd_port") ||
	    !strcmp(path, "/proc/xen/xsd_kva")) {
		if (!rundir_path(redirected, sizeof(redirected),
				 path + strlen("/proc/xen/"))) {
			errno = ENAMETOOLONG;
			return -1;
		}
		path = redirected;
	}
	return real_open(path, flags, mode);
}

xc_interface *xc_interface_open(xentoollog_logger *logger,
				xentoollog_logger *dombuild_logger,
				unsigned open_flags)
{
	(void)logger; (void)dombuild_logger; (void)open_flags;
	return (xc_interface *)&fake_xc;
}

int xc_interface_close(xc_interface *xch)
{
	(void)xch;
	return 0;
}

int xc_domain_getinfo(xc_interface *xch, uint32_t first_domid,
		      unsigned int max_doms, xc_dominfo_t *info)
{
	(void)xch;
	if (!max_doms)
		return 0;
	memset(info, 0, sizeof(*info));
	info->domid = first_domid;
	info->running = 1;
	return 1;
}

xenevtchn_handle *xenevtchn_open(struct xentoollog_logger *logger,
				 unsigned int flags)
{
	char fifo[PATH_MAX];

	(void)logger; (void)flags;
	if (!rundir_path(fifo, sizeof(fifo), "evtchn")) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	if (mkfifo(fifo, 0600) && errno != EEXIST)
		return NULL;
	/* O_RDWR: the FIFO never reports EOF when no writer is attached. */
	fake_evtchn.fd = open(fifo, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	return fake_evtchn.fd < 0 ? NULL : &fake_evtchn;
}

/* Only used by live update, which the tests do not do. */
xenevtchn_handle *xenevtchn_fdopen(struct xentoollog_logger *logger,
				   int fd, unsigned open_flags)
{
	(void)logger; (void)open_flags;
	fake_evtchn.fd = fd;
	return &fake_evtchn;
}

int xenevtchn_close(xenevtchn_handle *xce)
{
	if (xce && xce->fd >= 0)
		close(xce->fd);
	return 0;
}

int xenevtchn_fd(xenevtchn_handle *xce)
{
	return xce->fd;
}

int xenevtchn_notify(xenevtchn_handle *xce, evtchn_port_t port)
{
	(void)xce; (void)port;
	return 0;
}

xenevtchn_port_or_error_t
xenevtchn_bind_interdomain(xenevtchn_handle *xce, uint32_t domid,
			   evtchn_port_t remote_port)
{
	(void)xce; (void)domid; (void)remote_port;
	return (xenevtchn_port_or_error_t)next_port++;
}

xenevtchn_port_or_error_t
xenevtchn_bind_virq(xenevtchn_handle *xce, unsigned int virq)
{
	(void)xce; (void)virq;
	return (xenevtchn_port_or_error_t)next_port++;
}

int xenevtchn_unbind(xenevtchn_handle *xce, evtchn_port_t port)
{
	(void)xce; (void)port;
	return 0;
}

/* A kick is one 4-byte port number written into the FIFO. */
xenevtchn_port_or_error_t xenevtchn_pending(xenevtchn_handle *xce)
{
	uint32_t port;
	ssize_t r = read(xce->fd, &port, sizeof(port));

	if (r != (ssize_t)sizeof(port)) {
		if (r >= 0)
			errno = EIO;
		return -1;
	}
	return (xenevtchn_port_or_error_t)port;
}

int xenevtchn_unmask(xenevtchn_handle *xce, evtchn_port_t port)
{
	(void)xce; (void)port;
	return 0;
}

xengnttab_handle *xengnttab_open(struct xentoollog_logger *logger,
				 unsigned open_flags)
{
	(void)logger; (void)open_flags;
	return (xengnttab_handle *)&fake_gnttab;
}

int xengnttab_close(xengnttab_handle *xgt)
{
	(void)xgt;
	return 0;
}

int xengnttab_set_max_grants(xengnttab_handle *xgt, uint32_t nr_grants)
{
	(void)xgt; (void)nr_grants;
	return 0;
}

/* The guest's xenstore ring: $XENSTORED_RUNDIR/ring-<domid>, shared. */
void *xengnttab_map_grant_ref(xengnttab_handle *xgt, uint32_t domid,
			      uint32_t ref, int prot)
{
	char name[32], path[PATH_MAX];
	void *page;
	int fd;

	(void)xgt; (void)ref;
	snprintf(name, sizeof(name), "ring-%u", domid);
	if (!rundir_path(path, sizeof(path), name)) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	page = mmap(NULL, XSD_PAGE, prot, MAP_SHARED, fd, 0);
	close(fd);
	return page == MAP_FAILED ? NULL : page;
}

int xengnttab_unmap(xengnttab_handle *xgt, void *start_address,
		    uint32_t count)
{
	(void)xgt;
	return munmap(start_address, (size_t)count * XSD_PAGE);
}
