#!/bin/sh
# Stands in for test_wine_compat when winegcc (Debian: libwine-dev) is not
# installed; `apt-get install libwine-dev` makes the real test run.
echo "ok 1 # SKIP winegcc not found: install libwine-dev to test winfax.h after windows.h"
echo "1..1"
