# tests/acpi/acpi.mk - ACPI tables for the tests, compiled by iasl from
# tests/acpi/*.dsl, and corrupted variants derived from the laptop DMAR.
#
#   ACPI_TABLES          tables xen-rdm parses (fuzz seeds, CLI tests)
#   ACPI_REFUSED_TABLES  valid ACPI that xen-rdm refuses (multi-hop scope)
#   ACPI_BAD_TABLES      corrupted: $(BUILD)/acpi/bad/<kind>.aml

IASL ?= iasl
ACPI_DIR := $(BUILD)/acpi
ACPI_TABLES := $(addprefix $(ACPI_DIR)/,dmar-laptop.aml dmar-server.aml ivrs-amd.aml)
ACPI_REFUSED_TABLES := $(ACPI_DIR)/dmar-multihop.aml
ACPI_BAD_KINDS := bad-checksum truncated trailing short-length bad-signature \
	struct-overlong struct-short struct-zero scope-past-struct scope-short \
	rmrr-limit-below-base rmrr-unaligned-base rmrr-unaligned-limit
ACPI_BAD_TABLES := $(ACPI_BAD_KINDS:%=$(ACPI_DIR)/bad/%.aml)

ALL_TARGETS += $(ACPI_TABLES) $(ACPI_REFUSED_TABLES) $(ACPI_BAD_TABLES)

# iasl names its output after -p; its banner goes to a log shown on error.
$(ACPI_DIR)/%.aml: tests/acpi/%.dsl
	@mkdir -p $(@D)
	@$(IASL) -vs -p $(basename $@) $< >$(basename $@).log 2>&1 || \
		{ cat $(basename $@).log; rm -f $@; exit 1; }

$(ACPI_DIR)/bad/%.aml: $(ACPI_DIR)/dmar-laptop.aml tests/acpi/corrupt.py
	@mkdir -p $(@D)
	python3 tests/acpi/corrupt.py $* $< $@

# The unit test reads the tables from here (XENRDM_ACPI_DIR overrides).
$(BUILD)/host/tests/unit/test_acpi.o: HOST_CFLAGS += -DXENRDM_ACPI_DIR='"$(abspath $(ACPI_DIR))"'
$(BUILD)/tests/unit/test_acpi: $(ACPI_TABLES) $(ACPI_REFUSED_TABLES) $(ACPI_BAD_TABLES)

# tests/cli/test_sources.sh reads the tables.
check-cli: $(ACPI_TABLES) $(ACPI_REFUSED_TABLES) $(ACPI_BAD_TABLES)
