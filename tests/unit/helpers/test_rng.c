/* SPDX-License-Identifier: MIT */
/* tests/unit/helpers/test_rng.c - see test_rng.h. */
#include "test_rng.h"

static uint64_t rng_state = 1;

void test_rng_seed(uint64_t seed)
{
	rng_state = seed ? seed : 1;
}

uint64_t test_rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}
