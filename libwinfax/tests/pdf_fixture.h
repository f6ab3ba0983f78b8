/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A small, valid PDF made by the tests themselves (documents_test and the
 * e2e_documents_test client), so that no PDF needs to be stored and no
 * PDF writer needs to run: its objects and cross-reference table are
 * written here with their real offsets.
 */
#ifndef LIBWINFAX_TESTS_PDF_FIXTURE_H
#define LIBWINFAX_TESTS_PDF_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>

/* A PDF of `pages` pages the size of the fax page (1728 x 2292 pixels at
 * 204 x 196 dpi = 609.88 x 841.96 points), each with a black square of one
 * inch whose top left corner is one inch from the page's.  1..8 pages;
 * NULL otherwise or when out of memory. */
__attribute__((unused)) static char *square_pdf(int pages, size_t *length)
{
    static const char content[] = "0 g 72 697.96 72 72 re f\n";
    size_t capacity = 4096, used = 0;
    char *pdf = pages >= 1 && pages <= 8 ? malloc(capacity) : NULL;
    long offsets[16];
    int objects = 0;

    if (!pdf)
        return NULL;

#define EMIT(...) used += (size_t)snprintf(pdf + used, capacity - used, __VA_ARGS__)
    EMIT("%%PDF-1.4\n");
    offsets[++objects] = (long)used;
    EMIT("1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
    offsets[++objects] = (long)used;
    EMIT("2 0 obj << /Type /Pages /Count %d /Kids [", pages);
    for (int i = 0; i < pages; i++)
        EMIT(" %d 0 R", 4 + i);
    EMIT(" ] >> endobj\n");
    offsets[++objects] = (long)used;
    EMIT("3 0 obj << /Length %zu >> stream\n%sendstream endobj\n", sizeof(content) - 1,
         content);
    for (int i = 0; i < pages; i++) {
        offsets[++objects] = (long)used;
        EMIT("%d 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 609.88 841.96] "
             "/Contents 3 0 R >> endobj\n",
             4 + i);
    }
    long xref = (long)used;

    EMIT("xref\n0 %d\n0000000000 65535 f \n", objects + 1);
    for (int i = 1; i <= objects; i++)
        EMIT("%010ld 00000 n \n", offsets[i]);
    EMIT("trailer << /Size %d /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n", objects + 1, xref);
#undef EMIT
    *length = used;
    return pdf;
}

#endif
