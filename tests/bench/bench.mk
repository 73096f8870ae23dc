# tests/bench/bench.mk - the planner benchmark (`make bench`; prints
# figures, never fails on speed).  bench_fw has its rules in
# firmware/firmware.mk.

BENCH_PLAN := $(BUILD)/tests/bench/bench_plan

$(BENCH_PLAN): $(BUILD)/host/tests/bench/bench_plan.o $(LIBXENRDM_A)
	@mkdir -p $(@D)
	$(CC) $(HOST_LDFLAGS) -o $@ $< $(LIBXENRDM_A) $(XEN_LIBS) -lm

.PHONY: bench-plan
BENCH_TARGETS += bench-plan
bench-plan: $(BENCH_PLAN)
	@$(BENCH_PLAN)
