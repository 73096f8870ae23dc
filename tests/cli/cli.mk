# tests/cli/cli.mk - end-to-end tests of the xen-rdm command: every
# tests/cli/test_*.sh runs with XEN_RDM, BUILD and TESTS_DIR set, and with
# tests/cli/lib.sh available for its helpers.

CLI_TESTS := $(sort $(wildcard tests/cli/test_*.sh))

.PHONY: check-cli
CHECK_TARGETS += check-cli
SAN_CHECK_TARGETS += check-cli
check-cli: $(XEN_RDM)
	@XEN_RDM=$(abspath $(XEN_RDM)) BUILD=$(abspath $(BUILD)) TESTS_DIR=$(abspath tests) \
	  TEST_LOG_DIR=$(BUILD)/test-logs/cli scripts/run-tests.sh cli $(CLI_TESTS)
