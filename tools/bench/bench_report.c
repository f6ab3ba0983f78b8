// SPDX-License-Identifier: GPL-2.0
/* bench_report: medians, clocks and the two outputs of a measure. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "bench_report.h"

static uint64_t clock_ns(clockid_t clock)
{
	struct timespec now;

	clock_gettime(clock, &now);
	return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

uint64_t bench_now_ns(void) { return clock_ns(CLOCK_MONOTONIC); }
uint64_t bench_realtime_ns(void) { return clock_ns(CLOCK_REALTIME); }
uint64_t bench_thread_cpu_ns(void) { return clock_ns(CLOCK_THREAD_CPUTIME_ID); }
uint64_t bench_process_cpu_ns(void) { return clock_ns(CLOCK_PROCESS_CPUTIME_ID); }

static int compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double bench_median(const double *values, size_t n)
{
	double *sorted = malloc(n * sizeof(*sorted));
	double median;

	if (!sorted)
		bench_die("out of memory");
	memcpy(sorted, values, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), compare_doubles);
	median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	free(sorted);
	return median;
}

void bench_min_max(const double *values, size_t n, double *min, double *max)
{
	*min = *max = values[0];
	for (size_t i = 1; i < n; i++) {
		if (values[i] < *min)
			*min = values[i];
		if (values[i] > *max)
			*max = values[i];
	}
}

bool bench_goal_met(const struct bench_measure *measure)
{
	double compared = measure->goal_on_value ? measure->value : measure->ratio;

	if (measure->goal_none_lost)
		return measure->lost == 0;
	switch (measure->goal_kind) {
	case BENCH_GOAL_AT_MOST:
		return compared <= measure->goal;
	case BENCH_GOAL_AT_LEAST:
		return compared >= measure->goal;
	case BENCH_GOAL_NONE:
		break;
	}
	return true;
}

static void json_string(FILE *out, const char *text)
{
	fputc('"', out);
	for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
		if (*c == '"' || *c == '\\')
			fprintf(out, "\\%c", *c);
		else if (*c < 0x20)
			fprintf(out, "\\u%04x", *c);
		else
			fputc(*c, out);
	}
	fputc('"', out);
}

/* JSON has no NaN or infinity. */
static void json_number(FILE *out, double number)
{
	if (isfinite(number))
		fprintf(out, "%.6g", number);
	else
		fputs("null", out);
}

static const char *goal_text(const struct bench_measure *measure, char *buffer, size_t size)
{
	const char *subject = measure->goal_on_value ? "value" : "ratio";

	if (measure->goal_none_lost)
		return "none lost";
	switch (measure->goal_kind) {
	case BENCH_GOAL_AT_MOST:
		snprintf(buffer, size, "%s <= %g", subject, measure->goal);
		return buffer;
	case BENCH_GOAL_AT_LEAST:
		snprintf(buffer, size, "%s >= %g", subject, measure->goal);
		return buffer;
	case BENCH_GOAL_NONE:
		break;
	}
	return "none";
}

char *bench_measure_json(const struct bench_measure *measure)
{
	char goal[64];
	char *text = NULL;
	size_t length = 0;
	FILE *out = open_memstream(&text, &length);

	if (!out)
		bench_die("open_memstream: %s", strerror(errno));
	fputs("{\"value\": ", out);
	json_number(out, measure->value);
	fputs(", \"baseline\": ", out);
	json_number(out, measure->baseline);
	fputs(", \"ratio\": ", out);
	json_number(out, measure->ratio);
	fputs(", \"goal\": ", out);
	json_string(out, goal_text(measure, goal, sizeof(goal)));
	fprintf(out, ", \"goal_met\": %s", bench_goal_met(measure) ? "true" : "false");
	fputs(", \"unit\": ", out);
	json_string(out, measure->unit);
	fputs(", \"value_is\": ", out);
	json_string(out, measure->value_what);
	fputs(", \"baseline_is\": ", out);
	json_string(out, measure->baseline_what);
	fprintf(out, ", \"rounds\": %d, \"ratio_min\": ", measure->rounds);
	json_number(out, measure->ratio_min);
	fputs(", \"ratio_max\": ", out);
	json_number(out, measure->ratio_max);
	if (measure->goal_none_lost)
		fprintf(out, ", \"lost\": %ld", measure->lost);
	if (measure->note) {
		fputs(", \"note\": ", out);
		json_string(out, measure->note);
	}
	fputc('}', out);
	if (fclose(out))
		bench_die("open_memstream: %s", strerror(errno));
	return text;
}

static const char *output_dir(void)
{
	const char *dir = getenv("BENCH_OUT");

	return dir && *dir ? dir : ".";
}

static FILE *open_output(const char *subdir, const char *key, const char *suffix)
{
	char *path;
	FILE *file;

	if (mkdir(output_dir(), 0755) && errno != EEXIST)
		bench_die("mkdir %s: %s", output_dir(), strerror(errno));
	if (asprintf(&path, "%s/%s", output_dir(), subdir) < 0)
		bench_die("out of memory");
	if (mkdir(path, 0755) && errno != EEXIST)
		bench_die("mkdir %s: %s", path, strerror(errno));
	free(path);
	if (asprintf(&path, "%s/%s/%s%s", output_dir(), subdir, key, suffix) < 0)
		bench_die("out of memory");
	file = fopen(path, "w");
	if (!file)
		bench_die("cannot write %s: %s", path, strerror(errno));
	free(path);
	return file;
}

static void table_row(FILE *out, const char *key, const struct bench_measure *measure)
{
	char goal[64];

	fprintf(out, "%-34s %12.4g %12.4g %-14s %8.3f  %-14s %s\n", key, measure->value,
		measure->baseline, measure->unit, measure->ratio,
		goal_text(measure, goal, sizeof(goal)),
		measure->goal_kind == BENCH_GOAL_NONE && !measure->goal_none_lost ? "-"
			: bench_goal_met(measure) ? "met" : "MISSED");
}

static int write_rows(const char *key, const struct bench_measure *members, size_t n,
		      bool grouped)
{
	FILE *table = open_output("table", key, ".txt");

	for (size_t i = 0; i < n; i++) {
		char *name;

		if (asprintf(&name, grouped ? "%s.%s" : "%s", key, members[i].key) < 0)
			bench_die("out of memory");
		if (!grouped) {
			free(name);
			name = strdup(key);
			if (!name)
				bench_die("out of memory");
		}
		table_row(table, name, &members[i]);
		table_row(stdout, name, &members[i]);
		free(name);
	}
	fflush(stdout);
	return fclose(table) ? -1 : 0;
}

int bench_report(const struct bench_measure *measure)
{
	FILE *fragment = open_output("fragments", measure->key, ".json");
	char *json = bench_measure_json(measure);

	fprintf(fragment, "\"%s\": %s", measure->key, json);
	free(json);
	if (fclose(fragment))
		return -1;
	return write_rows(measure->key, measure, 1, false);
}

int bench_report_group(const char *key, const struct bench_measure *members, size_t n)
{
	FILE *fragment = open_output("fragments", key, ".json");

	fprintf(fragment, "\"%s\": {", key);
	for (size_t i = 0; i < n; i++) {
		char *json = bench_measure_json(&members[i]);

		fprintf(fragment, "%s\n    \"%s\": %s", i ? "," : "", members[i].key, json);
		free(json);
	}
	fputs("\n  }", fragment);
	if (fclose(fragment))
		return -1;
	return write_rows(key, members, n, true);
}

void bench_die(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	fputs("bench: ", stderr);
	vfprintf(stderr, fmt, args);
	fputc('\n', stderr);
	va_end(args);
	exit(1);
}

int bench_rounds(int default_rounds)
{
	const char *text = getenv("BENCH_ROUNDS");
	long rounds = text && *text ? strtol(text, NULL, 10) : default_rounds;

	return rounds < 1 ? 1 : rounds > 99 ? 99 : (int)rounds;
}
