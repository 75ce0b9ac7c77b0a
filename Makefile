# SPDX-License-Identifier: GPL-2.0-only
# xenvf: top-level build and test entry points. See README.md.

KDIR ?= /lib/modules/$(shell uname -r)/build
KVER ?= $(shell uname -r)

.PHONY: all modules tools install check deps kernel \
	unit kunit rig fuzz fuzz-long mutants bench-ring bench bench-migrate test demo clean \
	deb deb-test deb-check

all: modules tools

deps:
	@bash scripts/install-deps.sh

modules:
	@test -d $(KDIR) || { echo "KDIR=$(KDIR) not found: install linux-headers-$(KVER) or pass KDIR=<kernel build dir>" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) W=1 modules

# The xenvf tool (xen-tools/; needs libxen-dev): -Wall -Wextra -Werror.
tools:
	@$(MAKE) -s -C xen-tools

# Modules (modules_install + depmod), then the tool and its man page under
# $(PREFIX) (default /usr/local): sbin/xenvf, share/man/man1/xenvf.1.
PREFIX ?= /usr/local
install: modules tools
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules_install
	depmod -a $(KVER)
	$(MAKE) -C xen-tools install PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)

# W=1 + sparse against Debian 12's 6.1 and 6.12 headers and the test
# kernel, then checkpatch --strict on every kernel and tool source file.
check: deps
	@bash scripts/run-checks.sh

kernel: deps
	@tests/kernel/build.sh all >/dev/null

unit: deps
	@$(MAKE) -s -C xen-tools
	@$(MAKE) -s -C tests/unit run

kunit: kernel
	@tests/kunit/run.sh

rig: kernel
	@tests/xen/run.sh $(SCENARIOS)

# make fuzz FUZZ_TIME=600: every libFuzzer target (tests/fuzz/fuzz_*.c)
# for that many seconds each (FUZZ_TARGETS="proto xlcfg" for some).
FUZZ_TIME ?= 60
FUZZ_TARGETS ?=
fuzz: deps
	@tests/fuzz/run.sh $(FUZZ_TIME) $(FUZZ_TARGETS)

# make fuzz-long: each target until FUZZ_RUNS executions (10^8) or
# FUZZ_LONG_TIME seconds (0: no limit), at the lowest CPU priority; the
# executions per target end up in results/fuzz/executions.txt.
FUZZ_RUNS ?= 100000000
FUZZ_LONG_TIME ?= 0
fuzz-long: deps
	@FUZZ_RUNS=$(FUZZ_RUNS) nice -n 19 tests/fuzz/run.sh $(FUZZ_LONG_TIME) $(FUZZ_TARGETS)

# Ring transport throughput; writes its table into docs/perf.md.
bench-ring: deps
	@tests/bench/run-bench-ring.sh

# End to end in the rig: xenvf against netfront/netback in one boot
# (scenario bench); writes its table into docs/perf.md. BENCH_PAIRS=5
# BENCH_SECS=5 (seconds per measured workload); BENCH_LOG=serial.log only
# renders an earlier run.
bench: kernel
	@tests/bench/run-bench-rig.sh

# Live-migration downtime, xenvf against netfront in the same boot (rig
# scenario xenvf-migrate, BENCH_RUNS=3 boots); writes its table into
# docs/perf.md. BENCH_LOGS="a.log b.log" only renders earlier runs.
bench-migrate: kernel
	@tests/bench/run-bench-migrate.sh

# Debian packages xenvf-dkms and xenvf-utils (debian/), built with
# dpkg-buildpackage from a copy of the tree into $(DEB_OUT), never into the
# tree: README.md "Installing".
DEB_OUT ?= $(CURDIR)/results/deb
deb: deps
	@bash scripts/build-deb.sh $(DEB_OUT)

# The packaging layer of make test: the packages build, lintian has no
# errors, their file lists and conffiles are tests/deb's (no install).
deb-test: deps
	@tests/deb/run.sh

# Slow, as root: both packages installed on this machine (DKMS builds the
# modules for every kernel with headers), checked, purged; nothing left.
deb-check: deb
	@tests/deb/install-check.sh $(DEB_OUT)

mutants: deps
	@tests/unit/mutate.sh

test: deps
	@bash tests/run-all.sh

demo: deps
	@tests/xen/run.sh demo

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null || true
	$(MAKE) -C tests/unit clean
	$(MAKE) -C xen-tools clean
	rm -rf results
