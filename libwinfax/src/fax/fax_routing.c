/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Routing: FaxEnumRoutingMethodsA/W, FaxEnableRoutingMethodA/W,
 * FaxGetRoutingInfoA/W, FaxSetRoutingInfoA/W (on a port handle) and
 * FaxEnumGlobalRoutingInfoA/W, FaxSetGlobalRoutingInfoA/W (on a server
 * handle).
 *
 * The driver knows the methods, keeps each port's state of each and the
 * server's priorities, and checks every right (FAXPORT_IOC_ROUTING_*); the
 * library only translates.  Methods are named by the string form of their
 * GUID (guid_string.h), which the driver speaks as 16 bytes.
 *
 * Routing info is each method's string (the folder of "store in a folder",
 * the command line of "run a command"), as Windows' own methods keep a
 * NUL-terminated string: FaxGetRoutingInfoW returns UTF-16 and
 * FaxGetRoutingInfoA UTF-8, each with its terminator, and the Set functions
 * take the same forms (the terminator may be left out).
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <linux/faxport.h>

#include "faxport_client.h"

#include "win32/errno_to_win32.h"
#include "win32/guid_string.h"
#include "win32/handle_table.h"
#include "win32/last_error.h"
#include "win32/result_buffer.h"
#include "winfax.h"
#include "win32/win32_strings.h"
#include "fax_handle_errors.h"

/* The A and W structures differ only in their string types: one filler
 * writes both through the A type, the builder picks the string form. */
_Static_assert(sizeof(FAX_ROUTING_METHODA) == sizeof(FAX_ROUTING_METHODW), "A/W sizes");
_Static_assert(offsetof(FAX_ROUTING_METHODA, ExtensionFriendlyName) ==
               offsetof(FAX_ROUTING_METHODW, ExtensionFriendlyName), "A/W layout");
_Static_assert(sizeof(FAX_GLOBAL_ROUTING_INFOA) == sizeof(FAX_GLOBAL_ROUTING_INFOW), "A/W sizes");
_Static_assert(offsetof(FAX_GLOBAL_ROUTING_INFOA, ExtensionFriendlyName) ==
               offsetof(FAX_GLOBAL_ROUTING_INFOW, ExtensionFriendlyName), "A/W layout");

/* ---- errors ------------------------------------------------------------------- */

/*
 * The fax API's codes for routing: a GUID that names no installed method
 * (the driver's ENOENT; Windows' e-mail, printer and inbox methods have no
 * Linux equivalent and are not installed) is ERROR_INVALID_DATA.  EACCES
 * (no MODIFY handle or FAX_PORT_SET for the Set functions, no FAX_CONFIG_*
 * for the global ones) is ERROR_ACCESS_DENIED through the general mapping.
 */
static BOOL fail_routing_errno(int error_number)
{
    if (error_number == -ENOENT)
        return winfax_fail(ERROR_INVALID_DATA);
    return winfax_fail_errno(error_number);
}

/* ---- listing ------------------------------------------------------------------ */

/* Every method, in priority order: 0 or a negative errno.  The uAPI fixes
 * their number (FAXPORT_ROUTING_METHODS); more is a driver bug, -EOVERFLOW. */
static int list_methods(int fd, unsigned long request, struct faxport_routing_method **methods_out,
                        uint32_t *count_out)
{
    void *entries;
    uint32_t count;
    int error = faxport_list(fd, request, sizeof(struct faxport_routing_method),
                             FAXPORT_ROUTING_METHODS, FAXPORT_ROUTING_METHODS, &entries, &count);
    struct faxport_routing_method *methods;

    if (error)
        return error;
    methods = entries;
    for (uint32_t i = 0; i < count; i++) {
        /* The driver terminates them; a bug there must not become an overread. */
        methods[i].function_name[FAXPORT_ROUTING_NAME_SIZE - 1] = '\0';
        methods[i].friendly_name[FAXPORT_ROUTING_NAME_SIZE - 1] = '\0';
        methods[i].extension_image_name[FAXPORT_ROUTING_NAME_SIZE - 1] = '\0';
        methods[i].extension_friendly_name[FAXPORT_ROUTING_NAME_SIZE - 1] = '\0';
        methods[i].info[FAXPORT_ROUTING_INFO_SIZE - 1] = '\0';
    }
    *methods_out = methods;
    *count_out = count;
    return 0;
}

/* The names every FAX_ROUTING_METHOD and FAX_GLOBAL_ROUTING_INFO carry;
 * the offsets are those of the A structure given. */
struct method_name_fields {
    size_t guid, friendly_name, function_name, image_name, extension_name;
};

static const struct method_name_fields port_method_fields = {
    offsetof(FAX_ROUTING_METHODA, Guid), offsetof(FAX_ROUTING_METHODA, FriendlyName),
    offsetof(FAX_ROUTING_METHODA, FunctionName), offsetof(FAX_ROUTING_METHODA, ExtensionImageName),
    offsetof(FAX_ROUTING_METHODA, ExtensionFriendlyName),
};

static const struct method_name_fields global_method_fields = {
    offsetof(FAX_GLOBAL_ROUTING_INFOA, Guid), offsetof(FAX_GLOBAL_ROUTING_INFOA, FriendlyName),
    offsetof(FAX_GLOBAL_ROUTING_INFOA, FunctionName),
    offsetof(FAX_GLOBAL_ROUTING_INFOA, ExtensionImageName),
    offsetof(FAX_GLOBAL_ROUTING_INFOA, ExtensionFriendlyName),
};

static void add_method_names(struct winfax_result_builder *builder, unsigned char *entry,
                             const struct method_name_fields *fields,
                             const struct faxport_routing_method *method)
{
    char guid[WINFAX_GUID_STRING_LENGTH + 1];

    winfax_guid_format(method->guid, guid);
    winfax_result_builder_add_string(builder, entry + fields->guid, guid);
    winfax_result_builder_add_string(builder, entry + fields->friendly_name,
                                     method->friendly_name);
    winfax_result_builder_add_string(builder, entry + fields->function_name,
                                     method->function_name);
    winfax_result_builder_add_string(builder, entry + fields->image_name,
                                     method->extension_image_name);
    winfax_result_builder_add_string(builder, entry + fields->extension_name,
                                     method->extension_friendly_name);
}

/* The port's DeviceId and name, for FAX_ROUTING_METHOD.DeviceId/DeviceName. */
static int port_identity(int port_fd, struct faxport_port_info *info)
{
    int error;

    memset(info, 0, sizeof(*info));
    error = faxport_ioctl(port_fd, FAXPORT_IOC_PORT_GET, info);
    info->name[sizeof(info->name) - 1] = '\0';
    return error;
}

/*
 * Both listings, both forms.  port: FaxEnumRoutingMethods on a port handle;
 * otherwise FaxEnumGlobalRoutingInfo on a server handle.  *block and *count
 * are NULL and 0 on failure.
 */
static BOOL enum_methods(HANDLE handle, bool port, enum winfax_string_form form,
                         bool outputs_given, void **block, DWORD *count)
{
    size_t entry_size = port ? sizeof(FAX_ROUTING_METHODA) : sizeof(FAX_GLOBAL_ROUTING_INFOA);
    struct winfax_handle_ref ref;
    struct faxport_routing_method *methods = NULL;
    struct faxport_port_info port_info;
    struct winfax_result_builder builder;
    unsigned char *entries;
    uint32_t method_count = 0;
    int error;

    *block = NULL;
    *count = 0;
    if (!winfax_handle_get(handle, port ? WINFAX_HANDLE_FAX_PORT : WINFAX_HANDLE_FAX_SERVER, &ref))
        return winfax_fail_unknown_handle(handle);
    if (!outputs_given) {
        winfax_handle_put(&ref);
        return winfax_fail(ERROR_INVALID_PARAMETER);
    }
    error = port ? port_identity(ref.fd, &port_info) : 0;
    if (!error)
        error = list_methods(ref.fd, port ? FAXPORT_IOC_ROUTING_LIST
                                          : FAXPORT_IOC_ROUTING_GLOBAL_LIST,
                             &methods, &method_count);
    winfax_handle_put(&ref);
    if (error)
        return fail_routing_errno(error);

    if (winfax_result_builder_init(&builder, form, method_count * entry_size) != 0) {
        free(methods);
        winfax_result_builder_discard(&builder);
        return winfax_fail(winfax_result_error_to_win32(builder.error));
    }
    entries = winfax_result_builder_fixed(&builder);
    for (uint32_t i = 0; i < method_count; i++) {
        unsigned char *entry = entries + i * entry_size;

        if (port) {
            FAX_ROUTING_METHODA *method = (FAX_ROUTING_METHODA *)(void *)entry;

            method->SizeOfStruct = (DWORD)entry_size;
            method->DeviceId = port_info.device_id;
            method->Enabled = methods[i].enabled ? TRUE : FALSE;
            winfax_result_builder_add_string(&builder, &method->DeviceName, port_info.name);
            add_method_names(&builder, entry, &port_method_fields, &methods[i]);
        } else {
            FAX_GLOBAL_ROUTING_INFOA *global = (FAX_GLOBAL_ROUTING_INFOA *)(void *)entry;

            global->SizeOfStruct = (DWORD)entry_size;
            global->Priority = methods[i].priority;
            add_method_names(&builder, entry, &global_method_fields, &methods[i]);
        }
    }
    free(methods);
    *block = winfax_result_builder_finish(&builder, NULL);
    if (!*block)
        return winfax_fail(winfax_result_error_to_win32(builder.error));
    *count = method_count;
    return TRUE;
}

/*
 * The four listing exports: the block and count go to the application's
 * typed pointers (written through memcpy: the block's address is a void *,
 * the pointer's type is the structure's), or nowhere when one is NULL.
 */
static BOOL enum_methods_to(HANDLE handle, bool port, enum winfax_string_form form,
                            void *typed_result, LPDWORD count_out)
{
    void *block;
    DWORD count;
    BOOL listed = enum_methods(handle, port, form, typed_result && count_out, &block, &count);

    if (typed_result && count_out) {
        memcpy(typed_result, &block, sizeof(block));
        *count_out = count;
    }
    return listed;
}

BOOL WINFAX_CALL FaxEnumRoutingMethodsA(HANDLE FaxPortHandle, PFAX_ROUTING_METHODA *RoutingMethod,
                                        LPDWORD MethodsReturned)
{
    return enum_methods_to(FaxPortHandle, true, WINFAX_STRINGS_ANSI, RoutingMethod,
                           MethodsReturned);
}

BOOL WINFAX_CALL FaxEnumRoutingMethodsW(HANDLE FaxPortHandle, PFAX_ROUTING_METHODW *RoutingMethod,
                                        LPDWORD MethodsReturned)
{
    return enum_methods_to(FaxPortHandle, true, WINFAX_STRINGS_WIDE, RoutingMethod,
                           MethodsReturned);
}

BOOL WINFAX_CALL FaxEnumGlobalRoutingInfoA(HANDLE FaxHandle, PFAX_GLOBAL_ROUTING_INFOA *RoutingInfo,
                                           LPDWORD MethodsReturned)
{
    return enum_methods_to(FaxHandle, false, WINFAX_STRINGS_ANSI, RoutingInfo, MethodsReturned);
}

BOOL WINFAX_CALL FaxEnumGlobalRoutingInfoW(HANDLE FaxHandle, PFAX_GLOBAL_ROUTING_INFOW *RoutingInfo,
                                           LPDWORD MethodsReturned)
{
    return enum_methods_to(FaxHandle, false, WINFAX_STRINGS_WIDE, RoutingInfo, MethodsReturned);
}

/* ---- one method on a port ------------------------------------------------------- */

/* A GUID argument in either form; NULL when absent. */
struct guid_argument {
    const char *narrow;
    const WCHAR *wide;
};

/* ERROR_INVALID_PARAMETER for no GUID, ERROR_INVALID_DATA for one that is
 * not a GUID string (it names no method either), else ERROR_SUCCESS. */
static DWORD parse_guid_argument(struct guid_argument argument, uint8_t guid[WINFAX_GUID_BYTES])
{
    if (!argument.narrow && !argument.wide)
        return ERROR_INVALID_PARAMETER;
    if (argument.narrow ? !winfax_guid_parse(argument.narrow, guid) : !winfax_guid_parse_wide(argument.wide, guid))
        return ERROR_INVALID_DATA;
    return ERROR_SUCCESS;
}

/* FAXPORT_IOC_ROUTING_SET on a port handle, set already filled but for its
 * GUID.  Checks the handle first, then the arguments. */
static BOOL set_method(HANDLE port_handle, struct guid_argument guid_argument,
                       struct faxport_routing_set *set, DWORD argument_error)
{
    struct winfax_handle_ref port;
    DWORD guid_error;
    int error;

    if (!winfax_handle_get(port_handle, WINFAX_HANDLE_FAX_PORT, &port))
        return winfax_fail_unknown_handle(port_handle);
    guid_error = parse_guid_argument(guid_argument, set->guid);
    /* A missing GUID or a bad other argument before a GUID that names nothing. */
    if (guid_error != ERROR_INVALID_PARAMETER && argument_error != ERROR_SUCCESS)
        guid_error = argument_error;
    if (guid_error != ERROR_SUCCESS) {
        winfax_handle_put(&port);
        return winfax_fail(guid_error);
    }
    error = faxport_ioctl(port.fd, FAXPORT_IOC_ROUTING_SET, set);
    winfax_handle_put(&port);
    if (error)
        return fail_routing_errno(error);
    return TRUE;
}

static BOOL enable_method(HANDLE port_handle, struct guid_argument guid, BOOL enabled)
{
    struct faxport_routing_set set = {
        .flags = FAXPORT_ROUTING_SET_ENABLED,
        .enabled = enabled ? 1 : 0,
    };

    return set_method(port_handle, guid, &set, ERROR_SUCCESS);
}

BOOL WINFAX_CALL FaxEnableRoutingMethodA(HANDLE FaxPortHandle, LPCSTR RoutingGuid, BOOL Enabled)
{
    return enable_method(FaxPortHandle, (struct guid_argument){ .narrow = RoutingGuid }, Enabled);
}

BOOL WINFAX_CALL FaxEnableRoutingMethodW(HANDLE FaxPortHandle, LPCWSTR RoutingGuid, BOOL Enabled)
{
    return enable_method(FaxPortHandle, (struct guid_argument){ .wide = RoutingGuid }, Enabled);
}

/*
 * The routing info of one method on one port, as one FaxFreeBuffer block:
 * the string with its terminator, UTF-8 or UTF-16.
 */
static BOOL get_info(HANDLE port_handle, struct guid_argument guid_argument,
                     enum winfax_string_form form, LPBYTE *buffer_out, LPDWORD size_out)
{
    struct winfax_handle_ref port;
    struct faxport_routing_method *methods = NULL, *method = NULL;
    uint8_t guid[WINFAX_GUID_BYTES];
    uint32_t count = 0;
    DWORD guid_error;
    void *block = NULL;
    size_t block_size;
    int error;

    if (buffer_out)
        *buffer_out = NULL;
    if (size_out)
        *size_out = 0;
    if (!winfax_handle_get(port_handle, WINFAX_HANDLE_FAX_PORT, &port))
        return winfax_fail_unknown_handle(port_handle);
    guid_error = parse_guid_argument(guid_argument, guid);
    if (!buffer_out || !size_out)
        guid_error = ERROR_INVALID_PARAMETER;
    if (guid_error != ERROR_SUCCESS) {
        winfax_handle_put(&port);
        return winfax_fail(guid_error);
    }
    error = list_methods(port.fd, FAXPORT_IOC_ROUTING_LIST, &methods, &count);
    winfax_handle_put(&port);
    if (error)
        return fail_routing_errno(error);
    for (uint32_t i = 0; i < count; i++)
        if (!memcmp(methods[i].guid, guid, WINFAX_GUID_BYTES))
            method = &methods[i];
    if (!method) {
        free(methods);
        return winfax_fail(ERROR_INVALID_DATA);
    }

    if (form == WINFAX_STRINGS_ANSI && winfax_ansi_is_utf8()) {
        block_size = strlen(method->info) + 1;
        block = malloc(block_size);
        if (block)
            memcpy(block, method->info, block_size);
        error = block ? 0 : -ENOMEM;
    } else if (form == WINFAX_STRINGS_ANSI) {
        /* The locale's charset, '?' for what it cannot hold. */
        char *ansi = winfax_utf8_to_ansi_alloc(method->info);

        error = ansi ? 0 : -errno;
        block = ansi;
        block_size = ansi ? strlen(ansi) + 1 : 0;
    } else {
        WCHAR *wide = winfax_utf8_to_utf16_alloc(method->info);

        error = wide ? 0 : -errno;
        block = wide;
        block_size = wide ? (winfax_wide_length(wide) + 1) * sizeof(WCHAR) : 0;
    }
    free(methods);
    if (error)
        return winfax_fail_errno(error);
    *buffer_out = block;
    *size_out = (DWORD)block_size;
    return TRUE;
}

BOOL WINFAX_CALL FaxGetRoutingInfoA(HANDLE FaxPortHandle, LPCSTR RoutingGuid,
                                    LPBYTE *RoutingInfoBuffer, LPDWORD RoutingInfoBufferSize)
{
    return get_info(FaxPortHandle, (struct guid_argument){ .narrow = RoutingGuid },
                    WINFAX_STRINGS_ANSI, RoutingInfoBuffer, RoutingInfoBufferSize);
}

BOOL WINFAX_CALL FaxGetRoutingInfoW(HANDLE FaxPortHandle, LPCWSTR RoutingGuid,
                                    LPBYTE *RoutingInfoBuffer, LPDWORD RoutingInfoBufferSize)
{
    return get_info(FaxPortHandle, (struct guid_argument){ .wide = RoutingGuid },
                    WINFAX_STRINGS_WIDE, RoutingInfoBuffer, RoutingInfoBufferSize);
}

/*
 * The application's routing info into the driver's UTF-8 array: the text
 * up to its terminator (or the whole buffer, without one).  A NULL or
 * empty buffer, invalid text, or text longer than the driver keeps
 * (FAXPORT_ROUTING_INFO_SIZE - 1 bytes of UTF-8) is ERROR_INVALID_PARAMETER.
 */
static DWORD info_to_utf8(enum winfax_string_form form, const BYTE *buffer, DWORD size,
                          char info[FAXPORT_ROUTING_INFO_SIZE])
{
    size_t length;

    if (!buffer || size == 0)
        return ERROR_INVALID_PARAMETER;
    if (form == WINFAX_STRINGS_ANSI && winfax_ansi_is_utf8()) {
        const BYTE *end = memchr(buffer, '\0', size);

        length = end ? (size_t)(end - buffer) : size;
        if (length >= FAXPORT_ROUTING_INFO_SIZE ||
            !winfax_utf8_is_valid((const char *)buffer, length))
            return ERROR_INVALID_PARAMETER;
        memcpy(info, buffer, length);
    } else if (form == WINFAX_STRINGS_ANSI) {
        const BYTE *end = memchr(buffer, '\0', size);
        size_t ansi_length = end ? (size_t)(end - buffer) : size;
        char *ansi = malloc(ansi_length + 1);
        char *utf8;

        if (!ansi)
            return ERROR_NOT_ENOUGH_MEMORY;
        memcpy(ansi, buffer, ansi_length);
        ansi[ansi_length] = '\0';
        utf8 = winfax_ansi_to_utf8_alloc(ansi);
        free(ansi);
        if (!utf8)
            return errno == ENOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_PARAMETER;
        length = strlen(utf8);
        if (length >= FAXPORT_ROUTING_INFO_SIZE) {
            free(utf8);
            return ERROR_INVALID_PARAMETER;
        }
        memcpy(info, utf8, length);
        free(utf8);
    } else {
        size_t units = size / sizeof(WCHAR), used = 0;
        WCHAR *wide;
        enum winfax_conversion converted;

        if (size % sizeof(WCHAR))
            return ERROR_INVALID_PARAMETER;
        /* The buffer is bytes: copy it so that WCHARs are read aligned. */
        wide = malloc(units * sizeof(WCHAR));
        if (!wide)
            return ERROR_NOT_ENOUGH_MEMORY;
        memcpy(wide, buffer, units * sizeof(WCHAR));
        while (used < units && wide[used])
            used++;
        converted = winfax_utf16_to_utf8(wide, used, info, FAXPORT_ROUTING_INFO_SIZE - 1,
                                         &length);
        free(wide);
        if (converted != WINFAX_CONVERSION_OK)
            return ERROR_INVALID_PARAMETER;
    }
    info[length] = '\0';
    return ERROR_SUCCESS;
}

static BOOL set_info(HANDLE port_handle, struct guid_argument guid, enum winfax_string_form form,
                     const BYTE *buffer, DWORD size)
{
    struct faxport_routing_set set = { .flags = FAXPORT_ROUTING_SET_INFO };

    return set_method(port_handle, guid, &set, info_to_utf8(form, buffer, size, set.info));
}

BOOL WINFAX_CALL FaxSetRoutingInfoA(HANDLE FaxPortHandle, LPCSTR RoutingGuid,
                                    const BYTE *RoutingInfoBuffer, DWORD RoutingInfoBufferSize)
{
    return set_info(FaxPortHandle, (struct guid_argument){ .narrow = RoutingGuid },
                    WINFAX_STRINGS_ANSI, RoutingInfoBuffer, RoutingInfoBufferSize);
}

BOOL WINFAX_CALL FaxSetRoutingInfoW(HANDLE FaxPortHandle, LPCWSTR RoutingGuid,
                                    const BYTE *RoutingInfoBuffer, DWORD RoutingInfoBufferSize)
{
    return set_info(FaxPortHandle, (struct guid_argument){ .wide = RoutingGuid },
                    WINFAX_STRINGS_WIDE, RoutingInfoBuffer, RoutingInfoBufferSize);
}

/* ---- global priorities ----------------------------------------------------------- */

/*
 * Only Priority changes, as on Windows; the names are the method's and
 * are ignored.  ERROR_INVALID_PARAMETER: NULL info, a wrong SizeOfStruct,
 * a Priority outside 1..the number of methods (the driver's EINVAL);
 * ERROR_INVALID_DATA: a NULL Guid, or one that names no method.
 */
static BOOL set_global(HANDLE fax_handle, DWORD size_of_struct, DWORD priority,
                       struct guid_argument guid_argument, bool info_given)
{
    struct winfax_handle_ref server;
    struct faxport_routing_priority request = { .priority = priority };
    DWORD argument_error = ERROR_SUCCESS;
    int error;

    if (!winfax_handle_get(fax_handle, WINFAX_HANDLE_FAX_SERVER, &server))
        return winfax_fail_unknown_handle(fax_handle);
    if (!info_given || size_of_struct != sizeof(FAX_GLOBAL_ROUTING_INFOA))
        argument_error = ERROR_INVALID_PARAMETER;
    else if (parse_guid_argument(guid_argument, request.guid) != ERROR_SUCCESS)
        argument_error = ERROR_INVALID_DATA;
    if (argument_error != ERROR_SUCCESS) {
        winfax_handle_put(&server);
        return winfax_fail(argument_error);
    }
    error = faxport_ioctl(server.fd, FAXPORT_IOC_ROUTING_PRIORITY, &request);
    winfax_handle_put(&server);
    if (error)
        return fail_routing_errno(error);
    return TRUE;
}

BOOL WINFAX_CALL FaxSetGlobalRoutingInfoA(HANDLE FaxHandle,
                                          const FAX_GLOBAL_ROUTING_INFOA *RoutingInfo)
{
    return set_global(FaxHandle, RoutingInfo ? RoutingInfo->SizeOfStruct : 0,
                      RoutingInfo ? RoutingInfo->Priority : 0,
                      (struct guid_argument){ .narrow = RoutingInfo ? RoutingInfo->Guid : NULL },
                      RoutingInfo != NULL);
}

BOOL WINFAX_CALL FaxSetGlobalRoutingInfoW(HANDLE FaxHandle,
                                          const FAX_GLOBAL_ROUTING_INFOW *RoutingInfo)
{
    return set_global(FaxHandle, RoutingInfo ? RoutingInfo->SizeOfStruct : 0,
                      RoutingInfo ? RoutingInfo->Priority : 0,
                      (struct guid_argument){ .wide = RoutingInfo ? RoutingInfo->Guid : NULL },
                      RoutingInfo != NULL);
}
