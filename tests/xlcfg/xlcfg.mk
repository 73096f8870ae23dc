# tests/xlcfg/xlcfg.mk - the xl domain configuration files of
# tests/unit/test_xlcfg.c (and tests/cli/test_sources.sh); the unit test
# finds them here unless XENRDM_XLCFG_DIR says otherwise.
$(BUILD)/host/tests/unit/test_xlcfg.o: HOST_CFLAGS += -DXENRDM_XLCFG_DIR='"$(abspath tests/xlcfg)"'
