/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/fuzz_xlcfg.c - libFuzzer target for the xl domain
 * configuration reader (xenrdm_xlcfg_read: libxlutil's parser, then our
 * reading of memory/maxmem/videoram/vga/mmio_hole/hap/rdm/
 * rdm_mem_boundary/pci).  Seeds: the real and malformed files of
 * tests/xlcfg.
 *
 * Input: the file's text, served from a memfd as /proc/self/fd/N and
 * read by xenrdm_xlcfg_read exactly as -c reads a file: once, whole,
 * within the 4 MiB cap (inputs up to cap + 1 bytes: fuzz.mk's -max_len),
 * then parsed from that buffer by libxlutil (xlu_cfg_readdata).
 * Oracle: on error the configuration and the device list are exactly as
 * they were (a device already in the list stays) and the message starts
 * with the file name; on success every value the set mask claims is in
 * its range (guest RAM >= 2 MiB, whole MiB, below 2^52; MMIO hole 256 to
 * 3840 MiB; boundary whole MiB) and every device appended has a valid
 * policy and appears once.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "xenrdm/read_file.h"
#include "xenrdm/sources.h"

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "fuzz_xlcfg: %s:%d: %s\n", __FILE__, \
			__LINE__, #cond); \
		abort(); \
	} \
} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
const char *__lsan_default_suppressions(void);

/* libxlutil 4.17's parser (bison, no %destructor) leaks the values it was
 * building when it recovers from a syntax error: strings, lists
 * (xlu__cfg_string_mk, xlu__cfgl_dequote, xlu__cfg_list_mk...).  Not ours
 * to fix, and the command exits right after a refused file.  Only those
 * internal helpers (double underscore) are suppressed: a config we forgot
 * to destroy still shows as a leak from xlu_cfg_init, and the normal path
 * is also checked by check-valgrind. */
const char *__lsan_default_suppressions(void)
{
	return "leak:xlu__cfg\n";
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct xenrdm_pci_dev first = {
		.sbdf = XENRDM_SBDF(0, 0x7f, 0x1f, 7),
		.policy = XENRDM_POLICY_RELAXED,
	};
	struct xenrdm_pci_list pci = { 0 };
	struct xenrdm_config cfg, before;
	char path[64], err[1024];
	unsigned set = 0;
	size_t i, j;
	int fd, rc;

	fd = memfd_create("fuzz_xlcfg", 0);
	if (fd < 0)
		return 0;
	if (size && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	xenrdm_config_init(&cfg);
	cfg.mem_size = 0x12345000;      /* a value no file produces */
	before = cfg;
	CHECK(xenrdm_pci_list_add(&pci, &first) == 0);
	err[0] = '\0';
	rc = xenrdm_xlcfg_read(path, &cfg, &pci, &set, err, sizeof(err));
	close(fd);

	CHECK(pci.n >= 1 && !memcmp(&pci.v[0], &first, sizeof(first)));
	if (rc) {
		CHECK(rc == -XENRDM_ERR_INVAL || rc == -XENRDM_ERR_PARSE ||
		      rc == -XENRDM_ERR_IO || rc == -XENRDM_ERR_NOMEM ||
		      rc == -XENRDM_ERR_TOOBIG);
		/* The cap, exactly: over it and only over it. */
		CHECK((rc == -XENRDM_ERR_TOOBIG) == (size > XENRDM_CAP_TEXT));
		CHECK(!memcmp(&cfg, &before, sizeof(cfg)));
		CHECK(pci.n == 1);
		CHECK(!strncmp(err, path, strlen(path)));
		goto out;
	}
	if (set & XENRDM_XLCFG_MEM) {
		CHECK(cfg.mem_size >= XENRDM_MIN_MEM_SIZE);
		CHECK(cfg.mem_size % XENRDM_MIB == 0);
		CHECK(cfg.mem_size < XENRDM_PADDR_LIMIT);
	} else {
		CHECK(cfg.mem_size == before.mem_size);
	}
	if (set & XENRDM_XLCFG_MMIO)
		CHECK(cfg.mmio_size >= XENRDM_MIN_MMIO_SIZE &&
		      cfg.mmio_size <= XENRDM_MAX_MMIO_SIZE &&
		      cfg.mmio_size % XENRDM_MIB == 0);
	else
		CHECK(cfg.mmio_size == before.mmio_size);
	if (set & XENRDM_XLCFG_BOUNDARY)
		CHECK(cfg.rdm_mem_boundary % XENRDM_MIB == 0 &&
		      cfg.rdm_mem_boundary <= XENRDM_PADDR_LIMIT);
	else
		CHECK(cfg.rdm_mem_boundary == before.rdm_mem_boundary);
	CHECK(cfg.strategy == XENRDM_STRATEGY_HOST ||
	      cfg.strategy == XENRDM_STRATEGY_IGNORE);
	CHECK(cfg.policy == XENRDM_POLICY_STRICT ||
	      cfg.policy == XENRDM_POLICY_RELAXED);
	if (!(set & XENRDM_XLCFG_PCI))
		CHECK(pci.n == 1);
	for (i = 1; i < pci.n; i++) {
		CHECK(pci.v[i].policy == XENRDM_POLICY_STRICT ||
		      pci.v[i].policy == XENRDM_POLICY_RELAXED);
		for (j = 1; j < i; j++)
			CHECK(pci.v[i].sbdf != pci.v[j].sbdf);
	}
out:
	xenrdm_pci_list_free(&pci);
	return 0;
}
