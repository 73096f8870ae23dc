/* SPDX-License-Identifier: MIT */
/*
 * shim/libxenrdm/read_file.c - one input, read exactly once, whole, with a cap
 * enforced while reading (xenrdm/read_file.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xenrdm/read_file.h"

#include "diag.h"

#define FIRST_CHUNK 65536u

const char *xenrdm_read_file_name(const char *path)
{
	return strcmp(path, "-") ? path : "standard input";
}

/* "1 MiB" for a whole number of MiB, else the bytes. */
static void cap_text(size_t cap, char *buf, size_t len)
{
	if (cap && cap % (1u << 20) == 0)
		snprintf(buf, len, "%zu MiB", cap >> 20);
	else if (cap && cap % 1024 == 0)
		snprintf(buf, len, "%zu KiB", cap >> 10);
	else
		snprintf(buf, len, "%zu bytes", cap);
}

static int too_big(size_t cap, char *err, size_t errlen)
{
	char c[32];

	cap_text(cap, c, sizeof(c));
	xenrdm_set_err(err, errlen, "larger than %s, the cap for this input",
		       c);
	return -XENRDM_ERR_TOOBIG;
}

/* read(2) that retries EINTR, and waits when fd is non-blocking. */
static ssize_t read_some(int fd, char *buf, size_t n)
{
	for (;;) {
		ssize_t got = read(fd, buf, n);

		if (got >= 0)
			return got;
		if (errno == EINTR)
			continue;
		if (errno == EAGAIN || errno == EWOULDBLOCK) {
			struct pollfd p = { .fd = fd, .events = POLLIN };

			if (poll(&p, 1, -1) < 0 && errno != EINTR)
				return -1;
			continue;
		}
		return -1;
	}
}

int xenrdm_read_file(const char *path, size_t cap, char **buf_out,
		     size_t *len_out, char *err, size_t errlen)
{
	bool is_stdin;
	struct stat st;
	char *buf = NULL, *nbuf;
	size_t len = 0, alloc = 0, size, want;
	int fd, rc = 0;

	if (!path || !buf_out || !len_out || cap >= SIZE_MAX - 2) {
		xenrdm_set_err(err, errlen, "read: no file name or no output given");
		return -XENRDM_ERR_INVAL;
	}
	is_stdin = !strcmp(path, "-");
	fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		xenrdm_set_err(err, errlen, "cannot open: %s",
			       strerror(errno));
		return -XENRDM_ERR_IO;
	}
	if (fstat(fd, &st)) {
		xenrdm_set_err(err, errlen, "cannot stat: %s",
			       strerror(errno));
		rc = -XENRDM_ERR_IO;
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		xenrdm_set_err(err, errlen, "a directory, not a file");
		rc = -XENRDM_ERR_IO;
		goto out;
	}
	/* A regular file says its size: refuse a huge (or sparse) one
	 * without reading it, and size the buffer for the rest.  The read
	 * below still stops at cap + 1 should it grow meanwhile. */
	size = FIRST_CHUNK;
	if (S_ISREG(st.st_mode)) {
		if (st.st_size > 0 && (uintmax_t)st.st_size > cap) {
			rc = too_big(cap, err, errlen);
			goto out;
		}
		size = (size_t)st.st_size + 1;  /* + 1: see the end */
	}
	if (size > cap + 1)
		size = cap + 1;
	for (;;) {
		ssize_t got;

		if (len == alloc) {
			/* cap + 1 bytes read: one too many. */
			if (alloc == cap + 1) {
				rc = too_big(cap, err, errlen);
				goto out;
			}
			want = !alloc ? size : alloc > (cap + 1) / 2 ?
			       cap + 1 : alloc * 2;
			nbuf = realloc(buf, want + 1);  /* + 1: the NUL */
			if (!nbuf) {
				xenrdm_set_err(err, errlen, "out of memory for "
					       "%zu bytes", want + 1);
				rc = -XENRDM_ERR_NOMEM;
				goto out;
			}
			buf = nbuf;
			alloc = want;
		}
		got = read_some(fd, buf + len, alloc - len);
		if (got < 0) {
			/* Never taken for the end: a failed read is an
			 * error, whatever was read before it. */
			xenrdm_set_err(err, errlen, "read failed after %zu "
				       "bytes: %s", len, strerror(errno));
			rc = -XENRDM_ERR_IO;
			goto out;
		}
		if (got == 0)
			break;
		len += (size_t)got;
	}
	buf[len] = '\0';
out:
	if (!is_stdin)
		close(fd);
	if (rc) {
		free(buf);
		return rc;
	}
	*buf_out = buf;
	*len_out = len;
	return 0;
}
