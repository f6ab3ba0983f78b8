// SPDX-License-Identifier: GPL-2.0
/* Bit numbers are those of ITU-T T.30 Table 2: bit 1 is the LSB of the first FIF octet. */
#include "t30_dcs.h"

#include <spandsp.h>

#define FIF_OFFSET (T30_FRAME_FCF_OFFSET + 1)
/* Without the X bit, which only says which station sent the frame. */
#define FCF_MASK 0xfe

/* Bits 11-14: data signalling rate. */
#define DCS_RATE_FIRST_BIT 11
#define DCS_RATE_BITS 4
#define DCS_BIT_2D_MODE 16
#define DCS_BIT_ECM 27
#define DCS_BIT_T6_MODE 31

static bool dcs_bit(const uint8_t *fif, int fif_length, int bit)
{
	int octet = (bit - 1) / 8;

	return octet < fif_length && (fif[octet] & (1u << ((bit - 1) % 8)));
}

int t30_frame_fcf(const uint8_t *frame, int length)
{
	if (length <= T30_FRAME_FCF_OFFSET)
		return -1;
	return frame[T30_FRAME_FCF_OFFSET] & FCF_MASK;
}

/* The DCS rate codes, bits 11..14 read as b11 b12 b13 b14 -> value bit 0..3. */
static const struct {
	unsigned int code;
	enum fax_modem modem;
	int bit_rate;
} dcs_rates[] = {
	{ 0x0, FAX_MODEM_V27TER, 2400 },
	{ 0x2, FAX_MODEM_V27TER, 4800 },
	{ 0x1, FAX_MODEM_V29, 9600 },
	{ 0x3, FAX_MODEM_V29, 7200 },
	{ 0x8, FAX_MODEM_V17, 14400 },
	{ 0xa, FAX_MODEM_V17, 12000 },
	{ 0x9, FAX_MODEM_V17, 9600 },
	{ 0xb, FAX_MODEM_V17, 7200 },
};

int t30_dcs_decode(const uint8_t *frame, int length, struct t30_dcs_parameters *out)
{
	const uint8_t *fif = frame + FIF_OFFSET;
	int fif_length = length - FIF_OFFSET;
	unsigned int rate_code = 0;

	/* Bits up to 24 are mandatory in every DCS. */
	if (t30_frame_fcf(frame, length) != (T30_DCS & FCF_MASK) || fif_length < 3)
		return -1;

	for (int i = 0; i < DCS_RATE_BITS; i++)
		if (dcs_bit(fif, fif_length, DCS_RATE_FIRST_BIT + i))
			rate_code |= 1u << i;

	out->bit_rate = 0;
	for (unsigned int i = 0; i < sizeof(dcs_rates) / sizeof(dcs_rates[0]); i++) {
		if (dcs_rates[i].code == rate_code) {
			out->modem = dcs_rates[i].modem;
			out->bit_rate = dcs_rates[i].bit_rate;
		}
	}
	if (!out->bit_rate)
		return -1;

	out->ecm = dcs_bit(fif, fif_length, DCS_BIT_ECM);
	if (out->ecm && dcs_bit(fif, fif_length, DCS_BIT_T6_MODE))
		out->compression = FAX_COMPRESSION_MMR;
	else if (dcs_bit(fif, fif_length, DCS_BIT_2D_MODE))
		out->compression = FAX_COMPRESSION_MR;
	else
		out->compression = FAX_COMPRESSION_MH;
	return 0;
}
