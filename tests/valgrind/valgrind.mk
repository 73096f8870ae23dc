# tests/valgrind/valgrind.mk - check-valgrind: the command's end-to-end
# tests (tests/cli/test_*.sh) again, with XEN_RDM pointing at a wrapper
# that runs the real binary under valgrind memcheck: zero errors, zero
# definitely/indirectly lost blocks (exit 99 otherwise, and the reports
# are printed).  Not under SAN=1: valgrind and ASan do not mix.

VG_LOG_DIR := $(BUILD)/test-logs/valgrind-reports

.PHONY: check-valgrind
CHECK_TARGETS += check-valgrind
check-valgrind: $(XEN_RDM)
	@rm -rf $(VG_LOG_DIR) && mkdir -p $(VG_LOG_DIR)
	@XEN_RDM=$(abspath tests/valgrind/xen-rdm-vg.sh) \
	  XEN_RDM_REAL=$(abspath $(XEN_RDM)) VG_LOG_DIR=$(abspath $(VG_LOG_DIR)) \
	  BUILD=$(abspath $(BUILD)) TESTS_DIR=$(abspath tests) \
	  TEST_LOG_DIR=$(BUILD)/test-logs/valgrind \
	  scripts/run-tests.sh valgrind $(CLI_TESTS); rc=$$?; \
	  bad=$$(find $(VG_LOG_DIR) -name '*.log' -size +0 | sort); \
	  for f in $$bad; do echo "valgrind report $$f:"; head -40 $$f; done; \
	  n=$$(ls $(VG_LOG_DIR) | wc -l); \
	  echo "check-valgrind: $$n runs of xen-rdm, $$(echo $$bad | wc -w) with a report"; \
	  [ $$rc -eq 0 ] && [ -z "$$bad" ]
