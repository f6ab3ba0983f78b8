/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "win32_strings.h"

#include <errno.h>
#include <iconv.h>
#include <langinfo.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define HIGH_SURROGATE_FIRST 0xD800u
#define LOW_SURROGATE_FIRST  0xDC00u
#define SURROGATE_LAST       0xDFFFu
#define LAST_CODE_POINT      0x10FFFFu

static bool is_surrogate(uint32_t code_point)
{
    return code_point >= HIGH_SURROGATE_FIRST && code_point <= SURROGATE_LAST;
}

/*
 * Decodes one UTF-8 sequence at src (available bytes > 0).  Checking the
 * decoded value against the smallest one its length may carry rejects
 * overlong forms without a table of lead-byte special cases.
 */
static bool decode_utf8(const unsigned char *src, size_t available, uint32_t *code_point,
                        size_t *consumed)
{
    static const uint32_t smallest_for_length[5] = { 0, 0, 0x80, 0x800, 0x10000 };
    unsigned char lead = src[0];
    size_t length;
    uint32_t value;

    if (lead < 0x80) {
        *code_point = lead;
        *consumed = 1;
        return true;
    }
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        value = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        value = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        value = lead & 0x07;
    } else {
        return false;   /* a continuation byte, or 0xF8..0xFF */
    }
    if (available < length)
        return false;
    for (size_t i = 1; i < length; i++) {
        if ((src[i] & 0xC0) != 0x80)
            return false;
        value = (value << 6) | (src[i] & 0x3F);
    }
    if (value < smallest_for_length[length] || value > LAST_CODE_POINT ||
        is_surrogate(value))
        return false;
    *code_point = value;
    *consumed = length;
    return true;
}

static size_t encode_utf8(uint32_t code_point, unsigned char out[4])
{
    if (code_point < 0x80) {
        out[0] = (unsigned char)code_point;
        return 1;
    }
    if (code_point < 0x800) {
        out[0] = (unsigned char)(0xC0 | (code_point >> 6));
        out[1] = (unsigned char)(0x80 | (code_point & 0x3F));
        return 2;
    }
    if (code_point < 0x10000) {
        out[0] = (unsigned char)(0xE0 | (code_point >> 12));
        out[1] = (unsigned char)(0x80 | ((code_point >> 6) & 0x3F));
        out[2] = (unsigned char)(0x80 | (code_point & 0x3F));
        return 3;
    }
    out[0] = (unsigned char)(0xF0 | (code_point >> 18));
    out[1] = (unsigned char)(0x80 | ((code_point >> 12) & 0x3F));
    out[2] = (unsigned char)(0x80 | ((code_point >> 6) & 0x3F));
    out[3] = (unsigned char)(0x80 | (code_point & 0x3F));
    return 4;
}

size_t winfax_wide_length(const WCHAR *text)
{
    size_t length = 0;

    while (text[length] != 0)
        length++;
    return length;
}

enum winfax_conversion winfax_utf8_to_utf16(const char *src, size_t src_length,
                                            WCHAR *dst, size_t dst_capacity,
                                            size_t *units_needed)
{
    const unsigned char *bytes = (const unsigned char *)src;
    size_t position = 0;
    size_t units = 0;
    bool fits = true;

    while (position < src_length) {
        uint32_t code_point;
        size_t consumed;
        size_t unit_count;

        if (!decode_utf8(bytes + position, src_length - position, &code_point, &consumed))
            return WINFAX_CONVERSION_INVALID_INPUT;
        position += consumed;
        unit_count = code_point >= 0x10000 ? 2 : 1;

        if (dst && fits && dst_capacity - units >= unit_count) {
            if (unit_count == 2) {
                uint32_t offset = code_point - 0x10000;
                dst[units] = (WCHAR)(HIGH_SURROGATE_FIRST + (offset >> 10));
                dst[units + 1] = (WCHAR)(LOW_SURROGATE_FIRST + (offset & 0x3FF));
            } else {
                dst[units] = (WCHAR)code_point;
            }
        } else {
            fits = false;
        }
        units += unit_count;
    }
    if (units_needed)
        *units_needed = units;
    if (dst && !fits)
        return WINFAX_CONVERSION_NO_SPACE;
    return WINFAX_CONVERSION_OK;
}

enum winfax_conversion winfax_utf16_to_utf8(const WCHAR *src, size_t src_length,
                                            char *dst, size_t dst_capacity,
                                            size_t *bytes_needed)
{
    size_t position = 0;
    size_t bytes = 0;
    bool fits = true;

    while (position < src_length) {
        uint32_t unit = src[position];
        uint32_t code_point;
        unsigned char encoded[4];
        size_t length;

        if (unit >= HIGH_SURROGATE_FIRST && unit < LOW_SURROGATE_FIRST) {
            uint32_t low;

            if (position + 1 >= src_length)
                return WINFAX_CONVERSION_INVALID_INPUT;
            low = src[position + 1];
            if (low < LOW_SURROGATE_FIRST || low > SURROGATE_LAST)
                return WINFAX_CONVERSION_INVALID_INPUT;
            code_point = 0x10000 + ((unit - HIGH_SURROGATE_FIRST) << 10) +
                         (low - LOW_SURROGATE_FIRST);
            position += 2;
        } else if (unit >= LOW_SURROGATE_FIRST && unit <= SURROGATE_LAST) {
            return WINFAX_CONVERSION_INVALID_INPUT;
        } else {
            code_point = unit;
            position++;
        }

        length = encode_utf8(code_point, encoded);
        if (dst && fits && dst_capacity - bytes >= length) {
            for (size_t i = 0; i < length; i++)
                dst[bytes + i] = (char)encoded[i];
        } else {
            fits = false;
        }
        bytes += length;
    }
    if (bytes_needed)
        *bytes_needed = bytes;
    if (dst && !fits)
        return WINFAX_CONVERSION_NO_SPACE;
    return WINFAX_CONVERSION_OK;
}

bool winfax_utf8_is_valid(const char *src, size_t src_length)
{
    size_t ascii = 0;

    /* Most strings (station ids, port names, numbers) are ASCII, which is
     * valid byte by byte; the decoder only needs to see the rest. */
    while (ascii < src_length && (unsigned char)src[ascii] < 0x80)
        ascii++;
    return ascii == src_length ||
           winfax_utf8_to_utf16(src + ascii, src_length - ascii, NULL, 0, NULL) ==
               WINFAX_CONVERSION_OK;
}

static size_t utf8_length(const char *text)
{
    size_t length = 0;

    while (text[length] != '\0')
        length++;
    return length;
}

WCHAR *winfax_utf8_to_utf16_alloc(const char *src)
{
    size_t src_length;
    size_t units;
    WCHAR *converted;

    if (!src) {
        errno = EINVAL;
        return NULL;
    }
    src_length = utf8_length(src);
    if (winfax_utf8_to_utf16(src, src_length, NULL, 0, &units) != WINFAX_CONVERSION_OK) {
        errno = EILSEQ;
        return NULL;
    }
    /* units <= src_length, so units + 1 cannot wrap; the byte count could. */
    if (units + 1 > SIZE_MAX / sizeof(WCHAR)) {
        errno = ENOMEM;
        return NULL;
    }
    converted = malloc((units + 1) * sizeof(WCHAR));
    if (!converted) {
        errno = ENOMEM;
        return NULL;
    }
    winfax_utf8_to_utf16(src, src_length, converted, units, NULL);
    converted[units] = 0;
    return converted;
}

char *winfax_utf16_to_utf8_alloc(const WCHAR *src)
{
    size_t src_length;
    size_t bytes;
    char *converted;

    if (!src) {
        errno = EINVAL;
        return NULL;
    }
    src_length = winfax_wide_length(src);
    if (winfax_utf16_to_utf8(src, src_length, NULL, 0, &bytes) != WINFAX_CONVERSION_OK) {
        errno = EILSEQ;
        return NULL;
    }
    /* At most 3 bytes per unit: bytes + 1 cannot wrap for an in-memory
     * source. */
    converted = malloc(bytes + 1);
    if (!converted) {
        errno = ENOMEM;
        return NULL;
    }
    winfax_utf16_to_utf8(src, src_length, converted, bytes, NULL);
    converted[bytes] = '\0';
    return converted;
}

bool winfax_ansi_is_utf8(void)
{
    const char *codeset = nl_langinfo(CODESET);

    /* glibc names the C/POSIX locale's charset ANSI_X3.4-1968. */
    return !codeset || !*codeset || strcasecmp(codeset, "UTF-8") == 0 ||
           strcasecmp(codeset, "UTF8") == 0 || strcasecmp(codeset, "ANSI_X3.4-1968") == 0 ||
           strcasecmp(codeset, "ASCII") == 0 || strcasecmp(codeset, "US-ASCII") == 0;
}

static char *copy_checked_utf8(const char *src)
{
    size_t length = utf8_length(src);
    char *copy;

    if (!winfax_utf8_is_valid(src, length)) {
        errno = EILSEQ;
        return NULL;
    }
    copy = malloc(length + 1);
    if (!copy) {
        errno = ENOMEM;
        return NULL;
    }
    memcpy(copy, src, length + 1);
    return copy;
}

/* Room for at least `more` further bytes at *out, moving the buffer. */
static bool grow_output(char **buffer, size_t *capacity, char **out, size_t *out_left,
                        size_t more)
{
    size_t used = (size_t)(*out - *buffer);
    size_t wanted = *capacity;
    char *grown;

    while (wanted - used < more) {
        if (wanted > SIZE_MAX / 2)
            return false;
        wanted *= 2;
    }
    if (wanted == *capacity)
        return true;
    grown = realloc(*buffer, wanted);
    if (!grown)
        return false;
    *buffer = grown;
    *capacity = wanted;
    *out = grown + used;
    *out_left = wanted - used;
    return true;
}

/*
 * Converts src (length bytes, no terminator needed) with cd into a newly
 * allocated 0-terminated string.  With replace_unconvertible, a character
 * cd cannot convert (src is then valid UTF-8, checked by the caller) gives
 * '?' and the conversion goes on after it; without, it fails with EILSEQ.
 */
static char *convert_alloc(iconv_t cd, const char *src, size_t length,
                           bool replace_unconvertible)
{
    size_t capacity = length + 16;
    char *buffer = malloc(capacity);
    char *in = (char *)src;
    size_t in_left = length;
    char *out = buffer;
    size_t out_left = capacity;
    bool flushed = false;

    if (!buffer) {
        errno = ENOMEM;
        return NULL;
    }
    for (;;) {
        /* The last call (NULL input) writes a stateful charset's return
         * to its initial shift state. */
        size_t result = flushed ? iconv(cd, NULL, NULL, &out, &out_left)
                                : iconv(cd, &in, &in_left, &out, &out_left);
        int error = errno;

        if (result != (size_t)-1) {
            if (flushed)
                break;
            flushed = true;
            continue;
        }
        if (error == E2BIG) {
            if (!grow_output(&buffer, &capacity, &out, &out_left, out_left + 16))
                goto no_memory;
            continue;
        }
        if (error == EILSEQ && replace_unconvertible && in_left > 0) {
            uint32_t code_point;
            size_t consumed;

            if (!decode_utf8((const unsigned char *)in, in_left, &code_point, &consumed))
                break;
            if (out_left < 1 && !grow_output(&buffer, &capacity, &out, &out_left, 16))
                goto no_memory;
            *out++ = '?';
            out_left--;
            in += consumed;
            in_left -= consumed;
            continue;
        }
        free(buffer);
        errno = EILSEQ;
        return NULL;
    }
    if (out_left < 1 && !grow_output(&buffer, &capacity, &out, &out_left, 1))
        goto no_memory;
    *out = '\0';
    return buffer;

no_memory:
    free(buffer);
    errno = ENOMEM;
    return NULL;
}

char *winfax_ansi_to_utf8_alloc(const char *src)
{
    iconv_t cd;
    char *converted;
    int error;

    if (!src) {
        errno = EINVAL;
        return NULL;
    }
    if (winfax_ansi_is_utf8())
        return copy_checked_utf8(src);
    cd = iconv_open("UTF-8", nl_langinfo(CODESET));
    if (cd == (iconv_t)-1) {
        errno = EILSEQ;
        return NULL;
    }
    converted = convert_alloc(cd, src, utf8_length(src), false);
    error = errno;
    iconv_close(cd);
    /* iconv writes what the charset means; a charset whose bytes decode to
     * U+0000 or to nothing valid is not a locale charset, but check. */
    if (converted && !winfax_utf8_is_valid(converted, utf8_length(converted))) {
        free(converted);
        errno = EILSEQ;
        return NULL;
    }
    errno = error;
    return converted;
}

char *winfax_utf8_to_ansi_alloc(const char *utf8)
{
    iconv_t cd;
    char *converted;
    int error;

    if (!utf8) {
        errno = EINVAL;
        return NULL;
    }
    if (winfax_ansi_is_utf8())
        return copy_checked_utf8(utf8);
    if (!winfax_utf8_is_valid(utf8, utf8_length(utf8))) {
        errno = EILSEQ;
        return NULL;
    }
    cd = iconv_open(nl_langinfo(CODESET), "UTF-8");
    if (cd == (iconv_t)-1) {
        errno = EILSEQ;
        return NULL;
    }
    converted = convert_alloc(cd, utf8, utf8_length(utf8), true);
    error = errno;
    iconv_close(cd);
    errno = error;
    return converted;
}
