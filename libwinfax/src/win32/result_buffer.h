/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Builds the buffers FaxEnum* / FaxGet* / FaxCompleteJobParams return: one
 * allocation holding the fixed array of structures first and every string
 * they point to after it, so that FaxFreeBuffer is a single free() that
 * never reads the (application-writable) pointers inside.
 *
 * Usage:
 *     struct winfax_result_builder builder;
 *     if (winfax_result_builder_init(&builder, WINFAX_STRINGS_WIDE,
 *                                    count * sizeof(FAX_PORT_INFOW)) != 0) ...
 *     FAX_PORT_INFOW *ports = winfax_result_builder_fixed(&builder);
 *     ports[i].DeviceId = ...;                                  (plain fields)
 *     winfax_result_builder_add_string(&builder, &ports[i].Tsid, utf8_tsid);
 *     ...
 *     void *block = winfax_result_builder_finish(&builder, NULL);
 *     if (!block) SetLastError(winfax_result_error_to_win32(builder.error));
 *
 * Strings are collected in a growable arena and the pointer fields are
 * written only in finish(), once the final block exists.  Errors are
 * sticky: after one failure every later call is a no-op and finish()
 * returns NULL, so callers may check once at the end.
 */
#ifndef LIBWINFAX_RESULT_BUFFER_H
#define LIBWINFAX_RESULT_BUFFER_H

#include <stdalign.h>
#include <stdbool.h>
#include <stddef.h>

#include "winfax.h"

enum winfax_string_form {
    WINFAX_STRINGS_ANSI,   /* LPCSTR fields: UTF-8 */
    WINFAX_STRINGS_WIDE,   /* LPCWSTR fields: UTF-16 */
};

/* A sane ceiling for one result; no fax listing comes near it. */
#define WINFAX_RESULT_MAX_BYTES ((size_t)1 << 28)

struct winfax_result_relocation {
    size_t field_offset;    /* of the pointer field within the fixed area */
    size_t string_offset;   /* of the string within the string arena */
};

/*
 * Most results are one structure with a few short strings (FaxGetPort,
 * FaxGetDeviceStatus, FaxGetConfiguration ...).  The builder holds room
 * for those in itself, so that building them allocates nothing but the
 * block handed out; larger ones move to the heap as they grow.
 */
#define WINFAX_RESULT_INLINE_FIXED       256
#define WINFAX_RESULT_INLINE_STRINGS     512
#define WINFAX_RESULT_INLINE_RELOCATIONS 32

struct winfax_result_builder {
    enum winfax_string_form form;
    /* 0, or the first failure as a negative errno: -ENOMEM, -EOVERFLOW
     * (past the ceiling), -EILSEQ (a string is not valid UTF-8), -EINVAL
     * (a field outside the fixed area).  Still readable after
     * finish()/discard(). */
    int error;
    unsigned char *fixed;
    size_t fixed_size;
    unsigned char *strings;
    size_t strings_size;
    size_t strings_capacity;
    struct winfax_result_relocation *relocations;
    size_t relocation_count;
    size_t relocation_capacity;
    alignas(max_align_t) unsigned char inline_fixed[WINFAX_RESULT_INLINE_FIXED];
    alignas(max_align_t) unsigned char inline_strings[WINFAX_RESULT_INLINE_STRINGS];
    struct winfax_result_relocation inline_relocations[WINFAX_RESULT_INLINE_RELOCATIONS];
};

/* fixed_size may be 0 (an empty listing).  Returns 0 or the (negative) error.  The
 * builder points into itself: it must stay where it was initialised. */
int winfax_result_builder_init(struct winfax_result_builder *builder,
                               enum winfax_string_form form, size_t fixed_size);

/* The zero-filled fixed area, where the structures are filled in. */
void *winfax_result_builder_fixed(struct winfax_result_builder *builder);

/*
 * Makes the LPCSTR or LPCWSTR at field (inside the fixed area, each field
 * at most once) point to a copy of utf8 in the form the builder was made
 * for; NULL stays NULL.  False (and builder->error set) on failure.
 */
bool winfax_result_builder_add_string(struct winfax_result_builder *builder,
                                      const void *field, const char *utf8);

/* The finished block (free with FaxFreeBuffer), or NULL on any earlier or
 * current failure.  The builder's own storage is released either way. */
void *winfax_result_builder_finish(struct winfax_result_builder *builder,
                                   size_t *block_size);

/* Gives up: releases the builder's storage. */
void winfax_result_builder_discard(struct winfax_result_builder *builder);

/* The Win32 code for a builder error. */
DWORD winfax_result_error_to_win32(int error);

#endif
