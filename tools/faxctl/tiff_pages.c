// SPDX-License-Identifier: GPL-2.0
/*
 * The page count of a TIFF the user sends, for "page n of m" while faxd
 * does not report the total. Other documents (converted by libwinfax)
 * count 0: their pages are known only once sent.
 */
#include <tiffio.h>

#include "faxctl.h"

static void ignore_tiff_message(const char *module, const char *format, va_list args)
{
	(void)module;
	(void)format;
	(void)args;
}

DWORD faxctl_tiff_page_count(const char *path)
{
	TIFFErrorHandler old_error = TIFFSetErrorHandler(ignore_tiff_message);
	TIFFErrorHandler old_warning = TIFFSetWarningHandler(ignore_tiff_message);
	TIFF *tiff = TIFFOpen(path, "r");
	DWORD pages = 0;

	if (tiff) {
		pages = (DWORD)TIFFNumberOfDirectories(tiff);
		TIFFClose(tiff);
	}
	TIFFSetErrorHandler(old_error);
	TIFFSetWarningHandler(old_warning);
	return pages;
}
