/* SPDX-License-Identifier: MIT */
/*
 * shim/libxenrdm/xs.c - a domain's RDM keys in xenstore: write (one transaction,
 * read-only for the guest), clear, read back.  Contract: xenrdm/xs.h.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <xenstore.h>

#include "xenrdm/fw_host.h"
#include "xenrdm/xs.h"

#include "diag.h"

static void sleep_ms(unsigned ms)
{
	struct timespec ts = { .tv_sec = ms / 1000,
			       .tv_nsec = (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* "/local/domain/<domid>/hvmloader/rdm" */
static void rdm_dir_path(uint32_t domid, char buf[XENRDM_XS_PATH_MAX])
{
	snprintf(buf, XENRDM_XS_PATH_MAX, XENRDM_XS_DOMAIN_HOME_FMT "/%s",
		 domid, XENRDM_XS_DIR);
}

static int check_domid(uint32_t domid, char *err, size_t errlen)
{
	if (domid == 0 || domid > XENRDM_XS_DOMID_MAX) {
		xenrdm_set_err(err, errlen, "domid %" PRIu32 " out of range (1..%u; "
			"domain 0 runs no hvmloader)", domid,
			XENRDM_XS_DOMID_MAX);
		return -XENRDM_ERR_INVAL;
	}
	return 0;
}

/* The RDM entries of a key set: besides count, lowmem-end and
 * highmem-end it holds a start and a size key per entry. */
static uint32_t keyset_entries(const struct xenrdm_xs_keyset *ks)
{
	return (ks->nr_keys - XENRDM_XS_FIXED_KEYS) / XENRDM_XS_ENTRY_KEYS;
}

static void key_add(struct xenrdm_xs_keyset *ks, const char *rel,
		    const char *value)
{
	struct xenrdm_xs_key *k = &ks->key[ks->nr_keys++];

	snprintf(k->path, sizeof(k->path), XENRDM_XS_DOMAIN_HOME_FMT "/%s",
		 ks->domid, rel);
	snprintf(k->value, sizeof(k->value), "%s", value);
}

static void key_add_hex(struct xenrdm_xs_keyset *ks, const char *rel,
			uint64_t v)
{
	char value[XENRDM_XS_VALUE_MAX];

	snprintf(value, sizeof(value), "0x%" PRIx64, v);
	key_add(ks, rel, value);
}

/* The firmware's reader over keys already in memory (a snapshot of
 * xenstore, or a key set about to be written), its log kept. */
struct snapshot_reader {
	const struct xenrdm_xs_key *keys;
	uint32_t nr_keys;
	char home[XENRDM_XS_PATH_MAX];
	size_t home_len;
	char *log;
	size_t loglen, logused;
};

static const char *snapshot_read(void *opaque, const char *path,
				 const char *def)
{
	const struct snapshot_reader *s = opaque;
	uint32_t i;

	for (i = 0; i < s->nr_keys; i++) {
		const char *p = s->keys[i].path;

		if (!strncmp(p, s->home, s->home_len) &&
		    p[s->home_len] == '/' && !strcmp(p + s->home_len + 1, path))
			return s->keys[i].value;
	}
	return def;
}

static void snapshot_log(void *opaque, const char *text)
{
	struct snapshot_reader *s = opaque;
	int n;

	if (!s->log || s->logused + 1 >= s->loglen)
		return;
	n = snprintf(s->log + s->logused, s->loglen - s->logused, "%s", text);
	if (n > 0)
		s->logused += (size_t)n < s->loglen - s->logused ?
			      (size_t)n : s->loglen - s->logused - 1;
}

/*
 * The firmware's own reader is the check of a key set (no second copy of
 * its rules here): read back as the guest will, nothing may be skipped or
 * ignored.  0, or -XENRDM_ERR_INVAL with the firmware's words in err.
 */
static int keyset_check(const struct xenrdm_xs_keyset *ks,
			const struct xenrdm_fw_layout *layout,
			char *err, size_t errlen)
{
	struct xenrdm_fw_layout back;
	char log[XENRDM_FW_HOST_LOG_MAX] = "";
	struct snapshot_reader s = {
		.keys = ks->key, .nr_keys = ks->nr_keys,
		.log = log, .loglen = sizeof(log),
	};
	const struct xenrdm_fw_env env = {
		.read = snapshot_read, .read_opaque = &s,
		.log = snapshot_log, .log_opaque = &s,
	};
	const char *why = log;
	int rc;

	snprintf(s.home, sizeof(s.home), XENRDM_XS_DOMAIN_HOME_FMT, ks->domid);
	s.home_len = strlen(s.home);
	/* 0, 0: the ends are taken from the keys. */
	xenrdm_fw_layout_init(&back, 0, 0);
	rc = xenrdm_fw_host_read(&env, &back);
	if (!rc && !back.nr_skipped && back.lowmem_end == layout->lowmem_end &&
	    back.highmem_end == layout->highmem_end)
		return 0;
	/* "xen-rdm: warning: KEY = "VALUE" ignored: WHY\n...": from KEY */
	if (strstr(log, "warning: "))
		why = strstr(log, "warning: ") + strlen("warning: ");
	xenrdm_set_err(err, errlen, "the guest firmware would not take these "
		       "keys: %.*s", (int)strcspn(why, "\n"), why);
	return -XENRDM_ERR_INVAL;
}

int xenrdm_xs_keyset_from_layout(uint32_t domid,
				 const struct xenrdm_fw_layout *layout,
				 struct xenrdm_xs_keyset *keys_out,
				 char *err, size_t errlen)
{
	/* "hvmloader/rdm/<i>/start": 31 bytes with a 10-digit index, so
	 * the home and it fit a key's path. */
	char rel[32], value[XENRDM_XS_VALUE_MAX];
	uint32_t i;
	int rc;

	rc = check_domid(domid, err, errlen);
	if (rc)
		goto out;
	if (layout->nr_rdm > XENRDM_XS_MAX_COUNT) {
		xenrdm_set_err(err, errlen, "%" PRIu32 " RDM entries, more than the "
			"%u the xenstore ABI allows", layout->nr_rdm,
			XENRDM_XS_MAX_COUNT);
		rc = -XENRDM_ERR_NOSPACE;
		goto out;
	}
	memset(keys_out, 0, sizeof(*keys_out));
	keys_out->domid = domid;
	snprintf(value, sizeof(value), "%" PRIu32, layout->nr_rdm);
	key_add(keys_out, XENRDM_XS_COUNT, value);
	for (i = 0; i < layout->nr_rdm; i++) {
		snprintf(rel, sizeof(rel), XENRDM_XS_START_FMT, i);
		key_add_hex(keys_out, rel, layout->rdm[i].start);
		snprintf(rel, sizeof(rel), XENRDM_XS_SIZE_FMT, i);
		key_add_hex(keys_out, rel, layout->rdm[i].size);
	}
	key_add_hex(keys_out, XENRDM_XS_LOWMEM_END, layout->lowmem_end);
	key_add_hex(keys_out, XENRDM_XS_HIGHMEM_END, layout->highmem_end);
	rc = keyset_check(keys_out, layout, err, errlen);
out:
	return rc;
}

/*
 * The library's handle (xenrdm/xs.h): everything an operation needs, so
 * the library keeps no state outside it.
 *
 * fd: the socket of a connection opened here, to put the per-request
 * timeout on it and to tell later whether libxenstore closed it (it does
 * when a request fails on the connection itself: no answer, EOF, a reply
 * that is not xenstore's), as opposed to xenstored answering with an
 * error.  -1 for the xenbus device and for adopted handles: their
 * failures are told from errno alone, without a timeout.
 */
struct xenrdm_xs {
	struct xs_handle *xsh;
	bool opened;                    /* by xenrdm_xs_open: ours to close */
	int fd;                         /* -1: unknown */
	unsigned timeout_ms;            /* 0: none */
	char daemon[PATH_MAX + 64];     /* "xenstored at XENSTORED_PATH=..." */
	xenrdm_xs_write_hook write_hook;        /* tests' fault injection */
	void *write_hook_opaque;
	/* The working storage of the operation in flight (one at a time). */
	struct xenrdm_fw_layout layout;
	struct xenrdm_xs_keyset keys;
	struct xenrdm_xs_dump dump;
};

/*
 * The connection's fd as libxenstore holds it: 4.17's struct xs_handle
 * (tools/libs/store/xs.c, with and without pthreads) begins with `int
 * fd`, set to -1 when a failed request made it close the connection.  It
 * is used only when, right after xs_open(), it is a socket connected to
 * the daemon (fd_peer_is), so another layout means no timeout, not a
 * wrong fd.  (Per handle: no guessing which fd a concurrent open got.)
 */
static int xsh_fd(const struct xs_handle *xsh)
{
	int fd;

	memcpy(&fd, xsh, sizeof(fd));
	return fd;
}

/* Is path the kernel's xenbus device, the other way to reach xenstored? */
static bool is_xenbus_dev(const char *path)
{
	char real[PATH_MAX];

	if (!realpath(path, real))
		return false;
	return !strcmp(real, "/dev/xen/xenbus") ||
	       !strcmp(real, "/proc/xen/xenbus");
}

/*
 * Where xs_open(0) of libxenstore 4.17 connects: $XENSTORED_PATH, else
 * $XENSTORED_RUNDIR/socket (default /var/run/xenstored/socket) and, when
 * that fails, the xenbus device.  Refuses, before anything is opened,
 * a path libxenstore would open and write a request into although it is
 * no xenstored: anything but a socket or the xenbus device (a regular
 * file had its first bytes overwritten, a FIFO echoed the request back).
 */
static int daemon_target(char *daemon, size_t len, char sock[PATH_MAX],
			 bool *is_socket, char *err, size_t errlen)
{
	const char *path = getenv("XENSTORED_PATH");
	const char *rundir = getenv("XENSTORED_RUNDIR");
	const char *what, *dev;
	struct stat st;

	if (path) {
		snprintf(daemon, len, "xenstored at XENSTORED_PATH=%s", path);
		snprintf(sock, PATH_MAX, "%s", path);
		what = "XENSTORED_PATH=";
	} else {
		snprintf(sock, PATH_MAX, "%s/socket",
			 rundir ? rundir : "/var/run/xenstored");
		snprintf(daemon, len, "xenstored at %s%s", sock,
			 rundir ? " (XENSTORED_RUNDIR)" : "");
		what = "";
	}
	if (stat(sock, &st) == 0) {
		if (S_ISSOCK(st.st_mode)) {
			*is_socket = true;
			return 0;
		}
		if (is_xenbus_dev(sock)) {
			*is_socket = false;
			snprintf(daemon, len, "xenstored through %s", sock);
			return 0;
		}
		xenrdm_set_err(err, errlen, "%s%s is neither xenstored's socket "
			"nor the xenbus device (%s); not opened", what, sock,
			S_ISREG(st.st_mode) ? "a regular file" :
			S_ISFIFO(st.st_mode) ? "a FIFO" :
			S_ISDIR(st.st_mode) ? "a directory" :
			S_ISCHR(st.st_mode) ? "another character device" :
			"not a socket");
		return -XENRDM_ERR_XENSTORE;
	}
	if (path) {
		xenrdm_set_err(err, errlen, "cannot connect to xenstored at "
			"XENSTORED_PATH=%s: %s", path, strerror(errno));
		return -XENRDM_ERR_XENSTORE;
	}
	/* No socket: libxenstore goes on to the xenbus device. */
	dev = access("/dev/xen/xenbus", F_OK) == 0 ? "/dev/xen/xenbus" :
						     "/proc/xen/xenbus";
	if (stat(dev, &st) != 0) {
		if (rundir)
			xenrdm_set_err(err, errlen, "cannot connect to xenstored "
				"at %s (XENSTORED_RUNDIR) or /dev/xen/xenbus: "
				"%s", sock, strerror(errno));
		else
			xenrdm_set_err(err, errlen, "cannot connect to xenstored "
				"(%s, /dev/xen/xenbus): %s", sock,
				strerror(errno));
		return -XENRDM_ERR_XENSTORE;
	}
	*is_socket = false;
	snprintf(daemon, len, "xenstored through %s", dev);
	return 0;
}

/* fd is a socket connected to the listening socket at path? */
static bool fd_peer_is(int fd, const char *path)
{
	struct sockaddr_un addr;
	socklen_t alen = sizeof(addr);
	struct stat st;

	if (fstat(fd, &st) || !S_ISSOCK(st.st_mode))
		return false;
	memset(&addr, 0, sizeof(addr));
	if (getpeername(fd, (struct sockaddr *)&addr, &alen) ||
	    addr.sun_family != AF_UNIX)
		return false;
	if (!strncmp(addr.sun_path, path, sizeof(addr.sun_path)))
		return true;
	/* The same socket by another name (a relative XENSTORED_PATH). */
	{
		struct stat a, b;

		addr.sun_path[sizeof(addr.sun_path) - 1] = '\0';
		return !stat(addr.sun_path, &a) && !stat(path, &b) &&
		       a.st_dev == b.st_dev && a.st_ino == b.st_ino;
	}
}

/* A handle with no connection yet: no timeout, no hook, fd unknown. */
static struct xenrdm_xs *handle_new(char *err, size_t errlen)
{
	struct xenrdm_xs *xs = calloc(1, sizeof(*xs));

	if (!xs) {
		xenrdm_set_err(err, errlen, "out of memory");
		return NULL;
	}
	xs->fd = -1;
	snprintf(xs->daemon, sizeof(xs->daemon), "xenstored");
	return xs;
}

/* Every read and write on the socket waits at most xs->timeout_ms: a
 * daemon that does not answer fails the request (EAGAIN), and
 * libxenstore then closes the connection. */
static void socket_timeout_set(const struct xenrdm_xs *xs)
{
	struct timeval tv = {
		.tv_sec = xs->timeout_ms / 1000,
		.tv_usec = (suseconds_t)(xs->timeout_ms % 1000) * 1000,
	};

	setsockopt(xs->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(xs->fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

int xenrdm_xs_open(struct xenrdm_xs **xs_out, unsigned timeout_ms,
		   char *err, size_t errlen)
{
	struct xenrdm_xs *xs;
	char sock[PATH_MAX];
	bool is_socket = false;
	int rc;

	*xs_out = NULL;
	xs = handle_new(err, errlen);
	if (!xs)
		return -XENRDM_ERR_NOMEM;
	rc = daemon_target(xs->daemon, sizeof(xs->daemon), sock, &is_socket,
			   err, errlen);
	if (rc)
		goto fail;
	xs->xsh = xs_open(0);
	if (!xs->xsh) {
		xenrdm_set_err(err, errlen, "cannot connect to %s: %s",
			       xs->daemon, strerror(errno));
		rc = -XENRDM_ERR_XENSTORE;
		goto fail;
	}
	xs->opened = true;
	/* On the xenbus device no timeout here (xenrdm/xs.h). */
	if (is_socket && fd_peer_is(xsh_fd(xs->xsh), sock)) {
		xs->fd = xsh_fd(xs->xsh);
		xs->timeout_ms = timeout_ms;
		if (timeout_ms)
			socket_timeout_set(xs);
	}
	*xs_out = xs;
	return 0;
fail:
	free(xs);
	return rc;
}

int xenrdm_xs_adopt(struct xenrdm_xs **xs_out, struct xs_handle *xsh,
		    char *err, size_t errlen)
{
	*xs_out = NULL;
	if (!xsh) {
		xenrdm_set_err(err, errlen, "no xenstore handle to adopt (NULL)");
		return -XENRDM_ERR_INVAL;
	}
	*xs_out = handle_new(err, errlen);
	if (!*xs_out)
		return -XENRDM_ERR_NOMEM;
	(*xs_out)->xsh = xsh;
	return 0;
}

int xenrdm_xs_daemon(char *buf, size_t len)
{
	char sock[PATH_MAX];
	bool is_socket;

	buf[0] = '\0';
	if (daemon_target(buf, len, sock, &is_socket, NULL, 0))
		return 0;
	return is_socket ? 1 : 2;
}

void xenrdm_xs_close(struct xenrdm_xs *xs)
{
	if (!xs)
		return;
	if (xs->opened)
		xs_close(xs->xsh);
	free(xs);
}

void xenrdm_xs_set_write_hook(struct xenrdm_xs *xs,
			      xenrdm_xs_write_hook hook, void *opaque)
{
	xs->write_hook = hook;
	xs->write_hook_opaque = opaque;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* One operation's context: the handle, the message. */
struct xs_op {
	struct xenrdm_xs *xs;
	uint64_t start_ms;      /* of the request in flight */
	bool writes;            /* a write transaction: "nothing written" */
	char *err;
	size_t errlen;
};

static void op_init(struct xs_op *o, struct xenrdm_xs *xs, char *err,
		    size_t errlen)
{
	memset(o, 0, sizeof(*o));
	o->xs = xs;
	o->err = err;
	o->errlen = errlen;
}

/* Before each request. */
static void op_begin(struct xs_op *o)
{
	o->start_ms = now_ms();
}

/*
 * Why a libxenstore request failed.  Returns
 *   -XENRDM_ERR_TIMEOUT   no answer within the timeout (connection closed)
 *   -XENRDM_ERR_XENSTORE  the connection broke or carried something that
 *                         is not a xenstore reply (libxenstore closed it)
 *   -XENRDM_ERR_AGAIN     xenstored answered with an error: inside a
 *                         transaction that may be a concurrent change
 *                         (the caller aborts and retries the whole
 *                         transaction) -- the message is set regardless
 */
static int op_fail(struct xs_op *o, const char *what, const char *path)
{
	const struct xenrdm_xs *xs = o->xs;
	int e = errno;
	/* libxenstore closed the connection (set its fd to -1). */
	bool closed = xs->fd >= 0 && xsh_fd(xs->xsh) < 0;
	uint64_t took = now_ms() - o->start_ms;
	const char *daemon = xs->daemon;

	if (closed && (e == EAGAIN || e == EWOULDBLOCK) && xs->timeout_ms &&
	    took + 50 >= xs->timeout_ms) {
		xenrdm_set_err(o->err, o->errlen, "%s did not answer the %s %s "
			"within %u.%03u s%s", daemon, what, path,
			xs->timeout_ms / 1000, xs->timeout_ms % 1000,
			o->writes ? "; nothing written" : "");
		return -XENRDM_ERR_TIMEOUT;
	}
	if (closed || e == EPIPE || e == ECONNRESET || e == EBADF ||
	    (!xs->opened && e == EIO)) {
		xenrdm_set_err(o->err, o->errlen, "xenstore %s %s failed: the "
			"connection to %s broke (%s)", what, path, daemon,
			e == EBADF ? "it closed, or its reply was not a xenstore "
				     "reply" :
			e == E2BIG ? "a reply longer than xenstore allows" :
			e == EINVAL ? "a reply that is not a xenstore reply" :
			e ? strerror(e) : "no error code");
		return -XENRDM_ERR_XENSTORE;
	}
	/* xenstored answered with an error: say which, as it said it. */
	xenrdm_set_err(o->err, o->errlen, "xenstore %s %s failed: %s%s", what,
		path, e ? strerror(e) : "no error code",
		e == EACCES ? " (permission refused)" :
		e == ENOSPC || e == E2BIG || e == EDQUOT ?
			" (a xenstored quota or size limit)" :
		e == EINVAL ? " (xenstored refused it: a path or size limit?)" :
		e == ENOENT ? " (removed meanwhile?)" : "");
	return -XENRDM_ERR_AGAIN;
}

static bool set_guest_readonly(struct xs_handle *xsh, xs_transaction_t t,
			       const char *path, uint32_t domid)
{
	struct xs_permissions perms[2] = {
		{ .id = 0, .perms = XS_PERM_NONE },
		{ .id = domid, .perms = XS_PERM_READ },
	};

	return xs_set_permissions(xsh, t, path, perms, 2);
}

/* ".../hvmloader": the parent of the rdm directory. */
static void hvmloader_path(uint32_t domid, char buf[XENRDM_XS_PATH_MAX])
{
	snprintf(buf, XENRDM_XS_PATH_MAX, XENRDM_XS_DOMAIN_HOME_FMT
		 "/hvmloader", domid);
}

/* apply: the domain's home must exist; the toolstack makes it, and a
 * write under one that does not would make it (a mistyped domid). */
static int home_check(struct xs_op *o, xs_transaction_t t, uint32_t domid)
{
	char home[XENRDM_XS_PATH_MAX];
	unsigned int len;
	char *v;

	snprintf(home, sizeof(home), XENRDM_XS_DOMAIN_HOME_FMT, domid);
	op_begin(o);
	v = xs_read(o->xs->xsh, t, home, &len);
	if (!v && errno == ENOENT) {
		xenrdm_set_err(o->err, o->errlen, "domain %" PRIu32 " has no "
			       "xenstore home %s (no such domain? the toolstack "
			       "makes it); nothing written", domid, home);
		return -XENRDM_ERR_INVAL;
	}
	if (!v)
		return op_fail(o, "read of", home);
	free(v);
	return 0;
}

/* clear: hvmloader/ too, when nothing else is in it. */
static int hvmloader_dir_drop(struct xs_op *o, xs_transaction_t t,
			      uint32_t domid)
{
	char hvml[XENRDM_XS_PATH_MAX];
	unsigned int nr = 0, len = 0;
	char **names, *v;

	hvmloader_path(domid, hvml);
	op_begin(o);
	names = xs_directory(o->xs->xsh, t, hvml, &nr);
	if (!names && errno != ENOENT)
		return op_fail(o, "directory of", hvml);
	free(names);
	if (!names || nr != 0)
		return 0;
	op_begin(o);
	v = xs_read(o->xs->xsh, t, hvml, &len);
	if (!v)
		return op_fail(o, "read of", hvml);
	free(v);
	op_begin(o);
	if (len == 0 && !xs_rm(o->xs->xsh, t, hvml) && errno != ENOENT)
		return op_fail(o, "remove", hvml);
	return 0;
}

/* apply: every key, then the directories the writes made, owned by
 * domain 0 and read-only for the guest. */
static int keys_write(struct xs_op *o, xs_transaction_t t, uint32_t domid,
		      const char *dir, const struct xenrdm_xs_keyset *keys)
{
	char entry_dir[XENRDM_XS_PATH_MAX + 16];
	uint32_t i;

	for (i = 0; i < keys->nr_keys; i++) {
		const struct xenrdm_xs_key *k = &keys->key[i];

		op_begin(o);
		if (!xs_write(o->xs->xsh, t, k->path, k->value, strlen(k->value)))
			return op_fail(o, "write of", k->path);
		if (o->xs->write_hook)
			o->xs->write_hook(o->xs->write_hook_opaque, i + 1);
		op_begin(o);
		if (!set_guest_readonly(o->xs->xsh, t, k->path, domid))
			return op_fail(o, "set permissions on", k->path);
	}
	op_begin(o);
	if (!set_guest_readonly(o->xs->xsh, t, dir, domid))
		return op_fail(o, "set permissions on", dir);
	for (i = 0; i < keyset_entries(keys); i++) {
		snprintf(entry_dir, sizeof(entry_dir), XENRDM_XS_DOMAIN_HOME_FMT
			 "/" XENRDM_XS_ENTRY_DIR_FMT, domid, i);
		op_begin(o);
		if (!set_guest_readonly(o->xs->xsh, t, entry_dir, domid))
			return op_fail(o, "set permissions on", entry_dir);
	}
	return 0;
}

/*
 * One attempt: remove the directory, then write (keys != NULL) every key
 * with its permissions; clearing (keys == NULL) also removes the
 * hvmloader directory when the set was all it held.  Returns 0 when
 * committed; -XENRDM_ERR_AGAIN when the attempt may succeed again
 * (EAGAIN at commit: *conflict set; or xenstored refused an operation,
 * which a concurrent change can cause); another error (the message set)
 * when it cannot.
 */
static int transaction_once(struct xs_op *o, uint32_t domid,
			    const struct xenrdm_xs_keyset *keys,
			    bool *conflict)
{
	struct xs_handle *xsh = o->xs->xsh;
	char dir[XENRDM_XS_PATH_MAX];
	xs_transaction_t t;
	int rc = 0;

	*conflict = false;
	rdm_dir_path(domid, dir);
	op_begin(o);
	t = xs_transaction_start(xsh);
	if (t == XBT_NULL)
		return op_fail(o, "transaction start for", dir);

	if (keys)
		rc = home_check(o, t, domid);
	if (!rc) {
		op_begin(o);
		if (!xs_rm(xsh, t, dir) && errno != ENOENT)
			rc = op_fail(o, "remove", dir);
	}
	if (!rc)
		rc = keys ? keys_write(o, t, domid, dir, keys) :
			    hvmloader_dir_drop(o, t, domid);
	if (rc) {
		/* After a timeout or a broken connection libxenstore has
		 * closed it: this fails at once, and the daemon drops the
		 * transaction with the connection. */
		int e = errno;

		xs_transaction_end(xsh, t, true);
		errno = e;
		return rc;
	}
	op_begin(o);
	if (!xs_transaction_end(xsh, t, false)) {
		if (errno == EAGAIN) {
			*conflict = true;
			return -XENRDM_ERR_AGAIN;
		}
		return op_fail(o, "transaction commit for", dir);
	}
	return 0;
}

/*
 * Retry the whole transaction a bounded number of times when it
 * conflicted (EAGAIN at commit) or xenstored refused an operation in it
 * (which a concurrent writer can cause: a clear that removed what this
 * one just created).  Only when every try fails is it an error.
 */
static int transaction_retry(struct xenrdm_xs *xs, uint32_t domid,
			     const struct xenrdm_xs_keyset *keys,
			     char *err, size_t errlen)
{
	char dir[XENRDM_XS_PATH_MAX], last[384] = "";
	struct xs_op o;
	unsigned attempt;
	bool conflict = false;
	int rc = -XENRDM_ERR_AGAIN;

	op_init(&o, xs, last, sizeof(last));
	o.writes = true;
	for (attempt = 0; attempt < XENRDM_XS_MAX_TRIES; attempt++) {
		if (attempt)
			sleep_ms(1u << (attempt - 1));
		last[0] = '\0';
		rc = transaction_once(&o, domid, keys, &conflict);
		if (rc != -XENRDM_ERR_AGAIN)
			break;
	}
	if (rc == -XENRDM_ERR_AGAIN && conflict) {
		rdm_dir_path(domid, dir);
		xenrdm_set_err(err, errlen, "xenstore transaction on %s "
			"conflicted with another writer %u times (EAGAIN); "
			"gave up, nothing written", dir, XENRDM_XS_MAX_TRIES);
	} else if (rc == -XENRDM_ERR_AGAIN) {
		/* xenstored refused the same way every time: its answer. */
		xenrdm_set_err(err, errlen, "%s (tried %u times; nothing "
			"written)", last, XENRDM_XS_MAX_TRIES);
		rc = -XENRDM_ERR_XENSTORE;
	} else if (rc) {
		xenrdm_set_err(err, errlen, "%s", last);
	}
	return rc;
}

int xenrdm_xs_write_layout(struct xenrdm_xs *xs, uint32_t domid,
			   const struct xenrdm_fw_layout *layout,
			   char *err, size_t errlen)
{
	int rc = xenrdm_xs_keyset_from_layout(domid, layout, &xs->keys, err,
					      errlen);

	return rc ? rc : transaction_retry(xs, domid, &xs->keys, err, errlen);
}

int xenrdm_xs_write_plan(struct xenrdm_xs *xs, uint32_t domid,
			 const struct xenrdm_plan *plan,
			 char *err, size_t errlen)
{
	struct xenrdm_fw_layout *layout = &xs->layout;
	int rc;

	if (plan->nr_conflict) {
		xenrdm_set_err(err, errlen, "the plan has %zu strict RDM conflict%s; "
			"nothing written", plan->nr_conflict,
			plan->nr_conflict == 1 ? "" : "s");
		return -XENRDM_ERR_CONFLICT;
	}
	rc = xenrdm_plan_fw_layout(plan, layout, err, errlen);
	if (rc)
		return rc;
	/* Whether the e820 fits the guest's BIOS is the planner's rule 6:
	 * xenrdm_plan_compute() refused a plan whose e820 would not. */
	return xenrdm_xs_write_layout(xs, domid, layout, err, errlen);
}

int xenrdm_xs_clear(struct xenrdm_xs *xs, uint32_t domid,
		    char *err, size_t errlen)
{
	int rc = check_domid(domid, err, errlen);

	if (rc)
		return rc;
	return transaction_retry(xs, domid, NULL, err, errlen);
}

/*
 * Show order = write order: count, <i>/start, <i>/size by index,
 * lowmem-end, highmem-end, then anything else by name.  Only the part
 * after ".../hvmloader/rdm/" counts; every path read shares that prefix.
 */
static unsigned long long key_rank(const char *path)
{
	const char *rel = strstr(path, "/" XENRDM_XS_DIR "/");
	unsigned long long idx;
	char *end;

	if (!rel)
		return ~0ULL;
	rel += strlen("/" XENRDM_XS_DIR "/");
	if (!strcmp(rel, "count"))
		return 0;
	if (rel[0] >= '0' && rel[0] <= '9') {
		idx = strtoull(rel, &end, 10);
		if (idx < (1ULL << 32) && !strcmp(end, "/" XENRDM_XS_LEAF_START))
			return 1 + 2 * idx;
		if (idx < (1ULL << 32) && !strcmp(end, "/" XENRDM_XS_LEAF_SIZE))
			return 2 + 2 * idx;
	}
	if (!strcmp(rel, "lowmem-end"))
		return 1ULL << 40;
	if (!strcmp(rel, "highmem-end"))
		return (1ULL << 40) + 1;
	return ~0ULL;
}

static int key_cmp(const void *a, const void *b)
{
	const char *p = ((const struct xenrdm_xs_key *)a)->path;
	const char *q = ((const struct xenrdm_xs_key *)b)->path;
	unsigned long long rp = key_rank(p), rq = key_rank(q);

	if (rp != rq)
		return rp < rq ? -1 : 1;
	return strcmp(p, q);
}

/* Permissions as xenstore-ls -p prints them: "n0,r7". */
static void perms_text(const struct xs_permissions *perms, unsigned int nr,
		       char *buf, size_t len)
{
	size_t used = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < nr && used < len; i++) {
		char c;
		int n;

		switch (perms[i].perms & (XS_PERM_READ | XS_PERM_WRITE)) {
		case XS_PERM_READ:  c = 'r'; break;
		case XS_PERM_WRITE: c = 'w'; break;
		case XS_PERM_READ | XS_PERM_WRITE: c = 'b'; break;
		default: c = 'n'; break;
		}
		n = snprintf(buf + used, len - used, "%s%c%u", i ? "," : "",
			     c, perms[i].id);
		used += n > 0 ? (size_t)n : 0;
	}
}

/* Depth-first over PATH's children: every leaf and every node with a
 * value becomes a key.  *nr_children_out: PATH's children.  Failures as
 * op_fail (-XENRDM_ERR_AGAIN: xenstored refused, e.g. a node removed
 * between listing and reading it). */
static int read_tree(struct xs_op *o, xs_transaction_t t,
		     const char *path, struct xenrdm_xs_dump *d,
		     unsigned int *nr_children_out)
{
	const uint32_t cap = sizeof(d->key) / sizeof(d->key[0]);
	struct xs_handle *xsh = o->xs->xsh;
	char child[XENRDM_XS_PATH_MAX];
	unsigned int nr = 0, i;
	char **names;
	int rc = 0;

	*nr_children_out = 0;
	op_begin(o);
	names = xs_directory(xsh, t, path, &nr);
	if (!names) {
		if (errno == ENOENT)
			return 0;
		return op_fail(o, "directory of", path);
	}
	*nr_children_out = nr;
	for (i = 0; i < nr && !rc; i++) {
		struct xs_permissions *perms = NULL;
		unsigned int len = 0, nr_perms = 0, nr_grandchildren = 0;
		char *value = NULL;
		int n;

		n = snprintf(child, sizeof(child), "%s/%s", path, names[i]);
		if (n < 0 || (size_t)n >= sizeof(child)) {
			xenrdm_set_err(o->err, o->errlen, "xenstore key %s/%s too long",
				path, names[i]);
			rc = -XENRDM_ERR_NOSPACE;
			goto next;
		}
		op_begin(o);
		value = xs_read(xsh, t, child, &len);
		if (!value) {
			rc = op_fail(o, "read of", child);
			goto next;
		}
		op_begin(o);
		perms = xs_get_permissions(xsh, t, child, &nr_perms);
		if (!perms) {
			rc = op_fail(o, "get permissions of", child);
			goto next;
		}
		rc = read_tree(o, t, child, d, &nr_grandchildren);
		if (rc || (!len && nr_grandchildren))
			goto next;
		if (d->nr_keys == cap) {
			xenrdm_set_err(o->err, o->errlen, "more than %" PRIu32
				" keys under %s", cap, path);
			rc = -XENRDM_ERR_NOSPACE;
			goto next;
		}
		{
			struct xenrdm_xs_key *k = &d->key[d->nr_keys++];

			snprintf(k->path, sizeof(k->path), "%s", child);
			if (len < sizeof(k->value))
				snprintf(k->value, sizeof(k->value), "%.*s",
					 (int)len, value);
			else
				snprintf(k->value, sizeof(k->value), "%.*s...",
					 (int)sizeof(k->value) - 4, value);
			perms_text(perms, nr_perms, k->perms, sizeof(k->perms));
		}
next:
		free(perms);
		free(value);
	}
	free(names);
	return rc;
}

int xenrdm_xs_read_keys(struct xenrdm_xs *xs, uint32_t domid,
			struct xenrdm_xs_dump *dump_out,
			char *err, size_t errlen)
{
	char dir[XENRDM_XS_PATH_MAX], last[384] = "";
	unsigned int nr_children, attempt;
	xs_transaction_t t;
	struct xs_op o;
	bool conflict = false;
	int rc;

	dump_out->nr_keys = 0;
	rc = check_domid(domid, err, errlen);
	if (rc)
		return rc;
	rdm_dir_path(domid, dir);
	op_init(&o, xs, last, sizeof(last));
	/*
	 * xenstored 4.17 reads a transaction's untouched nodes from the live
	 * store and checks at commit that none changed: so the reads are
	 * committed (nothing was written), and a commit that conflicts, or
	 * a node gone between listing and reading it, reads again.  What is
	 * returned is one set, never a mix of two writers'.
	 */
	for (attempt = 0; attempt < XENRDM_XS_MAX_TRIES; attempt++) {
		if (attempt)
			sleep_ms(1u << (attempt - 1));
		dump_out->nr_keys = 0;
		conflict = false;
		last[0] = '\0';
		op_begin(&o);
		t = xs_transaction_start(xs->xsh);
		if (t == XBT_NULL) {
			rc = op_fail(&o, "transaction start for", dir);
			if (rc != -XENRDM_ERR_AGAIN)
				break;
			continue;
		}
		rc = read_tree(&o, t, dir, dump_out, &nr_children);
		if (rc) {
			int e = errno;

			xs_transaction_end(xs->xsh, t, true);
			errno = e;
			if (rc != -XENRDM_ERR_AGAIN)
				break;
			continue;
		}
		op_begin(&o);
		if (xs_transaction_end(xs->xsh, t, false))
			break;
		if (errno == EAGAIN) {
			conflict = true;
			rc = -XENRDM_ERR_AGAIN;
			continue;
		}
		rc = op_fail(&o, "transaction commit for", dir);
		if (rc != -XENRDM_ERR_AGAIN)
			break;
	}
	if (rc == -XENRDM_ERR_AGAIN && conflict) {
		xenrdm_set_err(err, errlen, "reading %s conflicted with a writer "
			"%u times (EAGAIN); gave up", dir, XENRDM_XS_MAX_TRIES);
	} else if (rc == -XENRDM_ERR_AGAIN) {
		xenrdm_set_err(err, errlen, "%s (tried %u times)", last,
			XENRDM_XS_MAX_TRIES);
		rc = -XENRDM_ERR_XENSTORE;
	} else if (rc) {
		xenrdm_set_err(err, errlen, "%s", last);
	}
	if (rc) {
		dump_out->nr_keys = 0;
		return rc;
	}
	qsort(dump_out->key, dump_out->nr_keys, sizeof(dump_out->key[0]),
	      key_cmp);
	return 0;
}

/* The firmware reader's view of a snapshot: paths relative to the home. */
int xenrdm_xs_dump_layout(const struct xenrdm_xs_dump *dump, uint32_t domid,
			  struct xenrdm_fw_layout *layout_out,
			  char *log, size_t loglen, char *err, size_t errlen)
{
	struct snapshot_reader s = { .log = log, .loglen = loglen };
	const struct xenrdm_fw_env env = {
		.read = snapshot_read, .read_opaque = &s,
		.log = snapshot_log, .log_opaque = &s,
	};
	int rc;

	if (log && loglen)
		log[0] = '\0';
	s.keys = dump->key;
	s.nr_keys = dump->nr_keys;
	snprintf(s.home, sizeof(s.home), XENRDM_XS_DOMAIN_HOME_FMT, domid);
	s.home_len = strlen(s.home);

	/* 0, 0: the memory ends come from xenstore, as the ABI allows. */
	xenrdm_fw_layout_init(layout_out, 0, 0);
	rc = xenrdm_fw_host_read(&env, layout_out);
	if (rc)
		xenrdm_set_err(err, errlen, "the firmware reader rejects the set of "
			"domain %" PRIu32 ": %s", domid, xenrdm_strerror(rc));
	return rc;
}

int xenrdm_xs_read_layout(struct xenrdm_xs *xs, uint32_t domid,
			  struct xenrdm_fw_layout *layout_out,
			  char *log, size_t loglen, char *err, size_t errlen)
{
	int rc;

	if (log && loglen)
		log[0] = '\0';
	rc = xenrdm_xs_read_keys(xs, domid, &xs->dump, err, errlen);
	if (!rc)
		rc = xenrdm_xs_dump_layout(&xs->dump, domid, layout_out, log,
					   loglen, err, errlen);
	return rc;
}
