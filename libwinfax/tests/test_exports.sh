#!/bin/sh
# The shared object's dynamic interface: its soname, and that it exports
# exactly the public names (the fax functions implemented so far must be
# there; further Fax* names are accepted as they arrive) and no winfax_*
# internals.
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
for name in CloseHandle CreateIoCompletionPort FaxFreeBuffer GetLastError \
            GetQueuedCompletionStatus LocalFree PostQueuedCompletionStatus SetLastError \
            FaxAccessCheck FaxClose FaxConnectFaxServerA FaxConnectFaxServerW \
            FaxEnumPortsA FaxEnumPortsW FaxGetPortA FaxGetPortW FaxOpenPort \
            FaxSetPortA FaxSetPortW \
            FaxAbort FaxCompleteJobParamsA FaxCompleteJobParamsW FaxEnumJobsA \
            FaxEnumJobsW FaxGetConfigurationA FaxGetConfigurationW FaxGetDeviceStatusA \
            FaxGetDeviceStatusW FaxGetJobA FaxGetJobW FaxGetLoggingCategoriesA \
            FaxGetLoggingCategoriesW FaxGetPageData FaxInitializeEventQueue FaxPrintCoverPageA \
            FaxPrintCoverPageW FaxRegisterRoutingExtensionW FaxRegisterServiceProviderW FaxSendDocumentA \
            FaxSendDocumentForBroadcastA FaxSendDocumentForBroadcastW FaxSendDocumentW FaxSetConfigurationA \
            FaxSetConfigurationW FaxSetJobA FaxSetJobW FaxSetLoggingCategoriesA \
            FaxSetLoggingCategoriesW FaxStartPrintJobA FaxStartPrintJobW FaxUnregisterServiceProviderW; do
    echo "$exports" | grep -qx "$name"
    check $? "exports $name"
done

unexpected=$(echo "$exports" | grep -v -x -e CloseHandle -e CreateIoCompletionPort \
    -e GetLastError -e GetQueuedCompletionStatus -e LocalFree \
    -e PostQueuedCompletionStatus -e SetLastError -e 'Fax[A-Za-z]*' | tr '\n' ' ')
[ -z "$unexpected" ]
check $? "exports nothing else (unexpected: '${unexpected}')"

echo "1..$count"
[ "$failures" -eq 0 ]
