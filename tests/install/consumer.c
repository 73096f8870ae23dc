/* SPDX-License-Identifier: MIT */
/*
 * tests/install/consumer.c - a toolstack as a stranger writes it: only the
 * installed headers and `pkg-config xenrdm`.  A 4 GiB guest with one IGD
 * RMRR at 0xab800000 (above the 2 GiB boundary) must get lowmem_end moved
 * down to the region and the 0x4800000 bytes it lost added above 4 GiB.
 */
#include <stdio.h>
#include <xenrdm/xenrdm.h>

int main(void)
{
	struct xenrdm_host_region reg = {
		.start = 0xab800000, .size = 0x4200000, .has_sbdf = true,
		.sbdf = XENRDM_SBDF(0, 0, 2, 0),
	};
	struct xenrdm_pci_dev dev = {
		.sbdf = XENRDM_SBDF(0, 0, 2, 0), .policy = XENRDM_POLICY_STRICT,
	};
	struct xenrdm_config cfg;
	struct xenrdm_plan plan;
	int rc;

	xenrdm_config_init(&cfg);
	cfg.mem_size = 4096 * XENRDM_MIB;
	cfg.regions = &reg;
	cfg.nr_regions = 1;
	cfg.pci = &dev;
	cfg.nr_pci = 1;
	rc = xenrdm_plan_compute(&cfg, &plan, NULL, 0);
	if (rc) {
		fprintf(stderr, "consumer: plan failed: %s\n", xenrdm_strerror(rc));
		return 1;
	}
	if (plan.lowmem_end != 0xab800000ULL ||
	    plan.highmem_end != 0x100000000ULL + (4096ULL << 20) - 0xab800000ULL) {
		fprintf(stderr, "consumer: expected lowmem_end 0xab800000 highmem_end 0x%llx, "
			"got 0x%llx 0x%llx\n",
			0x100000000ULL + (4096ULL << 20) - 0xab800000ULL,
			(unsigned long long)plan.lowmem_end,
			(unsigned long long)plan.highmem_end);
		xenrdm_plan_free(&plan);
		return 1;
	}
	printf("consumer: ok\n");
	xenrdm_plan_free(&plan);
	return 0;
}
