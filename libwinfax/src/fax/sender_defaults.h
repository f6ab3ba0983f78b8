/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The sender's details a user keeps for FaxCompleteJobParams, as Windows
 * keeps them in the user's fax settings: a file of the user's own,
 * $XDG_CONFIG_HOME/winfax/sender.conf (else ~/.config/winfax/sender.conf),
 * UTF-8, one "key = value" a line, '#' comments:
 *
 *   name  fax_number  company  address  title  department
 *   office_location  office_phone  home_phone  billing_code
 *
 * A value given there wins over the passwd entry's GECOS field. The
 * library reads it in the caller's process, as the caller; a set-user-id
 * program reads the real user's file from its passwd home, not from the
 * environment. Ownership: the caller owns the struct and frees it with
 * winfax_sender_defaults_free().
 */
#ifndef LIBWINFAX_SENDER_DEFAULTS_H
#define LIBWINFAX_SENDER_DEFAULTS_H

enum winfax_sender_field {
    WINFAX_SENDER_NAME,
    WINFAX_SENDER_FAX_NUMBER,
    WINFAX_SENDER_COMPANY,
    WINFAX_SENDER_ADDRESS,
    WINFAX_SENDER_TITLE,
    WINFAX_SENDER_DEPARTMENT,
    WINFAX_SENDER_OFFICE_LOCATION,
    WINFAX_SENDER_OFFICE_PHONE,
    WINFAX_SENDER_HOME_PHONE,
    WINFAX_SENDER_BILLING_CODE,
    WINFAX_SENDER_FIELDS,
};

struct winfax_sender_defaults {
    char *value[WINFAX_SENDER_FIELDS];   /* NULL: not given */
};

/*
 * Reads the user's file (@home: the passwd entry's home, for when the
 * environment may not be trusted). 0 (no file is no error: all NULL), or
 * a negative errno: -EINVAL for a line that is not "key = value" with a
 * known key, -EILSEQ for a value that is not UTF-8, -EFBIG for a file over
 * 64 KiB; the file and line are then in winfax_message_get().
 */
int winfax_sender_defaults_read(const char *home, struct winfax_sender_defaults *defaults);

void winfax_sender_defaults_free(struct winfax_sender_defaults *defaults);

#endif
