#!/bin/sh
# The --xen source on this machine as it is: no hypervisor, no stub.
exec env -u LD_PRELOAD XEN_STUB_MODE=real "${XEN_STUB_TEST:?}"
