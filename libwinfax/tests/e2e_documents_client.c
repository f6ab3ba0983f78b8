/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The two halves of e2e_documents_test, sharing one description of the
 * cover page:
 *   e2e_documents_client send NUMBER FILE [cover]
 *       FaxSendDocumentA (with the cover page below when asked), then
 *       waits until the job has left the queue; exit 0 when it did so
 *       without failing.
 *   e2e_documents_client fixtures DIR NUMBER
 *       writes the test's documents, DIR/letter.pdf (pdf_fixture.h) and
 *       DIR/note.txt, and what the receiving end must decode from each:
 *       DIR/pdf.expected.tif and DIR/text.expected.tif (the text with the
 *       cover page for NUMBER in front), made with the library's own
 *       converters.  `make` runs this on the host, because Ghostscript is
 *       slow in the test VM (about 15 s a run under TCG) and the VM test
 *       then runs it only once, inside FaxSendDocument.
 * Exit 1 on a failure (the reason on stderr), 2 on bad usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "document/cover_page.h"
#include "document/document_convert.h"
#include "document/document_message.h"
#include "pdf_fixture.h"
#include "winfax.h"

#define JOB_DEADLINE_SECONDS 600

/* The cover page, as FaxSendDocument gets it and as it is drawn. */
static const char *const cover_name = "urgent.cov";
static const char *const recipient_name = "Port Two";
static const char *const recipient_company = "Loopback Exchange Ltd";
static const char *const sender_name = "E2E Test";
static const char *const sender_company = "winfax for Linux";
static const char *const sender_fax_number = "1";
static const char *const subject = "Documents end to end";
static const char *const note = "A text file follows this cover page; it was laid out by "
                                "libwinfax with Pango: Gr\xc3\xbc\xc3\x9f" "e, "
                                "\xce\x9a\xce\xb1\xce\xbb\xce\xb7\xce\xbc\xce\xad\xcf\x81"
                                "\xce\xb1, \xe3\x81\x93\xe3\x82\x93\xe3\x81\xab\xe3\x81"
                                "\xa1\xe3\x81\xaf.";
static const SYSTEMTIME time_sent = { 2026, 11, 2, 24, 12, 0, 0, 0 };
static const char *const time_sent_text = "2026-11-24 12:00";

static int send_document(const char *number, const char *path, int with_cover)
{
    FAX_JOB_PARAMA param;
    FAX_COVERPAGE_INFOA cover;
    HANDLE server = NULL;
    DWORD id = 0;
    time_t deadline = time(NULL) + JOB_DEADLINE_SECONDS;

    memset(&param, 0, sizeof(param));
    param.SizeOfStruct = sizeof(param);
    param.RecipientNumber = number;
    param.RecipientName = recipient_name;
    param.DocumentName = path;
    memset(&cover, 0, sizeof(cover));
    cover.SizeOfStruct = sizeof(cover);
    cover.CoverPageName = cover_name;
    cover.UseServerCoverPage = TRUE;
    cover.RecName = recipient_name;
    cover.RecFaxNumber = number;
    cover.RecCompany = recipient_company;
    cover.SdrName = sender_name;
    cover.SdrCompany = sender_company;
    cover.SdrFaxNumber = sender_fax_number;
    cover.Subject = subject;
    cover.Note = note;
    cover.TimeSent = time_sent;

    if (!FaxConnectFaxServerA(NULL, &server)) {
        fprintf(stderr, "FaxConnectFaxServer: error %lu\n", (unsigned long)GetLastError());
        return 1;
    }
    if (!FaxSendDocumentA(server, path, &param, with_cover ? &cover : NULL, &id)) {
        fprintf(stderr, "FaxSendDocument %s: error %lu: %s\n", path,
                (unsigned long)GetLastError(), winfax_message_get());
        FaxClose(server);
        return 1;
    }
    for (;;) {
        PFAX_JOB_ENTRYA job = NULL;
        DWORD status;

        if (!FaxGetJobA(server, id, &job))
            break;   /* done: the job has left the queue */
        status = job->QueueStatus;
        FaxFreeBuffer(job);
        if (status & (JS_FAILED | JS_RETRYING | JS_RETRIES_EXCEEDED)) {
            fprintf(stderr, "job %lu failed (queue status 0x%lx)\n", (unsigned long)id,
                    (unsigned long)status);
            FaxClose(server);
            return 1;
        }
        if (time(NULL) > deadline) {
            fprintf(stderr, "job %lu still queued after %d s\n", (unsigned long)id,
                    JOB_DEADLINE_SECONDS);
            FaxClose(server);
            return 1;
        }
        nanosleep(&(struct timespec){ 0, 200 * 1000 * 1000 }, NULL);
    }
    FaxClose(server);
    return 0;
}

static int copy_out(int fd, const char *out_path)
{
    char buffer[65536];
    off_t at = 0;
    ssize_t got;
    FILE *out = fopen(out_path, "wb");

    if (!out)
        return 1;
    while ((got = pread(fd, buffer, sizeof(buffer), at)) > 0) {
        fwrite(buffer, 1, (size_t)got, out);
        at += got;
    }
    return fclose(out) != 0 || got < 0;
}

/* The fax TIFF FaxSendDocument makes of the file at path, into out_path. */
static int expect_document(const char *number, const char *path, const char *out_path,
                           int with_cover)
{
    struct winfax_cover_page cover = {
        .name = cover_name, .recipient_name = recipient_name, .recipient_fax_number = number,
        .recipient_company = recipient_company, .sender_name = sender_name,
        .sender_company = sender_company, .sender_fax_number = sender_fax_number,
        .subject = subject, .note = note, .date = time_sent_text,
    };
    unsigned pages = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC), fax_fd = -1, cover_fd = -1, failed;

    if (fd < 0 || winfax_document_prepare(fd, &fax_fd, &pages) != 0) {
        fprintf(stderr, "%s: cannot convert: %s\n", path, winfax_message_get());
        return 1;
    }
    close(fd);
    if (with_cover) {
        cover.page_count = pages + 1;
        if (winfax_document_with_cover(fax_fd, &cover, &cover_fd) != 0) {
            fprintf(stderr, "%s: cannot add the cover page\n", path);
            return 1;
        }
    }
    failed = copy_out(with_cover ? cover_fd : fax_fd, out_path);
    close(fax_fd);
    if (cover_fd >= 0)
        close(cover_fd);
    return failed;
}


static int write_file(const char *directory, const char *name, const char *data,
                      size_t length, char **path_out)
{
    FILE *out;
    int failed;

    if (asprintf(path_out, "%s/%s", directory, name) < 0) {
        *path_out = NULL;
        return 1;
    }
    out = fopen(*path_out, "wb");
    failed = !data || !out || fwrite(data, 1, length, out) != length;
    if (out)
        failed |= fclose(out) != 0;
    if (failed)
        fprintf(stderr, "cannot write %s\n", *path_out);
    return failed;
}

static int write_fixtures(const char *directory, const char *number)
{
    /* A tab stop, a blank line, and German, Greek, Japanese and Hebrew. */
    static const char text[] = "A plain text file, sent by fax.\n\n"
                               "\tIndented by a tab; caf\xc3\xa9.\n"
                               "Gr\xc3\xbc\xc3\x9f" "e aus M\xc3\xbcnchen, J\xc3\xbcrgen "
                               "M\xc3\xbcller\n"
                               "\xce\x9a\xce\xb1\xce\xbb\xce\xb7\xce\xbc\xce\xad\xcf\x81"
                               "\xce\xb1 \xce\xba\xcf\x8c\xcf\x83\xce\xbc\xce\xb5\n"
                               "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe3\x83"
                               "\x86\xe3\x82\xad\xe3\x82\xb9\xe3\x83\x88\n"
                               "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xd7\xa2\xd7\x95\xd7\x9c"
                               "\xd7\x9d\n";
    size_t pdf_length = 0;
    char *pdf = square_pdf(1, &pdf_length);
    char *pdf_path = NULL, *text_path = NULL, *pdf_out = NULL, *text_out = NULL;
    int failed = write_file(directory, "letter.pdf", pdf, pdf_length, &pdf_path) ||
                 write_file(directory, "note.txt", text, sizeof(text) - 1, &text_path) ||
                 asprintf(&pdf_out, "%s/pdf.expected.tif", directory) < 0 ||
                 asprintf(&text_out, "%s/text.expected.tif", directory) < 0 ||
                 expect_document(number, pdf_path, pdf_out, 0) ||
                 expect_document(number, text_path, text_out, 1);

    free(pdf);
    free(pdf_path);
    free(text_path);
    free(pdf_out);
    free(text_out);
    return failed;
}

int main(int argc, char **argv)
{
    int with_cover = argc == 5 && strcmp(argv[4], "cover") == 0;

    /* One paper for the expected pages (made on the host) and the sent
     * ones (in the VM), whatever the environment of either says. */
    setenv("PAPERSIZE", "a4", 1);
    if (argc == 4 && strcmp(argv[1], "fixtures") == 0)
        return write_fixtures(argv[2], argv[3]);
    if (argc >= 4 && strcmp(argv[1], "send") == 0 && (argc == 4 || with_cover))
        return send_document(argv[2], argv[3], with_cover);
    fprintf(stderr, "usage: e2e_documents_client send NUMBER FILE [cover]\n"
                    "       e2e_documents_client fixtures DIR NUMBER\n");
    return 2;
}
