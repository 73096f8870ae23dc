# tests/qemu/run.mk - the firmware developer's workbench, on
# the machinery qemu-check uses (tests/qemu/xenrdm_qemu.py):
#
#   make qemu-run PLAN='plan options' [EFI=1]
#   make qemu-run KEYS=FILE [EFI=1] [BIOS=NAME] [LOWMEM_END=0x.. HIGHMEM_END=0x..]
#       plan (or a xenstore-ls -f dump) -> real xenstored -> test image ->
#       Linux (-> OVMF): every e820 side by side with the invariant
#       checker's verdict, last a PASS or FAIL line; exit 0 on PASS.
#       Also: QEMU=, KERNEL=, OVMF= (programs and files to use instead of
#       Debian's), TIMEOUT= (seconds per boot, default 60).
#   $(BUILD)/qemu/xenrdm-tables   the host helper both runners call: the
#       layout a dump gives the module, its host-built table, and
#       xenrdm_memmap_check()'s verdict on each table
#   check-qemu-run   qemu-run's own tests (tests/qemu/test_qemu_run.sh)
#
# The image's interface: tests/qemu/README.md.

QEMU_TABLES := $(QEMU_DIR)/xenrdm-tables
TEST_BUILD_TARGETS += $(QEMU_TABLES)

$(QEMU_TABLES): $(BUILD)/host/tests/qemu/host/tables.o $(LIBXENRDM_A)
	@mkdir -p $(@D)
	$(CC) $(HOST_LDFLAGS) -o $@ $< $(LIBXENRDM_A) $(XEN_LIBS)

-include $(BUILD)/host/tests/qemu/host/tables.d

# qemu-check (tests/qemu/qemu.mk) checks every table with it too.
qemu-check qemu-demo: $(QEMU_TABLES)

# The variables reach the script through the environment (make exports
# command-line variables), so a PLAN with quotes or newlines arrives whole.
QEMU_RUN_ARGS = --xen-rdm $(XEN_RDM) --image $(QEMU_IMAGE) \
	--efi-app $(QEMU_EFI_APP) --build $(BUILD) \
	$${PLAN+--plan "$$PLAN"} $${KEYS:+--keys "$$KEYS"} \
	$(if $(filter 1 yes,$(EFI)),--efi) $${BIOS:+--bios "$$BIOS"} \
	$${LOWMEM_END:+--lowmem-end "$$LOWMEM_END"} \
	$${HIGHMEM_END:+--highmem-end "$$HIGHMEM_END"} \
	$${QEMU:+--qemu "$$QEMU"} $${KERNEL:+--kernel "$$KERNEL"} \
	$${OVMF:+--ovmf "$$OVMF"} $${TIMEOUT:+--timeout "$$TIMEOUT"}

.PHONY: qemu-run check-qemu-run
qemu-run: $(QEMU_RUN_DEPS) $(QEMU_TABLES)
	@python3 tests/qemu/qemu_run.py $(QEMU_RUN_ARGS)

CHECK_TARGETS += check-qemu-run
check-qemu-run: $(QEMU_RUN_DEPS) $(QEMU_TABLES)
	@if ! command -v qemu-system-x86_64 >/dev/null; then \
	  echo "check-qemu-run: SKIPPED: qemu-system-x86_64 is not installed" \
	       "(qemu-check says why)"; exit 0; fi; \
	XEN_RDM=$(abspath $(XEN_RDM)) BUILD=$(abspath $(BUILD)) \
	  QEMU_IMAGE=$(abspath $(QEMU_IMAGE)) \
	  QEMU_EFI_APP=$(abspath $(QEMU_EFI_APP)) \
	  TESTS_DIR=$(abspath tests) TEST_LOG_DIR=$(BUILD)/test-logs/qemu-run \
	  scripts/run-tests.sh qemu-run tests/qemu/test_qemu_run.sh
