/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The job queue: FaxEnumJobsA/W, FaxGetJobA/W, FaxSetJobA/W, FaxAbort.
 *
 * The driver owns the queue; these only translate.  A FAX_JOB_ENTRY is
 * the driver's struct faxport_job_info: the numbers (JS_*, FPS_*, JT_*,
 * JSA_*, DRT_*) are the same, UserName is the owner's login name
 * (getpwuid_r, or the uid in decimal), ScheduleTime is the
 * JSA_SPECIFIC_TIME time in UTC, and Status is the port state (FPS_*)
 * while the job is on a port, else 0.
 */
#include "fax_jobs.h"

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "faxport_client.h"

#include "win32/errno_to_win32.h"
#include "win32/filetime.h"
#include "win32/handle_table.h"
#include "win32/last_error.h"
#include "win32/result_buffer.h"
#include "fax_handle_errors.h"
#include "user_names.h"
#include "winfax.h"

_Static_assert(JS_PENDING == FAXPORT_JS_PENDING && JS_INPROGRESS == FAXPORT_JS_INPROGRESS &&
               JS_DELETING == FAXPORT_JS_DELETING && JS_FAILED == FAXPORT_JS_FAILED &&
               JS_PAUSED == FAXPORT_JS_PAUSED && JS_NOLINE == FAXPORT_JS_NOLINE &&
               JS_RETRYING == FAXPORT_JS_RETRYING &&
               JS_RETRIES_EXCEEDED == FAXPORT_JS_RETRIES_EXCEEDED, "JS_*");
_Static_assert(JT_SEND == FAXPORT_JOB_SEND && JT_RECEIVE == FAXPORT_JOB_RECEIVE, "JT_*");
_Static_assert(JC_DELETE == FAXPORT_JC_DELETE && JC_PAUSE == FAXPORT_JC_PAUSE &&
               JC_RESUME == FAXPORT_JC_RESUME, "JC_*");

/* One filler writes both forms through the A form's offsets. */
#define JOB_ENTRY_SIZE sizeof(FAX_JOB_ENTRYA)
_Static_assert(sizeof(FAX_JOB_ENTRYA) == sizeof(FAX_JOB_ENTRYW), "A/W sizes");
_Static_assert(offsetof(FAX_JOB_ENTRYA, UserName) == offsetof(FAX_JOB_ENTRYW, UserName) &&
               offsetof(FAX_JOB_ENTRYA, ScheduleTime) == offsetof(FAX_JOB_ENTRYW, ScheduleTime) &&
               offsetof(FAX_JOB_ENTRYA, DocumentName) == offsetof(FAX_JOB_ENTRYW, DocumentName),
               "A/W layout");

#define JOB_LIST_INITIAL_CAPACITY 16

void winfax_terminate_job_strings(struct faxport_job_info *info)
{
    struct faxport_job_param *param = &info->param;

    info->remote_id[sizeof(info->remote_id) - 1] = '\0';
    param->recipient_number[sizeof(param->recipient_number) - 1] = '\0';
    param->recipient_name[sizeof(param->recipient_name) - 1] = '\0';
    param->tsid[sizeof(param->tsid) - 1] = '\0';
    param->sender_name[sizeof(param->sender_name) - 1] = '\0';
    param->sender_company[sizeof(param->sender_company) - 1] = '\0';
    param->sender_dept[sizeof(param->sender_dept) - 1] = '\0';
    param->billing_code[sizeof(param->billing_code) - 1] = '\0';
    param->delivery_report_address[sizeof(param->delivery_report_address) - 1] = '\0';
    param->document_name[sizeof(param->document_name) - 1] = '\0';
}

/* A queue bigger than the driver can hold (FAXPORT_JOBS_MAX) is a driver
 * bug: -EOVERFLOW, ERROR_NOT_ENOUGH_MEMORY. */
int winfax_list_jobs(int server_fd, struct faxport_job_info **infos_out, uint32_t *count_out)
{
    void *entries;
    uint32_t count;
    int error = faxport_list(server_fd, FAXPORT_IOC_JOB_LIST, sizeof(struct faxport_job_info),
                             JOB_LIST_INITIAL_CAPACITY, FAXPORT_JOBS_MAX, &entries, &count);
    struct faxport_job_info *infos;

    if (error)
        return error;
    infos = entries;
    for (uint32_t i = 0; i < count; i++)
        winfax_terminate_job_strings(&infos[i]);
    *infos_out = infos;
    *count_out = count;
    return 0;
}

/* ---- FAX_JOB_ENTRY ------------------------------------------------------------ */

static void put_dword(unsigned char *entry, size_t offset, DWORD value)
{
    memcpy(entry + offset, &value, sizeof(value));
}

/* "" is an unset string in the driver, NULL in a Windows result. */
static void add_text(struct winfax_result_builder *builder, unsigned char *entry, size_t offset,
                     const char *text)
{
    winfax_result_builder_add_string(builder, entry + offset, text[0] ? text : NULL);
}

/* The last owner looked up: a queue is mostly a few users' jobs, and each
 * lookup may ask NSS (a file read, or LDAP). */
struct owner_cache {
    uint32_t uid;
    char *name;   /* NULL: nothing cached */
};

/* The owner's name, owned by the cache; NULL when out of memory. */
static const char *owner_name(struct owner_cache *cache, uint32_t uid)
{
    if (cache->name && cache->uid == uid)
        return cache->name;
    free(cache->name);
    cache->name = winfax_user_name_for_uid(uid);
    cache->uid = uid;
    return cache->name;
}

/* The builder keeps the first error. */
static void fill_job_entry(struct winfax_result_builder *builder, unsigned char *entry,
                           const struct faxport_job_info *info, struct owner_cache *owners)
{
    const struct faxport_job_param *param = &info->param;
    const char *user_name = owner_name(owners, info->owner_uid);
    SYSTEMTIME schedule_time = { 0, 0, 0, 0, 0, 0, 0, 0 };

    put_dword(entry, offsetof(FAX_JOB_ENTRYA, SizeOfStruct), (DWORD)JOB_ENTRY_SIZE);
    put_dword(entry, offsetof(FAX_JOB_ENTRYA, JobId), info->job_id);
    put_dword(entry, offsetof(FAX_JOB_ENTRYA, JobType), info->job_type);
    put_dword(entry, offsetof(FAX_JOB_ENTRYA, QueueStatus), info->queue_status);
    put_dword(entry, offsetof(FAX_JOB_ENTRYA, Status), info->state);
    /* Size is a DWORD in the API; a document past 4 GiB shows as the most
     * a DWORD holds rather than wrapping around. */
    put_dword(entry, offsetof(FAX_JOB_ENTRYA, Size),
              info->size > 0xFFFFFFFFu ? 0xFFFFFFFFu : (DWORD)info->size);
    /* The document's pages once the engine knows them, else the pages
     * done so far (a receive counts up). */
    put_dword(entry, offsetof(FAX_JOB_ENTRYA, PageCount),
              info->total_pages ? info->total_pages : info->page_count);
    put_dword(entry, offsetof(FAX_JOB_ENTRYA, ScheduleAction), param->schedule_action);
    if (param->schedule_action == FAXPORT_SCHEDULE_AT)
        schedule_time = winfax_systemtime_from_ns(param->schedule_time_ns);
    memcpy(entry + offsetof(FAX_JOB_ENTRYA, ScheduleTime), &schedule_time, sizeof(schedule_time));
    put_dword(entry, offsetof(FAX_JOB_ENTRYA, DeliveryReportType), param->delivery_report_type);

    if (!user_name)
        builder->error = builder->error ? builder->error : -ENOMEM;
    else
        winfax_result_builder_add_string(builder, entry + offsetof(FAX_JOB_ENTRYA, UserName),
                                         user_name);
    add_text(builder, entry, offsetof(FAX_JOB_ENTRYA, RecipientNumber), param->recipient_number);
    add_text(builder, entry, offsetof(FAX_JOB_ENTRYA, RecipientName), param->recipient_name);
    add_text(builder, entry, offsetof(FAX_JOB_ENTRYA, Tsid), param->tsid);
    add_text(builder, entry, offsetof(FAX_JOB_ENTRYA, SenderName), param->sender_name);
    add_text(builder, entry, offsetof(FAX_JOB_ENTRYA, SenderCompany), param->sender_company);
    add_text(builder, entry, offsetof(FAX_JOB_ENTRYA, SenderDept), param->sender_dept);
    add_text(builder, entry, offsetof(FAX_JOB_ENTRYA, BillingCode), param->billing_code);
    add_text(builder, entry, offsetof(FAX_JOB_ENTRYA, DeliveryReportAddress),
             param->delivery_report_address);
    add_text(builder, entry, offsetof(FAX_JOB_ENTRYA, DocumentName), param->document_name);
}

/* One block: count entries, then their strings.  NULL with the last error
 * set on failure. */
static void *build_job_entries(enum winfax_string_form form,
                               const struct faxport_job_info *infos, uint32_t count)
{
    struct owner_cache owners = { 0, NULL };
    struct winfax_result_builder builder;
    unsigned char *entries;
    void *block;

    if (winfax_result_builder_init(&builder, form, (size_t)count * JOB_ENTRY_SIZE) != 0) {
        winfax_fail(winfax_result_error_to_win32(builder.error));
        winfax_result_builder_discard(&builder);
        return NULL;
    }
    entries = winfax_result_builder_fixed(&builder);
    for (uint32_t i = 0; i < count; i++)
        fill_job_entry(&builder, entries + (size_t)i * JOB_ENTRY_SIZE, &infos[i], &owners);
    free(owners.name);
    block = winfax_result_builder_finish(&builder, NULL);
    if (!block)
        winfax_fail(winfax_result_error_to_win32(builder.error));
    return block;
}

/* ---- FaxEnumJobs ---------------------------------------------------------------- */

/*
 * FaxEnumJobs and FaxGetJob document ERROR_ACCESS_DENIED without
 * FAX_JOB_QUERY.  The driver, asked by a handle without it, answers with
 * the caller's own jobs only (what faxctl shows such a user); the API
 * refuses instead, so a program sees what Windows would tell it.  The
 * rights are fixed when the handle is opened: -EACCES, 0, or the
 * driver's error.
 */
static int require_job_query(int server_fd)
{
    struct faxport_rights rights = { 0 };
    int error = faxport_ioctl(server_fd, FAXPORT_IOC_GET_RIGHTS, &rights);

    if (error)
        return error;
    return (rights.rights & FAX_JOB_QUERY) ? 0 : -EACCES;
}

static BOOL enum_jobs_into(HANDLE fax_handle, enum winfax_string_form form, bool outputs_given,
                           void **block, DWORD *count)
{
    struct winfax_handle_ref server;
    struct faxport_job_info *infos = NULL;
    uint32_t job_count = 0;
    int error;

    *block = NULL;
    *count = 0;
    if (!winfax_handle_get(fax_handle, WINFAX_HANDLE_FAX_SERVER, &server))
        return winfax_fail_unknown_handle(fax_handle);
    if (!outputs_given) {
        winfax_handle_put(&server);
        return winfax_fail(ERROR_INVALID_PARAMETER);
    }
    error = require_job_query(server.fd);
    if (!error)
        error = winfax_list_jobs(server.fd, &infos, &job_count);
    winfax_handle_put(&server);
    if (error)
        return winfax_fail_errno(error);
    *block = build_job_entries(form, infos, job_count);
    free(infos);
    if (!*block)
        return FALSE;
    *count = job_count;
    return TRUE;
}

/* Both entry points: *entries_out is the application's PFAX_JOB_ENTRYA or
 * PFAX_JOB_ENTRYW pointer, written when both outputs are given, also on failure
 * (NULL and 0, which FaxFreeBuffer and a loop over the result handle). */
static BOOL enum_jobs(HANDLE fax_handle, enum winfax_string_form form, void *entries_out,
                      LPDWORD count_out)
{
    void *block;
    DWORD count;
    BOOL listed = enum_jobs_into(fax_handle, form, entries_out && count_out, &block, &count);

    if (entries_out && count_out) {
        memcpy(entries_out, &block, sizeof(block));
        *count_out = count;
    }
    return listed;
}

BOOL WINFAX_CALL FaxEnumJobsA(HANDLE FaxHandle, PFAX_JOB_ENTRYA *JobEntry, LPDWORD JobsReturned)
{
    return enum_jobs(FaxHandle, WINFAX_STRINGS_ANSI, JobEntry, JobsReturned);
}

BOOL WINFAX_CALL FaxEnumJobsW(HANDLE FaxHandle, PFAX_JOB_ENTRYW *JobEntry, LPDWORD JobsReturned)
{
    return enum_jobs(FaxHandle, WINFAX_STRINGS_WIDE, JobEntry, JobsReturned);
}

/* ---- FaxGetJob ------------------------------------------------------------------ */

/*
 * A job id the driver does not know, or one the caller may not see
 * (ENOENT), is a bad argument to the API: ERROR_INVALID_PARAMETER, the
 * code Windows gives for a bad job id.
 */
static DWORD job_error_to_win32(int error)
{
    return error == -ENOENT ? ERROR_INVALID_PARAMETER : winfax_win32_error_from_errno(error);
}

static BOOL get_job(HANDLE fax_handle, DWORD job_id, enum winfax_string_form form,
                    bool output_given, void **block)
{
    struct winfax_handle_ref server;
    struct faxport_job_get *request;
    int error;

    *block = NULL;
    if (!winfax_handle_get(fax_handle, WINFAX_HANDLE_FAX_SERVER, &server))
        return winfax_fail_unknown_handle(fax_handle);
    if (!output_given) {
        winfax_handle_put(&server);
        return winfax_fail(ERROR_INVALID_PARAMETER);
    }
    /* Zeroed: the reserved field must be 0, and the whole answer is then
     * defined memory for tools like valgrind. */
    request = calloc(1, sizeof(*request));
    if (!request) {
        winfax_handle_put(&server);
        return winfax_fail(ERROR_NOT_ENOUGH_MEMORY);
    }
    request->job_id = job_id;
    error = require_job_query(server.fd);
    if (!error)
        error = faxport_ioctl(server.fd, FAXPORT_IOC_JOB_GET, request);
    winfax_handle_put(&server);
    if (error) {
        free(request);
        return winfax_fail(job_error_to_win32(error));
    }
    winfax_terminate_job_strings(&request->info);
    *block = build_job_entries(form, &request->info, 1);
    free(request);
    return *block != NULL;
}

BOOL WINFAX_CALL FaxGetJobA(HANDLE FaxHandle, DWORD JobId, PFAX_JOB_ENTRYA *JobEntry)
{
    void *block;
    BOOL got = get_job(FaxHandle, JobId, WINFAX_STRINGS_ANSI, JobEntry != NULL, &block);

    if (JobEntry)
        *JobEntry = block;
    return got;
}

BOOL WINFAX_CALL FaxGetJobW(HANDLE FaxHandle, DWORD JobId, PFAX_JOB_ENTRYW *JobEntry)
{
    void *block;
    BOOL got = get_job(FaxHandle, JobId, WINFAX_STRINGS_WIDE, JobEntry != NULL, &block);

    if (JobEntry)
        *JobEntry = block;
    return got;
}

/* ---- FaxSetJob, FaxAbort -------------------------------------------------------- */

/*
 * The owner and handles with FAX_JOB_MANAGE only (EACCES:
 * ERROR_ACCESS_DENIED).  The driver refuses to pause or resume a receive
 * job (EBUSY): for the API that command is not valid for that job, and
 * Microsoft documents an invalid Command as ERROR_INVALID_PARAMETER (not
 * ERROR_DEVICE_IN_USE, which FaxSetJob's page does not list).  Pausing a job on the line lets its call go on
 * and keeps it paused should it come back to the queue.  Deleting a job on
 * the line ends its call; the job leaves the queue when the engine has hung
 * up (FEI_DELETED).
 */
static BOOL control_job(HANDLE fax_handle, DWORD job_id, DWORD command)
{
    struct winfax_handle_ref server;
    struct faxport_job_control control = { .job_id = job_id, .command = command };
    int error;

    if (!winfax_handle_get(fax_handle, WINFAX_HANDLE_FAX_SERVER, &server))
        return winfax_fail(ERROR_INVALID_HANDLE);
    if (command != JC_DELETE && command != JC_PAUSE && command != JC_RESUME) {
        winfax_handle_put(&server);
        return winfax_fail(ERROR_INVALID_PARAMETER);
    }
    error = faxport_ioctl(server.fd, FAXPORT_IOC_JOB_CONTROL, &control);
    winfax_handle_put(&server);
    if (error == -EBUSY && command != JC_DELETE)
        return winfax_fail(ERROR_INVALID_PARAMETER);
    if (error)
        return winfax_fail(job_error_to_win32(error));
    return TRUE;
}

/* The API says JobEntry must be NULL: a non-NULL one is refused rather
 * than ignored, so a program that expects it to change the job learns
 * that it does not.  The handle is checked first, as everywhere. */
static BOOL set_job(HANDLE fax_handle, DWORD job_id, DWORD command, bool entry_given)
{
    if (!fax_handle)
        return winfax_fail_unknown_handle(fax_handle);
    if (entry_given) {
        struct winfax_handle_ref server;

        if (!winfax_handle_get(fax_handle, WINFAX_HANDLE_FAX_SERVER, &server))
            return winfax_fail(ERROR_INVALID_HANDLE);
        winfax_handle_put(&server);
        return winfax_fail(ERROR_INVALID_PARAMETER);
    }
    return control_job(fax_handle, job_id, command);
}

BOOL WINFAX_CALL FaxSetJobA(HANDLE FaxHandle, DWORD JobId, DWORD Command,
                            const FAX_JOB_ENTRYA *JobEntry)
{
    return set_job(FaxHandle, JobId, Command, JobEntry != NULL);
}

BOOL WINFAX_CALL FaxSetJobW(HANDLE FaxHandle, DWORD JobId, DWORD Command,
                            const FAX_JOB_ENTRYW *JobEntry)
{
    return set_job(FaxHandle, JobId, Command, JobEntry != NULL);
}

BOOL WINFAX_CALL FaxAbort(HANDLE FaxHandle, DWORD JobId)
{
    return control_job(FaxHandle, JobId, JC_DELETE);
}
