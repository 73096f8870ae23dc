# tests/install/install.mk - `make install` as a stranger uses it.
.PHONY: check-install
CHECK_TARGETS += check-install
check-install: all
	@BUILD=$(abspath $(BUILD)) TEST_LOG_DIR=$(BUILD)/test-logs/install \
	  scripts/run-tests.sh install tests/install/test_install.sh
