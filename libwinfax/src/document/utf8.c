/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "utf8.h"

size_t winfax_utf8_decode(const unsigned char *text, size_t length, uint32_t *codepoint)
{
    static const uint32_t smallest[5] = { 0, 0, 0x80, 0x800, 0x10000 };
    size_t count;
    uint32_t value;

    if (length == 0)
        return 0;
    if (text[0] < 0x80) {
        *codepoint = text[0];
        return 1;
    }
    if ((text[0] & 0xe0) == 0xc0) {
        count = 2;
        value = text[0] & 0x1f;
    } else if ((text[0] & 0xf0) == 0xe0) {
        count = 3;
        value = text[0] & 0x0f;
    } else if ((text[0] & 0xf8) == 0xf0) {
        count = 4;
        value = text[0] & 0x07;
    } else {
        return 0;
    }
    if (count > length)
        return 0;
    for (size_t i = 1; i < count; i++) {
        if ((text[i] & 0xc0) != 0x80)
            return 0;
        value = value << 6 | (text[i] & 0x3f);
    }
    if (value < smallest[count] || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff))
        return 0;
    *codepoint = value;
    return count;
}
