#!/bin/sh
# Windows programs built with MinGW-w64 from wine/tests/ against winfax.h
# (its Windows mode) and MinGW's import library, then run with wine64 and
# this build's winfax.dll, on the host without the driver. TAP, one plan.
#
# The Wine prefix is made once per build folder ($WINFAX_BUILD/wine/prefix,
# about 700 MB, about 10 s) and reused; the DLL is this build's: its stand-in
# PE is copied into the prefix's system32 on every run and WINEDLLPATH
# points Wine at the Winelib module; LD_LIBRARY_PATH at this build's
# libwinfax.so.1.
#
# Environment (from make check): WINFAX_BUILD, MINGW_CC, WINE_DLL.
build=${WINFAX_BUILD:?WINFAX_BUILD is the libwinfax build folder}
libdir=$(cd "$build/.." && pwd)
number=0
failed=0

point() { # point ok|"not ok" description
	number=$((number + 1))
	echo "$1 $number - $2"
	[ "$1" = ok ] || failed=1
}

skip_rest() { # skip_rest count reason
	i=0
	while [ "$i" -lt "$1" ]; do
		number=$((number + 1))
		echo "ok $number # SKIP $2"
		i=$((i + 1))
	done
}

# Points of a Windows test program, renumbered into this plan; its own
# plan line dropped; a crash or a short run is a failure.
run_program() { # run_program program.exe expected_points
	output=$(mktemp) || exit 2
	WINEPREFIX=$prefix WINEDEBUG=-all WINEDLLPATH=$build/wine \
	LD_LIBRARY_PATH=$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} DISPLAY= \
		timeout 300 "$wine64" "$1" >"$output" 2>&1
	status=$?
	points=0
	while IFS= read -r line; do
		case "$line" in
		"ok "*|"not ok "*)
			result=${line%% [0-9]*}
			rest=${line#"$result" }
			rest=${rest#*[0-9] }
			point "$result" "$(basename "$1"): ${rest#- }"
			points=$((points + 1)) ;;
		1..*) ;;
		*) echo "# $line" ;;
		esac
	done <"$output"
	rm -f "$output"
	[ "$status" -eq 0 ] || point "not ok" "$(basename "$1") exited with status $status"
	[ "$points" -eq "$2" ] || point "not ok" "$(basename "$1") gave $points of $2 points"
}

programs="header_test.exe:2 header_test_unicode.exe:2 errors_test.exe:19"

if [ -z "${MINGW_CC:-}" ]; then
	echo "1..0 # SKIP x86_64-w64-mingw32-gcc (gcc-mingw-w64-x86-64) is not installed"
	exit 0
fi

# The import table is MinGW's libwinfax.a: WINFAX.dll, the 56 names.
for program in header_test.exe header_test_unicode.exe; do
	imports=$(x86_64-w64-mingw32-objdump -p "$build/wine/$program" |
		awk '/DLL Name:/ { dll = $3 } dll == "WINFAX.dll" && $NF ~ /^Fax/ { n++ } END { print n + 0 }')
	if [ "$imports" -eq 56 ]; then
		point ok "$program imports the 56 functions from WINFAX.dll"
	else
		point "not ok" "$program imports $imports functions from WINFAX.dll, not 56"
	fi
done

total_points=23
wine64=$(command -v wine64 2>/dev/null || ls /usr/lib/wine/wine64 2>/dev/null)
if [ -z "$wine64" ]; then
	skip_rest $total_points "wine64 is not installed"
elif [ -z "${WINE_DLL:-}" ]; then
	skip_rest $total_points "winfax.dll was not built (winegcc, winebuild: wine64-tools)"
else
	prefix=$build/wine/prefix
	wineserver=$(dirname "$wine64")/wineserver
	[ -x "$wineserver" ] || wineserver=$(command -v wineserver)
	if [ ! -e "$prefix/.made" ]; then
		rm -rf "$prefix"
		if WINEPREFIX=$prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" DISPLAY= \
			"$wine64" wineboot -i >/dev/null 2>&1 &&
			WINEPREFIX=$prefix "$wineserver" -w; then
			touch "$prefix/.made"
		fi
	fi
	if [ -e "$prefix/.made" ] &&
		cp "$build/wine/winfax.dll" "$prefix/drive_c/windows/system32/winfax.dll"; then
		for entry in $programs; do
			run_program "$build/wine/${entry%%:*}" "${entry#*:}"
		done
		WINEPREFIX=$prefix "$wineserver" -w
	else
		point "not ok" "a Wine prefix in $prefix"
	fi
fi

echo "1..$number"
exit $failed
