/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/fuzz_input.h - feed a fuzz input through the read-once path
 * the command uses (xenrdm_read_file: the bytes served from a memfd as
 * /proc/self/fd/N, read whole within the input's cap), so the caps and
 * the reader are fuzzed with the parser.  Inputs up to cap + 1 bytes
 * (fuzz.mk sets -max_len) reach the cap's edge.
 */
#ifndef XENRDM_FUZZ_INPUT_H
#define XENRDM_FUZZ_INPUT_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE     /* memfd_create: include this header first */
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "xenrdm/read_file.h"

/* The input as a file: its path in path[64], the fd to close, or -1. */
static inline int fuzz_input_file(const uint8_t *data, size_t size,
				  char path[64])
{
	int fd = memfd_create("fuzz_input", 0);

	if (fd < 0)
		return -1;
	if (size && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return -1;
	}
	snprintf(path, 64, "/proc/self/fd/%d", fd);
	return fd;
}

/* Read the input once, as the command reads its file.  NULL when it is
 * over the cap (checked: exactly then) or the memfd failed; else a heap
 * buffer of *len_out == size bytes (checked: the same bytes), to free(). */
static inline char *fuzz_read_once(const uint8_t *data, size_t size,
				   size_t cap, size_t *len_out)
{
	char path[64], err[256], *buf = NULL;
	int fd = fuzz_input_file(data, size, path), rc;

	if (fd < 0)
		return NULL;
	rc = xenrdm_read_file(path, cap, &buf, len_out, err, sizeof(err));
	close(fd);
	if ((rc == -XENRDM_ERR_TOOBIG) != (size > cap) ||
	    (rc && rc != -XENRDM_ERR_TOOBIG) ||
	    (!rc && (*len_out != size || memcmp(buf, data, size) ||
		     buf[size] != '\0'))) {
		fprintf(stderr, "fuzz_read_once: size %zu cap %zu: rc %d (%s)\n",
			size, cap, rc, err);
		abort();
	}
	return rc ? NULL : buf;
}

#endif
