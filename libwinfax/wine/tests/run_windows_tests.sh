#!/bin/sh
# Windows programs built with MinGW-w64 from wine/tests/ against winfax.h
# (its Windows mode) and MinGW's import library, then run with wine64 and
# this build's winfax.dll, on the host without the driver; fxsapi_test.exe
# is linked with MinGW's libfxsapi.a and runs with this build's fxsapi.dll.
# TAP, one plan.
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
# plan line dropped; a crash or a short run is a failure.  The DLL is
# $dll_dir's (this build's, or the recorder's build for strings_test);
# $run_env is more of the environment (NAME=value words).
dll_dir=$build/wine
run_program() { # run_program program.exe expected_points [argument...]
	program=$1
	expected=$2
	shift 2
	output=$(mktemp) || exit 2
	# shellcheck disable=SC2086 # run_env is words on purpose
	env $run_env WINEPREFIX=$prefix WINEDEBUG=-all WINEDLLPATH=$dll_dir \
	LD_LIBRARY_PATH=$dll_dir:$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} DISPLAY='' \
		timeout 300 "$wine64" "$program" "$@" >"$output" 2>&1
	status=$?
	points=0
	while IFS= read -r line; do
		case "$line" in
		"ok "*|"not ok "*)
			result=${line%% [0-9]*}
			rest=${line#"$result" }
			rest=${rest#*[0-9] }
			point "$result" "$(basename "$program"): ${rest#- }"
			points=$((points + 1)) ;;
		1..*) ;;
		"#"*) printf '%s\n' "$line" ;;
		*) printf '# %s\n' "$line" ;;
		esac
	done <"$output"
	rm -f "$output"
	[ "$status" -eq 0 ] || point "not ok" "$(basename "$program") exited with status $status"
	[ "$points" -eq "$expected" ] ||
		point "not ok" "$(basename "$program") gave $points of $expected points"
}

programs="header_test.exe:2 header_test_unicode.exe:2 errors_test.exe:19"
run_env=

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

# fxsapi.dll's exports are every name of MinGW's libfxsapi.a (what a
# program linked with -lfxsapi may import): the .spec's, checked here; the
# built DLL's, checked at run time by fxsapi_test.exe with GetProcAddress.
fxsapi_names=$(mktemp) || exit 2
x86_64-w64-mingw32-nm "$("$MINGW_CC" -print-file-name=libfxsapi.a)" |
	awk '$2 == "T" { print $3 }' | sort -u >"$fxsapi_names"
spec_missing=$(awk '/^@/ { name = $3; sub(/\(.*/, "", name); print name }' \
	"$libdir/wine/fxsapi.spec" | sort -u | comm -23 "$fxsapi_names" -)
fxsapi_count=$(wc -l <"$fxsapi_names")
if [ "$fxsapi_count" -ge 150 ] && [ -z "$spec_missing" ]; then
	point ok "fxsapi.spec exports the $fxsapi_count names of libfxsapi.a"
else
	point "not ok" "fxsapi.spec exports the $fxsapi_count names of libfxsapi.a"
	printf '# missing: %s\n' $spec_missing
fi

# What libwinfax received from strings_test.exe (recorder.c), UTF-16
# code units: CP-1252 text (0xFC is U+00FC, 0x80 the euro sign U+20AC),
# Z:\ paths as Unix paths, a server cover page's name left alone; the
# broadcast's recipients as the program's callbacks gave them.
expected_record() {
	cat <<'EOR'
machine 004d 00fc 006c 006c 0065 0072 20ac
document 002f 0074 006d 0070 002f 0063 0061 0066 00e9 002e 0074 0069 0066
recipient 004a 00fc 0072 0067 0065 006e 0020 20ac
cover 002f 0074 006d 0070 002f 0063 006f 0076 0065 0072 00e9 002e 0063 006f 0076
document 002f 0074 006d 0070 002f 0077 002e 0074 0069 0066
recipient NULL
cover 0063 006f 006e 0066 0064 0065 006e 0074
broadcast 002f 0074 006d 0070 002f 0062 00e9 002e 0074 0069 0066
recipient 00c5 0073 0061
cover 002f 0074 006d 0070 002f 006f 006e 0065 002e 0063 006f 0076
recipient 20ac
cover 002f 0074 006d 0070 002f 0074 0077 006f 002e 0063 006f 0076
broadcast 002f 0074 006d 0070 002f 0062 002e 0074 0069 0066
recipient 0077
cover 002f 0074 006d 0070 002f 0077 002e 0063 006f 0076
archive 002f 0074 006d 0070 002f 0061 0072 0063 0068 0069 0076 00e9
EOR
}

total_points=65
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
		if WINEPREFIX=$prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" DISPLAY='' \
			"$wine64" wineboot -i >/dev/null 2>&1 &&
			WINEPREFIX=$prefix "$wineserver" -w; then
			touch "$prefix/.made"
		fi
	fi
	if [ -e "$prefix/.made" ] &&
		cp "$build/wine/winfax.dll" "$prefix/drive_c/windows/system32/winfax.dll" &&
		cp "$build/wine/fxsapi.dll" "$prefix/drive_c/windows/system32/fxsapi.dll"; then
		for entry in $programs; do
			run_program "$build/wine/${entry%%:*}" "${entry#*:}"
		done
		# The names' file as the program sees it: Wine's Z: is /.
		run_program "$build/wine/fxsapi_test.exe" 15 "Z:$(printf '%s' "$fxsapi_names" | tr / '\\')"
		# ANSI code page 1252 (Wine's for the C locale) with UTF-8 file
		# names (C.UTF-8, which every glibc has).
		record=$(mktemp) || exit 2
		dll_dir=$build/wine/recorder
		run_env="LC_ALL=C.UTF-8 WINFAX_RECORD=$record"
		run_program "$build/wine/strings_test.exe" 26
		if expected_record | cmp -s - "$record"; then
			point ok "strings_test.exe: libwinfax received the W strings and Unix paths"
		else
			point "not ok" "strings_test.exe: libwinfax received the W strings and Unix paths"
			expected_record | diff - "$record" | sed 's/^/# /'
		fi
		rm -f "$record"
		WINEPREFIX=$prefix "$wineserver" -w
	else
		point "not ok" "a Wine prefix in $prefix"
	fi
fi

rm -f "$fxsapi_names"
echo "1..$number"
exit $failed
