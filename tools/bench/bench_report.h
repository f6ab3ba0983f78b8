/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bench_report: what every benchmark program shares. A measure is a value
 * against a baseline measured in the same run, each the median over rounds;
 * it is written as one JSON member into $BENCH_OUT/fragments/<key>.json
 * (tools/bench/run-in-vm joins them into results.json) and as one row of
 * the table into $BENCH_OUT/table/<key>.txt and stdout.
 */
#ifndef BENCH_REPORT_H
#define BENCH_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Which way the goal points. */
enum bench_goal_kind {
	BENCH_GOAL_AT_MOST,	/* ratio <= goal */
	BENCH_GOAL_AT_LEAST,	/* ratio >= goal, or value >= goal for counts */
	BENCH_GOAL_NONE,	/* reported only */
};

struct bench_measure {
	const char *key;		/* "open_close", or "ports_created" inside a group */
	const char *unit;		/* of value and baseline */
	const char *value_what;		/* what value is */
	const char *baseline_what;	/* what baseline is */
	double value;
	double baseline;
	double ratio;			/* value / baseline unless a measure says otherwise */
	enum bench_goal_kind goal_kind;
	double goal;			/* compared with ratio, or with value when goal_on_value */
	bool goal_on_value;
	int rounds;
	double ratio_min, ratio_max;	/* over the rounds */
	const char *note;		/* free text, or NULL */
	/* A delivery measure: its goal is that nothing was lost (the kind is ignored). */
	bool goal_none_lost;
	long lost;
};

uint64_t bench_now_ns(void);			/* CLOCK_MONOTONIC */
uint64_t bench_realtime_ns(void);		/* CLOCK_REALTIME */
uint64_t bench_thread_cpu_ns(void);		/* CLOCK_THREAD_CPUTIME_ID */
uint64_t bench_process_cpu_ns(void);		/* CLOCK_PROCESS_CPUTIME_ID */

/* Median of n values (n > 0); sorts a copy. */
double bench_median(const double *values, size_t n);
/* Smallest and largest of n values. */
void bench_min_max(const double *values, size_t n, double *min, double *max);

bool bench_goal_met(const struct bench_measure *measure);

/* The measure as a JSON object (no key), into a malloc'ed string. */
char *bench_measure_json(const struct bench_measure *measure);

/*
 * Write a top-level key: its JSON text (an object) and table rows. For a
 * single measure use bench_report(); a group (like "scale") passes its
 * members' JSON joined by the caller through bench_report_group().
 */
int bench_report(const struct bench_measure *measure);
int bench_report_group(const char *key, const struct bench_measure *members, size_t n);

/* Exit with a message on a setup failure: the bench must not report nonsense. */
_Noreturn void bench_die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Rounds from $BENCH_ROUNDS, else the default, bounded to 1..99. */
int bench_rounds(int default_rounds);

#endif
