/* SPDX-License-Identifier: GPL-2.0 */
/* Parsing the words of faxd.conf and of faxdial's options into fax_call settings. */
#ifndef FAXD_ENGINE_NAMES_H
#define FAXD_ENGINE_NAMES_H

#include <stdbool.h>

/* "v27ter,v29,v17" (any subset, any order, case-insensitive) -> FAX_MODEM_* mask; -1 if bad. */
int faxd_parse_modems(const char *text);
/* "mh,mr,mmr" -> FAX_COMPRESSION_* mask; -1 if bad. */
int faxd_parse_compressions(const char *text);
/* yes/no, true/false, on/off, 1/0; -1 if bad. */
int faxd_parse_bool(const char *text);
/* A decimal number in [min, max]; returns 0, or -1 if bad. */
int faxd_parse_uint(const char *text, unsigned long min, unsigned long max,
		    unsigned long *value);

#endif
