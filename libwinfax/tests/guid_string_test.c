/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * guid_string.c: the braced GUID strings of the routing functions against
 * the byte order of the Win32 GUID structure (the bytes of the driver's two
 * routing GUIDs, written out here), both forms, and every way a string can
 * fail to be a GUID.
 */
#include <string.h>

#include "win32/guid_string.h"
#include "tap.h"

#define FOLDER_TEXT "{92041a90-9af2-11d0-abf7-00c04fd91a4e}"

static const uint8_t folder_bytes[WINFAX_GUID_BYTES] = {
    0x90, 0x1a, 0x04, 0x92, 0xf2, 0x9a, 0xd0, 0x11,
    0xab, 0xf7, 0x00, 0xc0, 0x4f, 0xd9, 0x1a, 0x4e,
};
static const uint8_t command_bytes[WINFAX_GUID_BYTES] = {
    0xc0, 0x87, 0x04, 0x18, 0x46, 0xe0, 0x22, 0x4c,
    0x92, 0x48, 0x4a, 0x7b, 0x57, 0xb7, 0x02, 0x53,
};

static bool parses(const char *text)
{
    uint8_t guid[WINFAX_GUID_BYTES];

    return winfax_guid_parse(text, guid);
}

int main(void)
{
    uint8_t guid[WINFAX_GUID_BYTES];
    char text[WINFAX_GUID_STRING_LENGTH + 1];
    WCHAR wide[WINFAX_GUID_STRING_LENGTH + 2];

    ok(winfax_guid_parse(FOLDER_TEXT, guid) && !memcmp(guid, folder_bytes, sizeof(guid)),
       "the folder GUID's string gives the driver's bytes (Data1..3 little-endian)");
    ok(winfax_guid_parse("{180487C0-E046-4C22-9248-4A7B57B70253}", guid) &&
       !memcmp(guid, command_bytes, sizeof(guid)), "uppercase digits parse the same");
    winfax_guid_format(folder_bytes, text);
    ok(!strcmp(text, FOLDER_TEXT), "formatting gives the lowercase braced form back");
    winfax_guid_format(command_bytes, text);
    ok(!strcmp(text, "{180487c0-e046-4c22-9248-4a7b57b70253}"), "... for the command GUID too");

    for (size_t i = 0; i <= WINFAX_GUID_STRING_LENGTH; i++)
        wide[i] = (WCHAR)(unsigned char)FOLDER_TEXT[i];
    ok(winfax_guid_parse_wide(wide, guid) && !memcmp(guid, folder_bytes, sizeof(guid)),
       "the UTF-16 form parses to the same bytes");
    wide[5] = 0x00e4;
    ok(!winfax_guid_parse_wide(wide, guid), "a non-ASCII character is not a GUID");
    wide[5] = 'a';
    wide[WINFAX_GUID_STRING_LENGTH] = '}';
    wide[WINFAX_GUID_STRING_LENGTH + 1] = 0;
    ok(!winfax_guid_parse_wide(wide, guid), "a UTF-16 string with more after the GUID is not one");

    ok(!parses("92041a90-9af2-11d0-abf7-00c04fd91a4e"), "without braces: no");
    ok(!parses("{92041a90-9af2-11d0-abf7-00c04fd91a4e"), "without the closing brace: no");
    ok(!parses("{92041a90-9af2-11d0-abf7-00c04fd91a4e} "), "a trailing space: no");
    ok(!parses(" {92041a90-9af2-11d0-abf7-00c04fd91a4e}"), "a leading space: no");
    ok(!parses("{92041a909af2-11d0-abf7-00c04fd91a4e0}"), "a dash missing: no");
    ok(!parses("{92041a90-9af2-11d0-abf7-00c04fd91a4g}"), "a digit that is not hex: no");
    ok(!parses("{92041a90_9af2-11d0-abf7-00c04fd91a4e}"), "another separator: no");
    ok(!parses("{92041a90-9af2-11d0-abf7-00c04fd91a4}"), "a digit short: no");
    ok(!parses(""), "empty: no");
    return tap_finish();
}
