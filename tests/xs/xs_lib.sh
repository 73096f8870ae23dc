# tests/xs/xs_lib.sh - shared by tests/xs/test_*.sh: the helpers of
# tests/cli/lib.sh plus a private xenstored for this test, started in its
# own directory and stopped by the EXIT trap, also when a test fails.
# Environment (set by check-xs): XEN_RDM, XSD_PRELOAD, TESTS_DIR.
: "${TESTS_DIR:?TESTS_DIR must point at tests/}"
. "$TESTS_DIR/cli/lib.sh"

XSD_DIR=$T_TMP/xsd
xs_teardown() {
	"$TESTS_DIR/xs/xsd.sh" stop "$XSD_DIR"
	rm -rf "$T_TMP"
}
trap xs_teardown EXIT
trap 'exit 130' INT TERM

# xs_start [XENSTORED-OPTION...]: a fresh daemon; domain 7's home made as
# a toolstack makes it.
xs_start() {
	eval "$("$TESTS_DIR/xs/xsd.sh" start "$XSD_DIR" "$@")" || {
		echo "FAIL: xenstored did not start"; exit 1; }
	"$TESTS_DIR/xs/xsd.sh" home "$XSD_DIR" 7 || exit 1
}
xs_stop() { "$TESTS_DIR/xs/xsd.sh" stop "$XSD_DIR"; }

RDM=/local/domain/7/hvmloader/rdm

# The real-host example: an IGD RMRR and a USB RMRR, both strict.
# By hand: USB 0xa9d3e000-0xa9d5dfff is size 0x20000, IGD
# 0xab800000-0xaf9fffff is size 0x4200000; both lie above the 2 GiB
# boundary, so low RAM ends below the lowest one, rounded down to 2 MiB
# (HAP): 0xa9c00000; the other 4096 MiB - 0xa9c00000 = 0x56400000 go
# above 4 GiB: highmem-end 0x156400000.
EXAMPLE2="--memory 4096 --rdm strategy=ignore,policy=relaxed
  --pci 00:02.0 --pci 00:14.0
  --region 0xab800000-0xaf9fffff@00:02.0 --region 0xa9d3e000-0xa9d5dfff@00:14.0"

# xs_keys: every key under $RDM as `xenstore-ls -f` prints it, sorted.
xs_keys() { xenstore-ls -f "$RDM" 2>/dev/null | sort; }

# expect_same NAME WANT GOT: two texts equal.
expect_same() {
	if [ "$2" = "$3" ]; then t_ok; else
		t_fail "$1" "expected: $(printf '%s' "$2" | tr '\n' '|')" \
			"got:      $(printf '%s' "$3" | tr '\n' '|')"
	fi
}

# wait_for FILE TEXT: until FILE contains TEXT (at most ~10 s).
wait_for() {
	i=0
	until grep -qF -- "$2" "$1" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt 500 ] && return 1
		sleep 0.02
	done
}
