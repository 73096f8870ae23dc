#!/bin/sh
# The --xen source's protocol against the hypervisor stand-in.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
LD_PRELOAD="${XEN_STUB_SO:?}" XEN_STUB_MODE=stub exec "${XEN_STUB_TEST:?}"
