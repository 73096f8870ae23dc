# tests/doc/doc.mk - the man pages: lint-clean (mandoc, man-db) and in
# step with every subcommand's --help and with the xenstore ABI header;
# the README short, for users, its links alive, no internal references.

.PHONY: check-doc
CHECK_TARGETS += check-doc
check-doc: $(XEN_RDM)
	@XEN_RDM=$(abspath $(XEN_RDM)) TEST_LOG_DIR=$(BUILD)/test-logs/doc \
	  scripts/run-tests.sh doc tests/doc/test_man.sh tests/doc/test_readme.sh
