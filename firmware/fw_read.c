/* SPDX-License-Identifier: MIT */
/*
 * firmware/fw_read.c - read hvmloader/rdm/ (xenrdm/xs_abi.h) through the
 * environment's xenstore hook into a layout.  Nothing read is trusted:
 * every value is parsed strictly, every entry checked, and the kept ones
 * sorted and merged here, whatever order the keys came in.
 */
#include "fw_internal.h"

/* "hvmloader/rdm/123/start" is 24 bytes with its NUL. */
#define FW_PATH_MAX 32

/* XENRDM_XS_DIR "/<i>/<leaf>" into path[FW_PATH_MAX]; i < 1000 (the
 * caller stops at XENRDM_XS_MAX_COUNT). */
static const char *entry_path(char *path, uint32_t i, const char *leaf)
{
	static const char dir[] = XENRDM_XS_DIR "/";
	uint32_t p;

	for (p = 0; dir[p]; p++)
		path[p] = dir[p];
	if (i >= 100)
		path[p++] = (char)('0' + i / 100);
	if (i >= 10)
		path[p++] = (char)('0' + i / 10 % 10);
	path[p++] = (char)('0' + i % 10);
	path[p++] = '/';
	while (*leaf)
		path[p++] = *leaf++;
	path[p] = '\0';
	return path;
}

/* The one warning format: the key, its value as read, and why. */
static void warn(const char *key, const char *val, const char *why)
{
	xenrdm_env_log(FW_LOG "warning: %s = \"%s\" ignored: %s\n", key, val, why);
}

/* Read a page-aligned 0x hex key into *v_out and its text into *val_out
 * (valid until the next read); else log why, naming key and value. */
static int read_hex(const char *key, uint64_t *v_out,
		    const char **val_out)
{
	const char *val = xenrdm_env_xs_read(key, NULL);
	const char *why = NULL;

	*val_out = val;
	if (!val)
		why = "missing";
	else if (xenrdm_fw_parse_hex(val, v_out))
		why = "not 0x hex <= 64 bits";
	else if (*v_out & (XENRDM_PAGE_SIZE - 1))
		why = "not 4 KiB aligned";
	if (!why)
		return 0;
	warn(key, val ? val : "", why);
	return -XENRDM_ERR_INVAL;
}

/* Insert [start, start + size) into l->rdm by start (insertion sort); the
 * caller merges once all are in.  At most XENRDM_FW_MAX_RDM are added. */
static void rdm_insert(struct xenrdm_fw_layout *l, uint64_t start,
		       uint64_t size)
{
	uint32_t k;

	for (k = l->nr_rdm; k > 0 && l->rdm[k - 1].start > start; k--)
		l->rdm[k] = l->rdm[k - 1];
	l->rdm[k].start = start;
	l->rdm[k].size = size;
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

/* lowmem-end / highmem-end: take the xenstore value when *v is unknown
 * (0), else say when the two sources disagree; hvm_info wins. */
static void read_end(const char *key, uint64_t *v)
{
	const char *val = xenrdm_env_xs_read(key, NULL);
	uint64_t xs;

	if (!val)
		return;
	if (xenrdm_fw_parse_hex(val, &xs))
		warn(key, val, "not 0x hex");
	else if (!*v)
		*v = xs;
	else if (*v != xs)
		xenrdm_env_log(FW_LOG "warning: %s = %08x:%08x, hvm_info %08x:%08x wins\n",
			       key, FW_HI(xs), FW_LO(xs), FW_HI(*v), FW_LO(*v));
}

int xenrdm_fw_read(struct xenrdm_fw_layout *l)
{
	char path[FW_PATH_MAX];
	const char *val;
	uint64_t start, size;
	uint32_t count, i;
	int r;

	l->nr_rdm = 0;
	l->nr_skipped = 0;
	read_end(XENRDM_XS_LOWMEM_END, &l->lowmem_end);
	read_end(XENRDM_XS_HIGHMEM_END, &l->highmem_end);

	val = xenrdm_env_xs_read(XENRDM_XS_COUNT, NULL);
	if (!val)
		return 0;               /* no count: the guest has no RDM */
	_Static_assert(XENRDM_XS_MAX_COUNT == 124, "the message says 124");
	_Static_assert(XENRDM_XS_MAX_COUNT < 1000, "entry_path: 3 digits");
	r = xenrdm_fw_parse_dec(val, &count);
	if (r || count > XENRDM_XS_MAX_COUNT) {
		warn(XENRDM_XS_COUNT, val, "not a count 0..124, no RDM read");
		return -XENRDM_ERR_INVAL;
	}

	for (i = 0; i < count; i++) {
		l->nr_skipped++;        /* until the entry proves good */
		if (read_hex(entry_path(path, i, XENRDM_XS_LEAF_START),
			     &start, &val) ||
		    read_hex(entry_path(path, i, XENRDM_XS_LEAF_SIZE),
			     &size, &val))
			continue;
		/* path and val still name the size key here. */
		if (size == 0 || start >= XENRDM_PADDR_LIMIT ||
		    size > XENRDM_PADDR_LIMIT - start) {
			warn(path, val, "size 0, or start+size past 2^52");
			continue;
		}
		l->nr_skipped--;
		rdm_insert(l, start, size);
	}
	rdm_merge(l);
	return 0;
}
