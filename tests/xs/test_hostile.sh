#!/bin/bash
# tests/xs/test_hostile.sh - hostile conditions against xenstore: a daemon that
# never answers, a stopped daemon, a XENSTORED_PATH that is no daemon, a
# daemon that answers garbage, concurrent writers and clear; escaped
# output, output that cannot be written, the domain's home.  Each check
# failed on the code before (hangs, "failed: Success", a "quota" for
# garbage, a regular file overwritten, exit 3 under concurrency).
. "$TESTS_DIR/xs/xs_lib.sh"

# within NAME SECONDS CMD...: CMD ends (any status) within SECONDS.
within() {
	name=$1 limit=$2
	shift 2
	start=$(date +%s%N)
	"$@" >"$T_TMP/out" 2>"$T_TMP/err"
	T_RC=$?
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	if [ "$ms" -le $((limit * 1000)) ]; then t_ok; else t_fail "$name: took $ms ms" "expected <= $limit s"; fi
}

FAKE=$T_TMP/fake.sock
fake_pid=
fake_n=0
fake_start() {         # a fresh log each time: "ready" is this one's
	fake_n=$((fake_n + 1))
	python3 "$TESTS_DIR/xs/fake_xsd.py" "$1" "$FAKE" >"$T_TMP/fake$fake_n.log" 2>&1 &
	fake_pid=$!
	wait_for "$T_TMP/fake$fake_n.log" ready || t_fail "fake daemon $1 did not start"
}
fake_stop() { [ -n "$fake_pid" ] && kill "$fake_pid" 2>/dev/null; wait "$fake_pid" 2>/dev/null; fake_pid=; }
trap 'fake_stop; xs_teardown' EXIT

# --- 1. a socket that accepts and never answers: exit 3 within the timeout
fake_start silent
for cmd in "apply --domid 7 --memory 2048" "show --domid 7" "clear --domid 7"; do
	# shellcheck disable=SC2086
	within "silent daemon: $cmd" 4 env XENSTORED_PATH="$FAKE" timeout 30 "$XEN_RDM" $cmd --timeout 1
	expect_exit "silent daemon: $cmd" 3
	expect_err "silent daemon: $cmd names the daemon" "xenstored at XENSTORED_PATH=$FAKE did not answer the transaction start for /local/domain/7/hvmloader/rdm within 1.000 s"
done
# With standard input closed (libxenstore's socket is then fd 0).
within "silent daemon, stdin closed" 4 env XENSTORED_PATH="$FAKE" timeout 30 sh -c 'exec "$0" show --domid 7 --timeout 1 <&-' "$XEN_RDM"
expect_exit "silent daemon, stdin closed" 3
expect_err "silent daemon, stdin closed" "did not answer the transaction start for /local/domain/7/hvmloader/rdm within 1.000 s"
# The environment variable sets it too.
within "XENRDM_XS_TIMEOUT=1" 4 env XENSTORED_PATH="$FAKE" XENRDM_XS_TIMEOUT=1 timeout 30 "$XEN_RDM" show --domid 7
expect_exit "XENRDM_XS_TIMEOUT=1" 3
expect_err "XENRDM_XS_TIMEOUT=1" "within 1.000 s"
run env XENRDM_XS_TIMEOUT=0 "$XEN_RDM" show --domid 7
expect_exit "XENRDM_XS_TIMEOUT=0 refused" 2
expect_err "XENRDM_XS_TIMEOUT=0 refused" "XENRDM_XS_TIMEOUT: '0' is not a timeout in whole seconds (1..3600)"
run "$XEN_RDM" clear --domid 7 --timeout 1x
expect_exit "--timeout 1x refused" 2
fake_stop

# --- 2. garbage and other non-answers: honest messages, no "quota"
fake_start garbage
run env XENSTORED_PATH="$FAKE" timeout 30 "$XEN_RDM" show --domid 7 --timeout 2
expect_exit "garbage daemon" 3
expect_err "garbage daemon: connection broke" "the connection to xenstored at XENSTORED_PATH=$FAKE broke"
if grep -q quota "$T_TMP/err"; then t_fail "garbage is not a quota" "$(cat "$T_TMP/err")"; else t_ok; fi
fake_stop
for mode in close badtype; do
	fake_start $mode
	run env XENSTORED_PATH="$FAKE" timeout 30 "$XEN_RDM" apply --domid 7 --memory 2048 --timeout 2
	expect_exit "$mode daemon" 3
	expect_err "$mode daemon" "the connection to xenstored at XENSTORED_PATH=$FAKE broke ("
	if grep -qE "quota|Success" "$T_TMP/err"; then t_fail "$mode: an honest message" "$(cat "$T_TMP/err")"; else t_ok; fi
	fake_stop
done

# --- 3. XENSTORED_PATH that is no daemon: refused before it is opened
printf 'precious\n' >"$T_TMP/regular"
mkfifo "$T_TMP/fifo"
for p in "$T_TMP/regular" "$T_TMP/fifo" "$T_TMP" /dev/null; do
	for cmd in "show --domid 7" "apply --domid 7 --memory 2048" "clear --domid 7"; do
		# shellcheck disable=SC2086
		run env XENSTORED_PATH="$p" timeout 10 "$XEN_RDM" $cmd
		expect_exit "XENSTORED_PATH=$p $cmd" 3
		expect_err "XENSTORED_PATH=$p $cmd" "XENSTORED_PATH=$p is neither xenstored's socket nor the xenbus device"
		if grep -q "Success" "$T_TMP/err"; then t_fail "no 'failed: Success'" "$(cat "$T_TMP/err")"; else t_ok; fi
	done
done
expect_same "the regular file is untouched" "precious" "$(cat "$T_TMP/regular")"

# --- 4. the real daemon, stopped (SIGSTOP): exit 3 within the timeout
xs_start
pid=$(cat "$XSD_DIR/pid")
# shellcheck disable=SC2086
run "$XEN_RDM" apply --domid 7 $EXAMPLE2
expect_exit "apply before the stop" 0
OLD=$(xs_keys)
kill -STOP "$pid"
for cmd in "apply --domid 7 --memory 2048" "show --domid 7" "clear --domid 7" "show --domid 7" "show --domid 7"; do
	# shellcheck disable=SC2086
	within "stopped daemon: $cmd" 6 timeout 30 "$XEN_RDM" $cmd --timeout 1
	expect_exit "stopped daemon: $cmd" 3
	expect_err "stopped daemon: $cmd" "did not answer"
done
kill -CONT "$pid"
expect_same "stopped daemon: the set as it was" "$OLD" "$(xs_keys)"

# --- 4b. a config through a pipe is not lost.  Before, apply
# wrote count = 0 here (the pci list was lost, the GPU's RMRR left in RAM).
if [ -f "$BUILD/acpi/dmar-laptop.aml" ]; then
	run "$XEN_RDM" apply --domid 7 --memory 4096 --dmar "$BUILD/acpi/dmar-laptop.aml" \
		-c <(printf 'memory = 4096\npci = [ "00:02.0" ]\n')
	expect_exit "apply -c <(pipe)" 0
	expect_same "apply -c <(pipe): the GPU's RMRR written" 1 "$(xenstore-read $RDM/count)"
	expect_same "apply -c <(pipe): at the RMRR" 0xbc000000 "$(xenstore-read $RDM/0/start)"
else
	t_fail "no $BUILD/acpi/dmar-laptop.aml"
fi
"$XEN_RDM" clear --domid 7 >/dev/null

# --- 5. the domain's home must exist; clear removes hvmloader/ it made
run "$XEN_RDM" apply --domid 8 --memory 2048
expect_exit "apply for a domain without a home" 2
expect_err "apply for a domain without a home" "domain 8 has no xenstore home /local/domain/8 (no such domain? the toolstack makes it); nothing written"
run xenstore-exists /local/domain/8
expect_exit "no home made for domain 8" 1
run "$XEN_RDM" clear --domid 7
expect_exit "clear" 0
run xenstore-exists /local/domain/7/hvmloader
expect_exit "clear removed the hvmloader node apply made" 1
run xenstore-exists /local/domain/7
expect_exit "the home stays" 0
# ... but not one the toolstack filled.
xenstore-write /local/domain/7/hvmloader/bios seabios
# shellcheck disable=SC2086
"$XEN_RDM" apply --domid 7 $EXAMPLE2 >/dev/null
run "$XEN_RDM" clear --domid 7
expect_same "hvmloader/bios kept" seabios "$(xenstore-read /local/domain/7/hvmloader/bios)"
xenstore-rm /local/domain/7/hvmloader
# domids: digits only, as --memory.
for d in ' 7' '7 ' '+7' '07x' '0' ''; do
	run "$XEN_RDM" show --domid "$d"
	expect_exit "--domid '$d' refused" 2
done
run "$XEN_RDM" show --domid 007
expect_exit "--domid 007 (digits)" 0

# --- 6. output hygiene: values escaped as xenstore-ls does; full disk
xenstore-write $RDM/count "$(printf '1\033[2J')"
run "$XEN_RDM" show --domid 7
expect_exit "ESC in a value: the firmware rejects it" 2
if grep -q "$(printf '\033')" "$T_TMP/out" "$T_TMP/err"; then t_fail "no raw ESC reaches the terminal" "$(od -c "$T_TMP/out" | head -5)"; else t_ok; fi
expect_out "show escapes as xenstore-ls" '/local/domain/7/hvmloader/rdm/count = "1\x1b[2J"'
expect_same "xenstore-ls escapes the same way" '/local/domain/7/hvmloader/rdm/count = "1\x1b[2J"' "$(xenstore-ls -f $RDM | grep count)"
expect_out "the firmware's warning escaped" 'hvmloader/rdm/count = "1\x1b[2J" ignored'
xenstore-rm $RDM
# Keys xen-rdm never writes, which the firmware does not read: said, exit 2.
# shellcheck disable=SC2086
"$XEN_RDM" apply --domid 7 $EXAMPLE2 >/dev/null
xenstore-write $RDM/foo bar $RDM/124/start 0x1000 $RDM/2/start 0xb0000000
run "$XEN_RDM" show --domid 7
expect_exit "stray keys: show exit 2" 2
expect_err "an unknown key named" 'warning: hvmloader/rdm/foo = "bar" ignored: not a key of the RDM ABI; not read'
expect_err "an index past 123 named" 'warning: hvmloader/rdm/124/start = "0x1000" ignored: an entry past the 124 the ABI allows; not read'
expect_out "an entry past count named" 'hvmloader/rdm/2/start = "0xb0000000" ignored: past count'
expect_err "stray keys: summary" "3 warnings"
# shellcheck disable=SC2086
"$XEN_RDM" apply --domid 7 $EXAMPLE2 >/dev/null
for cmd in "show --domid 7" "show --domid 7 --json" "clear --domid 7"; do
	# shellcheck disable=SC2086
	run sh -c "exec \"\$0\" $cmd >/dev/full" "$XEN_RDM"
	expect_exit "$cmd >/dev/full" 3
	expect_err "$cmd >/dev/full" "cannot write the output"
done
# shellcheck disable=SC2086
run sh -c "exec \"\$0\" apply --domid 7 $(echo $EXAMPLE2) >/dev/full" "$XEN_RDM"
expect_exit "apply >/dev/full" 3

finish
