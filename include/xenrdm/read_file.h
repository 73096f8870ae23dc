/* SPDX-License-Identifier: MIT */
/*
 * xenrdm/read_file.h - read one input exactly once, whole, into memory,
 * with a size cap enforced while reading.
 *
 * Every file xen-rdm takes (a DMAR/IVRS table, a --regions file, an xl
 * config, a xenstore-ls dump) goes through xenrdm_read_file() and is then
 * parsed from the buffer: pipes, FIFOs, /dev/stdin and "-" work like
 * regular files, nothing is read twice (what is checked is what is
 * parsed), an endless or huge input stops at the cap, and a read that
 * fails is an error, never a short file.
 */
#ifndef XENRDM_READ_FILE_H
#define XENRDM_READ_FILE_H

#include <stddef.h>

#include "xenrdm/errors.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The caps (README, failure-mode table).  A real DMAR or IVRS table is a
 * few hundred bytes to a few KiB; the text inputs are a few KiB. */
#define XENRDM_CAP_ACPI_TABLE   (1u << 20)      /* --dmar: 1 MiB */
#define XENRDM_CAP_TEXT         (4u << 20)      /* --regions, -c, --keys: 4 MiB */

/*
 * Read all of PATH into a new heap buffer (free() it), NUL-terminated
 * (the NUL is not counted in *len_out; the content may hold NULs).
 * PATH "-" is standard input (fd 0, not closed); anything else is opened
 * read-only (a regular file, pipe, FIFO, character device, /dev/stdin).
 * At most cap bytes are accepted: one byte more ends the read.
 * Returns 0, or with a one-line message in err that the caller prefixes
 * with the file's name (xenrdm_read_file_name()), e.g. "larger than
 * 1 MiB, the cap for this input":
 *   -XENRDM_ERR_IO      cannot open, a directory, or read(2) failed
 *   -XENRDM_ERR_TOOBIG  more than cap bytes (a regular file: by its size,
 *                       without reading it)
 *   -XENRDM_ERR_NOMEM   no memory for the buffer
 * On error *buf_out and *len_out are not written.
 */
int xenrdm_read_file(const char *path, size_t cap, char **buf_out,
		     size_t *len_out, char *err, size_t errlen);

/* The name to give PATH in messages: "standard input" for "-", else
 * PATH. */
const char *xenrdm_read_file_name(const char *path);

#ifdef __cplusplus
}
#endif
#endif /* XENRDM_READ_FILE_H */
