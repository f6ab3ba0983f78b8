/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * PDF and PostScript documents, rendered by Ghostscript (Debian's `gs`)
 * into a fax TIFF: device tiffg4, 204 x 196 dpi, a fixed page of 1728
 * pixels (the fax line) by the default paper's length (paper_size.h:
 * 2292 lines for A4, 2156 for Letter, 2744 for Legal) that each page is
 * scaled to fit, never cropped.
 *
 * gs runs as the calling user, in the calling process' environment, with
 * -dSAFER (no file access but the document and the output, no device or
 * command changes), -dBATCH -dNOPAUSE (no prompt), no shell (fork and
 * execve with an argument vector; gs is found in PATH), and:
 *  - the document as its standard input, named to gs as /proc/self/fd/0
 *    (a regular file, so the PDF reader can seek), the output an
 *    anonymous memory file named /proc/self/fd/3; no other fd inherited;
 *  - a deadline: WINFAX_CONVERT_TIMEOUT seconds in the environment (1 to
 *    86400; any other value is refused, -EINVAL), else 120; a gs still
 *    running then is killed (SIGKILL);
 *  - an output size limit (RLIMIT_FSIZE, 512 MiB);
 *  - its stdout and stderr captured, and the first 1 KiB of them given in
 *    the message when it fails.
 * It waits for its own child with waitpid(): an application that sets
 * SIGCHLD to SIG_IGN cannot convert documents (the child's status is
 * lost), and is told so.
 */
#ifndef LIBWINFAX_DOCUMENT_GHOSTSCRIPT_H
#define LIBWINFAX_DOCUMENT_GHOSTSCRIPT_H

#include <stdbool.h>

#define WINFAX_CONVERT_TIMEOUT_DEFAULT 120

enum winfax_ghostscript_input { WINFAX_GHOSTSCRIPT_PDF, WINFAX_GHOSTSCRIPT_POSTSCRIPT };

/*
 * Renders the document in fd (a regular file, read from its start; the
 * fd's offset moves) into a new fax TIFF: *fax_fd, a memory file the
 * caller closes, of *pages pages.  0; -EILSEQ (gs refused the document, made
 * no page, ran too long, or the PDF is cut short: the message says which);
 * -ENOENT (no gs in PATH: the message says so); -EINVAL (a bad
 * WINFAX_CONVERT_TIMEOUT, message too); -ECHILD; -EMFILE, -ENOMEM.
 */
int winfax_ghostscript_to_fax(int fd, enum winfax_ghostscript_input input, int *fax_fd,
                              unsigned *pages);

#endif
