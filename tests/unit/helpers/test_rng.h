/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/helpers/test_rng.h - the random generator of the randomised
 * tests (xorshift64): deterministic for a seed, so a failing case can be
 * run again from the seed the test prints.
 */
#ifndef XENRDM_TEST_RNG_H
#define XENRDM_TEST_RNG_H

#include <stdint.h>

/* Start the sequence at seed (0 is replaced by 1: xorshift's fixed point). */
void test_rng_seed(uint64_t seed);
/* The next 64-bit value. */
uint64_t test_rnd(void);

#endif
