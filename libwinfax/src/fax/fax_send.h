/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What FaxSendDocument (fax_send.c) and FaxSendDocumentForBroadcast
 * (fax_broadcast.c) share.  The job's structures have one form inside the
 * library, the A form with UTF-8 strings: the W entry points convert
 * theirs first (winfax_*_from_wide) and go on as the A ones do.
 */
#ifndef LIBWINFAX_FAX_SEND_H
#define LIBWINFAX_FAX_SEND_H

#include <stdbool.h>

#include "winfax.h"

/*
 * A W structure as the A one, its strings converted to UTF-8 and owned by
 * the copy (free them with the matching _free, also after an error).  Of
 * a FAX_COVERPAGE_INFOW only the strings a cover page shows are
 * converted, and none when the structure asks for no cover page.
 * ERROR_SUCCESS, ERROR_NOT_ENOUGH_MEMORY, or ERROR_INVALID_PARAMETER (a
 * string that is not valid UTF-16).
 */
DWORD winfax_job_param_from_wide(const FAX_JOB_PARAMW *wide, FAX_JOB_PARAMA *ansi);
void winfax_job_param_free(FAX_JOB_PARAMA *ansi);
DWORD winfax_cover_info_from_wide(const FAX_COVERPAGE_INFOW *wide, FAX_COVERPAGE_INFOA *ansi);
void winfax_cover_info_free(FAX_COVERPAGE_INFOA *ansi);

/*
 * An A structure in the locale's charset (not UTF-8: winfax_ansi_is_utf8()
 * is false) as one in UTF-8, as the _from_wide forms do; free with the same
 * _free.  ERROR_INVALID_PARAMETER for a string that is not text in the
 * locale's charset.
 */
DWORD winfax_job_param_from_ansi(const FAX_JOB_PARAMA *ansi, FAX_JOB_PARAMA *utf8);
DWORD winfax_cover_info_from_ansi(const FAX_COVERPAGE_INFOA *ansi, FAX_COVERPAGE_INFOA *utf8);

/* A path given as UTF-16, converted (free()); NULL with the last error
 * set. */
char *winfax_path_from_wide(const WCHAR *path);

/* A cover page asked for: the strings of the FAX_COVERPAGE_INFOA it was
 * read from (borrowed, not copied). */
struct winfax_cover_request {
    bool wanted;
    bool server_cover_page;
    SYSTEMTIME time_sent;
    const char *name;
    const char *recipient_name;
    const char *recipient_fax_number;
    const char *recipient_company;
    const char *sender_name;
    const char *sender_company;
    const char *sender_fax_number;
    const char *sender_phone;
    const char *subject;
    const char *note;
    const char *recipient_street_address;
    const char *recipient_city;
    const char *recipient_state;
    const char *recipient_zip;
    const char *recipient_country;
    const char *recipient_title;
    const char *recipient_department;
    const char *recipient_office_location;
    const char *recipient_home_phone;
    const char *recipient_office_phone;
    const char *sender_address;
    const char *sender_title;
    const char *sender_department;
    const char *sender_office_location;
    const char *sender_home_phone;
};

/* Reads a FAX_COVERPAGE_INFOA (NULL, or one without a CoverPageName,
 * asks for none).  ERROR_SUCCESS, or ERROR_INVALID_PARAMETER
 * (SizeOfStruct). */
DWORD winfax_cover_request(const FAX_COVERPAGE_INFOA *info, struct winfax_cover_request *cover);

/* A personal cover page is a file of the caller's: it must be there, and
 * the server (@server_fd) must allow personal cover pages
 * (FAX_CONFIGURATION.ServerCp off).  ERROR_SUCCESS, ERROR_FILE_NOT_FOUND or
 * ERROR_ACCESS_DENIED. */
DWORD winfax_check_personal_cover_page(int server_fd, const struct winfax_cover_request *cover);

/*
 * Opens the document as the caller and makes it a fax TIFF.  The fd of
 * that TIFF (*pages pages), or -1 with the last error set:
 * ERROR_FILE_NOT_FOUND (no such file or folder), ERROR_ACCESS_DENIED (its
 * permissions), ERROR_INVALID_DATA (not a regular file, or a document that
 * cannot be faxed: the message says why), ERROR_NOT_ENOUGH_MEMORY.
 */
int winfax_open_document(const char *path, unsigned *pages);

struct winfax_cover_page;

/* The cover page a request shows (page_count left 0): its strings, the
 * job's where the cover page has none (RecName, RecFaxNumber, SdrName,
 * SdrCompany), and the date given.  Points into cover, job and date. */
void winfax_cover_page_fill(const struct winfax_cover_request *cover, const FAX_JOB_PARAMA *job,
                            const char *date, struct winfax_cover_page *page);

/* A new fax TIFF: the cover page, then the document's pages.  Recipient
 * and sender fields the cover page leaves NULL come from the job.  The
 * fd, or -1 with the last error set. */
int winfax_add_cover_page(int document_fd, unsigned document_pages,
                          const struct winfax_cover_request *cover, const FAX_JOB_PARAMA *job);

/* Queues one job for the open document of @pages pages (the queue shows
 * them as FAX_JOB_ENTRY.PageCount until the engine counts its own).  TRUE,
 * or FALSE with the last error set.  Without FAX_JOB_SUBMIT the driver says
 * EACCES: ERROR_ACCESS_DENIED; a full queue (ENOSPC) is ERROR_DISK_FULL. */
BOOL winfax_submit_job(int server_fd, int document_fd, unsigned pages,
                       const FAX_JOB_PARAMA *job, DWORD *job_id);

#endif
