/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Text that came from a user or a remote fax machine, made safe to show on
 * a terminal. A terminal obeys control characters (ESC starts a sequence
 * that can clear the screen, retitle the window or, on some terminals, type
 * into it; C1 controls such as U+009B do the same in one character) and
 * shows bidi overrides as text in another order than it is stored, so none
 * of them may reach it raw. Printable UTF-8 (ü, 日本, Ελληνικά, العربية)
 * passes through unchanged; the rest is shown escaped so that an admin sees
 * it was there:
 *
 *   a control character below U+0080, and DEL    \xNN   (ESC: \x1b)
 *   C1 controls, bidi controls, U+2028/U+2029   \uNNNN (U+202E: \u202e)
 *   a byte that is not part of valid UTF-8      \xNN   (always \x80..\xff)
 *
 * so \x00..\x7f are characters and \x80..\xff bad bytes. A backslash in
 * the text is shown as it is (--json output tells the two apart).
 *
 * faxctl and faxport-info both compile this one file.
 */
#ifndef TERMINAL_TEXT_H
#define TERMINAL_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * The length (1 to 4) of the well-formed UTF-8 sequence at the start of
 * @text's @length bytes, with its code point in *@code_point; 0 when the
 * bytes there are not one: a stray continuation byte, a byte never used in
 * UTF-8, an overlong form, a surrogate, a value above U+10FFFF, or a
 * sequence cut short by the end of @text.
 */
size_t utf8_decode(const char *text, size_t length, uint32_t *code_point);

/*
 * Whether a terminal would act on @code_point or reorder the text around
 * it, instead of showing a character: C0 controls, DEL, C1 controls, the
 * bidi embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069)
 * and the line and paragraph separators (U+2028, U+2029).
 */
bool terminal_text_is_control(uint32_t code_point);

/*
 * Writes @text's @length bytes to @out as the header describes and returns
 * the columns they take: one per character or escape character written
 * (a wide character such as 日 counts one, though a terminal gives it two).
 * A NULL @out writes nothing and only counts.
 */
size_t terminal_text_write(FILE *out, const char *text, size_t length);

/*
 * terminal_text_write() of the string @text, padded with spaces to @width
 * columns as printf's "%*s" pads: a negative @width pads on the right (text
 * to the left), 0 does not pad. Columns, not bytes, so that a name with
 * ü or an escape keeps the table's columns in line.
 */
void terminal_text_field(FILE *out, const char *text, int width);

#endif
