#!/bin/sh
# tests/doc/test_man.sh - the group run by `make check-doc`.
top=$(cd "$(dirname "$0")/../.." && pwd)
exec sh "$top/tests/doc/check_doc.sh" "$top/shim/man/xen-rdm.1" \
	"$top/shim/man/xenrdm-xenstore.7" "$top/include/xenrdm/xs_abi.h"
