/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * FaxGetDeviceStatusA/W: a port and the job on it, in one FAX_DEVICE_STATUS.
 *
 * The port comes from FAXPORT_IOC_PORT_GET on the port handle; the job is
 * found in the queue (FAXPORT_IOC_JOB_LIST, listed through the fd of the
 * server handle the port handle was opened through, its parent in the
 * handle table) as the job whose device_id is the port's: the uAPI has no
 * "job of this port" request.  A port with no
 * job, or whose job the caller may not see (no FAX_JOB_QUERY and not the
 * owner), gives the port's fields only: JobType JT_UNKNOWN and the job
 * fields NULL or 0.
 *
 * Fields: Status is the FPS_* state the engine last reported for the job
 * on the port, else the port's own state (the port's state follows the
 * line, so an engine that reports progress before its call is connected
 * would otherwise show FPS_AVAILABLE); DeviceName the port's name;
 * for a send job Tsid is the TSID the job sends (its own, else the
 * port's), Csid the far end's station id once known, PhoneNumber the
 * number dialled; for a receive job Csid is the port's CSID and Tsid the
 * far end's station id.  StartTime and SubmittedTime are FILETIMEs (UTC)
 * of the kernel's CLOCK_REALTIME times.  CallerId and RoutingString are
 * the caller and the number called while a call comes in, NULL otherwise;
 * StatusString is always NULL: every state is an FPS_* value.
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <linux/faxport.h>

#include "faxport_client.h"

#include "win32/errno_to_win32.h"
#include "fax_jobs.h"
#include "win32/filetime.h"
#include "win32/handle_table.h"
#include "win32/last_error.h"
#include "win32/result_buffer.h"
#include "fax_handle_errors.h"
#include "user_names.h"
#include "winfax.h"

_Static_assert(sizeof(FAX_DEVICE_STATUSA) == sizeof(FAX_DEVICE_STATUSW), "A/W sizes");
_Static_assert(offsetof(FAX_DEVICE_STATUSA, UserName) == offsetof(FAX_DEVICE_STATUSW, UserName),
               "A/W layout");

/* "" is an unset string in the driver, NULL in a Windows result. */
static const char *text_or_null(const char *text)
{
    return text && text[0] ? text : NULL;
}

static void fill_job_fields(struct winfax_result_builder *builder, FAX_DEVICE_STATUSA *status,
                            const struct faxport_port_info *port,
                            const struct faxport_job_info *job)
{
    const struct faxport_job_param *param = &job->param;
    char *user_name = winfax_user_name_for_uid(job->owner_uid);
    bool sending = job->job_type == FAXPORT_JOB_SEND;

    status->JobType = job->job_type;
    if (job->state)
        status->Status = job->state;
    status->CurrentPage = job->current_page;
    status->TotalPages = job->total_pages;
    status->Size = job->size > 0xFFFFFFFFu ? 0xFFFFFFFFu : (DWORD)job->size;
    status->StartTime = winfax_filetime_from_ns(job->started_ns);
    status->SubmittedTime = winfax_filetime_from_ns(job->submitted_ns);
    if (!user_name && !builder->error)
        builder->error = -ENOMEM;
    winfax_result_builder_add_string(builder, &status->UserName, user_name);
    free(user_name);
    winfax_result_builder_add_string(builder, &status->DocumentName,
                                     text_or_null(param->document_name));
    winfax_result_builder_add_string(builder, &status->SenderName,
                                     text_or_null(param->sender_name));
    winfax_result_builder_add_string(builder, &status->RecipientName,
                                     text_or_null(param->recipient_name));
    if (sending) {
        winfax_result_builder_add_string(builder, &status->PhoneNumber,
                                         text_or_null(param->recipient_number));
        winfax_result_builder_add_string(builder, &status->Tsid,
                                         text_or_null(param->tsid[0] ? param->tsid : port->tsid));
        winfax_result_builder_add_string(builder, &status->Csid, text_or_null(job->remote_id));
    } else {
        winfax_result_builder_add_string(builder, &status->Tsid, text_or_null(job->remote_id));
        winfax_result_builder_add_string(builder, &status->Csid, text_or_null(port->csid));
    }
}

/* An incoming call's caller and the number it called (the DID a SIP trunk
 * or the exchange gave), as FAX_DEVICE_STATUS shows them. */
static void fill_call_fields(struct winfax_result_builder *builder, FAX_DEVICE_STATUSA *status,
                             const struct faxport_port_call *call)
{
    if (call->direction != FAXPORT_CALL_INCOMING)
        return;
    winfax_result_builder_add_string(builder, &status->CallerId,
                                     text_or_null(call->caller_number[0] ? call->caller_number
                                                                         : call->caller_name));
    winfax_result_builder_add_string(builder, &status->RoutingString,
                                     text_or_null(call->called_number));
}

static void *build_device_status(enum winfax_string_form form,
                                 const struct faxport_port_info *port,
                                 const struct faxport_port_call *call,
                                 const struct faxport_job_info *job)
{
    struct winfax_result_builder builder;
    FAX_DEVICE_STATUSA *status;
    void *block;

    if (winfax_result_builder_init(&builder, form, sizeof(FAX_DEVICE_STATUSA)) != 0) {
        winfax_result_builder_discard(&builder);
        winfax_fail(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    /* The A form's layout serves both: the builder writes the strings in
     * the requested form. */
    status = winfax_result_builder_fixed(&builder);
    status->SizeOfStruct = sizeof(FAX_DEVICE_STATUSA);
    status->DeviceId = port->device_id;
    status->Status = port->state;
    status->JobType = JT_UNKNOWN;
    winfax_result_builder_add_string(&builder, &status->DeviceName, text_or_null(port->name));
    if (job) {
        fill_job_fields(&builder, status, port, job);
    } else {
        winfax_result_builder_add_string(&builder, &status->Tsid, text_or_null(port->tsid));
        winfax_result_builder_add_string(&builder, &status->Csid, text_or_null(port->csid));
    }
    fill_call_fields(&builder, status, call);
    block = winfax_result_builder_finish(&builder, NULL);
    if (!block)
        winfax_fail(winfax_result_error_to_win32(builder.error));
    return block;
}

static BOOL get_device_status(HANDLE port_handle, enum winfax_string_form form,
                              bool output_given, void **block)
{
    struct winfax_handle_ref port;
    struct faxport_port_info info;
    struct faxport_port_call call;
    struct faxport_job_info *jobs = NULL;
    const struct faxport_job_info *job = NULL;
    uint32_t job_count = 0;
    int error;

    *block = NULL;
    if (!winfax_handle_get(port_handle, WINFAX_HANDLE_FAX_PORT, &port))
        return winfax_fail_unknown_handle(port_handle);
    if (!output_given) {
        winfax_handle_put(&port);
        return winfax_fail(ERROR_INVALID_PARAMETER);
    }
    memset(&info, 0, sizeof(info));
    /* A removed port: ENODEV, ERROR_BAD_UNIT. */
    error = faxport_ioctl(port.fd, FAXPORT_IOC_PORT_GET, &info);
    /* The call is extra: a driver without PORT_CALL_GET gives a status without it. */
    memset(&call, 0, sizeof(call));
    if (!error && faxport_ioctl(port.fd, FAXPORT_IOC_PORT_CALL_GET, &call))
        memset(&call, 0, sizeof(call));
    call.caller_number[sizeof(call.caller_number) - 1] = '\0';
    call.caller_name[sizeof(call.caller_name) - 1] = '\0';
    call.called_number[sizeof(call.called_number) - 1] = '\0';
    if (!error && port.parent_fd >= 0)
        error = winfax_list_jobs(port.parent_fd, &jobs, &job_count);
    winfax_handle_put(&port);
    if (error)
        return winfax_fail_errno(error);
    info.name[sizeof(info.name) - 1] = '\0';
    info.tsid[sizeof(info.tsid) - 1] = '\0';
    info.csid[sizeof(info.csid) - 1] = '\0';
    for (uint32_t i = 0; i < job_count; i++) {
        if (jobs[i].device_id == info.device_id) {
            job = &jobs[i];
            break;
        }
    }
    *block = build_device_status(form, &info, &call, job);
    free(jobs);
    return *block != NULL;
}

BOOL WINFAX_CALL FaxGetDeviceStatusA(HANDLE FaxPortHandle, PFAX_DEVICE_STATUSA *DeviceStatus)
{
    void *block;
    BOOL got = get_device_status(FaxPortHandle, WINFAX_STRINGS_ANSI, DeviceStatus != NULL,
                                 &block);

    if (DeviceStatus)
        *DeviceStatus = block;
    return got;
}

BOOL WINFAX_CALL FaxGetDeviceStatusW(HANDLE FaxPortHandle, PFAX_DEVICE_STATUSW *DeviceStatus)
{
    void *block;
    BOOL got = get_device_status(FaxPortHandle, WINFAX_STRINGS_WIDE, DeviceStatus != NULL,
                                 &block);

    if (DeviceStatus)
        *DeviceStatus = block;
    return got;
}
