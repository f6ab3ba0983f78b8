/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "result_buffer.h"

#include <errno.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "errno_to_win32.h"
#include "win32_strings.h"

/* Strings start on a pointer boundary after the fixed array; every string
 * is a whole number of its units, so wide strings stay 2-byte aligned. */
#define STRING_AREA_ALIGNMENT alignof(void *)

static bool fail(struct winfax_result_builder *builder, int error)
{
    if (builder->error == 0)
        builder->error = error;
    return false;
}

static size_t round_up(size_t value, size_t alignment)
{
    return (value + alignment - 1) / alignment * alignment;
}

int winfax_result_builder_init(struct winfax_result_builder *builder,
                               enum winfax_string_form form, size_t fixed_size)
{
    /* The inline arrays need no clearing: only what the sizes cover is
     * ever read. */
    builder->form = form;
    builder->error = 0;
    builder->fixed = NULL;
    builder->fixed_size = 0;
    builder->strings = builder->inline_strings;
    builder->strings_size = 0;
    builder->strings_capacity = sizeof(builder->inline_strings);
    builder->relocations = builder->inline_relocations;
    builder->relocation_count = 0;
    builder->relocation_capacity = WINFAX_RESULT_INLINE_RELOCATIONS;
    if (fixed_size > WINFAX_RESULT_MAX_BYTES) {
        builder->error = -EOVERFLOW;
        return builder->error;
    }
    builder->fixed_size = fixed_size;
    if (fixed_size <= sizeof(builder->inline_fixed)) {
        builder->fixed = builder->inline_fixed;
        memset(builder->fixed, 0, fixed_size);
        return 0;
    }
    builder->fixed = calloc(1, fixed_size);
    if (!builder->fixed) {
        builder->error = -ENOMEM;
        return builder->error;
    }
    return 0;
}

void *winfax_result_builder_fixed(struct winfax_result_builder *builder)
{
    return builder->fixed;
}

static bool reserve_strings(struct winfax_result_builder *builder, size_t extra)
{
    size_t needed;
    size_t capacity;
    unsigned char *grown;

    if (extra > WINFAX_RESULT_MAX_BYTES - builder->strings_size)
        return fail(builder, -EOVERFLOW);
    needed = builder->strings_size + extra;
    if (round_up(builder->fixed_size, STRING_AREA_ALIGNMENT) >
        WINFAX_RESULT_MAX_BYTES - needed)
        return fail(builder, -EOVERFLOW);
    if (needed <= builder->strings_capacity)
        return true;

    capacity = builder->strings_capacity;
    while (capacity < needed)
        capacity *= 2;   /* needed <= 2^28, so this cannot wrap */
    if (builder->strings == builder->inline_strings) {
        grown = malloc(capacity);
        if (grown)
            memcpy(grown, builder->strings, builder->strings_size);
    } else {
        grown = realloc(builder->strings, capacity);
    }
    if (!grown)
        return fail(builder, -ENOMEM);
    builder->strings = grown;
    builder->strings_capacity = capacity;
    return true;
}

static bool add_relocation(struct winfax_result_builder *builder, size_t field_offset,
                           size_t string_offset)
{
    if (builder->relocation_count == builder->relocation_capacity) {
        size_t capacity = builder->relocation_capacity * 2;
        struct winfax_result_relocation *grown;

        /* One relocation per pointer field, so the fixed area bounds them. */
        if (capacity > builder->fixed_size / sizeof(void *) + 16)
            capacity = builder->fixed_size / sizeof(void *) + 16;
        if (capacity <= builder->relocation_count)
            return fail(builder, -EINVAL);
        if (builder->relocations == builder->inline_relocations) {
            grown = malloc(capacity * sizeof(*grown));
            if (grown)
                memcpy(grown, builder->relocations,
                       builder->relocation_count * sizeof(*grown));
        } else {
            grown = realloc(builder->relocations, capacity * sizeof(*grown));
        }
        if (!grown)
            return fail(builder, -ENOMEM);
        builder->relocations = grown;
        builder->relocation_capacity = capacity;
    }
    builder->relocations[builder->relocation_count].field_offset = field_offset;
    builder->relocations[builder->relocation_count].string_offset = string_offset;
    builder->relocation_count++;
    return true;
}

/* Offset of a pointer field inside the fixed area, or false if it is not
 * one (a caller bug, reported rather than written through). */
static bool field_offset_of(const struct winfax_result_builder *builder, const void *field,
                            size_t *offset)
{
    uintptr_t start = (uintptr_t)builder->fixed;
    uintptr_t address = (uintptr_t)field;

    if (address < start || address - start > builder->fixed_size ||
        builder->fixed_size - (address - start) < sizeof(void *) ||
        (address - start) % alignof(void *) != 0)
        return false;
    *offset = address - start;
    return true;
}

static bool append_bytes(struct winfax_result_builder *builder, const char *text,
                         size_t length)
{
    if (length == SIZE_MAX || !reserve_strings(builder, length + 1))
        return false;
    memcpy(builder->strings + builder->strings_size, text, length);
    builder->strings[builder->strings_size + length] = '\0';
    builder->strings_size += length + 1;
    return true;
}

/* A strings are in the locale's charset (win32_strings.h). */
static bool append_ansi(struct winfax_result_builder *builder, const char *utf8,
                        size_t length)
{
    char *converted;
    bool appended;

    if (!winfax_utf8_is_valid(utf8, length))
        return fail(builder, -EILSEQ);
    if (winfax_ansi_is_utf8())
        return append_bytes(builder, utf8, length);
    converted = winfax_utf8_to_ansi_alloc(utf8);
    if (!converted)
        return fail(builder, errno == ENOMEM ? -ENOMEM : -EILSEQ);
    appended = append_bytes(builder, converted, strlen(converted));
    free(converted);
    return appended;
}

static bool append_wide(struct winfax_result_builder *builder, const char *utf8,
                        size_t length)
{
    size_t units;
    WCHAR *destination;
    const WCHAR terminator = 0;

    if (winfax_utf8_to_utf16(utf8, length, NULL, 0, &units) != WINFAX_CONVERSION_OK)
        return fail(builder, -EILSEQ);
    if (units >= WINFAX_RESULT_MAX_BYTES / sizeof(WCHAR))
        return fail(builder, -EOVERFLOW);
    if (!reserve_strings(builder, (units + 1) * sizeof(WCHAR)))
        return false;
    /* The arena's start is aligned (alignas inline, malloc on the heap)
     * and every string in it is a whole number of WCHARs, so this is a
     * properly aligned WCHAR array. */
    destination = (WCHAR *)(void *)(builder->strings + builder->strings_size);
    winfax_utf8_to_utf16(utf8, length, destination, units, NULL);
    memcpy(destination + units, &terminator, sizeof(terminator));
    builder->strings_size += (units + 1) * sizeof(WCHAR);
    return true;
}

bool winfax_result_builder_add_string(struct winfax_result_builder *builder,
                                      const void *field, const char *utf8)
{
    size_t field_offset;
    size_t string_offset;
    bool appended;

    if (builder->error)
        return false;
    if (!field_offset_of(builder, field, &field_offset))
        return fail(builder, -EINVAL);
    if (!utf8) {
        const void *null_pointer = NULL;
        memcpy(builder->fixed + field_offset, &null_pointer, sizeof(null_pointer));
        return true;
    }

    string_offset = builder->strings_size;
    if (builder->form == WINFAX_STRINGS_WIDE)
        appended = append_wide(builder, utf8, strlen(utf8));
    else
        appended = append_ansi(builder, utf8, strlen(utf8));
    return appended && add_relocation(builder, field_offset, string_offset);
}

void winfax_result_builder_discard(struct winfax_result_builder *builder)
{
    if (builder->fixed != builder->inline_fixed)
        free(builder->fixed);
    if (builder->strings != builder->inline_strings)
        free(builder->strings);
    if (builder->relocations != builder->inline_relocations)
        free(builder->relocations);
    builder->fixed = NULL;
    builder->strings = NULL;
    builder->relocations = NULL;
    builder->fixed_size = 0;
    builder->strings_size = 0;
    builder->strings_capacity = 0;
    builder->relocation_count = 0;
    builder->relocation_capacity = 0;
}

void *winfax_result_builder_finish(struct winfax_result_builder *builder,
                                   size_t *block_size)
{
    size_t strings_start;
    size_t total;
    unsigned char *block;

    if (builder->error || !builder->fixed) {
        if (!builder->error)
            builder->error = -EINVAL;
        winfax_result_builder_discard(builder);
        return NULL;
    }

    /* reserve_strings() kept strings_start + strings_size under the ceiling. */
    strings_start = round_up(builder->fixed_size, STRING_AREA_ALIGNMENT);
    total = strings_start + builder->strings_size;
    if (total == 0)
        total = 1;
    block = malloc(total);
    if (!block) {
        builder->error = -ENOMEM;
        winfax_result_builder_discard(builder);
        return NULL;
    }
    memset(block, 0, strings_start);
    memcpy(block, builder->fixed, builder->fixed_size);
    if (builder->strings_size)
        memcpy(block + strings_start, builder->strings, builder->strings_size);

    for (size_t i = 0; i < builder->relocation_count; i++) {
        const struct winfax_result_relocation *relocation = &builder->relocations[i];
        const void *target = block + strings_start + relocation->string_offset;

        memcpy(block + relocation->field_offset, &target, sizeof(target));
    }

    winfax_result_builder_discard(builder);
    if (block_size)
        *block_size = total;
    return block;
}

/* The builder's errors (-ENOMEM, -EOVERFLOW, -EILSEQ, -EINVAL) go through the
 * library's one errno mapping like every other error. */
DWORD winfax_result_error_to_win32(int error)
{
    return winfax_win32_error_from_errno(error);
}

VOID WINFAX_CALL FaxFreeBuffer(LPVOID Buffer)
{
    free(Buffer);
}
