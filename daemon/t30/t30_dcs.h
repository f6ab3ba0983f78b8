/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading the session parameters out of a DCS frame. spandsp 0.0.6 reports
 * the bit rate but not which modem carries it (9600 and 7200 bit/s exist on
 * both V.29 and V.17), and the DCS is where both ends agree on it.
 */
#ifndef FAXD_T30_DCS_H
#define FAXD_T30_DCS_H

#include <stdbool.h>
#include <stdint.h>

#include "fax_call.h"

/* T.30 frames as spandsp hands them over: address, control, FCF, FIF... */
#define T30_FRAME_FCF_OFFSET 2

struct t30_dcs_parameters {
	enum fax_modem modem;
	int bit_rate;
	enum fax_compression compression;
	bool ecm;
};

/* The FCF of a frame without its X (direction) bit, or -1 if too short. */
int t30_frame_fcf(const uint8_t *frame, int length);

/* Decode a DCS frame. Returns 0, or -1 if it is not a DCS or is malformed. */
int t30_dcs_decode(const uint8_t *frame, int length, struct t30_dcs_parameters *out);

#endif
