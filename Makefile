# winfax for Linux: the kernel driver, the Win32 fax library, the daemon.
#
#   make            build everything (the module against Debian's headers)
#   make check      build, then run every test (host and VM); one closing line
#   make check-debug  the VM tests on the debug kernel (KASAN, lockdep, kmemleak)
#   make demo       boot the VM and show the fax server at work
#   make lint       checkpatch --strict and sparse on driver/
#   make bench      the benchmarks in the VM: bench/results.json and a table
#   make install    DESTDIR=... PREFIX=/usr/local
#
# Documentation/build-and-test.rst explains each target.

PREFIX ?= /usr/local
DESTDIR ?=
BUILD_DIR ?= $(CURDIR)/build
export BUILD_DIR
# KDIR=/path/to/kernel/build (or KVER=release) on the command line reaches
# driver/Makefile; by default it builds against linux-headers-amd64.

# Userspace parts, in the order they depend on each other.
USER_DIRS := $(foreach d,libwinfax daemon,$(if $(wildcard $(d)/Makefile),$(d)))

all: deps-build module userspace tools selftests

deps-build:
	@tools/install-deps build

deps-check:
	@tools/install-deps check

deps-debug:
	@tools/install-deps debug

module:
	$(MAKE) -C driver

userspace:
	@for d in $(USER_DIRS); do $(MAKE) -C $$d all || exit 1; done

tools:
	$(MAKE) -C tools

selftests:
	$(MAKE) -C selftests

check: deps-check
	@tools/run-checks

check-debug: deps-debug
	@tools/run-debug-checks

demo: deps-check all
	rm -rf $(BUILD_DIR)/demo
	VMRUN_KEEP_OUT=$(BUILD_DIR)/demo tools/vm-run -- tools/demo
	@echo "The received fax and its pages as PNG: $(BUILD_DIR)/demo/"
	@ls $(BUILD_DIR)/demo

lint: deps-check
	tools/lint

# About 10 minutes; Documentation/benchmarks.rst explains each measure.
bench: deps-check all
	$(MAKE) -C tools/bench
	tools/bench/run

.PHONY: bench

install: all
	$(MAKE) -C tools install DESTDIR=$(DESTDIR) PREFIX=$(PREFIX)
	install -d $(DESTDIR)$(PREFIX)/include/linux
	install -m 644 uapi/linux/faxport.h $(DESTDIR)$(PREFIX)/include/linux/faxport.h
	@for d in $(USER_DIRS); do \
		$(MAKE) -C $$d install DESTDIR=$(DESTDIR) PREFIX=$(PREFIX) || exit 1; \
	done
	kver=$${KVER:-$$(tools/kernel-version)} && \
	install -d $(DESTDIR)/lib/modules/$$kver/extra && \
	install -m 644 driver/faxport.ko $(DESTDIR)/lib/modules/$$kver/extra/faxport.ko

clean:
	$(MAKE) -C driver clean
	$(MAKE) -C selftests clean
	$(MAKE) -C tools clean
	@for d in $(USER_DIRS); do $(MAKE) -C $$d clean; done

distclean: clean
	rm -rf $(BUILD_DIR)

.PHONY: all deps-build deps-check deps-debug module userspace tools selftests check \
	check-debug demo lint install clean distclean
