#!/bin/sh
# scripts/demo.sh - what `make demo` shows: the host side of xen-rdm end to
# end on an embedded real-host example.
#
#   1. start a private instance of Xen's own xenstored (tests/xs/xsd.sh),
#      create domain 7's home as a toolstack does;
#   2. plan and apply the example: an integrated GPU (00:02.0) and a USB
#      controller (00:14.0), each with an RMRR, both strict, and an audio
#      device (00:1f.3, relaxed) whose RMRR falls into hvmloader's area;
#   3. show the keys as `xenstore-ls -f -p` prints them, then `xen-rdm
#      show`: the entries and the e820 the firmware module builds;
#   4. stop the daemon (also when a step fails).
# Environment: XEN_RDM (the binary), XSD_PRELOAD (tests/xs/xsd.sh).
set -eu
: "${XEN_RDM:?XEN_RDM must point at the xen-rdm binary}"
top=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d /tmp/xen-rdm-demo.XXXXXX)
cleanup() {
	"$top/tests/xs/xsd.sh" stop "$dir"
	rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { printf '\n== %s\n' "$*"; }
shown() { printf '$ %s\n' "$*"; "$@"; }

step "a private xenstored (Debian's /usr/lib/xen-4.17/bin/xenstored, no hypervisor)"
eval "$("$top/tests/xs/xsd.sh" start "$dir")"
"$top/tests/xs/xsd.sh" home "$dir" 7
echo "XENSTORED_PATH=$XENSTORED_PATH"

step "plan and apply for domain 7: memory=4096, IGD + USB RMRRs (strict), one relaxed"
shown "$XEN_RDM" apply --domid 7 --memory 4096 \
	--pci 00:02.0 --pci 00:14.0 --pci 00:1f.3,rdm_policy=relaxed \
	--region 0xab800000-0xaf9fffff@00:02.0 \
	--region 0xa9d3e000-0xa9d5dfff@00:14.0 \
	--region 0xfed90000-0xfed90fff@00:1f.3

step "the keys, as Xen's own xenstore-ls prints them"
shown xenstore-ls -f -p /local/domain/7/hvmloader

step "read back through libxenstore; the e820 the firmware module builds"
shown "$XEN_RDM" show --domid 7

step "done: stopping the daemon"
