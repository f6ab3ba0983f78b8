// SPDX-License-Identifier: GPL-2.0
/*
 * The picture is defined on the fine-resolution grid (1728 x 2287) so that a
 * standard-resolution page shows the same picture with every other row.
 */
#include "page_pattern.h"

#include <stdbool.h>
#include <string.h>

#define FINE_ROWS_A4 2287
#define STANDARD_ROWS_A4 1143

/* A 5 x 7 dot font for the digits; bit 4 of each row byte is the leftmost dot. */
static const uint8_t digit_font[10][7] = {
	{ 0x0e, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0e },	/* 0 */
	{ 0x04, 0x0c, 0x04, 0x04, 0x04, 0x04, 0x0e },	/* 1 */
	{ 0x0e, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1f },	/* 2 */
	{ 0x1f, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0e },	/* 3 */
	{ 0x02, 0x06, 0x0a, 0x12, 0x1f, 0x02, 0x02 },	/* 4 */
	{ 0x1f, 0x10, 0x1e, 0x01, 0x01, 0x11, 0x0e },	/* 5 */
	{ 0x06, 0x08, 0x10, 0x1e, 0x11, 0x11, 0x0e },	/* 6 */
	{ 0x1f, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08 },	/* 7 */
	{ 0x0e, 0x11, 0x11, 0x0e, 0x11, 0x11, 0x0e },	/* 8 */
	{ 0x0e, 0x11, 0x11, 0x0f, 0x01, 0x02, 0x0c },	/* 9 */
};

enum {
	FONT_DOT = 32,			/* a font dot is 32 x 32 fine pixels */
	DIGITS_TOP = 100,
	DIGITS_LEFT = 100,
	DIGIT_ADVANCE = 6 * FONT_DOT,
	MAX_DIGITS = 4,
	VSTRIPES_LEFT = 900,
	VSTRIPES_RIGHT = 1700,
	HBARS_TOP = 400,
	HBARS_BOTTOM = 600,
	RANDOM_TOP = 700,
	RANDOM_ROWS = 32,
	DIAGONAL_TOP = 800,
	DIAGONAL_THICKNESS = 3,
	BARCODE_TOP = 1900,
	BARCODE_BOTTOM = 1950,
	BARCODE_BIT_WIDTH = 100,
	BARCODE_BITS = 16,
	FRAME_TOP = 2000,
	FRAME_BOTTOM = 2200,
	FRAME_LEFT = 200,
	FRAME_RIGHT = 1500,
	FRAME_THICKNESS = 4,
};

int page_pattern_rows(enum page_resolution resolution)
{
	return resolution == PAGE_RESOLUTION_FINE ? FINE_ROWS_A4 : STANDARD_ROWS_A4;
}

static void set_pixel(uint8_t *bits, int x)
{
	if (x >= 0 && x < PAGE_PATTERN_WIDTH)
		bits[x / 8] |= (uint8_t)(0x80u >> (x % 8));
}

static void set_span(uint8_t *bits, int from, int to)
{
	for (int x = from; x < to; x++)
		set_pixel(bits, x);
}

/* splitmix64: a well-mixed hash, so the random band differs on every page and row. */
static uint64_t mix64(uint64_t z)
{
	z += 0x9e3779b97f4a7c15ull;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static void draw_page_number(int page_number, int y, uint8_t *bits)
{
	int dot_row = (y - DIGITS_TOP) / FONT_DOT;

	if (y < DIGITS_TOP || dot_row >= 7)
		return;

	char digits[MAX_DIGITS + 1];
	int count = 0;
	unsigned int value = (unsigned int)page_number % 10000u;

	do {
		digits[count++] = (char)(value % 10u);
		value /= 10u;
	} while (value && count < MAX_DIGITS);

	for (int i = 0; i < count; i++) {
		uint8_t font_row = digit_font[(int)digits[count - 1 - i]][dot_row];
		int left = DIGITS_LEFT + i * DIGIT_ADVANCE;

		for (int dot = 0; dot < 5; dot++)
			if (font_row & (0x10u >> dot))
				set_span(bits, left + dot * FONT_DOT, left + (dot + 1) * FONT_DOT);
	}
}

static void draw_vertical_stripes(int page_number, int y, uint8_t *bits)
{
	int stripe = page_number % 8 + 4;

	if (y < DIGITS_TOP || y >= DIGITS_TOP + 7 * FONT_DOT)
		return;
	for (int x = VSTRIPES_LEFT; x < VSTRIPES_RIGHT; x++)
		if (((x - VSTRIPES_LEFT) / stripe) % 2 == 0)
			set_pixel(bits, x);
}

static void draw_horizontal_bars(int page_number, int y, uint8_t *bits)
{
	int bar = page_number % 16 + 2;

	if (y >= HBARS_TOP && y < HBARS_BOTTOM && ((y - HBARS_TOP) / bar) % 2 == 0)
		set_span(bits, DIGITS_LEFT, PAGE_PATTERN_WIDTH - DIGITS_LEFT);
}

static void draw_random_band(int page_number, int y, uint8_t *bits)
{
	if (y < RANDOM_TOP || y >= RANDOM_TOP + RANDOM_ROWS)
		return;

	uint64_t state = ((uint64_t)(unsigned int)page_number << 32) | (uint32_t)y;

	for (int byte = 0; byte < PAGE_PATTERN_WIDTH / 8; byte += 8) {
		state = mix64(state);
		for (int k = 0; k < 8 && byte + k < PAGE_PATTERN_WIDTH / 8; k++)
			bits[byte + k] |= (uint8_t)(state >> (8 * k));
	}
}

static void draw_diagonal(int y, uint8_t *bits)
{
	if (y >= DIAGONAL_TOP)
		set_span(bits, y - DIAGONAL_TOP, y - DIAGONAL_TOP + DIAGONAL_THICKNESS);
}

/* The page number in binary, readable by a checker that decodes one page alone. */
static void draw_barcode(int page_number, int y, uint8_t *bits)
{
	if (y < BARCODE_TOP || y >= BARCODE_BOTTOM)
		return;
	for (int bit = 0; bit < BARCODE_BITS; bit++)
		if ((unsigned int)page_number & (1u << (BARCODE_BITS - 1 - bit)))
			set_span(bits, DIGITS_LEFT + bit * BARCODE_BIT_WIDTH,
				 DIGITS_LEFT + (bit + 1) * BARCODE_BIT_WIDTH - 10);
}

static void draw_frame(int y, uint8_t *bits)
{
	bool horizontal_edge = (y >= FRAME_TOP && y < FRAME_TOP + FRAME_THICKNESS) ||
			       (y >= FRAME_BOTTOM - FRAME_THICKNESS && y < FRAME_BOTTOM);

	if (y < FRAME_TOP || y >= FRAME_BOTTOM)
		return;
	if (horizontal_edge) {
		set_span(bits, FRAME_LEFT, FRAME_RIGHT);
		return;
	}
	set_span(bits, FRAME_LEFT, FRAME_LEFT + FRAME_THICKNESS);
	set_span(bits, FRAME_RIGHT - FRAME_THICKNESS, FRAME_RIGHT);
}

void page_pattern_row(int page_number, enum page_resolution resolution,
		      int row, uint8_t *bits)
{
	int y = resolution == PAGE_RESOLUTION_FINE ? row : row * 2;

	memset(bits, 0, PAGE_PATTERN_WIDTH / 8);
	draw_page_number(page_number, y, bits);
	draw_vertical_stripes(page_number, y, bits);
	draw_horizontal_bars(page_number, y, bits);
	draw_random_band(page_number, y, bits);
	draw_diagonal(y, bits);
	draw_barcode(page_number, y, bits);
	draw_frame(y, bits);
}
