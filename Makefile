# SPDX-License-Identifier: GPL-2.0-only
# xenvf: top-level build and test entry points. See README.md.

KDIR ?= /lib/modules/$(shell uname -r)/build
KVER ?= $(shell uname -r)
# Kernel trees `make check-kernels` builds against (Debian 12: 6.1 and 6.12).
HDR_6_1 = $(firstword $(wildcard /usr/src/linux-headers-6.1.*-amd64))
HDR_6_12 = $(lastword $(sort $(wildcard /usr/src/linux-headers-6.12.*-amd64)))
KSRC = /var/cache/xenvf/src/linux-source-6.1
CHECKPATCH = $(KSRC)/scripts/checkpatch.pl
KERNEL_C = $(wildcard pf_backend/*.[ch] vf_frontend/*.[ch] common/*/*.[ch] \
		      msix/*.[ch] napi/*.[ch] pcie_cfg/*.[ch] tests/kunit/*.[ch])

.PHONY: all modules install check check-kernels checkpatch deps kernel \
	unit kunit rig test demo clean

all: modules

deps:
	@bash scripts/install-deps.sh

modules:
	$(MAKE) -C $(KDIR) M=$(CURDIR) W=1 modules

install: modules
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules_install
	depmod -a $(KVER)

# Build with W=1 and sparse against both Debian 12 kernels and the test
# kernel; any warning fails. Then checkpatch --strict on every kernel file.
check: deps check-kernels checkpatch

check-kernels: kernel
	@bash scripts/check-build.sh "$(HDR_6_1)" "$(HDR_6_12)" \
		"$$(tests/kernel/build.sh --dir)"

checkpatch: kernel
	@$(CHECKPATCH) --strict --no-tree --terse --show-types \
		--ignore SPDX_LICENSE_TAG,FILE_PATH_CHANGES,CAMELCASE -f $(KERNEL_C)

kernel: deps
	@tests/kernel/build.sh >/dev/null

unit: deps
	@$(MAKE) -s -C tests/unit run

kunit: kernel
	@tests/kunit/run.sh

rig: kernel
	@tests/xen/run.sh $(SCENARIOS)

test: deps
	@bash tests/run-all.sh

demo: deps
	@tests/xen/run.sh demo

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null || true
	$(MAKE) -C tests/unit clean
	rm -rf results
