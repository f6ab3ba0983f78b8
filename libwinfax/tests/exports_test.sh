#!/bin/sh
# The shared object's dynamic interface: its soname, and that it exports
# exactly the public names: the 56 fax functions, the Win32 base functions
# winfax.h declares and its WinfaxGetLastError, and nothing else (no
# winfax_* internals); and that the mapping table documents each.
cd "$(dirname "$0")/.." || exit 2
library=libwinfax.so.1.0.0
count=0
failures=0
check() {
    count=$((count + 1))
    if [ "$1" -eq 0 ]; then
        echo "ok $count - $2"
    else
        echo "not ok $count - $2"
        failures=$((failures + 1))
    fi
}

soname=$(readelf -d "$library" | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
[ "$soname" = "libwinfax.so.1" ]
check $? "soname is libwinfax.so.1 (got '$soname')"

[ "$(readlink libwinfax.so.1)" = "$library" ] && [ "$(readlink libwinfax.so)" = "libwinfax.so.1" ]
check $? "libwinfax.so -> libwinfax.so.1 -> $library"

exports=$(nm -D --defined-only "$library" | awk '$2 ~ /^[TDBRVW]$/ { sub(/@.*/, "", $3); print $3 }' | sort)

# The 56 names winfax.dll exports: 23 A/W pairs, 7 neutral, 3 W-only.
fax_names="FaxAbort FaxAccessCheck FaxClose FaxCompleteJobParamsA FaxCompleteJobParamsW
    FaxConnectFaxServerA FaxConnectFaxServerW FaxEnableRoutingMethodA FaxEnableRoutingMethodW
    FaxEnumGlobalRoutingInfoA FaxEnumGlobalRoutingInfoW FaxEnumJobsA FaxEnumJobsW
    FaxEnumPortsA FaxEnumPortsW FaxEnumRoutingMethodsA FaxEnumRoutingMethodsW FaxFreeBuffer
    FaxGetConfigurationA FaxGetConfigurationW FaxGetDeviceStatusA FaxGetDeviceStatusW
    FaxGetJobA FaxGetJobW FaxGetLoggingCategoriesA FaxGetLoggingCategoriesW FaxGetPageData
    FaxGetPortA FaxGetPortW FaxGetRoutingInfoA FaxGetRoutingInfoW FaxInitializeEventQueue
    FaxOpenPort FaxPrintCoverPageA FaxPrintCoverPageW FaxRegisterRoutingExtensionW
    FaxRegisterServiceProviderW FaxSendDocumentA FaxSendDocumentForBroadcastA
    FaxSendDocumentForBroadcastW FaxSendDocumentW FaxSetConfigurationA FaxSetConfigurationW
    FaxSetGlobalRoutingInfoA FaxSetGlobalRoutingInfoW FaxSetJobA FaxSetJobW
    FaxSetLoggingCategoriesA FaxSetLoggingCategoriesW FaxSetPortA FaxSetPortW
    FaxSetRoutingInfoA FaxSetRoutingInfoW FaxStartPrintJobA FaxStartPrintJobW
    FaxUnregisterServiceProviderW"
base_names="CloseHandle CreateIoCompletionPort GetLastError GetQueuedCompletionStatus
    LocalFree PostQueuedCompletionStatus SetLastError WinfaxGetLastError"

listed=$(echo $fax_names | wc -w)
[ "$listed" -eq 56 ]
check $? "the list names 56 fax functions (it names $listed)"

for name in $base_names $fax_names; do
    echo "$exports" | grep -qx "$name"
    check $? "exports $name"
done

expected=$(for name in $base_names $fax_names; do echo "$name"; done | sort)
unexpected=$(echo "$exports" | grep -v -x -F "$expected" | tr '\n' ' ')
[ -z "$unexpected" ]
check $? "exports nothing else (unexpected: '${unexpected}')"

# Documentation/winfax-mapping.rst has a row for every fax function (the
# first cell of a row: ``FaxName``, or ``FaxNameA/W`` for both forms) and
# names none the library lacks.
rows=$(sed -n 's/^   \* - ``\(Fax[A-Za-z/]*\)``$/\1/p' ../Documentation/winfax-mapping.rst |
    sed -e 's|^\(.*\)A/W$|\1A\n\1W|' | sort)
for name in $fax_names; do
    echo "$rows" | grep -qx "$name"
    check $? "the mapping table has a row for $name"
done
extra=$(echo "$rows" | grep -v -x -F "$(echo $fax_names | tr ' ' '\n')" | tr '\n' ' ')
[ -z "$extra" ]
check $? "the mapping table names no function the library lacks (extra: '$extra')"

echo "1..$count"
[ "$failures" -eq 0 ]
