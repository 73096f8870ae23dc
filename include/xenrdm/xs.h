/* SPDX-License-Identifier: MIT */
/*
 * xenrdm/xs.h - write, read back and clear a domain's RDM keys
 * (xenrdm/xs_abi.h) through libxenstore, as a toolstack does.
 *
 * Writes are one transaction: the old hvmloader/rdm directory is removed
 * and the whole new set written, so a reader sees the old set or the new
 * one, never a mix, and no stale hvmloader/rdm/<i> of a longer set stays.
 * Every key (and the directories rdm/ and rdm/<i>) gets the permissions
 * {0, XS_PERM_NONE}, {domid, XS_PERM_READ}: domain 0 owns it, the guest
 * may only read it (`xenstore-ls -p` shows "n0,rN").
 * A transaction ending in EAGAIN (another writer touched what it read or
 * wrote) is retried up to XENRDM_XS_MAX_TRIES times with a short backoff
 * (1, 2, 4... ms), then -XENRDM_ERR_AGAIN.
 *
 * Nothing prints.  On error a one-line message naming the key and the
 * errno text is written into err[0..errlen) (err may be NULL).
 * Return values: 0 or
 *   -XENRDM_ERR_INVAL     bad domid or layout value (message names it)
 *   -XENRDM_ERR_NOSPACE   more than XENRDM_XS_MAX_COUNT entries
 *   -XENRDM_ERR_XENSTORE  the daemon refused or failed an operation, or
 *                         the connection broke (nothing was committed)
 *   -XENRDM_ERR_AGAIN     transaction retries exhausted (nothing committed)
 *   -XENRDM_ERR_TIMEOUT   xenstored did not answer within the timeout
 *   -XENRDM_ERR_INVAL     also: apply for a domain without a xenstore home
 *   -XENRDM_ERR_NOMEM
 *
 * Any operation xenstored refuses inside the transaction (ENOENT when a
 * concurrent clear removed what this one created, EAGAIN, a quota...)
 * aborts the attempt and the whole transaction is retried as for EAGAIN
 * at commit; only when every try fails is it an error (-XENRDM_ERR_AGAIN
 * when they all conflicted at commit, else -XENRDM_ERR_XENSTORE with
 * xenstored's last answer).  Reading back is a transaction too, committed
 * (nothing written) so that xenstored checks nothing changed under it:
 * a reader gets one writer's set, never a mix.
 *
 * Connecting: xenrdm_xs_open() calls xs_open(0), which (libxenstore 4.17)
 * tries the socket $XENSTORED_PATH, else $XENSTORED_RUNDIR/socket, else
 * /var/run/xenstored/socket, then the kernel's /dev/xen/xenbus.  Before
 * that it refuses a path that is neither a socket nor the xenbus device
 * (libxenstore would open it and write a request into it).  On the
 * socket every request must be answered within the timeout (default
 * XENRDM_XS_TIMEOUT_MS_DEFAULT): else -XENRDM_ERR_TIMEOUT naming the
 * daemon, and the connection is closed (the daemon drops the open
 * transaction).  Requests over the xenbus device cannot be timed here (a
 * blocked read there cannot be interrupted): the caller needs a watchdog
 * (xen-rdm has one).  A toolstack that already holds a struct xs_handle
 * passes that instead: its failures are reported without a timeout.
 */
#ifndef XENRDM_XS_H
#define XENRDM_XS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "xenrdm/xenrdm.h"

#ifdef __cplusplus
extern "C" {
#endif

struct xs_handle;

#define XENRDM_XS_MAX_TRIES     8
#define XENRDM_XS_PATH_MAX      64   /* "/local/domain/4294967295/..." */
#define XENRDM_XS_VALUE_MAX     24   /* "0x" + 16 hex digits + NUL */
/* count, lowmem-end, highmem-end and start/size of every entry. */
#define XENRDM_XS_FIXED_KEYS    3
#define XENRDM_XS_ENTRY_KEYS    2
#define XENRDM_XS_MAX_KEYS      (XENRDM_XS_FIXED_KEYS + \
				 XENRDM_XS_ENTRY_KEYS * XENRDM_XS_MAX_COUNT)
/* Largest domid a guest can have (DOMID_FIRST_RESERVED - 1). */
#define XENRDM_XS_DOMID_MAX     0x7FEFu

struct xenrdm_xs_key {
	char path[XENRDM_XS_PATH_MAX];   /* absolute */
	char value[XENRDM_XS_VALUE_MAX];
	char perms[XENRDM_XS_VALUE_MAX]; /* as read: "n0,r7"; "" when written */
};

/* The keys of one domain's set, in the order they are written:
 * count, <i>/start, <i>/size for every i, lowmem-end, highmem-end. */
struct xenrdm_xs_keyset {
	uint32_t domid;
	uint32_t nr_keys;
	struct xenrdm_xs_key key[XENRDM_XS_MAX_KEYS];
};

/* Domain 0 owns, the guest reads: the two permission entries, as text. */
#define XENRDM_XS_PERMS_TEXT_FMT "n0,r%u"

/*
 * The keys for LAYOUT (no xenstore needed): its rdm[0..nr_rdm) as they
 * are (the planner's are sorted and merged), both memory ends.  domid
 * 1..XENRDM_XS_DOMID_MAX (domain 0 has no hvmloader), at most
 * XENRDM_XS_MAX_COUNT entries (-XENRDM_ERR_NOSPACE); then the keys are
 * read back by the firmware's own reader (xenrdm_fw_read()), so a set
 * the guest would skip or ignore a part of is refused here, with the
 * firmware's words (-XENRDM_ERR_INVAL): every entry page aligned, size >
 * 0, no wrap, end <= XENRDM_PADDR_LIMIT; lowmem_end page aligned, in
 * [2 MiB, 0xFC000000]; highmem_end page aligned, in [4 GiB,
 * XENRDM_PADDR_LIMIT].
 */
int xenrdm_xs_keyset_from_layout(uint32_t domid,
				 const struct xenrdm_fw_layout *layout,
				 struct xenrdm_xs_keyset *keys_out,
				 char *err, size_t errlen);

/* Open / close a connection (see above); the handle is libxenstore's.
 * timeout_ms 0: none.  Handles from these must be closed with
 * xenrdm_xs_close (at most 8 open at once keep their timeout). */
#define XENRDM_XS_TIMEOUT_MS_DEFAULT 5000u
int xenrdm_xs_open(struct xs_handle **xsh_out, char *err, size_t errlen);
int xenrdm_xs_open_timeout(struct xs_handle **xsh_out, unsigned timeout_ms,
			   char *err, size_t errlen);
void xenrdm_xs_close(struct xs_handle *xsh);

/* Which daemon xenrdm_xs_open would talk to, for messages ("xenstored at
 * XENSTORED_PATH=/run/x/socket"), into buf.  Returns 1 for a socket, 2
 * for the xenbus device, 0 when it cannot be used (buf still names where
 * it was looked for). */
int xenrdm_xs_daemon(char *buf, size_t len);

/* Fault injection for tests, per handle: called after every key written
 * through xsh inside the open transaction with how many were written in
 * this attempt (the library itself reads no test variable and prints
 * nothing).  0, or -XENRDM_ERR_INVAL for a handle not opened by
 * xenrdm_xs_open*(). */
typedef void (*xenrdm_xs_write_hook)(void *opaque, unsigned nr_writes);
int xenrdm_xs_set_write_hook(struct xs_handle *xsh,
			     xenrdm_xs_write_hook hook, void *opaque);

/* Write the set for a plan (its valid regions, merged: the firmware
 * layout of xenrdm_plan_fw_layout()) or for a layout, replacing any
 * earlier set.  A plan with a strict conflict is refused with
 * -XENRDM_ERR_CONFLICT and nothing is written. */
int xenrdm_xs_write_plan(struct xs_handle *xsh, uint32_t domid,
			 const struct xenrdm_plan *plan,
			 char *err, size_t errlen);
int xenrdm_xs_write_layout(struct xs_handle *xsh, uint32_t domid,
			   const struct xenrdm_fw_layout *layout,
			   char *err, size_t errlen);

/* Remove the domain's hvmloader/rdm directory (one transaction).  No set
 * is not an error. */
int xenrdm_xs_clear(struct xs_handle *xsh, uint32_t domid,
		    char *err, size_t errlen);

/*
 * Read every key under the domain's hvmloader/rdm directory, as text, in
 * one read-only transaction (a consistent snapshot), sorted by path.
 * Keys are the leaves and every node with a value, in the order a set is
 * written (count, 0/start, 0/size, 1/start, ..., lowmem-end, highmem-end),
 * then any other key by name.  Unknown keys are returned too (show
 * prints what is there); more than XENRDM_XS_MAX_KEYS + 8 keys, a value
 * longer than XENRDM_XS_VALUE_MAX - 1 (cut, flagged by a trailing "...")
 * or a path longer than XENRDM_XS_PATH_MAX - 1: -XENRDM_ERR_NOSPACE for
 * the first and last.  No directory: nr_keys = 0.  Each key's perms are
 * written as xenstore-ls -p does ("n0,r7").
 */
struct xenrdm_xs_dump {
	uint32_t nr_keys;
	struct xenrdm_xs_key key[XENRDM_XS_MAX_KEYS + 8];
};
int xenrdm_xs_read_keys(struct xs_handle *xsh, uint32_t domid,
			struct xenrdm_xs_dump *dump_out,
			char *err, size_t errlen);

/* Read the set as the firmware does: xenrdm_fw_read() (the firmware
 * module's own reader, compiled for the host) over a snapshot of the
 * keys, into a layout with lowmem_end/highmem_end taken from xenstore.
 * The reader's log lines (skipped entries) go into log (optional,
 * truncated to loglen).  Returns the reader's result. */
int xenrdm_xs_read_layout(struct xs_handle *xsh, uint32_t domid,
			  struct xenrdm_fw_layout *layout_out,
			  char *log, size_t loglen, char *err, size_t errlen);
/* The same on keys already read (xenrdm_xs_read_keys), so that what is
 * shown and what the firmware reads come from one snapshot. */
int xenrdm_xs_dump_layout(const struct xenrdm_xs_dump *dump, uint32_t domid,
			  struct xenrdm_fw_layout *layout_out,
			  char *log, size_t loglen, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif
#endif /* XENRDM_XS_H */
