/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * GUIDs as the fax API writes them, "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}"
 * (routing methods), and as the driver keeps them: the 16 bytes of the Win32
 * GUID structure, whose first three groups (Data1, Data2, Data3) are
 * little-endian numbers and whose last eight bytes are stored as written.
 */
#ifndef LIBWINFAX_GUID_STRING_H
#define LIBWINFAX_GUID_STRING_H

#include <stdbool.h>
#include <stdint.h>

#include "winfax.h"

#define WINFAX_GUID_BYTES 16
/* Characters of the braced form, without the terminator. */
#define WINFAX_GUID_STRING_LENGTH 38

/* True when text is exactly a braced GUID (hex digits in either case);
 * its bytes go to guid.  Nothing may come before or after it. */
bool winfax_guid_parse(const char *text, uint8_t guid[WINFAX_GUID_BYTES]);

/* The same for a UTF-16 string (anything not ASCII is not a GUID). */
bool winfax_guid_parse_wide(const WCHAR *text, uint8_t guid[WINFAX_GUID_BYTES]);

/* The braced form in lowercase, as Windows writes its routing GUIDs. */
void winfax_guid_format(const uint8_t guid[WINFAX_GUID_BYTES],
                        char text[WINFAX_GUID_STRING_LENGTH + 1]);

#endif
