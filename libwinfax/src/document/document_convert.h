/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What FaxSendDocument makes of a file: the format is recognised by the
 * content (magic bytes), never by the file's name:
 *   "II*\0" / "MM\0*"        TIFF: sent as it is, when it is a fax TIFF
 *                            (tiff_reader.h); otherwise its pictures
 *                            made fax pages (tiff_picture.h)
 *   "%PDF-"                  PDF     } rendered by Ghostscript
 *   "%!" or "\x04%!"         PostScript } (document_ghostscript.h)
 *   "\x89PNG\r\n\x1a\n"      PNG     } scaled and dithered
 *   "\xff\xd8\xff"           JPEG    } (document_image.h)
 *   anything else            plain text when it is UTF-8 (or UTF-16 with
 *                            its byte order mark) without control
 *                            characters but tab, LF, CR, FF (document_text.h)
 * Everything is converted in the calling process, as the calling user.
 * Limits: pictures up to 64 MiB of file, text up to 8 MiB.
 */
#ifndef LIBWINFAX_DOCUMENT_CONVERT_H
#define LIBWINFAX_DOCUMENT_CONVERT_H

#include <stddef.h>

#include "cover_page.h"

enum winfax_document_format {
    WINFAX_FORMAT_UNKNOWN,   /* not one of the magic numbers: maybe text */
    WINFAX_FORMAT_TIFF,
    WINFAX_FORMAT_PDF,
    WINFAX_FORMAT_POSTSCRIPT,
    WINFAX_FORMAT_PNG,
    WINFAX_FORMAT_JPEG,
};

enum winfax_document_format winfax_document_detect(const unsigned char *head, size_t length);

/*
 * The document in fd (a regular file the caller opened) as a fax TIFF:
 * *fax_fd is a new fd (a duplicate of fd for a fax TIFF, else a memory
 * file) for the caller to close, *pages its page count.  0; -EILSEQ (not
 * a document that can be faxed; the thread's message says why, see
 * document_message.h); -ENOENT (a converter is missing; message too);
 * -ENOMEM, -EMFILE, -EIO.
 */
int winfax_document_prepare(int fd, int *fax_fd, unsigned *pages);

/*
 * A new fax TIFF: the cover page (at the resolution of the document's
 * first page), then every page of the fax TIFF in fax_fd.  *out_fd is a
 * memory file for the caller to close.  0, -ENOMEM, -E2BIG (too many
 * pages), -EIO, -EILSEQ.
 */
int winfax_document_with_cover(int fax_fd, const struct winfax_cover_page *cover, int *out_fd);

/*
 * Several documents (each as winfax_document_prepare takes it) as one fax
 * TIFF, their pages in the order given: what faxctl sends as one fax, as
 * HylaFAX's sendfax does.  *out_fd is a memory file for the caller to
 * close, *pages its page count.  0, or the first failing document's error
 * (its index in *failed, the thread's message saying why); -EILSEQ also
 * when together they make more than WINFAX_DOCUMENT_PAGES_MAX pages.
 */
int winfax_documents_combine(const int *fds, size_t count, int *out_fd, unsigned *pages,
                             size_t *failed);

#endif
