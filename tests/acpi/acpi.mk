# tests/acpi/acpi.mk - ACPI tables for the tests, compiled by iasl from
# tests/acpi/*.dsl, and corrupted variants derived from the laptop DMAR.
#
#   ACPI_TABLES          tables xen-rdm parses (fuzz seeds, CLI tests)
#   ACPI_MULTIHOP_TABLES a multi-hop scope: resolved with a PCI topology,
#                        skipped with a warning without one
#   ACPI_BAD_TABLES      corrupted: $(BUILD)/acpi/bad/<kind>.aml
#   ACPI_XEN_TABLES      the laptop DMAR as Xen renames it for dom0:
#                        $(BUILD)/acpi/xen/{rmad,xmar,xmar-unadjusted}.aml
#   ACPI_DUMP            tests/acpi/acpi_dump: what the reader makes of a file
#
# check-acpi: the real tables of tests/acpi/real/ against iasl -d's reading
# (test_real.py) and the wide IVRS in bounded time and memory
# (test_wide_ivrs.sh); also in check-san, where the wide IVRS runs without
# its address space limit and its cost is not checked (tests/acpi/README.md).

IASL ?= iasl
ACPI_DIR := $(BUILD)/acpi
ACPI_TABLES := $(addprefix $(ACPI_DIR)/,dmar-laptop.aml dmar-server.aml ivrs-amd.aml \
	dmar-bad-rmrr.aml ivrs-wide.aml)
ACPI_MULTIHOP_TABLES := $(ACPI_DIR)/dmar-multihop.aml
ACPI_BAD_KINDS := bad-checksum truncated trailing short-length bad-signature \
	struct-overlong struct-short struct-zero scope-past-struct scope-short \
	rmrr-limit-below-base rmrr-unaligned-base rmrr-unaligned-limit
ACPI_BAD_TABLES := $(ACPI_BAD_KINDS:%=$(ACPI_DIR)/bad/%.aml)
ACPI_XEN_TABLES := $(addprefix $(ACPI_DIR)/xen/,rmad.aml xmar.aml xmar-unadjusted.aml)
ACPI_DUMP := $(ACPI_DIR)/acpi_dump
-include $(BUILD)/host/tests/acpi/acpi_dump.d

TEST_BUILD_TARGETS += $(ACPI_TABLES) $(ACPI_MULTIHOP_TABLES) $(ACPI_BAD_TABLES) \
	$(ACPI_XEN_TABLES) $(ACPI_DUMP)

# iasl names its output after -p; its banner goes to a log shown on error.
$(ACPI_DIR)/%.aml: tests/acpi/%.dsl
	@mkdir -p $(@D)
	@$(IASL) -vs -p $(basename $@) $< >$(basename $@).log 2>&1 || \
		{ cat $(basename $@).log; rm -f $@; exit 1; }

$(ACPI_DIR)/bad/%.aml: $(ACPI_DIR)/dmar-laptop.aml tests/acpi/corrupt.py
	@mkdir -p $(@D)
	python3 tests/acpi/corrupt.py $* $< $@

$(ACPI_DIR)/xen/%.aml: $(ACPI_DIR)/dmar-laptop.aml tests/acpi/corrupt.py
	@mkdir -p $(@D)
	python3 tests/acpi/corrupt.py $* $< $@

$(ACPI_DUMP): $(BUILD)/host/tests/acpi/acpi_dump.o $(LIBXENRDM_A)
	$(CC) $(HOST_LDFLAGS) -o $@ $< $(LIBXENRDM_A) $(XEN_LIBS)

.PHONY: check-acpi
CHECK_TARGETS += check-acpi
SAN_CHECK_TARGETS += check-acpi
check-acpi: $(XEN_RDM) $(ACPI_DUMP) $(ACPI_TABLES)
	@XEN_RDM=$(abspath $(XEN_RDM)) ACPI_DUMP=$(abspath $(ACPI_DUMP)) \
	  BUILD=$(abspath $(BUILD)) IASL=$(IASL) \
	  TEST_LOG_DIR=$(BUILD)/test-logs/acpi scripts/run-tests.sh acpi \
	  tests/acpi/test_real.py tests/acpi/test_wide_ivrs.sh

# The unit test reads the tables from here (XENRDM_ACPI_DIR overrides).
$(BUILD)/host/tests/unit/test_acpi.o: HOST_CFLAGS += -DXENRDM_ACPI_DIR='"$(abspath $(ACPI_DIR))"'
$(BUILD)/tests/unit/test_acpi: $(ACPI_TABLES) $(ACPI_MULTIHOP_TABLES) $(ACPI_BAD_TABLES)

# tests/cli/test_sources.sh reads the tables.
check-cli: $(ACPI_TABLES) $(ACPI_MULTIHOP_TABLES) $(ACPI_BAD_TABLES) $(ACPI_XEN_TABLES)
