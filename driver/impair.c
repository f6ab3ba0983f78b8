// SPDX-License-Identifier: GPL-2.0
/*
 * faxport: line impairments of the loopback exchange, for tests: white
 * noise at a set level and a fixed delay, both off by default. They are
 * module parameters, writable at run time; a call takes the values in
 * force when it is answered.
 *
 * Levels follow G.711: a full-scale sine is +3.14 dBm0, so noise of
 * L dBm0 has an RMS of 23170 * 10^((L - 3.14) / 20) in 16-bit PCM, about
 * 16143 * 10^(L / 20).
 */
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/random.h>

#include "faxport.h"

#define FAXPORT_NOISE_OFF	S32_MIN
#define FAXPORT_NOISE_MIN_DBM0	-90
#define FAXPORT_RMS_0DBM0	16143
#define FAXPORT_MINUS_1DB_Q16	58409	/* 10^(-1/20) in Q16 */
#define FAXPORT_MAX_DELAY_MS	1000
/* The std. deviation of a sum of four uniform 16-bit values. */
#define FAXPORT_SUM4_STDDEV	37837

static int line_noise_dbm0 = FAXPORT_NOISE_OFF;
static unsigned int line_noise_rms;	/* derived from line_noise_dbm0 */

static int line_noise_set(const char *val, const struct kernel_param *kp)
{
	unsigned int rms = FAXPORT_RMS_0DBM0;
	int dbm0, i, ret;

	if (sysfs_streq(val, "off")) {
		WRITE_ONCE(line_noise_rms, 0);
		WRITE_ONCE(line_noise_dbm0, FAXPORT_NOISE_OFF);
		return 0;
	}
	ret = kstrtoint(val, 0, &dbm0);
	if (ret)
		return ret;
	if (dbm0 > 0 || dbm0 < FAXPORT_NOISE_MIN_DBM0)
		return -EINVAL;
	for (i = 0; i < -dbm0; i++)
		rms = (rms * FAXPORT_MINUS_1DB_Q16) >> 16;
	WRITE_ONCE(line_noise_rms, rms);
	WRITE_ONCE(line_noise_dbm0, dbm0);
	return 0;
}

static int line_noise_get(char *buffer, const struct kernel_param *kp)
{
	int dbm0 = READ_ONCE(line_noise_dbm0);

	if (dbm0 == FAXPORT_NOISE_OFF)
		return sysfs_emit(buffer, "off\n");
	return sysfs_emit(buffer, "%d\n", dbm0);
}

static const struct kernel_param_ops line_noise_ops = {
	.set = line_noise_set,
	.get = line_noise_get,
};
module_param_cb(line_noise_dbm0, &line_noise_ops, NULL, 0644);
MODULE_PARM_DESC(line_noise_dbm0,
		 "White noise added to calls, in dBm0 (-90..0), or off (default)");

static unsigned int line_delay_ms;

static int line_delay_set(const char *val, const struct kernel_param *kp)
{
	unsigned int ms;
	int ret = kstrtouint(val, 0, &ms);

	if (ret)
		return ret;
	if (ms > FAXPORT_MAX_DELAY_MS)
		return -EINVAL;
	WRITE_ONCE(line_delay_ms, ms);
	return 0;
}

static const struct kernel_param_ops line_delay_ops = {
	.set = line_delay_set,
	.get = param_get_uint,
};
module_param_cb(line_delay_ms, &line_delay_ops, &line_delay_ms, 0644);
MODULE_PARM_DESC(line_delay_ms, "One-way delay added to calls, 0..1000 ms (default 0)");

/**
 * faxport_impair_call_start() - a call was answered: set up its impairments
 * @a: one end's line
 * @b: the other's
 *
 * Called with faxport_exchange_lock held. The delay is silence put ahead
 * of each direction's audio.
 */
void faxport_impair_call_start(struct faxport_line *a, struct faxport_line *b)
{
	static const s16 silence[FAXPORT_SAMPLE_RATE / 100];
	unsigned int delay = READ_ONCE(line_delay_ms) * (FAXPORT_SAMPLE_RATE / 1000);
	unsigned int rms = READ_ONCE(line_noise_rms);
	struct faxport_line *ends[] = { a, b };
	unsigned int i, left, n;

	lockdep_assert_held(&faxport_exchange_lock);
	for (i = 0; i < ARRAY_SIZE(ends); i++) {
		ends[i]->noise_rms = rms;
		ends[i]->noise_state = get_random_u32() | 1;
		for (left = delay; left; left -= n) {
			n = min_t(unsigned int, left, ARRAY_SIZE(silence));
			kfifo_in(&ends[i]->rx.samples, silence, n);
		}
	}
}

/* xorshift32: cheap, and good enough to whiten a test line. */
static u32 faxport_noise_next(u32 *state)
{
	u32 x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

/**
 * faxport_impair_audio() - add the line's noise to audio leaving an end
 * @from: the sending end's line (its noise state advances)
 * @samples: the audio, changed in place
 * @n: how many samples
 *
 * Called with faxport_exchange_lock held.
 */
void faxport_impair_audio(struct faxport_line *from, s16 *samples,
			  unsigned int n)
{
	unsigned int i;

	if (!from->noise_rms)
		return;
	for (i = 0; i < n; i++) {
		u32 r1 = faxport_noise_next(&from->noise_state);
		u32 r2 = faxport_noise_next(&from->noise_state);
		s32 sum = (s16)(r1 & 0xffff) + (s16)(r1 >> 16) +
			  (s16)(r2 & 0xffff) + (s16)(r2 >> 16);
		s32 noise = div_s64((s64)sum * from->noise_rms,
				    FAXPORT_SUM4_STDDEV);

		samples[i] = clamp_t(s32, samples[i] + noise, S16_MIN, S16_MAX);
	}
}
