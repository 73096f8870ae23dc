/* SPDX-License-Identifier: MIT */
/*
 * tests/xs/xs_guest.c - play a guest domain against the test xenstored, so
 * the daemon's permission checks run for a real unprivileged connection.
 *
 *   xs_guest introduce DOMID            as domain 0 (over the socket):
 *       create $XENSTORED_RUNDIR/ring-DOMID and XS_INTRODUCE the domain;
 *       the preload (xsd_preload.c) maps that file as the guest's ring.
 *   xs_guest read DOMID PATH            as the guest, over its ring
 *   xs_guest write DOMID PATH VALUE     as the guest, over its ring
 *
 * The guest's requests go into the shared ring exactly as a guest kernel
 * puts them (xen/io/xs_wire.h); the "event channel" kick is a 4-byte port
 * number written into the FIFO $XENSTORED_RUNDIR/evtchn.
 * Output: the value read, or "ok"; a refused request prints the daemon's
 * error name (e.g. "EACCES") on stdout and exits 1; a broken setup exits 2.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <xenstore.h>
#include <xen/io/xs_wire.h>

#define GUEST_PAGE 4096
#define GUEST_KICK_PORT 0xFFFFu         /* any port but the VIRQ's */

static int path_in_rundir(char *buf, size_t len, const char *fmt,
			  unsigned domid)
{
	const char *dir = getenv("XENSTORED_RUNDIR");
	char name[64];
	int n;

	if (!dir) {
		fprintf(stderr, "xs_guest: XENSTORED_RUNDIR is not set\n");
		return -1;
	}
	snprintf(name, sizeof(name), fmt, domid);
	n = snprintf(buf, len, "%s/%s", dir, name);
	return n > 0 && (size_t)n < len ? 0 : -1;
}

static int introduce(unsigned domid)
{
	char ring[4096];
	struct xs_handle *xsh;
	int fd;

	if (path_in_rundir(ring, sizeof(ring), "ring-%u", domid))
		return 2;
	fd = open(ring, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || ftruncate(fd, GUEST_PAGE)) {
		fprintf(stderr, "xs_guest: %s: %s\n", ring, strerror(errno));
		return 2;
	}
	close(fd);
	xsh = xs_open(0);
	if (!xsh) {
		fprintf(stderr, "xs_guest: xs_open: %s\n", strerror(errno));
		return 2;
	}
	/* The mfn is unused: the preload maps the ring by domid. */
	if (!xs_introduce_domain(xsh, domid, 1, 1)) {
		fprintf(stderr, "xs_guest: introduce %u: %s\n", domid,
			strerror(errno));
		xs_close(xsh);
		return 2;
	}
	xs_close(xsh);
	puts("ok");
	return 0;
}

static void ring_put(struct xenstore_domain_interface *intf,
		     const void *data, size_t len)
{
	const char *p = data;
	size_t i;

	for (i = 0; i < len; i++)
		intf->req[MASK_XENSTORE_IDX(intf->req_prod + i)] = p[i];
	__sync_synchronize();
	intf->req_prod += (XENSTORE_RING_IDX)len;
}

/* Wait for LEN response bytes (5 s at most), copy them out. */
static int ring_get(struct xenstore_domain_interface *intf, void *data,
		    size_t len)
{
	struct timespec tick = { 0, 1000000 };
	char *p = data;
	size_t i;
	int waited = 0;

	while ((XENSTORE_RING_IDX)(intf->rsp_prod - intf->rsp_cons) < len) {
		if (++waited > 5000)
			return -1;
		nanosleep(&tick, NULL);
		__sync_synchronize();
	}
	for (i = 0; i < len; i++)
		p[i] = intf->rsp[MASK_XENSTORE_IDX(intf->rsp_cons + i)];
	__sync_synchronize();
	intf->rsp_cons += (XENSTORE_RING_IDX)len;
	return 0;
}

static int request(unsigned domid, enum xsd_sockmsg_type type,
		   const char *path, const char *value)
{
	struct xenstore_domain_interface *intf;
	struct xsd_sockmsg msg = { .type = type, .req_id = 1, .tx_id = 0 };
	char ring[4096], fifo[4096], payload[XENSTORE_PAYLOAD_MAX + 1];
	uint32_t port = GUEST_KICK_PORT;
	size_t plen = strlen(path) + 1, vlen = value ? strlen(value) : 0;
	int fd, kick, rc = 2;

	if (plen + vlen > XENSTORE_PAYLOAD_MAX ||
	    path_in_rundir(ring, sizeof(ring), "ring-%u", domid) ||
	    path_in_rundir(fifo, sizeof(fifo), "evtchn", domid))
		return 2;
	fd = open(ring, O_RDWR);
	if (fd < 0) {
		fprintf(stderr, "xs_guest: %s: %s (introduce first)\n", ring,
			strerror(errno));
		return 2;
	}
	intf = mmap(NULL, GUEST_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (intf == MAP_FAILED)
		return 2;
	kick = open(fifo, O_WRONLY | O_NONBLOCK);
	if (kick < 0) {
		fprintf(stderr, "xs_guest: %s: %s\n", fifo, strerror(errno));
		goto out;
	}

	msg.len = (uint32_t)(plen + vlen);
	ring_put(intf, &msg, sizeof(msg));
	ring_put(intf, path, plen);
	if (vlen)
		ring_put(intf, value, vlen);
	if (write(kick, &port, sizeof(port)) != (ssize_t)sizeof(port)) {
		fprintf(stderr, "xs_guest: kick: %s\n", strerror(errno));
		goto out;
	}
	if (ring_get(intf, &msg, sizeof(msg)) || msg.len > XENSTORE_PAYLOAD_MAX ||
	    ring_get(intf, payload, msg.len)) {
		fprintf(stderr, "xs_guest: no answer from xenstored\n");
		goto out;
	}
	payload[msg.len] = '\0';
	if (msg.type == XS_ERROR) {
		printf("%s\n", payload);
		rc = 1;
	} else {
		printf("%s\n", type == XS_READ ? payload : "ok");
		rc = 0;
	}
out:
	if (kick >= 0)
		close(kick);
	munmap(intf, GUEST_PAGE);
	return rc;
}

int main(int argc, char **argv)
{
	unsigned long domid;
	char *end;

	if (argc < 3)
		goto usage;
	domid = strtoul(argv[2], &end, 10);
	if (*end || domid == 0 || domid >= 0x7FF0) {
		fprintf(stderr, "xs_guest: bad domid '%s'\n", argv[2]);
		return 2;
	}
	if (!strcmp(argv[1], "introduce") && argc == 3)
		return introduce((unsigned)domid);
	if (!strcmp(argv[1], "read") && argc == 4)
		return request((unsigned)domid, XS_READ, argv[3], NULL);
	if (!strcmp(argv[1], "write") && argc == 5)
		return request((unsigned)domid, XS_WRITE, argv[3], argv[4]);
usage:
	fprintf(stderr, "usage: xs_guest introduce DOMID | read DOMID PATH | "
			"write DOMID PATH VALUE\n");
	return 2;
}
