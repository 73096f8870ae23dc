/* SPDX-License-Identifier: MIT */
/*
 * firmware/fw_read.c - read hvmloader/rdm/ (xenrdm/xs_abi.h) through the
 * environment's xenstore hook into a layout.  Nothing read is trusted:
 * every value is parsed strictly, every entry checked, and the kept ones
 * sorted and merged here, whatever order the keys came in.
 */
#include "fw_internal.h"

/* Read once at boot: size matters more than speed here (hvmloader builds
 * with -O2; at -Os the reader's checks cost about nothing over it). */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("Os")
#endif

/* "hvmloader/rdm/123/start" is 24 bytes with its NUL. */
#define FW_PATH_MAX 32

/* Copy s to p with its NUL; returns p's NUL. */
static char *copy(char *p, const char *s)
{
	while ((*p = *s++) != '\0')
		p++;
	return p;
}

/* XENRDM_XS_DIR "/<i>/<leaf>" into path[FW_PATH_MAX]; i < 1000 (the
 * caller stops at XENRDM_XS_MAX_COUNT). */
static const char *entry_path(char *path, uint32_t i, const char *leaf)
{
	char *p = copy(path, XENRDM_XS_DIR "/"), *q;
	uint32_t n;

	for (n = i; n >= 10; n /= 10)
		p++;
	/* p: where the last digit goes; the digits are written backwards */
	q = p;
	do {
		*q-- = (char)('0' + i % 10);
		i /= 10;
	} while (i);
	*++p = '/';
	copy(p + 1, leaf);
	return path;
}

/* The one warning format: the key, its value as read, and why. */
static void warn(const char *key, const char *val, const char *why)
{
	xenrdm_env_log(FW_LOG "warning: %s = \"%s\" ignored: %s\n", key, val, why);
}

/* Insert [start, start + size) into l->rdm by start (insertion sort); the
 * caller merges once all are in.  At most XENRDM_FW_MAX_RDM are added. */
static void rdm_insert(struct xenrdm_fw_layout *l,
		       const struct xenrdm_range *r)
{
	uint32_t k;

	for (k = l->nr_rdm; k > 0 && l->rdm[k - 1].start > r->start; k--)
		l->rdm[k] = l->rdm[k - 1];
	l->rdm[k] = *r;
	l->nr_rdm++;
}

/* Merge overlapping and touching neighbours of the sorted l->rdm. */
static void rdm_merge(struct xenrdm_fw_layout *l)
{
	struct xenrdm_range *rdm = l->rdm;
	uint64_t end;
	uint32_t i, j = 0;

	for (i = 1; i < l->nr_rdm; i++) {
		end = rdm[j].start + rdm[j].size;
		if (rdm[i].start <= end) {
			if (rdm[i].start + rdm[i].size > end)
				rdm[j].size = rdm[i].start + rdm[i].size -
					      rdm[j].start;
		} else {
			rdm[++j] = rdm[i];
		}
	}
	if (l->nr_rdm)
		l->nr_rdm = j + 1;
}

#define NOT_HEX "not 0x hex <= 64 bits"


/*
 * lowmem-end / highmem-end: a bad value (not 0x hex, unaligned, outside
 * [2 MiB, 0xFC000000] or [4 GiB, 2^52]; "0x0" too) is logged and
 * ignored.  Else take it when *v is unknown (0); when hvm_info gave one
 * and they differ, hvm_info wins (a note).
 */
static void read_end(const char *key, uint64_t *v, uint64_t min,
		     uint64_t max)
{
	const char *val = xenrdm_env_xs_read(key, NULL);
	uint64_t xs;

	if (!val)
		return;
	if (xenrdm_fw_parse_hex(val, &xs) || (xs & (XENRDM_PAGE_SIZE - 1)) ||
	    xs < min || xs > max)
		warn(key, val, "not 0x hex, 4 KiB aligned, in range");
	else if (!*v)
		*v = xs;
	else if (*v != xs)
		xenrdm_env_log(FW_LOG "note: %s = %08x:%08x, hvm_info %08x:%08x wins\n",
			       key, FW_HI(xs), FW_LO(xs), FW_HI(*v), FW_LO(*v));
}

/* An entry at index i (its start, else its size) that should not be
 * there: logged as WHY.  No reads past the ABI's count. */
static void stray(char *path, uint32_t i, const char *why)
{
	const char *val;

	if (i >= XENRDM_XS_MAX_COUNT)
		return;
	val = xenrdm_env_xs_read(entry_path(path, i, XENRDM_XS_LEAF_START),
				 NULL);
	if (!val)
		val = xenrdm_env_xs_read(entry_path(path, i,
						    XENRDM_XS_LEAF_SIZE), NULL);
	if (val)
		warn(path, val, why);
}

_Static_assert(offsetof(struct xenrdm_range, size) == sizeof(uint64_t),
	       "v[1] is the size");

int xenrdm_fw_read(struct xenrdm_fw_layout *l)
{
	static const char leaves[2][6] = {
		XENRDM_XS_LEAF_START, XENRDM_XS_LEAF_SIZE,
	};
	char path[FW_PATH_MAX];
	const char *val, *why;
	union {                 /* the entry, and its start and size by index */
		struct xenrdm_range r;
		uint64_t v[2];
	} e;
	uint32_t count, i, n;

	l->nr_rdm = 0;
	l->nr_skipped = 0;
	read_end(XENRDM_XS_LOWMEM_END, &l->lowmem_end, XENRDM_FW_LOWMEM_MIN,
		 XENRDM_FW_RESERVED_MEMBASE);
	read_end(XENRDM_XS_HIGHMEM_END, &l->highmem_end, XENRDM_FW_4G,
		 XENRDM_PADDR_LIMIT);

	val = xenrdm_env_xs_read(XENRDM_XS_COUNT, NULL);
	if (!val) {
		/* No count: the guest has no RDM.  An entry without one is
		 * damage or another writer's: said, not used. */
		stray(path, 0, "no count");
		return 0;
	}
	_Static_assert(XENRDM_XS_MAX_COUNT == 124, "the message says 124");
	_Static_assert(XENRDM_XS_MAX_COUNT < 1000, "entry_path: 3 digits");
	if (xenrdm_fw_parse_dec(val, &count) || count > XENRDM_XS_MAX_COUNT) {
		warn(XENRDM_XS_COUNT, val, "not a count 0..124, no RDM read");
		return -XENRDM_ERR_INVAL;
	}

	for (i = 0; i < count; i++) {
		/* start, then size: each present, 0x hex, page aligned */
		why = NULL;
		for (n = 0; !why && n < 2; n++) {
			val = xenrdm_env_xs_read(entry_path(path, i, leaves[n]),
						 NULL);
			if (!val)
				why = "missing";
			else if (xenrdm_fw_parse_hex(val, &e.v[n]))
				why = NOT_HEX;
			else if (e.v[n] & (XENRDM_PAGE_SIZE - 1))
				why = "not 4 KiB aligned";
		}
		/* path and val name the last key read: the size key here. */
		if (!why && fw_rdm_bad(&e.r))
			why = "size 0, or start+size past 2^52";
		if (why) {
			warn(path, val ? val : "", why);
			l->nr_skipped++;
			continue;
		}
		rdm_insert(l, &e.r);
	}
	/* The entry after the last is not read: said when there (a longer
	 * set not removed, or another writer). */
	stray(path, count, "past count");
	rdm_merge(l);
	/* Reserved wins over RAM (a device may write there), but a set that
	 * covers all RAM from 1 MiB to lowmem-end leaves the guest none:
	 * kept (no boot is better than RAM a device overwrites), said. */
	for (i = 0; i < l->nr_rdm; i++)
		if (l->rdm[i].start <= XENRDM_FW_RAM_1M &&
		    l->rdm[i].start + l->rdm[i].size >= l->lowmem_end &&
		    l->lowmem_end > XENRDM_FW_RAM_1M)
			xenrdm_env_log(FW_LOG "warning: RDM covers all RAM "
				       "from 1 MiB to lowmem-end %08x\n",
				       FW_LO(l->lowmem_end));
	return 0;
}
