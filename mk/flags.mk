# The compiler flags of every user-space Makefile in the tree: one idiom.
#
#   include $(TOP)/mk/flags.mk        (TOP: the checkout's root)
#
# A user's CPPFLAGS, CFLAGS and LDFLAGS are honoured (dpkg-buildflags exports
# them: FORTIFY comes in CPPFLAGS, hardening in CFLAGS and LDFLAGS), so each
# compile line is
#
#   $(CC) $(PROJECT_CPPFLAGS) $(CPPFLAGS) $(CFLAGS) $(PROJECT_CFLAGS) $(WARN_CFLAGS) -MMD -MP
#
# with the project's warnings last, so that "make CFLAGS=-O0" (or any CFLAGS)
# cannot drop -Wall -Wextra -Werror. A Makefile adds its include paths and
# library flags to PROJECT_CPPFLAGS / PROJECT_CFLAGS, never to CFLAGS.
CC ?= cc
AR ?= ar
PKG_CONFIG ?= pkg-config
CFLAGS ?= -O2 -g
CPPFLAGS ?=
LDFLAGS ?=

# FAXPORT_VERSION: the project's version (mk/version.mk), for --version.
include $(dir $(lastword $(MAKEFILE_LIST)))version.mk
PROJECT_CPPFLAGS := -D_GNU_SOURCE -DFAXPORT_VERSION='"$(VERSION)"'
PROJECT_CFLAGS := -std=c11
WARN_CFLAGS := -Wall -Wextra -Werror

# The compile and link commands, for rules to use as $(COMPILE.c) and $(LINK.c)
# would be; $(DEPFLAGS) writes the .d files that -include picks up.
DEPFLAGS := -MMD -MP
PROJECT_COMPILE = $(CC) $(PROJECT_CPPFLAGS) $(CPPFLAGS) $(CFLAGS) $(PROJECT_CFLAGS) $(WARN_CFLAGS)
PROJECT_LINK = $(CC) $(CFLAGS) $(LDFLAGS)
