/* SPDX-License-Identifier: MIT */
/*
 * firmware/fw_read.c - read hvmloader/rdm/ (xenrdm/xs_abi.h) through the
 * environment's xenstore hook into a layout.  Nothing read is trusted:
 * every value is parsed strictly, every entry checked, and the kept ones
 * sorted and merged here, whatever order the keys came in.
 */
#include "fw_internal.h"

/* "hvmloader/rdm/4294967295/start" is 31 bytes with its NUL. */
#define FW_PATH_MAX 32

/* XENRDM_XS_DIR "/<i>/<leaf>" into path[FW_PATH_MAX]. */
static const char *entry_path(char *path, uint32_t i, const char *leaf)
{
	static const char dir[] = XENRDM_XS_DIR "/";
	char digits[10];
	uint32_t n = 0, p = 0;

	while (dir[p]) {
		path[p] = dir[p];
		p++;
	}
	do {
		digits[n++] = (char)('0' + i % 10);
		i /= 10;
	} while (i);
	while (n)
		path[p++] = digits[--n];
	path[p++] = '/';
	while (*leaf && p < FW_PATH_MAX - 1)
		path[p++] = *leaf++;
	path[p] = '\0';
	return path;
}

static void skip_log(const char *key, const char *val, const char *why,
		     uint32_t i)
{
	xenrdm_env_log(FW_LOG "warning: %s = \"%s\": %s; RDM entry %u skipped\n",
		       key, val ? val : "", why, i);
}

/* Read a 0x hex key; 0 and *v_out, else logs why (naming key and value)
 * and returns non-zero.  Alignment too when page is true. */
static int read_hex(const char *key, uint32_t i, bool page, uint64_t *v_out)
{
	const char *val = xenrdm_env_xs_read(key, NULL);
	int r;

	if (!val) {
		skip_log(key, val, "missing", i);
		return -XENRDM_ERR_INVAL;
	}
	r = xenrdm_fw_parse_hex(val, v_out);
	if (r) {
		skip_log(key, val, r == -XENRDM_ERR_RANGE ? "over 64 bits"
							   : "not 0x hex", i);
		return r;
	}
	if (page && (*v_out & (XENRDM_PAGE_SIZE - 1))) {
		skip_log(key, val, "not 4 KiB aligned", i);
		return -XENRDM_ERR_INVAL;
	}
	return 0;
}

/* Add [start, end) to the sorted, merged l->rdm.  The caller has checked
 * start < end <= 2^52, and at most XENRDM_FW_MAX_RDM entries are ever
 * added, so the merge result always fits. */
static void rdm_add(struct xenrdm_fw_layout *l, uint64_t start, uint64_t end)
{
	struct xenrdm_range *rdm = l->rdm;
	uint32_t i, j, k;

	/* rdm[i..j) touch or overlap [start, end); merge them into one. */
	for (i = 0; i < l->nr_rdm && rdm[i].start + rdm[i].size < start; i++)
		;
	for (j = i; j < l->nr_rdm && rdm[j].start <= end; j++) {
		if (rdm[j].start < start)
			start = rdm[j].start;
		if (rdm[j].start + rdm[j].size > end)
			end = rdm[j].start + rdm[j].size;
	}
	if (j == i) {           /* nothing merged: open a slot at i */
		for (k = l->nr_rdm; k > i; k--)
			rdm[k] = rdm[k - 1];
		l->nr_rdm++;
	} else if (j > i + 1) { /* several merged: close the gap */
		for (k = j; k < l->nr_rdm; k++)
			rdm[k - (j - i - 1)] = rdm[k];
		l->nr_rdm -= j - i - 1;
	}
	rdm[i].start = start;
	rdm[i].size = end - start;
}

/* lowmem-end / highmem-end: take the xenstore value when *v is unknown
 * (0), else say when the two sources disagree; hvm_info wins. */
static void read_end(const char *key, uint64_t *v)
{
	const char *val = xenrdm_env_xs_read(key, NULL);
	uint64_t xs;

	if (!val)
		return;
	if (xenrdm_fw_parse_hex(val, &xs)) {
		xenrdm_env_log(FW_LOG "warning: %s = \"%s\": not 0x hex; ignored\n",
			       key, val);
		return;
	}
	if (!*v)
		*v = xs;
	else if (*v != xs)
		xenrdm_env_log(FW_LOG "warning: %s = %08x:%08x but hvm_info says %08x:%08x; using hvm_info\n",
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
	r = xenrdm_fw_parse_dec(val, &count);
	if (r || count > XENRDM_XS_MAX_COUNT) {
		xenrdm_env_log(FW_LOG "warning: %s = \"%s\": not a count 0..%u; no RDM read\n",
			       XENRDM_XS_COUNT, val, XENRDM_XS_MAX_COUNT);
		return -XENRDM_ERR_INVAL;
	}

	for (i = 0; i < count; i++) {
		l->nr_skipped++;        /* until the entry proves good */
		if (read_hex(entry_path(path, i, XENRDM_XS_LEAF_START), i,
			     true, &start) ||
		    read_hex(entry_path(path, i, XENRDM_XS_LEAF_SIZE), i,
			     true, &size))
			continue;
		/* path still names the size key here. */
		if (size == 0) {
			skip_log(path, "0x0", "zero size", i);
			continue;
		}
		if (start >= XENRDM_PADDR_LIMIT ||
		    size > XENRDM_PADDR_LIMIT - start) {
			xenrdm_env_log(FW_LOG "warning: RDM entry %u %08x:%08x + %08x:%08x wraps or ends above 2^52; skipped\n",
				       i, FW_HI(start), FW_LO(start),
				       FW_HI(size), FW_LO(size));
			continue;
		}
		l->nr_skipped--;
		rdm_add(l, start, start + size);
	}
	return 0;
}
