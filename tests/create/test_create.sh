#!/bin/sh
# tests/create/test_create.sh - `xen-rdm create`, end to end: a stand-in
# xl first on PATH (tests/create/bin/xl: records its calls, answers as
# xl 4.17), Xen's real xenstored for the key write (tests/xs/xsd.sh), and
# the hypervisor stand-in for the built domain's hvm_info page
# (tests/create/xc_dom_stub.c, preloaded).  For each case: the exit
# status, the message, the xl calls made (and the destroy when the domain
# must not live), the keys in xenstore.
# Environment (check-create): XEN_RDM, TESTS_DIR, XSD_PRELOAD, XC_DOM_STUB.
. "$TESTS_DIR/xs/xs_lib.sh"
xs_start
export XSD_DIR TESTS_DIR

export XL_STUB_DIR="$T_TMP/xl"
export XC_DOM_STUB_FILE="$T_TMP/xl/doms"
PATH="$TESTS_DIR/create/bin:$PATH"
export PATH

# The real-host example of tests/xs/xs_lib.sh, as an xl.cfg: 4096 MiB
# (vga = "none": no video RAM taken off), the IGD and the USB controller.
# Worked out by hand there: low RAM ends at 0xa9c00000, high RAM at
# 0x156400000.
cat >"$T_TMP/win.cfg" <<'EOF'
name = "win"
type = "hvm"
memory = 4096
vga = "none"
pci = [ '00:02.0', '00:14.0' ]
EOF
SRC="--region 0xab800000-0xaf9fffff@00:02.0 --region 0xa9d3e000-0xa9d5dfff@00:14.0"
BUILT="0xa9c00000 0x156400000"

# fresh: no xl state, domain 7's keys cleared.
fresh() {
	rm -rf "$XL_STUB_DIR"
	mkdir -p "$XL_STUB_DIR"
	: >"$XL_STUB_DIR/calls"
	"$XEN_RDM" clear --domid 7 >/dev/null 2>&1
	unset XL_STUB_CREATE_FAIL XL_STUB_DOMID_FAIL XL_STUB_UNPAUSE_NOOP \
	      XL_STUB_DESTROY_FAIL XC_DOM_STUB_OPEN_ERRNO XC_DOM_STUB_BADSUM
	XL_STUB_BUILT=$BUILT
	export XL_STUB_BUILT
}
# create ARGS...: xen-rdm create with the hypervisor stand-in preloaded.
create() {
	run env LD_PRELOAD="${XC_DOM_STUB:?}" \
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		"$XEN_RDM" create "$@"
}
calls() { tr '\n' '|' <"$XL_STUB_DIR/calls"; }
expect_calls() {
	got=$(calls | sed 's|/dev/fd/[0-9]*|/dev/fd/N|g')
	if [ "$got" = "$2" ]; then t_ok; else
		t_fail "$1: xl calls" "expected: $2" "got:      $got"; fi
}
count() { xenstore-read "$RDM/count" 2>/dev/null || echo none; }

# ---- the workflow ----------------------------------------------------
fresh
# shellcheck disable=SC2086
create $SRC "$T_TMP/win.cfg"
expect_exit "create" 0
expect_calls "create" "create -p /dev/fd/N|domid win|unpause 7|"
expect_last "create: the verdict, last" "OK: 00:02.0, 00:14.0 can be passed through; 2 ranges reserved; low RAM ends at 2.65 GiB (1.10 GiB moved above 4 GiB); domain 7 (win) runs"
expect_out "create: layout checked" "domain 7 as built: low RAM ends at 0x00000000a9c00000, high RAM at 0x0000000156400000: as planned"
expect_same "create: the keys written" "2 0xa9c00000 0x156400000 0xab800000" \
	"$(count) $(xenstore-read $RDM/lowmem-end) $(xenstore-read $RDM/highmem-end) $(xenstore-read $RDM/1/start)"
# xl parsed the very bytes planned.
if cmp -s "$T_TMP/win.cfg" "$XL_STUB_DIR/config.seen"; then t_ok; else
	t_fail "xl read the same config bytes" "$(cat "$XL_STUB_DIR/config.seen")"; fi
expect_err "xl's own message passes through" "Parsing config from /dev/fd/"

# -q: only the last line on stdout.
fresh
# shellcheck disable=SC2086
create -q $SRC "$T_TMP/win.cfg"
expect_exit "create -q" 0
expect_same "create -q: one line" 1 "$(wc -l <"$T_TMP/out" | tr -d ' ')"

# KEY=VALUE after CONFIG: xl gets it, and the plan sees it as xl does.
# 2048 MiB: low RAM ends at 2 GiB, below both regions: nothing moves,
# nothing above 4 GiB.
fresh
XL_STUB_BUILT="0x80000000 0"
# shellcheck disable=SC2086
create $SRC "$T_TMP/win.cfg" -d memory=2048
expect_exit "KEY=VALUE" 0
expect_calls "KEY=VALUE" "create -p /dev/fd/N -d memory=2048|domid win|unpause 7|"
expect_out "KEY=VALUE planned" "memory            2048 MiB"
expect_same "KEY=VALUE: keys" "0x80000000 0x100000000" \
	"$(xenstore-read $RDM/lowmem-end) $(xenstore-read $RDM/highmem-end)"
if cmp -s "$T_TMP/win.cfg" "$XL_STUB_DIR/config.seen"; then t_ok; else
	t_fail "KEY=VALUE: xl's file holds only the config (xl appends the rest)"; fi

# ---- refusals before any domain exists --------------------------------
for args in "--memory 4096 $T_TMP/win.cfg" "--rdm strategy=host $T_TMP/win.cfg" \
	    "-c $T_TMP/win.cfg $T_TMP/win.cfg" "$T_TMP/win.cfg -c" \
	    "$T_TMP/win.cfg -F" "$T_TMP/win.cfg -n" "$T_TMP/win.cfg -f x.cfg" \
	    "$T_TMP/win.cfg other.cfg" "" "--bogus $T_TMP/win.cfg"; do
	fresh
	# shellcheck disable=SC2086
	create $args
	expect_exit "refused: create $args" 2
	expect_calls "refused: create $args" ""
done
fresh
create --memory 4096 "$T_TMP/win.cfg"
expect_err "--memory: why" "'--memory': the layout comes from CONFIG as xl reads it"
create "$T_TMP/win.cfg" -c
expect_err "xl -c: why" "keeps xl in the foreground"

# Every layout and output option plan --help lists is refused with the
# reason (--gfx-passthru was once "unknown"), and every host source it
# lists is one create --help names: create shares plan's option lists.
"$XEN_RDM" plan --help >"$T_TMP/plan-help"
"$XEN_RDM" create --help >"$T_TMP/create-help"
refused=$(sed -n '/^guest layout:/,/^host RDM/p; /^output:/,/^exit/p' \
	"$T_TMP/plan-help" | grep -o -- '^  --[a-z-]*' | tr -d ' ')
sources=$(sed -n '/^host RDM/,/^output:/p' "$T_TMP/plan-help" |
	grep -o -- '^  --[a-z-]*' | tr -d ' ')
expect_same "plan --help: 11 layout and output options, 7 sources" "11 7" \
	"$(echo $refused | wc -w) $(echo $sources | wc -w)"
for o in $refused; do
	create "$o" "$T_TMP/win.cfg"
	expect_exit "refused: create $o" 2
	expect_err "refused: create $o: why" "'$o': the layout comes from CONFIG as xl reads it"
done
for o in $sources; do
	if grep -q -- "$o\\b" "$T_TMP/create-help"; then t_ok; else
		t_fail "create --help names the source $o"; fi
done

# No name=: xl needs one, and create needs it to find the domain.
fresh
grep -v '^name' "$T_TMP/win.cfg" >"$T_TMP/noname.cfg"
# shellcheck disable=SC2086
create $SRC "$T_TMP/noname.cfg"
expect_exit "no name=" 2
expect_err "no name=: why" "noname.cfg: no name= (xl needs one to create the domain)"
expect_calls "no name=" ""

# A strict conflict: a region of the IGD in low RAM below the boundary.
fresh
create --region 0x10000000-0x10ffffff@00:02.0 "$T_TMP/win.cfg"
expect_exit "strict conflict" 1
expect_err "strict conflict: why" "create: strict RDM conflict; no domain created"
expect_calls "strict conflict" ""
expect_same "strict conflict: no keys" none "$(count)"

# ---- failures once the domain exists: destroyed -----------------------
# The built layout differs from the plan (libxl moved low RAM elsewhere).
fresh
XL_STUB_BUILT="0xb0000000 0x150000000"
# shellcheck disable=SC2086
create $SRC "$T_TMP/win.cfg"
expect_exit "layout differs" 5
expect_err "layout differs: both named" "create: domain 7 as built: low RAM ends at 0x00000000b0000000, high RAM at 0x0000000150000000; the plan: 0x00000000a9c00000, 0x0000000156400000"
expect_err "layout differs: destroyed" "xen-rdm: create: destroyed domain 7 (win)"
expect_calls "layout differs" "create -p /dev/fd/N|domid win|destroy 7|"

# ... and the destroy fails too: exit 6, the domain named.
fresh
XL_STUB_BUILT="0xb0000000 0x150000000"
XL_STUB_DESTROY_FAIL=1 create $SRC "$T_TMP/win.cfg"
expect_exit "destroy fails" 6
expect_err "destroy fails: left" "domain 7 (win) is LEFT PAUSED; destroy it by hand"

# xl create fails: xl cleans up its own; nothing to destroy.
fresh
# shellcheck disable=SC2086
XL_STUB_CREATE_FAIL=1 create $SRC "$T_TMP/win.cfg"
expect_exit "xl create fails" 4
expect_err "xl create fails: why" "create: \`xl create -p\` failed (exit 3); no domain of ours to destroy"
expect_calls "xl create fails" "create -p /dev/fd/N|"
expect_same "xl create fails: no keys" none "$(count)"

# xl domid fails after a successful create: destroyed by its name.
fresh
# shellcheck disable=SC2086
XL_STUB_DOMID_FAIL=1 create $SRC "$T_TMP/win.cfg"
expect_exit "xl domid fails" 3
expect_calls "xl domid fails" "create -p /dev/fd/N|domid win|destroy win|"

# xenstore unreachable: apply's message, exit 3, destroyed.
fresh
# shellcheck disable=SC2086
XENSTORED_PATH="$T_TMP/nosocket" create --timeout 2 $SRC "$T_TMP/win.cfg"
expect_exit "xenstore down" 3
expect_err "xenstore down: apply's message" "xen-rdm: create: domain 7:"
expect_calls "xenstore down" "create -p /dev/fd/N|domid win|destroy 7|"

# No hypervisor to read the layout from: stop (destroyed), unless
# --no-layout-check, which says so in one line and goes on.
fresh
# shellcheck disable=SC2086
XC_DOM_STUB_OPEN_ERRNO=2 create $SRC "$T_TMP/win.cfg"
expect_exit "no hypervisor" 3
expect_err "no hypervisor: why" "the built layout cannot be read: no Xen hypervisor (/dev/xen/privcmd missing) (--no-layout-check goes on without it)"
expect_calls "no hypervisor" "create -p /dev/fd/N|domid win|destroy 7|"
fresh
# shellcheck disable=SC2086
XC_DOM_STUB_OPEN_ERRNO=2 create --no-layout-check $SRC "$T_TMP/win.cfg"
expect_exit "--no-layout-check" 0
expect_err "--no-layout-check: one line" "note: create: the built layout cannot be read (no Xen hypervisor (/dev/xen/privcmd missing)); not checked (--no-layout-check)"
expect_calls "--no-layout-check" "create -p /dev/fd/N|domid win|unpause 7|"
# A layout that reads but differs stops even with --no-layout-check.
fresh
XL_STUB_BUILT="0xb0000000 0x150000000"
# shellcheck disable=SC2086
create --no-layout-check $SRC "$T_TMP/win.cfg"
expect_exit "--no-layout-check, layout differs" 5

# A page that is not a valid hvm_info table (checksum off).
fresh
# shellcheck disable=SC2086
XC_DOM_STUB_BADSUM=1 create $SRC "$T_TMP/win.cfg"
expect_exit "bad hvm_info" 3
expect_err "bad hvm_info: why" "no valid hvm_info table at 0x9f800"

# xl 4.17's unpause exits 0 whatever libxl says: the domain is checked.
fresh
# shellcheck disable=SC2086
XL_STUB_UNPAUSE_NOOP=1 create $SRC "$T_TMP/win.cfg"
expect_exit "unpause did nothing" 3
expect_err "unpause did nothing: why" "domain 7 is still paused after \`xl unpause\`"
expect_calls "unpause did nothing" "create -p /dev/fd/N|domid win|unpause 7|destroy 7|"

# ---- rdm= as xl 4.17 reads it -----------------------------------------
# The IGD's region, and a host-wide one of a device not assigned at
# 0x9f000000.  As written (strategy=host) low RAM would end at 0x9f000000;
# xl 4.17 drops the rdm= line (strategy=ignore): only the IGD's region
# counts, low RAM ends at 0xab800000 (2 MiB aligned already) and the
# 0xf0000000 - 0xab800000 moved go above 4 GiB: high RAM ends at
# 0x110000000 + 0x44800000 = 0x154800000.  libxl builds that.
cat >"$T_TMP/host.cfg" <<'EOF'
name = "win"
type = "hvm"
memory = 4096
vga = "none"
rdm = "strategy=host,policy=relaxed"
pci = [ '00:02.0' ]
EOF
HSRC="--region 0xab800000-0xaf9fffff@00:02.0 --region 0x9f000000-0x9f0fffff"
fresh
XL_STUB_BUILT="0xab800000 0x154800000"
# shellcheck disable=SC2086
create $HSRC "$T_TMP/host.cfg"
expect_exit "rdm= dropped by xl: planned as xl builds" 0
expect_err "rdm= dropped: the warning names it" 'host.cfg: rdm = "strategy=host,policy=relaxed": xl 4.17 ignores it'
expect_err "rdm= dropped: the spelling" "pci = [ '00:02.0,rdm_policy=relaxed' ]"
expect_err "rdm= dropped: what is planned" 'note: create: planning what xl 4.17 builds: strategy=ignore (rdm = "strategy=host,policy=relaxed" as written says strategy=host)'
expect_same "rdm= dropped: keys as xl builds" "1 0xab800000 0x154800000" \
	"$(count) $(xenstore-read $RDM/lowmem-end) $(xenstore-read $RDM/highmem-end)"
# plan -c plans the text as written, and says what xl builds instead.
# shellcheck disable=SC2086
run "$XEN_RDM" plan -c "$T_TMP/host.cfg" $HSRC
expect_out "plan -c: as written" "lowmem_end   0x000000009f000000"
expect_err "plan -c: says so" "host.cfg: planned as written; the domain xl 4.17 builds from it has strategy=ignore"
# The same with the spelling xl reads: kept, as written.
sed -e 's/^rdm = .*/rdm = "strategy=host"/' \
    -e "s/^pci = .*/pci = [ '00:02.0,rdm_policy=relaxed' ]/" \
    "$T_TMP/host.cfg" >"$T_TMP/host2.cfg"
fresh
XL_STUB_BUILT="0x9f000000 0x161000000"
# shellcheck disable=SC2086
create $HSRC "$T_TMP/host2.cfg"
expect_exit "the spelling xl reads" 0
expect_same "the spelling xl reads: host-wide kept" "2 0x9f000000" \
	"$(count) $(xenstore-read $RDM/lowmem-end)"

# rdm = "strategy=host" with a device without rdm_policy=: xl would hand
# it an uninitialised policy: refused before xl runs.
sed 's/^rdm = .*/rdm = "strategy=host"/' "$T_TMP/host.cfg" >"$T_TMP/host3.cfg"
fresh
# shellcheck disable=SC2086
create $HSRC "$T_TMP/host3.cfg"
expect_exit "uninitialised policy" 2
expect_err "uninitialised policy: why" "create: $T_TMP/host3.cfg: xl 4.17 would give 1 pci= entry an uninitialised rdm policy (see above); add rdm_policy= to it; no domain created"
expect_calls "uninitialised policy" ""

finish
