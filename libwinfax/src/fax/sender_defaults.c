/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "sender_defaults.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "document/document_message.h"

#define SENDER_FILE_MAX_BYTES (64 * 1024)

static const char *const field_keys[WINFAX_SENDER_FIELDS] = {
    [WINFAX_SENDER_NAME] = "name",
    [WINFAX_SENDER_FAX_NUMBER] = "fax_number",
    [WINFAX_SENDER_COMPANY] = "company",
    [WINFAX_SENDER_ADDRESS] = "address",
    [WINFAX_SENDER_TITLE] = "title",
    [WINFAX_SENDER_DEPARTMENT] = "department",
    [WINFAX_SENDER_OFFICE_LOCATION] = "office_location",
    [WINFAX_SENDER_OFFICE_PHONE] = "office_phone",
    [WINFAX_SENDER_HOME_PHONE] = "home_phone",
    [WINFAX_SENDER_BILLING_CODE] = "billing_code",
};

void winfax_sender_defaults_free(struct winfax_sender_defaults *defaults)
{
    for (int i = 0; i < WINFAX_SENDER_FIELDS; i++) {
        free(defaults->value[i]);
        defaults->value[i] = NULL;
    }
}

/* The file's path: the environment's config home, unless it may not be trusted. */
static char *sender_file_path(const char *home)
{
    const char *config_home = secure_getenv("XDG_CONFIG_HOME");
    const char *user_home = secure_getenv("HOME");
    char *path = NULL;
    int length;

    if (config_home && config_home[0] == '/')
        length = asprintf(&path, "%s/winfax/sender.conf", config_home);
    else if ((user_home && user_home[0] == '/') || (home && home[0] == '/'))
        length = asprintf(&path, "%s/.config/winfax/sender.conf",
                          user_home && user_home[0] == '/' ? user_home : home);
    else
        return NULL;
    return length < 0 ? NULL : path;
}

/* Valid UTF-8 without control characters: what a value may be. */
static bool text_valid(const unsigned char *text)
{
    while (*text) {
        unsigned char c = *text;
        int extra = c < 0x80 ? 0 : (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2
                  : (c & 0xf8) == 0xf0 ? 3 : -1;

        if (c < 0x20 || c == 0x7f || extra < 0 || (extra == 1 && c < 0xc2))
            return false;
        for (int i = 1; i <= extra; i++)
            if ((text[i] & 0xc0) != 0x80)
                return false;
        text += extra + 1;
    }
    return true;
}

static char *trim(char *text)
{
    char *end;

    while (*text == ' ' || *text == '\t')
        text++;
    end = text + strlen(text);
    while (end > text && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
        *--end = '\0';
    return text;
}

/* One line: 0, or a negative errno (the message says where). */
static int parse_line(char *line, const char *path, unsigned int number,
                      struct winfax_sender_defaults *defaults)
{
    char *equals, *key, *value;

    line = trim(line);
    if (!*line || *line == '#')
        return 0;
    equals = strchr(line, '=');
    if (!equals) {
        winfax_message_set("%s:%u: expected 'key = value'", path, number);
        return -EINVAL;
    }
    *equals = '\0';
    key = trim(line);
    value = trim(equals + 1);
    for (int i = 0; i < WINFAX_SENDER_FIELDS; i++) {
        if (strcmp(key, field_keys[i]))
            continue;
        if (!text_valid((const unsigned char *)value)) {
            winfax_message_set("%s:%u: %s is not UTF-8 text", path, number, key);
            return -EILSEQ;
        }
        free(defaults->value[i]);
        defaults->value[i] = *value ? strdup(value) : NULL;
        return *value && !defaults->value[i] ? -ENOMEM : 0;
    }
    winfax_message_set("%s:%u: unknown key '%.40s'", path, number, key);
    return -EINVAL;
}

int winfax_sender_defaults_read(const char *home, struct winfax_sender_defaults *defaults)
{
    char *path = sender_file_path(home);
    char *text = NULL, *line, *next;
    struct stat status;
    unsigned int number = 0;
    ssize_t got;
    int fd, error = 0;

    memset(defaults, 0, sizeof(*defaults));
    if (!path)
        return 0;
    /* Not a FIFO or a device that would block the caller: a regular file only. */
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        error = errno == ENOENT || errno == ENOTDIR ? 0 : -errno;
        goto out;
    }
    if (fstat(fd, &status) || !S_ISREG(status.st_mode)) {
        error = -EINVAL;
        winfax_message_set("%s: not a regular file", path);
        goto out_close;
    }
    if (status.st_size > SENDER_FILE_MAX_BYTES) {
        error = -EFBIG;
        winfax_message_set("%s: larger than %d bytes", path, SENDER_FILE_MAX_BYTES);
        goto out_close;
    }
    text = calloc(1, (size_t)status.st_size + 1);
    if (!text) {
        error = -ENOMEM;
        goto out_close;
    }
    got = read(fd, text, (size_t)status.st_size);
    if (got < 0) {
        error = -errno;
        goto out_close;
    }
    text[got] = '\0';
    if (memchr(text, '\0', (size_t)got)) {
        error = -EILSEQ;
        winfax_message_set("%s: a NUL byte", path);
        goto out_close;
    }
    for (line = text; line && !error; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        error = parse_line(line, path, ++number, defaults);
    }
out_close:
    close(fd);
out:
    free(text);
    free(path);
    if (error)
        winfax_sender_defaults_free(defaults);
    return error;
}
