/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * UTF-8 <-> UTF-16: known encodings written out by hand (including
 * surrogate pairs and the extremes), round trips of every code point
 * checked against glibc's iconv as an independent encoder, rejection of
 * each kind of invalid input in both directions, and the buffer-size rules.
 * The A strings in the locale's charset: passed through in the C and UTF-8
 * locales, converted both ways in CP1252 and ISO-8859-1 locales (made by
 * the Makefile into TEST_LOCALE_DIR), '?' for what the charset lacks, and
 * the result buffers' A form following the locale.
 */
#include <errno.h>
#include <iconv.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "win32/result_buffer.h"
#include "win32/win32_strings.h"
#include "tap.h"

struct known_encoding {
    const char *description;
    const char *utf8;
    WCHAR utf16[8];
    size_t units;
};

static const struct known_encoding known[] = {
    { "ASCII", "Fax 1", { 'F', 'a', 'x', ' ', '1' }, 5 },
    { "U+00FC (2 bytes)", "\xC3\xBC", { 0x00FC }, 1 },
    { "U+07FF (last 2-byte)", "\xDF\xBF", { 0x07FF }, 1 },
    { "U+0800 (first 3-byte)", "\xE0\xA0\x80", { 0x0800 }, 1 },
    { "U+30D5 U+30A1 (katakana)", "\xE3\x83\x95\xE3\x82\xA1", { 0x30D5, 0x30A1 }, 2 },
    { "U+D7FF (below surrogates)", "\xED\x9F\xBF", { 0xD7FF }, 1 },
    { "U+E000 (above surrogates)", "\xEE\x80\x80", { 0xE000 }, 1 },
    { "U+FFFF", "\xEF\xBF\xBF", { 0xFFFF }, 1 },
    { "U+10000 (first pair)", "\xF0\x90\x80\x80", { 0xD800, 0xDC00 }, 2 },
    { "U+1F4E0 (fax machine)", "\xF0\x9F\x93\xA0", { 0xD83D, 0xDCE0 }, 2 },
    { "U+10FFFF (last code point)", "\xF4\x8F\xBF\xBF", { 0xDBFF, 0xDFFF }, 2 },
    { "mixed", "a\xF0\x9F\x93\xA0" "b", { 'a', 0xD83D, 0xDCE0, 'b' }, 4 },
    { "empty", "", { 0 }, 0 },
};

static void test_known_encodings(void)
{
    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
        const struct known_encoding *sample = &known[i];
        WCHAR wide[16];
        char narrow[32];
        size_t units = 99;
        size_t bytes = 99;
        enum winfax_conversion result;

        result = winfax_utf8_to_utf16(sample->utf8, strlen(sample->utf8), wide, 16, &units);
        ok(result == WINFAX_CONVERSION_OK && units == sample->units &&
           memcmp(wide, sample->utf16, units * sizeof(WCHAR)) == 0,
           "UTF-8 -> UTF-16: %s", sample->description);
        result = winfax_utf16_to_utf8(sample->utf16, sample->units, narrow, sizeof(narrow), &bytes);
        ok(result == WINFAX_CONVERSION_OK && bytes == strlen(sample->utf8) &&
           memcmp(narrow, sample->utf8, bytes) == 0,
           "UTF-16 -> UTF-8: %s", sample->description);
    }
}

struct invalid_utf8 {
    const char *description;
    const char *bytes;
    size_t length;
};

static const struct invalid_utf8 invalid_utf8_samples[] = {
    { "a lone continuation byte", "\x80", 1 },
    { "a continuation byte after ASCII", "a\xBF", 2 },
    { "a truncated 2-byte sequence", "\xC3", 1 },
    { "a truncated 3-byte sequence", "\xE3\x83", 2 },
    { "a truncated 4-byte sequence", "\xF0\x9F\x93", 3 },
    { "a bad continuation byte", "\xC3\x28", 2 },
    { "overlong '/' in 2 bytes", "\xC0\xAF", 2 },
    { "overlong NUL in 2 bytes", "\xC0\x80", 2 },
    { "overlong U+007F via 0xC1", "\xC1\xBF", 2 },
    { "overlong '/' in 3 bytes", "\xE0\x80\xAF", 3 },
    { "overlong U+07FF in 3 bytes", "\xE0\x9F\xBF", 3 },
    { "overlong '/' in 4 bytes", "\xF0\x80\x80\xAF", 4 },
    { "overlong U+FFFF in 4 bytes", "\xF0\x8F\xBF\xBF", 4 },
    { "an encoded high surrogate U+D800", "\xED\xA0\x80", 3 },
    { "an encoded low surrogate U+DFFF", "\xED\xBF\xBF", 3 },
    { "an encoded surrogate pair (CESU-8)", "\xED\xA0\xBD\xED\xB3\xA0", 6 },
    { "U+110000, past the last code point", "\xF4\x90\x80\x80", 4 },
    { "lead byte 0xF5", "\xF5\x80\x80\x80", 4 },
    { "lead byte 0xF8 (5-byte form)", "\xF8\x88\x80\x80\x80", 5 },
    { "byte 0xFE", "\xFE", 1 },
    { "byte 0xFF", "\xFF", 1 },
    { "valid text then a bad byte", "Fax\xFF", 4 },
};

struct invalid_utf16 {
    const char *description;
    WCHAR units[4];
    size_t length;
};

static const struct invalid_utf16 invalid_utf16_samples[] = {
    { "a lone high surrogate at the end", { 'a', 0xD83D }, 2 },
    { "a high surrogate before ASCII", { 0xD83D, 'a' }, 2 },
    { "a lone low surrogate", { 0xDCE0 }, 1 },
    { "a reversed pair", { 0xDCE0, 0xD83D }, 2 },
    { "two high surrogates", { 0xD800, 0xDBFF }, 2 },
    { "a pair cut by the length", { 0xD83D, 0xDCE0 }, 1 },
};

static void test_invalid_input(void)
{
    for (size_t i = 0; i < sizeof(invalid_utf8_samples) / sizeof(invalid_utf8_samples[0]); i++) {
        const struct invalid_utf8 *sample = &invalid_utf8_samples[i];
        WCHAR wide[16];

        ok(winfax_utf8_to_utf16(sample->bytes, sample->length, wide, 16, NULL) ==
               WINFAX_CONVERSION_INVALID_INPUT && !winfax_utf8_is_valid(sample->bytes, sample->length),
           "UTF-8 rejected: %s", sample->description);
    }
    for (size_t i = 0; i < sizeof(invalid_utf16_samples) / sizeof(invalid_utf16_samples[0]); i++) {
        const struct invalid_utf16 *sample = &invalid_utf16_samples[i];
        char narrow[16];

        ok(winfax_utf16_to_utf8(sample->units, sample->length, narrow, sizeof(narrow), NULL) ==
               WINFAX_CONVERSION_INVALID_INPUT,
           "UTF-16 rejected: %s", sample->description);
    }
}

static void test_buffer_rules(void)
{
    const char *text = "x\xF0\x9F\x93\xA0y";   /* 'x', U+1F4E0, 'y': 4 units, 6 bytes */
    WCHAR wide[8];
    char narrow[8];
    size_t needed = 0;

    ok(winfax_utf8_to_utf16(text, strlen(text), NULL, 0, &needed) == WINFAX_CONVERSION_OK &&
       needed == 4, "measuring gives 4 units for x U+1F4E0 y");
    for (size_t i = 0; i < 8; i++)
        wide[i] = 0xAAAA;
    ok(winfax_utf8_to_utf16(text, strlen(text), wide, 2, &needed) == WINFAX_CONVERSION_NO_SPACE &&
       needed == 4, "2 units of room: NO_SPACE, still reports 4 needed");
    ok(wide[2] == 0xAAAA && wide[3] == 0xAAAA, "and writes nothing past the room given");
    ok(wide[0] == (WCHAR)0x78, "the unit that fits is written");
    ok(wide[1] == 0xAAAA, "the pair that did not fit is left out whole");

    ok(winfax_utf16_to_utf8(known[9].utf16, 2, NULL, 0, &needed) == WINFAX_CONVERSION_OK &&
       needed == 4, "measuring U+1F4E0 gives 4 bytes");
    memset(narrow, 'Z', sizeof(narrow));
    ok(winfax_utf16_to_utf8(known[9].utf16, 2, narrow, 3, &needed) == WINFAX_CONVERSION_NO_SPACE &&
       needed == 4 && narrow[0] == 'Z' && narrow[3] == 'Z',
       "3 bytes of room: NO_SPACE, no partial sequence, nothing past the room");

    ok(winfax_utf8_to_utf16("a\0b", 3, wide, 8, &needed) == WINFAX_CONVERSION_OK && needed == 3 &&
       wide[1] == 0 && wide[2] == 'b', "a NUL inside an explicit length is a character");

    {
        const WCHAR fax[] = { 'F', 'a', 'x', 0, 'X' };
        const WCHAR empty[] = { 0 };
        is_equal(winfax_wide_length(fax), 3, "winfax_wide_length stops at the first 0");
        is_equal(winfax_wide_length(empty), 0, "winfax_wide_length of an empty string is 0");
    }
}

static void test_allocating_forms(void)
{
    WCHAR *wide = winfax_utf8_to_utf16_alloc("Gr\xC3\xBC\xC3\x9F" "e \xF0\x9F\x93\xA0");
    static const WCHAR expected[] = { 'G', 'r', 0x00FC, 0x00DF, 'e', ' ', 0xD83D, 0xDCE0, 0 };
    char *narrow;

    ok(wide && memcmp(wide, expected, sizeof(expected)) == 0,
       "winfax_utf8_to_utf16_alloc converts and terminates");
    narrow = wide ? winfax_utf16_to_utf8_alloc(wide) : NULL;
    ok(narrow && strcmp(narrow, "Gr\xC3\xBC\xC3\x9F" "e \xF0\x9F\x93\xA0") == 0,
       "winfax_utf16_to_utf8_alloc converts back and terminates");
    free(wide);
    free(narrow);

    errno = 0;
    ok(winfax_utf8_to_utf16_alloc("bad \xC0\xAF") == NULL && errno == EILSEQ,
       "invalid UTF-8: NULL, EILSEQ");
    {
        static const WCHAR lone[] = { 'a', 0xD800, 0 };
        errno = 0;
        ok(winfax_utf16_to_utf8_alloc(lone) == NULL && errno == EILSEQ,
           "an unpaired surrogate: NULL, EILSEQ");
    }
    errno = 0;
    ok(winfax_utf8_to_utf16_alloc(NULL) == NULL && errno == EINVAL, "NULL: NULL, EINVAL");
    errno = 0;
    ok(winfax_utf16_to_utf8_alloc(NULL) == NULL && errno == EINVAL, "NULL wide: NULL, EINVAL");
}

/* glibc's encoder, as an oracle that shares no code with ours. */
static size_t iconv_utf16_to_utf8(iconv_t converter, const WCHAR *units, size_t count, char *out,
                                  size_t room)
{
    char *in = (char *)(uintptr_t)units;
    size_t in_left = count * sizeof(WCHAR);
    char *cursor = out;
    size_t out_left = room;

    if (iconv(converter, &in, &in_left, &cursor, &out_left) == (size_t)-1)
        return (size_t)-1;
    return room - out_left;
}

static void test_every_code_point(void)
{
    iconv_t converter = iconv_open("UTF-8", "UTF-16LE");
    size_t mismatches = 0;
    size_t checked = 0;

    if (converter == (iconv_t)-1) {
        ok(false, "iconv UTF-16LE -> UTF-8 is available");
        return;
    }
    for (uint32_t code_point = 0; code_point <= 0x10FFFF; code_point++) {
        WCHAR units[2];
        size_t unit_count;
        char ours[4];
        char theirs[8];
        size_t our_length = 0;
        size_t their_length;
        WCHAR back[2];
        size_t back_count = 0;

        if (code_point >= 0xD800 && code_point <= 0xDFFF)
            continue;
        if (code_point >= 0x10000) {
            units[0] = (WCHAR)(0xD800 + ((code_point - 0x10000) >> 10));
            units[1] = (WCHAR)(0xDC00 + ((code_point - 0x10000) & 0x3FF));
            unit_count = 2;
        } else {
            units[0] = (WCHAR)code_point;
            unit_count = 1;
        }
        checked++;
        their_length = iconv_utf16_to_utf8(converter, units, unit_count, theirs, sizeof(theirs));
        if (winfax_utf16_to_utf8(units, unit_count, ours, sizeof(ours), &our_length) !=
                WINFAX_CONVERSION_OK ||
            our_length != their_length || memcmp(ours, theirs, our_length) != 0 ||
            winfax_utf8_to_utf16(ours, our_length, back, 2, &back_count) != WINFAX_CONVERSION_OK ||
            back_count != unit_count || memcmp(back, units, unit_count * sizeof(WCHAR)) != 0) {
            if (mismatches++ < 5)
                tap_diag("mismatch at U+%04X", (unsigned)code_point);
        }
    }
    iconv_close(converter);
    is_equal(checked, 0x110000 - 0x800, "all 1,112,064 scalar values were checked");
    is_equal(mismatches, 0, "each encodes as glibc's iconv does and round-trips");
}

static bool ansi_in_is(const char *ansi, const char *expected_utf8)
{
    char *utf8 = winfax_ansi_to_utf8_alloc(ansi);
    bool same = utf8 && strcmp(utf8, expected_utf8) == 0;

    free(utf8);
    return same;
}

static bool ansi_out_is(const char *utf8, const char *expected_ansi)
{
    char *ansi = winfax_utf8_to_ansi_alloc(utf8);
    bool same = ansi && strcmp(ansi, expected_ansi) == 0;

    free(ansi);
    return same;
}

static bool ansi_in_fails(const char *ansi, int expected_errno)
{
    char *utf8;

    errno = 0;
    utf8 = winfax_ansi_to_utf8_alloc(ansi);
    free(utf8);
    return !utf8 && errno == expected_errno;
}

static bool ansi_out_fails(const char *utf8, int expected_errno)
{
    char *ansi;

    errno = 0;
    ansi = winfax_utf8_to_ansi_alloc(utf8);
    free(ansi);
    return !ansi && errno == expected_errno;
}

/* "Müller ☎ €" in UTF-8. */
#define MUELLER_UTF8 "M\xC3\xBCller \xE2\x98\x8E \xE2\x82\xAC"

/* A FAX_PORT_INFO's Tsid through the result buffer in the given form. */
static bool port_tsid_reads(enum winfax_string_form form, const char *utf8, const void *expected,
                            size_t expected_size)
{
    struct winfax_result_builder builder;
    bool same = false;
    void *block;

    if (winfax_result_builder_init(&builder, form, sizeof(FAX_PORT_INFOW)) != 0)
        return false;
    /* Tsid has the same offset in the A and W forms. */
    winfax_result_builder_add_string(
        &builder, &((FAX_PORT_INFOA *)winfax_result_builder_fixed(&builder))->Tsid, utf8);
    block = winfax_result_builder_finish(&builder, NULL);
    if (block) {
        const void *tsid = ((FAX_PORT_INFOA *)block)->Tsid;
        same = memcmp(tsid, expected, expected_size) == 0;
    }
    free(block);
    return same;
}

static void test_ansi_in_c_and_utf8_locales(void)
{
    ok(setlocale(LC_ALL, "C") != NULL, "C locale");
    ok(winfax_ansi_is_utf8(), "C locale: A strings are taken as UTF-8 (ASCII plus passthrough)");
    ok(ansi_in_is(MUELLER_UTF8, MUELLER_UTF8), "C locale: UTF-8 A input passes unchanged");
    ok(ansi_out_is(MUELLER_UTF8, MUELLER_UTF8), "C locale: UTF-8 A output passes unchanged");
    ok(ansi_in_fails("M\xFCller", EILSEQ), "C locale: a Latin-1 byte is not UTF-8: EILSEQ");
    ok(ansi_in_fails(NULL, EINVAL), "NULL A input: EINVAL");
    ok(ansi_out_fails(NULL, EINVAL), "NULL A output: EINVAL");
    ok(ansi_out_fails("\xC0\xAF", EILSEQ), "invalid UTF-8 to an A string: EILSEQ");

    if (!ok(setlocale(LC_ALL, "C.UTF-8") != NULL, "C.UTF-8 locale"))
        return;
    ok(winfax_ansi_is_utf8(), "C.UTF-8: A strings are UTF-8");
    ok(ansi_in_is(MUELLER_UTF8, MUELLER_UTF8) && ansi_out_is(MUELLER_UTF8, MUELLER_UTF8),
       "C.UTF-8: A strings pass unchanged both ways");
    ok(port_tsid_reads(WINFAX_STRINGS_ANSI, MUELLER_UTF8, MUELLER_UTF8, sizeof(MUELLER_UTF8)),
       "C.UTF-8: a result's A string is the UTF-8");
    setlocale(LC_ALL, "C");
}

static void test_ansi_in_a_cp1252_locale(void)
{
    static const WCHAR mueller_wide[] = { 'M', 0xFC, 'l', 'l', 'e', 'r', ' ', 0x260E, ' ',
                                          0x20AC, 0 };

    if (!ok(setlocale(LC_ALL, "en_US.CP1252") != NULL, "en_US.CP1252 from %s",
            TEST_LOCALE_DIR))
        return;
    ok(!winfax_ansi_is_utf8(), "CP1252: A strings are not UTF-8");
    ok(ansi_in_is("M\xFCller \x80 \x93q\x94", "M\xC3\xBCller \xE2\x82\xAC \xE2\x80\x9Cq\xE2\x80\x9D"),
       "CP1252 in: \xFC, the euro sign (0x80) and curly quotes (0x93/0x94) become UTF-8");
    ok(ansi_in_is("Fax 1", "Fax 1"), "CP1252 in: ASCII is unchanged");
    ok(ansi_in_fails("x\x81y", EILSEQ), "CP1252 in: 0x81 (no character in CP1252): EILSEQ");
    ok(ansi_out_is("M\xC3\xBCller \xE2\x82\xAC", "M\xFCller \x80"),
       "CP1252 out: \xC3\xBC and the euro sign become 0xFC and 0x80");
    ok(ansi_out_is(MUELLER_UTF8, "M\xFCller ? \x80"),
       "CP1252 out: U+260E, which CP1252 lacks, becomes '?'");
    ok(ansi_out_is("\xF0\x9F\x93\xA0 \xE3\x83\x95x", "? ?x"),
       "CP1252 out: a 4-byte and a 3-byte character become one '?' each");
    ok(ansi_out_fails("\xED\xA0\x80", EILSEQ), "CP1252 out: invalid UTF-8 is refused, not '?'");
    ok(port_tsid_reads(WINFAX_STRINGS_ANSI, MUELLER_UTF8, "M\xFCller ? \x80",
                       sizeof("M\xFCller ? \x80")),
       "CP1252: a result's A string is in CP1252");
    ok(port_tsid_reads(WINFAX_STRINGS_WIDE, MUELLER_UTF8, mueller_wide, sizeof(mueller_wide)),
       "CP1252: a result's W string stays UTF-16");
    setlocale(LC_ALL, "C");
}

static void test_ansi_in_a_latin1_locale(void)
{
    if (!ok(setlocale(LC_ALL, "en_US.ISO-8859-1") != NULL, "en_US.ISO-8859-1 from %s",
            TEST_LOCALE_DIR))
        return;
    ok(!winfax_ansi_is_utf8(), "ISO-8859-1: A strings are not UTF-8");
    ok(ansi_in_is("\xA4 \x80 \xFF", "\xC2\xA4 \xC2\x80 \xC3\xBF"),
       "ISO-8859-1 in: every byte is its code point (0xA4, 0x80, 0xFF)");
    ok(ansi_out_is("\xC3\xA9t\xC3\xA9 \xE2\x82\xAC", "\xE9t\xE9 ?"),
       "ISO-8859-1 out: \xC3\xA9 is 0xE9, the euro sign (not in Latin-1) is '?'");
    setlocale(LC_ALL, "C");
}

int main(void)
{
    test_known_encodings();
    test_invalid_input();
    test_buffer_rules();
    test_allocating_forms();
    test_every_code_point();
    test_ansi_in_c_and_utf8_locales();
    /* After C.UTF-8, which comes from the system's locale archive: glibc
     * looks only in LOCPATH while it is set. */
    if (setenv("LOCPATH", TEST_LOCALE_DIR, 1) != 0)
        return 1;
    test_ansi_in_a_cp1252_locale();
    test_ansi_in_a_latin1_locale();
    return tap_finish();
}
