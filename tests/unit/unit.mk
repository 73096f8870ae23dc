# tests/unit/unit.mk - every tests/unit/test_*.c is one cmocka program
# linked against libxenrdm.a; `check-unit` runs them all.

UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/unit/%)
UNIT_HELPER_SRCS := $(sort $(wildcard tests/unit/helpers/*.c))
UNIT_HELPER_OBJS := $(UNIT_HELPER_SRCS:%.c=$(BUILD)/host/%.o)

TEST_BUILD_TARGETS += $(UNIT_BINS)
# Header changes rebuild the test objects (a stale object with an old
# struct layout would fail for no reason).
-include $(UNIT_SRCS:%.c=$(BUILD)/host/%.d) $(UNIT_HELPER_OBJS:.o=.d)

$(BUILD)/tests/unit/%: $(BUILD)/host/tests/unit/%.o $(UNIT_HELPER_OBJS) $(LIBXENRDM_A)
	@mkdir -p $(@D)
	$(CC) $(HOST_LDFLAGS) -o $@ $< $(filter $(BUILD)/host/shim/xen-rdm/%.o,$^) \
	  $(UNIT_HELPER_OBJS) $(LIBXENRDM_A) -lcmocka $(XEN_LIBS)

# A test of the command's words links that one command object.
$(BUILD)/host/tests/unit/test_xl_rdm.o: HOST_CFLAGS += -Ishim/xen-rdm
$(BUILD)/tests/unit/test_xl_rdm: $(BUILD)/host/shim/xen-rdm/xl_view_text.o

.PHONY: check-unit
CHECK_TARGETS += check-unit
SAN_CHECK_TARGETS += check-unit
check-unit: $(UNIT_BINS)
	@TEST_LOG_DIR=$(BUILD)/test-logs/unit scripts/run-tests.sh unit $(UNIT_BINS)
