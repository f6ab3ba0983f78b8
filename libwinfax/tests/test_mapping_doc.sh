#!/bin/sh
# Documentation/winfax-mapping.rst has a row for every fax function the
# shared object exports (a "...A/W" row covers both forms), and names no
# function the library does not export. TAP.
cd "$(dirname "$0")/.." || exit 2
library=libwinfax.so.1.0.0
doc=../Documentation/winfax-mapping.rst
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

# The first cell of each table row: "   * - ``FaxName``" or "``FaxNameA/W``".
rows=$(sed -n 's/^   \* - ``\(Fax[A-Za-z/]*\)``$/\1/p' "$doc" |
    sed -e 's|^\(.*\)A/W$|\1A\n\1W|' | sort)
exports=$(nm -D --defined-only "$library" | awk '$2 == "T" { sub(/@.*/, "", $3); print $3 }' |
    grep '^Fax' | sort)

[ "$(echo "$exports" | wc -l)" -eq 56 ]
check $? "the library exports 56 fax functions"
for name in $exports; do
    echo "$rows" | grep -qx "$name"
    check $? "the mapping table has a row for $name"
done
extra=$(echo "$rows" | grep -v -x -F "$exports" | tr '\n' ' ')
[ -z "$extra" ]
check $? "the mapping table names no function the library lacks (extra: '$extra')"

echo "1..$count"
[ "$failures" -eq 0 ]
