/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "guid_string.h"

#include <string.h>

static int hex_value(char digit)
{
    if (digit >= '0' && digit <= '9')
        return digit - '0';
    if (digit >= 'a' && digit <= 'f')
        return digit - 'a' + 10;
    if (digit >= 'A' && digit <= 'F')
        return digit - 'A' + 10;
    return -1;
}

/* A byte's place in the structure for its place (0..15) in the string:
 * Data1, Data2 and Data3 are little-endian, Data4 is as written. */
static size_t structure_index(size_t written_index)
{
    static const uint8_t order[WINFAX_GUID_BYTES] = { 3, 2, 1, 0, 5, 4, 7, 6,
                                                      8, 9, 10, 11, 12, 13, 14, 15 };
    return order[written_index];
}

/* Where the dashes stand in the braced form. */
static bool is_dash_position(size_t i)
{
    return i == 9 || i == 14 || i == 19 || i == 24;
}

bool winfax_guid_parse(const char *text, uint8_t guid[WINFAX_GUID_BYTES])
{
    size_t byte = 0;

    if (strlen(text) != WINFAX_GUID_STRING_LENGTH || text[0] != '{' ||
        text[WINFAX_GUID_STRING_LENGTH - 1] != '}')
        return false;
    for (size_t i = 1; i < WINFAX_GUID_STRING_LENGTH - 1; ) {
        int high, low;

        if (is_dash_position(i)) {
            if (text[i++] != '-')
                return false;
            continue;
        }
        high = hex_value(text[i]);
        low = hex_value(text[i + 1]);
        if (high < 0 || low < 0)
            return false;
        guid[structure_index(byte++)] = (uint8_t)(high << 4 | low);
        i += 2;
    }
    return byte == WINFAX_GUID_BYTES;
}

bool winfax_guid_parse_wide(const WCHAR *text, uint8_t guid[WINFAX_GUID_BYTES])
{
    char narrow[WINFAX_GUID_STRING_LENGTH + 1];
    size_t i;

    for (i = 0; i < WINFAX_GUID_STRING_LENGTH && text[i]; i++) {
        if (text[i] >= 0x80)
            return false;
        narrow[i] = (char)text[i];
    }
    if (text[i])
        return false;
    narrow[i] = '\0';
    return winfax_guid_parse(narrow, guid);
}

void winfax_guid_format(const uint8_t guid[WINFAX_GUID_BYTES],
                        char text[WINFAX_GUID_STRING_LENGTH + 1])
{
    static const char digits[] = "0123456789abcdef";
    size_t at = 0;

    text[at++] = '{';
    for (size_t byte = 0; byte < WINFAX_GUID_BYTES; byte++) {
        uint8_t value = guid[structure_index(byte)];

        if (is_dash_position(at))
            text[at++] = '-';
        text[at++] = digits[value >> 4];
        text[at++] = digits[value & 0xf];
    }
    text[at++] = '}';
    text[at] = '\0';
}
