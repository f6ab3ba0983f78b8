// SPDX-License-Identifier: GPL-2.0
/*
 * faxctl show: one page of a fax TIFF (received, or one you are about to
 * send, or a queued job's first page from FaxGetPageData) as a PNG people
 * can look at. Standard-resolution pages (98 lines per inch against 204
 * dots per inch across) get each line twice, so the page keeps its shape.
 */
#include <errno.h>
#include <getopt.h>
#include <png.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <tiffio.h>
#include <unistd.h>

#include "faxctl.h"
#include "terminal_text.h"

static const char show_help[] =
	"usage: faxctl show FILE [--page N] -o PAGE.png\n"
	"       faxctl show --job ID -o PAGE.png\n"
	"Writes page N (default 1) of a fax TIFF, or the first page of queued job ID\n"
	"(your own, or any with the right to manage jobs), as a PNG. Pages sent at\n"
	"standard resolution get each line twice so that they keep their shape.\n";

/* libtiff reports problems through a handler: keep the last for our message. */
static char tiff_problem[256];

static void remember_tiff_problem(const char *module, const char *format, va_list args)
{
	(void)module;
	vsnprintf(tiff_problem, sizeof(tiff_problem), format, args);
}

struct page_image {
	uint32_t width, height;		/* the PNG's */
	int bit_depth;			/* 1: bilevel, 8: gray */
	double x_dpi, y_dpi;		/* of the PNG's pixels */
	unsigned char *rows;		/* height rows of row_bytes */
	size_t row_bytes;
};

static double dots_per_inch(TIFF *tiff, ttag_t tag)
{
	uint16_t unit = RESUNIT_INCH;
	float value = 0;

	if (!TIFFGetField(tiff, tag, &value) || value <= 0)
		return 0;
	TIFFGetFieldDefaulted(tiff, TIFFTAG_RESOLUTIONUNIT, &unit);
	return unit == RESUNIT_CENTIMETER ? value * 2.54 : value;
}

/* The page's rows into @image: 0, or a negative errno. */
static int read_bilevel(TIFF *tiff, struct page_image *image, uint32_t lines, unsigned repeat,
			bool min_is_white)
{
	tmsize_t scanline = TIFFScanlineSize(tiff);

	image->bit_depth = 1;
	image->row_bytes = ((size_t)image->width + 7) / 8;
	if (scanline <= 0 || (size_t)scanline < image->row_bytes)
		return -EINVAL;
	image->rows = malloc(image->row_bytes * image->height);
	if (!image->rows)
		return -ENOMEM;
	{
		unsigned char *line = malloc((size_t)scanline);

		if (!line)
			return -ENOMEM;
		for (uint32_t y = 0; y < lines; y++) {
			unsigned char *row = image->rows + (size_t)y * repeat * image->row_bytes;

			if (TIFFReadScanline(tiff, line, y, 0) < 0) {
				free(line);
				return -EIO;
			}
			/* PNG gray: 0 is black; a fax's 1 bits are black. */
			for (size_t i = 0; i < image->row_bytes; i++)
				row[i] = min_is_white ? (unsigned char)~line[i] : line[i];
			for (unsigned r = 1; r < repeat; r++)
				memcpy(row + r * image->row_bytes, row, image->row_bytes);
		}
		free(line);
	}
	return 0;
}

/* Any other page, as 8-bit grey: 0, or a negative errno. */
static int read_any(TIFF *tiff, struct page_image *image, uint32_t lines, unsigned repeat)
{
	uint32_t *rgba = malloc((size_t)image->width * lines * sizeof(*rgba));

	image->bit_depth = 8;
	image->row_bytes = image->width;
	image->rows = malloc(image->row_bytes * image->height);
	if (!rgba || !image->rows) {
		free(rgba);
		return -ENOMEM;
	}
	if (!TIFFReadRGBAImageOriented(tiff, image->width, lines, rgba, ORIENTATION_TOPLEFT, 0)) {
		free(rgba);
		return -EIO;
	}
	for (uint32_t y = 0; y < lines; y++) {
		unsigned char *row = image->rows + (size_t)y * repeat * image->row_bytes;

		for (uint32_t x = 0; x < image->width; x++) {
			uint32_t pixel = rgba[(size_t)y * image->width + x];

			row[x] = (unsigned char)((TIFFGetR(pixel) * 299 + TIFFGetG(pixel) * 587 +
						  TIFFGetB(pixel) * 114) / 1000);
		}
		for (unsigned r = 1; r < repeat; r++)
			memcpy(row + r * image->row_bytes, row, image->row_bytes);
	}
	free(rgba);
	return 0;
}

/* Page PAGE (1-based) of TIFF into IMAGE; a message and an exit status on failure. */
static int read_page(TIFF *tiff, const char *name, unsigned long page, struct page_image *image)
{
	uint16_t bits = 1, samples = 1, photometric = PHOTOMETRIC_MINISWHITE;
	uint32_t lines = 0;
	unsigned repeat;
	int pages = TIFFNumberOfDirectories(tiff);
	int error;

	if (page > (unsigned long)pages)
		return faxctl_fail(FAXCTL_NOT_FOUND, "%s has %d page%s, not %lu", name, pages,
				   pages == 1 ? "" : "s", page);
	if (!TIFFSetDirectory(tiff, (tdir_t)(page - 1)))
		return faxctl_fail(FAXCTL_BAD_DATA, "cannot read page %lu of %s: %s", page, name,
				   tiff_problem);
	if (!TIFFGetField(tiff, TIFFTAG_IMAGEWIDTH, &image->width) ||
	    !TIFFGetField(tiff, TIFFTAG_IMAGELENGTH, &lines) || !image->width || !lines ||
	    image->width > 65535 || lines > 65535)
		return faxctl_fail(FAXCTL_BAD_DATA, "page %lu of %s has no usable size", page, name);
	TIFFGetFieldDefaulted(tiff, TIFFTAG_BITSPERSAMPLE, &bits);
	TIFFGetFieldDefaulted(tiff, TIFFTAG_SAMPLESPERPIXEL, &samples);
	TIFFGetField(tiff, TIFFTAG_PHOTOMETRIC, &photometric);
	image->x_dpi = dots_per_inch(tiff, TIFFTAG_XRESOLUTION);
	image->y_dpi = dots_per_inch(tiff, TIFFTAG_YRESOLUTION);
	/* Fax standard resolution: about half as many lines per inch as dots. */
	repeat = image->x_dpi > 0 && image->y_dpi > 0 && image->y_dpi * 1.5 < image->x_dpi ? 2 : 1;
	image->y_dpi *= repeat;
	image->height = lines * repeat;
	tiff_problem[0] = '\0';
	if (bits == 1 && samples == 1 &&
	    (photometric == PHOTOMETRIC_MINISWHITE || photometric == PHOTOMETRIC_MINISBLACK))
		error = read_bilevel(tiff, image, lines, repeat,
				     photometric == PHOTOMETRIC_MINISWHITE);
	else
		error = read_any(tiff, image, lines, repeat);
	if (!error)
		return FAXCTL_OK;
	/* libtiff's own words say more than its EIO, when it left any. */
	return faxctl_fail(FAXCTL_BAD_DATA, "cannot decode page %lu of %s: %s", page, name,
			   tiff_problem[0] ? tiff_problem : strerror(-error));
}

static int write_png(const char *path, const struct page_image *image)
{
	png_structp png = NULL;
	png_infop info = NULL;
	FILE *file = fopen(path, "wbe");
	struct stat status;
	bool regular_file;
	int saved_errno;

	if (!file)
		goto fail_errno;
	/* A half-written PNG is removed, but never a device (-o /dev/stdout). */
	regular_file = !fstat(fileno(file), &status) && S_ISREG(status.st_mode);
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	if (!png || !(info = png_create_info_struct(png)))
		goto fail_png;
	if (setjmp(png_jmpbuf(png)))
		goto fail_png;
	png_init_io(png, file);
	png_set_IHDR(png, info, image->width, image->height, image->bit_depth, PNG_COLOR_TYPE_GRAY,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	if (image->x_dpi > 0 && image->y_dpi > 0)
		png_set_pHYs(png, info, (png_uint_32)(image->x_dpi / 0.0254 + 0.5),
			     (png_uint_32)(image->y_dpi / 0.0254 + 0.5), PNG_RESOLUTION_METER);
	png_write_info(png, info);
	for (uint32_t y = 0; y < image->height; y++)
		png_write_row(png, image->rows + (size_t)y * image->row_bytes);
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	if (fclose(file)) {
		file = NULL;
		goto fail_errno;
	}
	return FAXCTL_OK;
fail_png:
	png_destroy_write_struct(&png, &info);
	fclose(file);
	if (regular_file)
		unlink(path);
	return faxctl_fail(FAXCTL_FAILED, "cannot write the PNG %s", path);
fail_errno:
	saved_errno = errno;
	if (file)
		fclose(file);
	return faxctl_fail(saved_errno == EACCES ? FAXCTL_DENIED : FAXCTL_FAILED,
			   "cannot write %s: %s", path, strerror(saved_errno));
}

/* The first page of a queued job, from FaxGetPageData, as a TIFF in memory. */
static TIFF *open_job_page(unsigned long job_id, int *status)
{
	HANDLE server;
	LPBYTE data;
	DWORD size, width, height;
	TIFF *tiff = NULL;
	int fd;

	*status = faxctl_connect(&server);
	if (*status)
		return NULL;
	if (!FaxGetPageData(server, (DWORD)job_id, &data, &size, &width, &height)) {
		DWORD error = GetLastError();

		if (error == ERROR_INVALID_PARAMETER)
			*status = faxctl_fail(FAXCTL_NOT_FOUND, "no send job %lu (see 'faxctl jobs')",
					      job_id);
		else
			*status = faxctl_fail_api("cannot get the job's first page", error);
		FaxClose(server);
		return NULL;
	}
	FaxClose(server);
	fd = memfd_create("faxctl-page", MFD_CLOEXEC);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size || lseek(fd, 0, SEEK_SET) != 0 ||
	    !(tiff = TIFFFdOpen(fd, "job page", "r"))) {
		*status = faxctl_fail(FAXCTL_FAILED, "cannot read job %lu's page: %s", job_id,
				      tiff_problem[0] ? tiff_problem : strerror(errno));
		if (fd >= 0)
			close(fd);
	}
	FaxFreeBuffer(data);
	return tiff;
}

int faxctl_show(struct faxctl_command_line *cmd)
{
	static const struct option options[] = {
		{ "page", required_argument, NULL, 'p' },
		{ "output", required_argument, NULL, 'o' },
		{ "job", required_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	unsigned long page = 1, job_id = 0;
	bool page_given = false;
	const char *output = NULL, *input = NULL;
	struct page_image image = { 0 };
	TIFF *tiff;
	int option, status;

	while ((option = faxctl_getopt(cmd, ":ho:", options)) != -1) {
		switch (option) {
		case 'h':
			fputs(show_help, stdout);
			return FAXCTL_OK;
		case 'p':
			if (!faxctl_parse_uint(optarg, 10000, &page) || !page)
				return faxctl_usage_error(cmd, "--page takes a page number from 1, not '%s'",
							  optarg);
			page_given = true;
			break;
		case 'o':
			output = optarg;
			break;
		case 'J':
			if (!faxctl_parse_uint(optarg, 0xFFFFFFFEUL, &job_id) || !job_id)
				return faxctl_usage_error(cmd, "'%s' is not a job id", optarg);
			break;
		default:
			return FAXCTL_USAGE;
		}
	}
	if (optind < cmd->argc)
		input = cmd->argv[optind++];
	if (optind < cmd->argc)
		return faxctl_usage_error(cmd, "unexpected argument '%s'", cmd->argv[optind]);
	if (!input == !job_id)
		return faxctl_usage_error(cmd, "give either a FILE or --job ID");
	if (job_id && page_given && page != 1)
		return faxctl_usage_error(cmd, "only the first page of a queued job can be shown");
	if (!output)
		return faxctl_usage_error(cmd, "where to? give -o PAGE.png");
	TIFFSetErrorHandler(remember_tiff_problem);
	TIFFSetWarningHandler(NULL);
	if (job_id) {
		tiff = open_job_page(job_id, &status);
		if (!tiff)
			return status;
	} else {
		FILE *probe = fopen(input, "re");

		/* libtiff's message for a missing file is not one a user should read. */
		if (!probe)
			return faxctl_fail(errno == ENOENT ? FAXCTL_NOT_FOUND :
					   errno == EACCES ? FAXCTL_DENIED : FAXCTL_FAILED,
					   "cannot read %s: %s", input, strerror(errno));
		fclose(probe);
		tiff = TIFFOpen(input, "r");
		if (!tiff)
			return faxctl_fail(FAXCTL_BAD_DATA, "%s is not a TIFF fax: %s", input,
					   tiff_problem);
	}
	status = read_page(tiff, job_id ? "the job's document" : input, page, &image);
	TIFFClose(tiff);
	if (!status)
		status = write_png(output, &image);
	free(image.rows);
	/* On stderr: "-o /dev/stdout" makes standard output the PNG alone. */
	if (!status) {
		terminal_text_write(stderr, output, strlen(output));
		fprintf(stderr, ": page %lu, %u x %u pixels\n", page, image.width, image.height);
	}
	return status;
}
