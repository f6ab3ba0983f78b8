/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * FaxCompleteJobParamsA/W: a FAX_JOB_PARAM and a FAX_COVERPAGE_INFO filled
 * with the caller's defaults, each one block for FaxFreeBuffer.
 *
 * Windows takes these from the user's fax settings in the registry.  Here
 * they come from the user's own sender file (sender_defaults.h: name, fax
 * number, company, address, title, department, office location, phones,
 * billing code), and what it leaves unset from the passwd entry of the
 * calling process' real uid, whose GECOS field is "full name,room,work
 * phone,home phone,other" (chfn):
 *   SenderName, SdrName       the full name, or the login name when empty
 *   SdrOfficeLocation         the room
 *   SdrOfficePhone            the work phone
 *   SdrHomePhone              the home phone
 * SenderCompany/SdrCompany, SenderDept/SdrDepartment, BillingCode,
 * SdrFaxNumber, SdrAddress and SdrTitle come from the file alone.
 * Everything else is NULL or 0: ScheduleAction JSA_NOW, DeliveryReportType
 * DRT_NONE and so DeliveryReportAddress NULL (the documentation requires
 * the address to be NULL with DRT_NONE; asking for a report is the
 * caller's), no cover page (CoverPageName NULL, UseServerCoverPage FALSE).
 * Without a passwd entry, the fields are NULL; that is not an error.
 */
#include <errno.h>
#include <pwd.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "win32/last_error.h"
#include "win32/result_buffer.h"
#include "sender_defaults.h"
#include "user_names.h"
#include "winfax.h"

_Static_assert(sizeof(FAX_JOB_PARAMA) == sizeof(FAX_JOB_PARAMW), "A/W sizes");
_Static_assert(offsetof(FAX_JOB_PARAMA, SenderName) == offsetof(FAX_JOB_PARAMW, SenderName) &&
               offsetof(FAX_JOB_PARAMA, DeliveryReportAddress) ==
                       offsetof(FAX_JOB_PARAMW, DeliveryReportAddress),
               "A/W layout");
_Static_assert(sizeof(FAX_COVERPAGE_INFOA) == sizeof(FAX_COVERPAGE_INFOW), "A/W sizes");
_Static_assert(offsetof(FAX_COVERPAGE_INFOA, SdrName) == offsetof(FAX_COVERPAGE_INFOW, SdrName) &&
               offsetof(FAX_COVERPAGE_INFOA, SdrHomePhone) ==
                       offsetof(FAX_COVERPAGE_INFOW, SdrHomePhone),
               "A/W layout");

enum { GECOS_NAME, GECOS_ROOM, GECOS_WORK_PHONE, GECOS_HOME_PHONE, GECOS_FIELDS };

/* Splits a GECOS string (modified in place) into its first fields; a
 * missing or empty field is NULL. */
static void split_gecos(char *gecos, char *fields[GECOS_FIELDS])
{
    for (int i = 0; i < GECOS_FIELDS; i++) {
        char *comma = gecos ? strchr(gecos, ',') : NULL;

        if (comma)
            *comma = '\0';
        fields[i] = gecos && gecos[0] ? gecos : NULL;
        gecos = comma ? comma + 1 : NULL;
    }
}

static void *finish(struct winfax_result_builder *builder)
{
    void *block = winfax_result_builder_finish(builder, NULL);

    if (!block)
        winfax_fail(winfax_result_error_to_win32(builder->error));
    return block;
}

static BOOL complete_job_params(enum winfax_string_form form, void **job_block,
                                void **cover_block)
{
    struct winfax_result_builder job, cover;
    struct winfax_sender_defaults sender;
    struct passwd entry;
    char *storage = NULL;
    char *gecos[GECOS_FIELDS] = { NULL, NULL, NULL, NULL };
    const char *name = NULL, *home = NULL;
    char *const *file;
    unsigned char *param, *info;
    DWORD size;
    int error;

    if (winfax_passwd_for_uid(getuid(), &entry, &storage)) {
        split_gecos(entry.pw_gecos, gecos);
        name = gecos[GECOS_NAME] ? gecos[GECOS_NAME] : entry.pw_name;
        home = entry.pw_dir;
    } else if (errno == ENOMEM) {
        return winfax_fail(ERROR_NOT_ENOUGH_MEMORY);
    }
    error = winfax_sender_defaults_read(home, &sender);
    if (error) {
        free(storage);
        return winfax_fail(error == -ENOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_DATA);
    }
    file = sender.value;
    if (file[WINFAX_SENDER_NAME])
        name = file[WINFAX_SENDER_NAME];
    if (file[WINFAX_SENDER_OFFICE_LOCATION])
        gecos[GECOS_ROOM] = file[WINFAX_SENDER_OFFICE_LOCATION];
    if (file[WINFAX_SENDER_OFFICE_PHONE])
        gecos[GECOS_WORK_PHONE] = file[WINFAX_SENDER_OFFICE_PHONE];
    if (file[WINFAX_SENDER_HOME_PHONE])
        gecos[GECOS_HOME_PHONE] = file[WINFAX_SENDER_HOME_PHONE];

    if (winfax_result_builder_init(&job, form, sizeof(FAX_JOB_PARAMA)) != 0) {
        free(storage);
        winfax_sender_defaults_free(&sender);
        winfax_result_builder_discard(&job);
        return winfax_fail(ERROR_NOT_ENOUGH_MEMORY);
    }
    if (winfax_result_builder_init(&cover, form, sizeof(FAX_COVERPAGE_INFOA)) != 0) {
        free(storage);
        winfax_sender_defaults_free(&sender);
        winfax_result_builder_discard(&job);
        winfax_result_builder_discard(&cover);
        return winfax_fail(ERROR_NOT_ENOUGH_MEMORY);
    }
    param = winfax_result_builder_fixed(&job);
    size = sizeof(FAX_JOB_PARAMA);
    memcpy(param + offsetof(FAX_JOB_PARAMA, SizeOfStruct), &size, sizeof(size));
    winfax_result_builder_add_string(&job, param + offsetof(FAX_JOB_PARAMA, SenderName), name);
    winfax_result_builder_add_string(&job, param + offsetof(FAX_JOB_PARAMA, SenderCompany),
                                     file[WINFAX_SENDER_COMPANY]);
    winfax_result_builder_add_string(&job, param + offsetof(FAX_JOB_PARAMA, SenderDept),
                                     file[WINFAX_SENDER_DEPARTMENT]);
    winfax_result_builder_add_string(&job, param + offsetof(FAX_JOB_PARAMA, BillingCode),
                                     file[WINFAX_SENDER_BILLING_CODE]);

    info = winfax_result_builder_fixed(&cover);
    size = sizeof(FAX_COVERPAGE_INFOA);
    memcpy(info + offsetof(FAX_COVERPAGE_INFOA, SizeOfStruct), &size, sizeof(size));
    winfax_result_builder_add_string(&cover, info + offsetof(FAX_COVERPAGE_INFOA, SdrName), name);
    winfax_result_builder_add_string(&cover,
                                     info + offsetof(FAX_COVERPAGE_INFOA, SdrOfficeLocation),
                                     gecos[GECOS_ROOM]);
    winfax_result_builder_add_string(&cover,
                                     info + offsetof(FAX_COVERPAGE_INFOA, SdrOfficePhone),
                                     gecos[GECOS_WORK_PHONE]);
    winfax_result_builder_add_string(&cover, info + offsetof(FAX_COVERPAGE_INFOA, SdrHomePhone),
                                     gecos[GECOS_HOME_PHONE]);
    winfax_result_builder_add_string(&cover, info + offsetof(FAX_COVERPAGE_INFOA, SdrFaxNumber),
                                     file[WINFAX_SENDER_FAX_NUMBER]);
    winfax_result_builder_add_string(&cover, info + offsetof(FAX_COVERPAGE_INFOA, SdrCompany),
                                     file[WINFAX_SENDER_COMPANY]);
    winfax_result_builder_add_string(&cover, info + offsetof(FAX_COVERPAGE_INFOA, SdrAddress),
                                     file[WINFAX_SENDER_ADDRESS]);
    winfax_result_builder_add_string(&cover, info + offsetof(FAX_COVERPAGE_INFOA, SdrTitle),
                                     file[WINFAX_SENDER_TITLE]);
    winfax_result_builder_add_string(&cover, info + offsetof(FAX_COVERPAGE_INFOA, SdrDepartment),
                                     file[WINFAX_SENDER_DEPARTMENT]);
    free(storage);
    winfax_sender_defaults_free(&sender);

    /* A GECOS field that is not UTF-8 (an old Latin-1 passwd file) fails
     * the builder with EILSEQ: ERROR_INVALID_DATA. */
    *job_block = finish(&job);
    if (!*job_block) {
        winfax_result_builder_discard(&cover);
        return FALSE;
    }
    *cover_block = finish(&cover);
    if (!*cover_block) {
        free(*job_block);
        *job_block = NULL;
        return FALSE;
    }
    return TRUE;
}

BOOL WINFAX_CALL FaxCompleteJobParamsA(PFAX_JOB_PARAMA *JobParams,
                                       PFAX_COVERPAGE_INFOA *CoverpageInfo)
{
    void *job = NULL, *cover = NULL;
    BOOL done;

    if (!JobParams || !CoverpageInfo)
        return winfax_fail(ERROR_INVALID_PARAMETER);
    done = complete_job_params(WINFAX_STRINGS_ANSI, &job, &cover);
    *JobParams = job;
    *CoverpageInfo = cover;
    return done;
}

BOOL WINFAX_CALL FaxCompleteJobParamsW(PFAX_JOB_PARAMW *JobParams,
                                       PFAX_COVERPAGE_INFOW *CoverpageInfo)
{
    void *job = NULL, *cover = NULL;
    BOOL done;

    if (!JobParams || !CoverpageInfo)
        return winfax_fail(ERROR_INVALID_PARAMETER);
    done = complete_job_params(WINFAX_STRINGS_WIDE, &job, &cover);
    *JobParams = job;
    *CoverpageInfo = cover;
    return done;
}
