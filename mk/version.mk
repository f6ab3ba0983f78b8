# The project's one version number: the DKMS source tree's name
# (/usr/src/faxport-$(VERSION)) and what every program's --version prints
# (FAXPORT_VERSION, from mk/flags.mk). The objects that print it depend on
# this file, so that a new number rebuilds them.
VERSION := 1.0.0
