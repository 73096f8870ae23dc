#!/bin/sh
# tests/cli/test_regressions.sh - inputs the fuzzers found that crashed
# xen-rdm (inside Debian's libxlutil 4.17), now refused with a message.
# Under check-valgrind these also prove no uninitialised read is left.
. "$TESTS_DIR/cli/lib.sh"

# A NUL byte inside a quoted string: libxlutil's lexer asserted (abort).
printf 'memory = 1024\nrdm = "strategy=host\000,policy=strict"\n' >"$T_TMP/nul.cfg"
run "$XEN_RDM" plan -c "$T_TMP/nul.cfg"
expect_exit "NUL byte in an xl config" 2
expect_err "NUL byte in an xl config" "nul.cfg: not a valid xl config: a NUL byte at offset 34"

# A BDF without its function: xlu_pci_parse_spec_string read
# uninitialised memory (a SEGV under the fuzzer; "bdf=01:01" was even
# accepted with a garbage device).
for spec in '01:01' '0000:01:01' '01:01@3' 'bdf=01:01' '0000:01:01x.0' '01:01x=1' \
	    'rdm_policy=strict,bdf=01:02' '01:01,rdm_policy=relaxed'; do
	run "$XEN_RDM" plan --memory 1024 --pci "$spec"
	expect_exit "pci '$spec'" 2
	expect_err "pci '$spec'" "pci '$spec': not a valid xl PCI spec: the BDF needs a function ([SSSS:]BB:DD.F)"
done
# name= twice: libxlutil overwrote the first strdup()ed name (a leak).
run "$XEN_RDM" plan --memory 1024 --pci 'name=a,name=b'
expect_exit "pci name= twice" 2
expect_err "pci name= twice" "pci 'name=a,name=b': not a valid xl PCI spec: name= given more than once"
printf 'memory = 1024\npci = [ "01:00.0", "01:01" ]\n' >"$T_TMP/pci.cfg"
run "$XEN_RDM" plan -c "$T_TMP/pci.cfg"
expect_exit "pci without function in an xl config" 2
expect_err "pci without function in an xl config" "the BDF needs a function"
# ... while every complete form is still accepted.
for spec in '01:01.0' '0000:01:01.0' '01:01.0@3' 'bdf=0000:01:01.0' \
	    'rdm_policy=strict,bdf=01:02.1' '01:01.0,rdm_policy=relaxed'; do
	run "$XEN_RDM" plan --memory 1024 --pci "$spec"
	expect_exit "pci '$spec' accepted" 0
done
finish
