# winfax for Linux: the kernel driver, the Win32 fax library, the daemon.
#
#   make            build the module (for the running kernel), library, daemon, tools
#   make test-build what the tests run: the same for the VM's kernel, and the selftests
#   make check      build, then run every test (host and VM); one closing line
#   make check-interop  HylaFAX and efax through the Class 1 modem (real time)
#   make check-debug  the VM tests on the debug kernel (KASAN, lockdep, kmemleak)
#   make demo       boot the VM and show the fax server at work
#   make lint       checkpatch --strict, kernel-doc and sparse on driver/
#   make bench      the benchmarks in the VM: bench/results.json and a table
#   make install    DESTDIR=... PREFIX=/usr/local (make uninstall removes it)
#   make dkms-install  the driver's source for DKMS (make dkms-uninstall)
#
# Documentation/build-and-test.rst explains each target.

PREFIX ?= /usr/local
DESTDIR ?=
BUILD_DIR ?= $(CURDIR)/build
export BUILD_DIR
# The kernel the module is built and installed for: the running one unless
# KVER=release (or KDIR=/path/to/kernel/build) is given. The tests build it
# for the kernel the VM boots, linux-headers-amd64's release (test-build).
KVER ?= $(shell uname -r)

# Userspace parts, in the order they depend on each other.
USER_DIRS := $(foreach d,libwinfax daemon,$(if $(wildcard $(d)/Makefile),$(d)))

# "make" and "make install" never install packages: a missing build
# dependency stops them with its name and the apt-get line to run.
all: verify-build-deps module userspace tools

verify-build-deps:
	@tools/install-deps --verify build

# Everything the tests run (make check, check-debug, check-interop, demo,
# bench): the module for the VM's kernel, and the selftests, whose harness
# comes from linux-source-6.1 (a test dependency, not a build one).
test-build:
	$(MAKE) all selftests KVER=$$(tools/kernel-version)

deps-build:
	@tools/install-deps build

deps-check:
	@tools/install-deps check

deps-debug:
	@tools/install-deps debug

module:
	$(MAKE) -C driver KVER=$(KVER)

userspace:
	@for d in $(USER_DIRS); do $(MAKE) -C $$d all || exit 1; done

tools:
	$(MAKE) -C tools

selftests:
	$(MAKE) -C selftests

check: deps-check
	@tools/run-checks

check-interop: deps-check
	@tools/run-interop-checks

check-debug: deps-debug
	@tools/run-debug-checks

demo: deps-check test-build
	rm -rf $(BUILD_DIR)/demo
	VMRUN_KEEP_OUT=$(BUILD_DIR)/demo tools/vm-run -- tools/demo
	@echo "The received fax and its pages as PNG: $(BUILD_DIR)/demo/"
	@ls $(BUILD_DIR)/demo

lint: deps-check
	tools/lint

# About 2 minutes on a quiet host; Documentation/benchmarks.rst explains each measure.
bench: deps-check test-build
	$(MAKE) -C tools/bench
	tools/bench/run

.PHONY: bench

# --- install, uninstall, DKMS (Documentation/admin-guide.rst) ---------------
# The project's version (mk/version.mk): the DKMS source tree is
# /usr/src/faxport-$(VERSION), and every program's --version prints it.
include mk/version.mk
MANDIR ?= $(PREFIX)/share/man
DOCDIR ?= $(PREFIX)/share/doc/faxport
# udev reads no rules under /usr/local: the local administrator's folder.
UDEVRULESDIR ?= /etc/udev/rules.d
SPOOLDIR ?= /var/spool/faxport
# Where Wine loads builtin DLLs from (Debian: the multiarch wine folder);
# libwinfax installs winfax.dll there when winegcc built it, and the
# manifest's @WINEDLLDIR@ lines count only then.
WINEDLLDIR ?= $(patsubst %/x86_64-unix/ntdll.so,%,$(firstword \
	$(wildcard /usr/lib/x86_64-linux-gnu/wine/x86_64-unix/ntdll.so /usr/lib/*/wine/x86_64-unix/ntdll.so)))
# libwinfax/Makefile's test for the Wine tools, the same way.
WINE_DLL_BUILT := $(and \
	$(firstword $(foreach t,winegcc winegcc-stable,$(shell command -v $(t) 2>/dev/null)) \
		$(wildcard /usr/lib/wine/winegcc)), \
	$(firstword $(foreach t,winebuild winebuild-stable,$(shell command -v $(t) 2>/dev/null)) \
		$(wildcard /usr/lib/wine/winebuild)))
MAN_PAGES := $(wildcard Documentation/man/*.[1-8])
# Every file "make install" puts under DESTDIR, one a line, with @PREFIX@,
# @KVER@, @MANDIR@, @DOCDIR@, @UDEVRULESDIR@, @SPOOLDIR@ and @WINEDLLDIR@
# for the values above; "make uninstall" removes exactly these, and a line ending
# in "/" is a folder of ours, removed when empty.
INSTALL_MANIFEST := packaging/install-manifest
DKMS_SOURCE_DIR := /usr/src/faxport-$(VERSION)
DKMS_DRIVER_FILES := driver/Kbuild driver/Makefile $(wildcard driver/*.h) \
	$(filter-out %.mod.c,$(wildcard driver/*.c))

# The module and the rest apart: a package that ships the module through
# DKMS installs only install-userspace.
install: install-userspace install-module

install-module: verify-build-deps module
	install -d $(DESTDIR)/lib/modules/$(KVER)/extra
	install -m 644 driver/faxport.ko $(DESTDIR)/lib/modules/$(KVER)/extra/faxport.ko

install-userspace: verify-build-deps userspace tools
	$(MAKE) -C tools install DESTDIR=$(DESTDIR) PREFIX=$(PREFIX)
	@# Not include/linux/: that folder is the kernel headers package's.
	@# Programs keep #include <linux/faxport.h> with -I$(PREFIX)/include/faxport.
	install -d $(DESTDIR)$(PREFIX)/include/faxport/linux
	install -m 644 uapi/linux/faxport.h $(DESTDIR)$(PREFIX)/include/faxport/linux/faxport.h
	@for d in $(USER_DIRS); do \
		$(MAKE) -C $$d install DESTDIR=$(DESTDIR) PREFIX=$(PREFIX) WINEDLLDIR=$(WINEDLLDIR) || exit 1; \
	done
	@for page in $(MAN_PAGES); do \
		section=$${page##*.} && \
		install -d $(DESTDIR)$(MANDIR)/man$$section && \
		install -m 644 $$page $(DESTDIR)$(MANDIR)/man$$section/ || exit 1; \
	done
	install -d $(DESTDIR)$(UDEVRULESDIR) $(DESTDIR)$(DOCDIR)/examples
	install -m 644 packaging/60-faxport.rules $(DESTDIR)$(UDEVRULESDIR)/60-faxport.rules
	install -m 644 packaging/faxport-modprobe.conf $(DESTDIR)$(DOCDIR)/examples/modprobe.conf
	install -d $(DESTDIR)$(PREFIX)/lib/modules-load.d
	install -m 644 packaging/faxport-modules-load.conf $(DESTDIR)$(PREFIX)/lib/modules-load.d/faxport.conf
	@# The settings applied when the module is loaded, saved when stopped (faxctl settings).
	install -d $(DESTDIR)$(PREFIX)/lib/systemd/system
	sed 's|@BINDIR@|$(PREFIX)/bin|' packaging/faxport-settings.service \
		>$(DESTDIR)$(PREFIX)/lib/systemd/system/faxport-settings.service
	@# faxctl cleanup once a day, as faxd's user (cleanup.conf's ages).
	sed 's|@BINDIR@|$(PREFIX)/bin|' packaging/faxport-cleanup.service \
		>$(DESTDIR)$(PREFIX)/lib/systemd/system/faxport-cleanup.service
	install -m 644 packaging/faxport-cleanup.timer $(DESTDIR)$(PREFIX)/lib/systemd/system/faxport-cleanup.timer
	@# The users, the group fax and the spool: sysusers.d and tmpfiles.d
	@# files, which systemd applies at boot (and a package's postinst).
	install -d $(DESTDIR)$(PREFIX)/lib/sysusers.d $(DESTDIR)$(PREFIX)/lib/tmpfiles.d
	install -m 644 packaging/faxport-sysusers.conf $(DESTDIR)$(PREFIX)/lib/sysusers.d/faxport.conf
	sed 's|@SPOOLDIR@|$(SPOOLDIR)|' packaging/faxport-tmpfiles.conf \
		>$(DESTDIR)$(PREFIX)/lib/tmpfiles.d/faxport.conf
	@# On the live system they are applied now (without systemd, by hand:
	@# the same users and group, the same spool); a staged install (DESTDIR)
	@# gets the spool folder, and leaves its owner to the package.
	@if [ -n "$(DESTDIR)" ]; then \
		[ -d $(DESTDIR)$(SPOOLDIR) ] || install -d -m 2750 $(DESTDIR)$(SPOOLDIR); \
	elif command -v systemd-sysusers >/dev/null && command -v systemd-tmpfiles >/dev/null; then \
		echo "systemd-sysusers $(PREFIX)/lib/sysusers.d/faxport.conf" && \
		systemd-sysusers $(PREFIX)/lib/sysusers.d/faxport.conf && \
		echo "systemd-tmpfiles --create $(PREFIX)/lib/tmpfiles.d/faxport.conf" && \
		systemd-tmpfiles --create $(PREFIX)/lib/tmpfiles.d/faxport.conf || exit 1; \
	else \
		if ! getent group fax >/dev/null; then \
			echo "groupadd --system fax" && groupadd --system fax || exit 1; \
		fi; \
		for user in faxd faxlined; do \
			getent passwd $$user >/dev/null && continue; \
			echo "useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin $$user" && \
			useradd --system --user-group --no-create-home --home-dir /nonexistent \
				--shell /usr/sbin/nologin $$user || exit 1; \
		done; \
		echo "install -d -o faxd -g fax -m 2750 $(SPOOLDIR)" && \
		install -d -o faxd -g fax -m 2750 $(SPOOLDIR) || exit 1; \
	fi

# The installed paths, from the manifest, for this PREFIX and kernel.
installed_paths = \
	sed -e '/^\#/d' -e '/^$$/d' -e 's|@KVER@|$(KVER)|g' -e 's|@MANDIR@|$(MANDIR)|g' \
	    -e 's|@DOCDIR@|$(DOCDIR)|g' -e 's|@UDEVRULESDIR@|$(UDEVRULESDIR)|g' \
	    -e 's|@SPOOLDIR@|$(SPOOLDIR)|g' -e 's|@PREFIX@|$(PREFIX)|g' \
	    $(if $(and $(WINE_DLL_BUILT),$(WINEDLLDIR)),-e 's|@WINEDLLDIR@|$(WINEDLLDIR)|g',-e '/@WINEDLLDIR@/d') \
	    $(INSTALL_MANIFEST)

# Files first, then our folders, deepest first; a folder that still holds
# something (received faxes in the spool) stays.
uninstall:
	@$(installed_paths) | grep -v '/$$' | while read -r path; do \
		rm -f "$(DESTDIR)$$path" || exit 1; \
	done
	@$(installed_paths) | grep '/$$' | sort -r | while read -r dir; do \
		[ ! -d "$(DESTDIR)$$dir" ] || rmdir --ignore-fail-on-non-empty "$(DESTDIR)$$dir" || exit 1; \
	done

# The driver's source as DKMS wants it, in /usr/src/faxport-$(VERSION); on
# the live system (no DESTDIR) also registered, built and installed for the
# running kernel (or KVER=...).
dkms-install:
	@[ -n "$(DESTDIR)" ] || command -v dkms >/dev/null || { \
		echo "dkms-install: dkms is not installed (apt-get install dkms)" >&2; exit 1; }
	install -d $(DESTDIR)$(DKMS_SOURCE_DIR)/driver $(DESTDIR)$(DKMS_SOURCE_DIR)/uapi/linux
	install -m 644 $(DKMS_DRIVER_FILES) $(DESTDIR)$(DKMS_SOURCE_DIR)/driver/
	install -m 644 uapi/linux/faxport.h $(DESTDIR)$(DKMS_SOURCE_DIR)/uapi/linux/
	sed 's|@VERSION@|$(VERSION)|' packaging/dkms.conf >$(DESTDIR)$(DKMS_SOURCE_DIR)/dkms.conf
	@if [ -z "$(DESTDIR)" ]; then \
		dkms add -m faxport -v $(VERSION) && \
		dkms install -m faxport -v $(VERSION) $(if $(KVER),-k $(KVER)); \
	fi

dkms-uninstall:
	@if [ -z "$(DESTDIR)" ] && [ -d /var/lib/dkms/faxport/$(VERSION) ]; then \
		dkms remove -m faxport -v $(VERSION) --all || exit 1; \
	fi
	rm -rf $(DESTDIR)$(DKMS_SOURCE_DIR)

clean:
	$(MAKE) -C driver clean
	$(MAKE) -C selftests clean
	$(MAKE) -C tools clean
	@for d in $(USER_DIRS); do $(MAKE) -C $$d clean; done

distclean: clean
	rm -rf $(BUILD_DIR)

.PHONY: all verify-build-deps test-build install-module install-userspace deps-build deps-check deps-debug module userspace tools selftests check \
	check-interop check-debug demo lint install uninstall dkms-install dkms-uninstall clean distclean
