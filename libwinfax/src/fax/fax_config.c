/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The server's settings: FaxGetConfigurationA/W, FaxSetConfigurationA/W,
 * FaxGetLoggingCategoriesA/W, FaxSetLoggingCategoriesA/W.
 *
 * FAX_CONFIGURATION is the driver's struct faxport_config field by field,
 * except the discount period: Windows gives StartCheapTime/StopCheapTime
 * in local time, the driver keeps minutes after midnight UTC (the kernel
 * has no time zone).  Both directions use the UTC offset in force at the
 * moment of the call.  Caveat: the window is stored in UTC, so after a
 * daylight saving change it reads back (and applies) one hour off in local
 * time until it is set again; Windows keeps local time and has no such
 * shift.
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <linux/faxport.h>

#include "faxport_client.h"

#include "win32/errno_to_win32.h"
#include "win32/filetime.h"
#include "win32/handle_table.h"
#include "win32/last_error.h"
#include "win32/result_buffer.h"
#include "winfax.h"
#include "win32/win32_strings.h"
#include "fax_handle_errors.h"

_Static_assert(sizeof(FAX_CONFIGURATIONA) == sizeof(FAX_CONFIGURATIONW), "A/W sizes");
_Static_assert(offsetof(FAX_CONFIGURATIONA, ArchiveDirectory) ==
               offsetof(FAX_CONFIGURATIONW, ArchiveDirectory), "A/W layout");
_Static_assert(sizeof(FAX_LOG_CATEGORYA) == sizeof(FAX_LOG_CATEGORYW), "A/W sizes");
_Static_assert(FAXLOG_LEVEL_MAX == FAXPORT_LOG_LEVEL_MAX, "levels");
_Static_assert(FAXLOG_CATEGORY_UNKNOWN == FAXPORT_LOG_CATEGORIES, "categories 1..4");

#define MINUTES_PER_HOUR 60
#define HOURS_PER_DAY    24

/* ---- FaxGetConfiguration ---------------------------------------------------- */

static FAX_TIME fax_time_from_utc_minutes(uint32_t utc_minutes)
{
    uint32_t local = winfax_local_minutes_from_utc(utc_minutes);
    FAX_TIME time = { (WORD)(local / MINUTES_PER_HOUR), (WORD)(local % MINUTES_PER_HOUR) };

    return time;
}

static BOOL get_configuration(HANDLE fax_handle, enum winfax_string_form form, bool output_given,
                              void **block)
{
    struct winfax_handle_ref server;
    struct faxport_config config;
    struct winfax_result_builder builder;
    FAX_CONFIGURATIONA *fixed;
    int error;

    *block = NULL;
    if (!winfax_handle_get(fax_handle, WINFAX_HANDLE_FAX_SERVER, &server))
        return winfax_fail_unknown_handle(fax_handle);
    if (!output_given) {
        winfax_handle_put(&server);
        return winfax_fail(ERROR_INVALID_PARAMETER);
    }
    memset(&config, 0, sizeof(config));
    /* Needs FAX_CONFIG_QUERY: EACCES, ERROR_ACCESS_DENIED. */
    error = faxport_ioctl(server.fd, FAXPORT_IOC_CONFIG_GET, &config);
    winfax_handle_put(&server);
    if (error)
        return winfax_fail_errno(error);
    config.archive_dir[sizeof(config.archive_dir) - 1] = '\0';

    if (winfax_result_builder_init(&builder, form, sizeof(FAX_CONFIGURATIONA)) != 0) {
        winfax_result_builder_discard(&builder);
        return winfax_fail(ERROR_NOT_ENOUGH_MEMORY);
    }
    /* The A form's non-string fields are the W form's; the strings are
     * written by the builder in the requested form. */
    fixed = winfax_result_builder_fixed(&builder);
    fixed->SizeOfStruct = sizeof(FAX_CONFIGURATIONA);
    fixed->Retries = config.retries;
    fixed->RetryDelay = config.retry_delay_min;
    fixed->DirtyDays = config.dirty_days;
    fixed->Branding = config.branding != 0;
    fixed->UseDeviceTsid = config.use_device_tsid != 0;
    fixed->ServerCp = config.server_cp != 0;
    fixed->PauseServerQueue = config.pause_server_queue != 0;
    fixed->StartCheapTime = fax_time_from_utc_minutes(config.start_cheap_min);
    fixed->StopCheapTime = fax_time_from_utc_minutes(config.stop_cheap_min);
    fixed->ArchiveOutgoingFaxes = config.archive_outgoing != 0;
    /* No archive folder is NULL, as Windows gives for an unset string;
     * Reserved (Windows 2000's InboundProfile, a MAPI profile) has no
     * meaning here and is NULL. */
    winfax_result_builder_add_string(&builder, &fixed->ArchiveDirectory,
                                     config.archive_dir[0] ? config.archive_dir : NULL);
    winfax_result_builder_add_string(&builder, &fixed->Reserved, NULL);
    *block = winfax_result_builder_finish(&builder, NULL);
    if (!*block)
        return winfax_fail(winfax_result_error_to_win32(builder.error));
    return TRUE;
}

BOOL WINFAX_CALL FaxGetConfigurationA(HANDLE FaxHandle, PFAX_CONFIGURATIONA *FaxConfig)
{
    void *block;
    BOOL got = get_configuration(FaxHandle, WINFAX_STRINGS_ANSI, FaxConfig != NULL, &block);

    if (FaxConfig)
        *FaxConfig = block;
    return got;
}

BOOL WINFAX_CALL FaxGetConfigurationW(HANDLE FaxHandle, PFAX_CONFIGURATIONW *FaxConfig)
{
    void *block;
    BOOL got = get_configuration(FaxHandle, WINFAX_STRINGS_WIDE, FaxConfig != NULL, &block);

    if (FaxConfig)
        *FaxConfig = block;
    return got;
}

/* ---- FaxSetConfiguration ---------------------------------------------------- */

static bool utc_minutes_from_fax_time(FAX_TIME time, uint32_t *utc_minutes)
{
    if (time.Hour >= HOURS_PER_DAY || time.Minute >= MINUTES_PER_HOUR)
        return false;
    *utc_minutes = winfax_utc_minutes_from_local((uint32_t)time.Hour * MINUTES_PER_HOUR +
                                                 time.Minute);
    return true;
}

/*
 * archive_dir is UTF-8 (NULL: no folder).  BOOLs are TRUE when nonzero, as
 * in Win32.  ERROR_INVALID_PARAMETER: SizeOfStruct, a FAX_TIME out of
 * range, a folder that does not fit (255 bytes) or that the driver refuses
 * (not absolute), and every value the driver refuses (Retries 0..99,
 * RetryDelay 0..1440 minutes, DirtyDays 0..365).  ERROR_ACCESS_DENIED
 * without FAX_CONFIG_SET.  Reserved is ignored.
 */
static BOOL set_configuration(HANDLE fax_handle, const FAX_CONFIGURATIONA *given,
                              const char *archive_dir)
{
    struct winfax_handle_ref server;
    struct faxport_config config;
    size_t archive_length = archive_dir ? strlen(archive_dir) : 0;
    int error;

    if (!winfax_handle_get(fax_handle, WINFAX_HANDLE_FAX_SERVER, &server))
        return winfax_fail(ERROR_INVALID_HANDLE);
    memset(&config, 0, sizeof(config));
    if (given->SizeOfStruct != sizeof(FAX_CONFIGURATIONA) ||
        !utc_minutes_from_fax_time(given->StartCheapTime, &config.start_cheap_min) ||
        !utc_minutes_from_fax_time(given->StopCheapTime, &config.stop_cheap_min) ||
        archive_length >= sizeof(config.archive_dir)) {
        winfax_handle_put(&server);
        return winfax_fail(ERROR_INVALID_PARAMETER);
    }
    config.retries = given->Retries;
    config.retry_delay_min = given->RetryDelay;
    config.dirty_days = given->DirtyDays;
    config.branding = given->Branding != 0;
    config.use_device_tsid = given->UseDeviceTsid != 0;
    config.server_cp = given->ServerCp != 0;
    config.pause_server_queue = given->PauseServerQueue != 0;
    config.archive_outgoing = given->ArchiveOutgoingFaxes != 0;
    if (archive_length)
        memcpy(config.archive_dir, archive_dir, archive_length);
    error = faxport_ioctl(server.fd, FAXPORT_IOC_CONFIG_SET, &config);
    winfax_handle_put(&server);
    if (error)
        return winfax_fail_errno(error);
    return TRUE;
}

/* The handle comes first, then the structure, as in every call. */
static bool is_server_handle(HANDLE handle)
{
    struct winfax_handle_ref server;

    if (!winfax_handle_get(handle, WINFAX_HANDLE_FAX_SERVER, &server))
        return false;
    winfax_handle_put(&server);
    return true;
}

BOOL WINFAX_CALL FaxSetConfigurationA(HANDLE FaxHandle, const FAX_CONFIGURATIONA *FaxConfig)
{
    char *archive_dir;
    BOOL done;

    if (!is_server_handle(FaxHandle))
        return winfax_fail(ERROR_INVALID_HANDLE);
    if (!FaxConfig)
        return winfax_fail(ERROR_INVALID_PARAMETER);
    if (winfax_ansi_is_utf8() || !FaxConfig->ArchiveDirectory)
        return set_configuration(FaxHandle, FaxConfig, FaxConfig->ArchiveDirectory);
    /* faxd, not this process, uses the folder: it is stored in UTF-8. */
    archive_dir = winfax_ansi_to_utf8_alloc(FaxConfig->ArchiveDirectory);
    if (!archive_dir)
        return winfax_fail(errno == ENOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_PARAMETER);
    done = set_configuration(FaxHandle, FaxConfig, archive_dir);
    free(archive_dir);
    return done;
}

BOOL WINFAX_CALL FaxSetConfigurationW(HANDLE FaxHandle, const FAX_CONFIGURATIONW *FaxConfig)
{
    FAX_CONFIGURATIONA narrow;
    char *archive_dir = NULL;
    BOOL done;

    if (!is_server_handle(FaxHandle))
        return winfax_fail(ERROR_INVALID_HANDLE);
    if (!FaxConfig || FaxConfig->SizeOfStruct != sizeof(FAX_CONFIGURATIONW))
        return winfax_fail(ERROR_INVALID_PARAMETER);
    if (FaxConfig->ArchiveDirectory &&
        !(archive_dir = winfax_utf16_to_utf8_alloc(FaxConfig->ArchiveDirectory)))
        return winfax_fail(errno == ENOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_PARAMETER);
    /* Same layout but for the string types: copy the numbers over. */
    memcpy(&narrow, FaxConfig, sizeof(narrow));
    narrow.ArchiveDirectory = NULL;
    narrow.Reserved = NULL;
    done = set_configuration(FaxHandle, &narrow, archive_dir);
    free(archive_dir);
    return done;
}

/* ---- logging categories ------------------------------------------------------ */

/* The names Windows gives its four categories. */
static const char *const category_names[FAXPORT_LOG_CATEGORIES] = {
    "Initialization/Termination", "Outbound", "Inbound", "Unknown",
};

static BOOL get_logging_categories(HANDLE fax_handle, enum winfax_string_form form,
                                   bool outputs_given, void **block, DWORD *count)
{
    struct winfax_handle_ref server;
    struct faxport_logging logging;
    struct winfax_result_builder builder;
    FAX_LOG_CATEGORYA *categories;
    int error;

    *block = NULL;
    *count = 0;
    if (!winfax_handle_get(fax_handle, WINFAX_HANDLE_FAX_SERVER, &server))
        return winfax_fail_unknown_handle(fax_handle);
    if (!outputs_given) {
        winfax_handle_put(&server);
        return winfax_fail(ERROR_INVALID_PARAMETER);
    }
    memset(&logging, 0, sizeof(logging));
    error = faxport_ioctl(server.fd, FAXPORT_IOC_LOGGING_GET, &logging);
    winfax_handle_put(&server);
    if (error)
        return winfax_fail_errno(error);

    if (winfax_result_builder_init(&builder, form,
                                   FAXPORT_LOG_CATEGORIES * sizeof(FAX_LOG_CATEGORYA)) != 0) {
        winfax_result_builder_discard(&builder);
        return winfax_fail(ERROR_NOT_ENOUGH_MEMORY);
    }
    categories = winfax_result_builder_fixed(&builder);
    for (DWORD i = 0; i < FAXPORT_LOG_CATEGORIES; i++) {
        categories[i].Category = i + 1;
        categories[i].Level = logging.level[i];
        winfax_result_builder_add_string(&builder, &categories[i].Name, category_names[i]);
    }
    *block = winfax_result_builder_finish(&builder, NULL);
    if (!*block)
        return winfax_fail(winfax_result_error_to_win32(builder.error));
    *count = FAXPORT_LOG_CATEGORIES;
    return TRUE;
}

BOOL WINFAX_CALL FaxGetLoggingCategoriesA(HANDLE FaxHandle, PFAX_LOG_CATEGORYA *Categories,
                                          LPDWORD NumberCategories)
{
    void *block;
    DWORD count;
    BOOL got = get_logging_categories(FaxHandle, WINFAX_STRINGS_ANSI,
                                      Categories && NumberCategories, &block, &count);

    if (Categories && NumberCategories) {
        *Categories = block;
        *NumberCategories = count;
    }
    return got;
}

BOOL WINFAX_CALL FaxGetLoggingCategoriesW(HANDLE FaxHandle, PFAX_LOG_CATEGORYW *Categories,
                                          LPDWORD NumberCategories)
{
    void *block;
    DWORD count;
    BOOL got = get_logging_categories(FaxHandle, WINFAX_STRINGS_WIDE,
                                      Categories && NumberCategories, &block, &count);

    if (Categories && NumberCategories) {
        *Categories = block;
        *NumberCategories = count;
    }
    return got;
}

/*
 * Categories are identified by Category (1..4), not by Name, which is
 * ignored; a category the array does not name keeps its level, which is
 * read first (two administrators setting at the same moment may overwrite
 * each other's other categories: the driver takes all four at once).
 * ERROR_INVALID_PARAMETER: a NULL array or a count of 0, a Category outside
 * 1..4, a Level above FAXLOG_LEVEL_MAX.  ERROR_ACCESS_DENIED without
 * FAX_CONFIG_SET (or FAX_CONFIG_QUERY, for the read).
 */
static BOOL set_logging_categories(HANDLE fax_handle, const FAX_LOG_CATEGORYA *categories,
                                   DWORD count)
{
    struct winfax_handle_ref server;
    struct faxport_logging logging;
    int error;

    if (!winfax_handle_get(fax_handle, WINFAX_HANDLE_FAX_SERVER, &server))
        return winfax_fail_unknown_handle(fax_handle);
    /* The documentation lists a NULL Categories as invalid, whatever the
     * count: an application that passes none has nothing to set. */
    if (!categories || !count) {
        winfax_handle_put(&server);
        return winfax_fail(ERROR_INVALID_PARAMETER);
    }
    for (DWORD i = 0; i < count; i++) {
        if (categories[i].Category < FAXLOG_CATEGORY_INIT ||
            categories[i].Category > FAXLOG_CATEGORY_UNKNOWN ||
            categories[i].Level > FAXLOG_LEVEL_MAX) {
            winfax_handle_put(&server);
            return winfax_fail(ERROR_INVALID_PARAMETER);
        }
    }
    memset(&logging, 0, sizeof(logging));
    error = faxport_ioctl(server.fd, FAXPORT_IOC_LOGGING_GET, &logging);
    for (DWORD i = 0; !error && i < count; i++)
        logging.level[categories[i].Category - 1] = categories[i].Level;
    if (!error)
        error = faxport_ioctl(server.fd, FAXPORT_IOC_LOGGING_SET, &logging);
    winfax_handle_put(&server);
    if (error)
        return winfax_fail_errno(error);
    return TRUE;
}

BOOL WINFAX_CALL FaxSetLoggingCategoriesA(HANDLE FaxHandle, const FAX_LOG_CATEGORYA *Categories,
                                          DWORD NumberCategories)
{
    return set_logging_categories(FaxHandle, Categories, NumberCategories);
}

/* Name is the only string and is ignored, so the W array is read through
 * the A type (same layout, static_assert above). */
BOOL WINFAX_CALL FaxSetLoggingCategoriesW(HANDLE FaxHandle, const FAX_LOG_CATEGORYW *Categories,
                                          DWORD NumberCategories)
{
    return set_logging_categories(FaxHandle, (const FAX_LOG_CATEGORYA *)(const void *)Categories,
                                  NumberCategories);
}
