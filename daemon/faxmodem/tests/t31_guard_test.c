// SPDX-License-Identifier: GPL-2.0
/*
 * t31_guard_test: host test of the flow control between the DTE and
 * spandsp's T.31 (t31_guard.c), printing TAP; run under valgrind by
 * make check. A T.31 modem with no line is given far more page data than
 * its buffer holds and an HDLC frame ten times longer than any T.30 frame,
 * only as t31_room() allows, while its transmitter drains it; nothing may
 * be written past spandsp's buffers, and the modem must finish each block
 * with OK as T.31 says.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../t31_guard.h"
#include <tap.h>

#define SAMPLE_RATE 8000
#define DRAIN_SAMPLES 160	/* 20 ms of line per step */

struct dte {
	char output[4096];	/* the modem's last words, for the result codes */
	size_t output_length;
	bool cts;
	unsigned int cts_drops;
	unsigned long discarded;
};

static int at_tx(at_state_t *at, void *user_data, const uint8_t *bytes, size_t length)
{
	struct dte *dte = user_data;

	(void)at;
	if (length > sizeof(dte->output) - 1)
		length = sizeof(dte->output) - 1;
	if (dte->output_length + length > sizeof(dte->output) - 1) {
		size_t drop = dte->output_length + length - (sizeof(dte->output) - 1);

		memmove(dte->output, dte->output + drop, dte->output_length - drop);
		dte->output_length -= drop;
	}
	memcpy(dte->output + dte->output_length, bytes, length);
	dte->output_length += length;
	dte->output[dte->output_length] = '\0';
	return 0;
}

static int modem_control(t31_state_t *t31, void *user_data, int op, const char *number)
{
	struct dte *dte = user_data;

	(void)t31;
	if (op == AT_MODEM_CONTROL_CTS) {
		if (dte->cts && !number)
			dte->cts_drops++;
		dte->cts = number != NULL;
	}
	return 0;
}

static void drain(t31_state_t *t31)
{
	int16_t samples[DRAIN_SAMPLES];

	t31_tx(t31, samples, DRAIN_SAMPLES);
	t31_rx(t31, samples, DRAIN_SAMPLES);
}

/* What faxport-modem's feed does, with the line drained whenever T.31 is full. */
static void feed(t31_state_t *t31, struct dte *dte, const uint8_t *data, size_t length)
{
	while (length) {
		int discard;
		size_t take = dte->cts ? t31_room(t31, data, length, &discard) : 0;

		if (dte->cts && discard) {
			dte->discarded++;
			data++;
			length--;
			continue;
		}
		if (!take) {
			drain(t31);
			continue;
		}
		t31_at_rx(t31, (const char *)data, (int)take);
		data += take;
		length -= take;
	}
}

static void command(t31_state_t *t31, struct dte *dte, const char *line)
{
	dte->output_length = 0;
	dte->output[0] = '\0';
	feed(t31, dte, (const uint8_t *)line, strlen(line));
}

/* Run the line until @result arrives, at most @seconds of line time. */
static bool await(t31_state_t *t31, struct dte *dte, const char *result, int seconds)
{
	for (int step = 0; step < seconds * SAMPLE_RATE / DRAIN_SAMPLES; step++) {
		if (strstr(dte->output, result))
			return true;
		drain(t31);
	}
	return strstr(dte->output, result) != NULL;
}

int main(void)
{
	static const uint8_t end_of_data[] = { 0x10, 0x03 };
	struct dte dte = { .cts = true };
	t31_state_t *t31 = t31_init(NULL, at_tx, &dte, modem_control, &dte, NULL, NULL);
	size_t page_length = 64 * 1024;
	uint8_t *page = malloc(page_length);

	tap_plan(6);
	if (!t31 || !page) {
		printf("Bail out! cannot set up the modem\n");
		return 1;
	}
	t31_set_transmit_on_idle(t31, 1);
	/* Page data without DLE, so that every byte is one byte of data. */
	memset(page, 0x55, page_length);

	command(t31, &dte, "ATE0\r");
	command(t31, &dte, "AT+FCLASS=1\r");
	ok(await(t31, &dte, "OK", 1), "AT+FCLASS=1: OK");

	/* Off hook, as in a call: dial, connect, and stop the receiver T.31 starts then. */
	command(t31, &dte, "ATD1\r");
	t31_call_event(t31, AT_CALL_EVENT_CONNECTED);
	drain(t31);
	command(t31, &dte, "\r");
	await(t31, &dte, "OK", 1);
	command(t31, &dte, "AT+FTM=96\r");
	ok(await(t31, &dte, "CONNECT", 2), "AT+FTM=96: CONNECT");
	feed(t31, &dte, page, page_length);
	feed(t31, &dte, end_of_data, sizeof(end_of_data));
	ok(dte.cts_drops > 0, "64 KiB of page data (16 times T.31's buffer): T.31 dropped CTS, and was waited for");
	ok(await(t31, &dte, "OK", 10), "the page data went out at 9600 bit/s and T.31 answered OK");

	command(t31, &dte, "AT+FTH=3\r");
	ok(await(t31, &dte, "CONNECT", 3), "AT+FTH=3: CONNECT");
	/* 0xff 0x13 ...: a final frame, 3000 bytes long, against spandsp's 284. */
	page[0] = 0xff;
	page[1] = 0x13;
	feed(t31, &dte, page, 3000);
	feed(t31, &dte, end_of_data, sizeof(end_of_data));
	ok(dte.discarded == 3000 - T31_MAX_HDLC_LEN && await(t31, &dte, "OK", 20),
	   "a 3000-byte HDLC frame: all but 284 bytes discarded, the rest sent, OK");

	t31_guard_free(t31);
	free(page);
	return tap_finish();
}
