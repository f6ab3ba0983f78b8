// SPDX-License-Identifier: GPL-2.0
/*
 * faxctl log: the sums of faxd's transfer log, HylaFAX's xferfaxstats. The
 * log has a line per call that ended, 12 TAB-separated fields (faxctl.1
 * lists them), '#' lines are comments:
 *
 *   end(UTC) direction job port owner number station pages doc-pages
 *   line-seconds outcome reason
 *
 * The file grows for years and its text is partly the far end's (the
 * station id) and the client's (the owner): it is read a line at a time
 * with getline(), each name is counted in a hash table, and all of it is
 * shown through terminal_text. A line that is not of that shape is counted
 * and the first one named, never guessed at.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "faxctl.h"
#include "json.h"
#include "terminal_text.h"

#define DEFAULT_TRANSFER_LOG "/var/log/faxport/transfer.log"
#define FIELD_COUNT 12
/* More integer digits than any call's seconds: the sums cannot overflow. */
#define MAX_SECONDS_DIGITS 9

static const char log_help[] =
	"usage: faxctl log [--file PATH] [--since DATE] [--until DATE] [--json]\n"
	"Sums faxd's transfer log (default " DEFAULT_TRANSFER_LOG ", '-' is the\n"
	"standard input): for sent and received faxes the calls, how many succeeded\n"
	"and failed, the pages and the time on the line, then the same per outcome,\n"
	"per owner (sent) and per remote station. DATE is 'YYYY-MM-DD' or\n"
	"'YYYY-MM-DD HH:MM[:SS]' (local time) or 'YYYY-MM-DDTHH:MM:SSZ' (UTC); calls\n"
	"that ended at or after --since and before --until count.\n";

enum { FIELD_END, FIELD_DIRECTION, FIELD_JOB, FIELD_PORT, FIELD_OWNER, FIELD_NUMBER,
       FIELD_STATION, FIELD_PAGES, FIELD_DOCUMENT_PAGES, FIELD_SECONDS, FIELD_OUTCOME,
       FIELD_REASON };

/* The sums of the calls of one kind: all of them, one outcome, owner or station. */
struct tally {
	char *name;
	uint64_t calls, successful, failed, pages, line_tenths;
};

/* Names to their tally: open addressing, kept at most half full. */
struct tally_table {
	struct tally *slots;
	size_t capacity, used;
};

struct direction_sums {
	struct tally total;
	struct tally_table outcomes, owners, stations;
};

struct log_sums {
	struct direction_sums sent, received;
	uint64_t lines, malformed, first_malformed;
	const char *first_malformed_reason;
};

static uint64_t hash_name(const char *name)
{
	uint64_t hash = 14695981039346656037ULL;

	for (const unsigned char *c = (const unsigned char *)name; *c; c++)
		hash = (hash ^ *c) * 1099511628211ULL;
	return hash;
}

static struct tally *find_slot(struct tally *slots, size_t capacity, const char *name)
{
	size_t index = (size_t)hash_name(name) & (capacity - 1);

	while (slots[index].name && strcmp(slots[index].name, name))
		index = (index + 1) & (capacity - 1);
	return &slots[index];
}

static int grow_table(struct tally_table *table)
{
	size_t capacity = table->capacity ? table->capacity * 2 : 16;
	struct tally *slots = calloc(capacity, sizeof(*slots));

	if (!slots)
		return -ENOMEM;
	for (size_t i = 0; i < table->capacity; i++) {
		if (table->slots[i].name)
			*find_slot(slots, capacity, table->slots[i].name) = table->slots[i];
	}
	free(table->slots);
	table->slots = slots;
	table->capacity = capacity;
	return 0;
}

static struct tally *table_tally(struct tally_table *table, const char *name)
{
	struct tally *slot;

	if ((table->used + 1) * 2 > table->capacity && grow_table(table))
		return NULL;
	slot = find_slot(table->slots, table->capacity, name);
	if (!slot->name) {
		slot->name = strdup(name);
		if (!slot->name)
			return NULL;
		table->used++;
	}
	return slot;
}

static void free_table(struct tally_table *table)
{
	for (size_t i = 0; i < table->capacity; i++)
		free(table->slots[i].name);
	free(table->slots);
}

static void add_call(struct tally *tally, bool successful, uint64_t pages, uint64_t tenths)
{
	tally->calls++;
	if (successful)
		tally->successful++;
	else
		tally->failed++;
	tally->pages += pages;
	tally->line_tenths += tenths;
}

/* "2026-12-08T01:23:45Z", a real time, and nothing else. */
static bool parse_end_time(const char *text, time_t *when)
{
	static const char shape[] = "DDDD-DD-DDTDD:DD:DDZ";
	struct tm utc = { 0 };
	char again[sizeof(shape)];
	const char *end;

	if (strlen(text) != sizeof(shape) - 1)
		return false;
	for (size_t i = 0; i < sizeof(shape) - 1; i++) {
		if (shape[i] == 'D' ? text[i] < '0' || text[i] > '9' : text[i] != shape[i])
			return false;
	}
	end = strptime(text, "%Y-%m-%dT%H:%M:%SZ", &utc);
	if (!end || *end)
		return false;
	*when = timegm(&utc);
	/* strptime takes 2026-02-31; written back it would not be the same. */
	return gmtime_r(when, &utc) &&
	       strftime(again, sizeof(again), "%Y-%m-%dT%H:%M:%SZ", &utc) == sizeof(shape) - 1 &&
	       !strcmp(again, text);
}

/* "12.3" (or "12") in tenths of a second. */
static bool parse_line_time(const char *text, uint64_t *tenths)
{
	uint64_t value = 0;
	size_t digits = 0;

	for (; text[digits] >= '0' && text[digits] <= '9'; digits++)
		value = value * 10 + (uint64_t)(text[digits] - '0');
	if (!digits || digits > MAX_SECONDS_DIGITS)
		return false;
	value *= 10;
	text += digits;
	if (text[0] == '.') {
		if (text[1] < '0' || text[1] > '9' || text[2])
			return false;
		value += (uint64_t)(text[1] - '0');
	} else if (text[0]) {
		return false;
	}
	*tenths = value;
	return true;
}

/* Splits @line at its TABs into @fields; NULL, or why it is not a log line. */
static const char *split_fields(char *line, char *fields[FIELD_COUNT])
{
	size_t count = 0;

	for (char *field = line;; count++) {
		char *tab = strchr(field, '\t');

		if (count < FIELD_COUNT)
			fields[count] = field;
		if (!*field || field == tab)
			return count < FIELD_COUNT ? "an empty field" : "more than 12 fields";
		if (!tab)
			break;
		*tab = '\0';
		field = tab + 1;
	}
	return count + 1 == FIELD_COUNT ? NULL : count + 1 < FIELD_COUNT ?
	       "fewer than 12 fields" : "more than 12 fields";
}

struct call_line {
	time_t end;
	bool sent, successful;
	uint64_t pages, line_tenths;
	const char *outcome, *owner, *station;
};

static const char *parse_call(char *line, struct call_line *call)
{
	char *fields[FIELD_COUNT];
	const char *problem = split_fields(line, fields);
	unsigned long number;

	if (problem)
		return problem;
	if (!parse_end_time(fields[FIELD_END], &call->end))
		return "a bad end time";
	if (!strcmp(fields[FIELD_DIRECTION], "send"))
		call->sent = true;
	else if (!strcmp(fields[FIELD_DIRECTION], "receive"))
		call->sent = false;
	else
		return "a direction other than send or receive";
	if (!faxctl_parse_uint(fields[FIELD_JOB], 0xFFFFFFFFUL, &number))
		return "a bad job id";
	if (!faxctl_parse_uint(fields[FIELD_PORT], 0xFFFFFFFFUL, &number))
		return "a bad port number";
	if (!faxctl_parse_uint(fields[FIELD_DOCUMENT_PAGES], 0xFFFFFFFFUL, &number))
		return "a bad page count";
	if (!faxctl_parse_uint(fields[FIELD_PAGES], 0xFFFFFFFFUL, &number))
		return "a bad page count";
	call->pages = number;
	if (!parse_line_time(fields[FIELD_SECONDS], &call->line_tenths))
		return "a bad line time";
	call->outcome = fields[FIELD_OUTCOME];
	call->successful = !strcmp(call->outcome, "completed");
	call->owner = fields[FIELD_OWNER];
	call->station = fields[FIELD_STATION];
	return NULL;
}

static int add_to_table(struct tally_table *table, const char *name,
			const struct call_line *call)
{
	struct tally *tally = table_tally(table, name);

	if (!tally)
		return -ENOMEM;
	add_call(tally, call->successful, call->pages, call->line_tenths);
	return 0;
}

static int count_call(struct log_sums *sums, const struct call_line *call)
{
	struct direction_sums *sums_of = call->sent ? &sums->sent : &sums->received;
	int error;

	add_call(&sums_of->total, call->successful, call->pages, call->line_tenths);
	error = add_to_table(&sums_of->outcomes, call->outcome, call);
	if (!error && call->sent)
		error = add_to_table(&sums_of->owners, call->owner, call);
	if (!error)
		error = add_to_table(&sums_of->stations, call->station, call);
	return error;
}

struct period {
	bool has_since, has_until;
	time_t since, until;
};

static int read_log(FILE *file, const struct period *period, struct log_sums *sums)
{
	char *line = NULL;
	size_t size = 0;
	ssize_t length;
	int error = 0;

	errno = 0;
	while ((length = getline(&line, &size, file)) >= 0) {
		struct call_line call;
		const char *problem;

		sums->lines++;
		if (length && line[length - 1] == '\n')
			line[--length] = '\0';
		if (line[0] == '#' || !length)
			continue;
		problem = strlen(line) != (size_t)length ? "a NUL byte" : parse_call(line, &call);
		if (problem) {
			if (!sums->malformed++) {
				sums->first_malformed = sums->lines;
				sums->first_malformed_reason = problem;
			}
			continue;
		}
		if ((period->has_since && call.end < period->since) ||
		    (period->has_until && call.end >= period->until))
			continue;
		error = count_call(sums, &call);
		if (error)
			break;
	}
	/* A folder given as the log fails here, with EISDIR. */
	if (!error && ferror(file))
		error = errno ? -errno : -EIO;
	free(line);
	return error;
}

/* --since/--until: local "YYYY-MM-DD[ HH:MM[:SS]]" or UTC "YYYY-MM-DDTHH:MM:SSZ". */
static bool parse_date(const char *text, time_t *when)
{
	static const char *const local_formats[] = {
		"%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d",
	};

	if (parse_end_time(text, when))
		return true;
	for (size_t i = 0; i < sizeof(local_formats) / sizeof(local_formats[0]); i++) {
		struct tm local = { 0 };
		const char *end = strptime(text, local_formats[i], &local);

		if (!end || *end)
			continue;
		local.tm_isdst = -1;
		*when = mktime(&local);
		return *when != (time_t)-1;
	}
	return false;
}

static void format_duration(uint64_t tenths, char *text, size_t size)
{
	uint64_t seconds = (tenths + 5) / 10;

	snprintf(text, size, "%" PRIu64 ":%02u:%02u", seconds / 3600,
		 (unsigned int)(seconds / 60 % 60), (unsigned int)(seconds % 60));
}

static int compare_tallies(const void *a, const void *b)
{
	const struct tally *left = *(const struct tally *const *)a;
	const struct tally *right = *(const struct tally *const *)b;

	return strcmp(left->name, right->name);
}

/* The table's tallies in the order of their names (NULL when empty or no memory). */
static const struct tally **sorted_tallies(const struct tally_table *table)
{
	const struct tally **sorted = calloc(table->used ? table->used : 1, sizeof(*sorted));
	size_t count = 0;

	if (!sorted)
		return NULL;
	for (size_t i = 0; i < table->capacity; i++) {
		if (table->slots[i].name)
			sorted[count++] = &table->slots[i];
	}
	qsort(sorted, count, sizeof(*sorted), compare_tallies);
	return sorted;
}

static void print_table_row(const char *name, const struct tally *tally)
{
	char duration[32];

	format_duration(tally->line_tenths, duration, sizeof(duration));
	terminal_text_field(stdout, name, -24);
	printf(" %7" PRIu64 " %7" PRIu64 " %7" PRIu64 " %7" PRIu64 " %11s\n", tally->calls,
	       tally->successful, tally->failed, tally->pages, duration);
}

static int print_table(const char *heading, const struct tally_table *table)
{
	const struct tally **sorted = sorted_tallies(table);

	if (!sorted)
		return -ENOMEM;
	printf("\n%-24s %7s %7s %7s %7s %11s\n", heading, "CALLS", "OK", "FAILED", "PAGES",
	       "LINE TIME");
	for (size_t i = 0; i < table->used; i++)
		print_table_row(sorted[i]->name, sorted[i]);
	free(sorted);
	return 0;
}

static int print_direction(const char *title, const struct direction_sums *sums, bool sent)
{
	char duration[32];
	int error;

	if (!sums->total.calls) {
		printf("%s: no calls\n", title);
		return 0;
	}
	format_duration(sums->total.line_tenths, duration, sizeof(duration));
	printf("%s: %" PRIu64 " call%s, %" PRIu64 " successful, %" PRIu64 " failed, %" PRIu64
	       " page%s, %s on the line\n", title, sums->total.calls,
	       sums->total.calls == 1 ? "" : "s", sums->total.successful, sums->total.failed,
	       sums->total.pages, sums->total.pages == 1 ? "" : "s", duration);
	error = print_table("OUTCOME", &sums->outcomes);
	if (!error && sent)
		error = print_table("OWNER", &sums->owners);
	if (!error)
		error = print_table("REMOTE STATION", &sums->stations);
	return error;
}

static void json_tally_fields(struct json_writer *json, const struct tally *tally)
{
	json_uint(json, "calls", tally->calls);
	json_uint(json, "successful", tally->successful);
	json_uint(json, "failed", tally->failed);
	json_uint(json, "pages", tally->pages);
	json_tenths(json, "line_seconds", tally->line_tenths);
}

static int json_table(struct json_writer *json, const char *key, const char *name_key,
		      const struct tally_table *table)
{
	const struct tally **sorted = sorted_tallies(table);

	if (!sorted)
		return -ENOMEM;
	json_begin_array(json, key);
	for (size_t i = 0; i < table->used; i++) {
		json_begin_object(json, NULL);
		json_string(json, name_key, sorted[i]->name);
		json_tally_fields(json, sorted[i]);
		json_end_object(json);
	}
	json_end_array(json);
	free(sorted);
	return 0;
}

static int json_direction(struct json_writer *json, const char *key,
			  const struct direction_sums *sums, bool sent)
{
	int error;

	json_begin_object(json, key);
	json_tally_fields(json, &sums->total);
	error = json_table(json, "outcomes", "outcome", &sums->outcomes);
	if (!error && sent)
		error = json_table(json, "owners", "owner", &sums->owners);
	if (!error)
		error = json_table(json, "stations", "remote_station", &sums->stations);
	json_end_object(json);
	return error;
}

static int print_json(const char *path, const struct log_sums *sums)
{
	struct json_writer json;
	int error;

	json_init(&json, stdout);
	json_begin_object(&json, NULL);
	json_string(&json, "file", path);
	json_uint(&json, "lines", sums->lines);
	json_uint(&json, "malformed_lines", sums->malformed);
	if (sums->malformed)
		json_uint(&json, "first_malformed_line", sums->first_malformed);
	else
		json_string(&json, "first_malformed_line", NULL);
	error = json_direction(&json, "sent", &sums->sent, true);
	if (!error)
		error = json_direction(&json, "received", &sums->received, false);
	json_end_object(&json);
	json_end_line(&json);
	return error;
}

static void free_sums(struct log_sums *sums)
{
	struct direction_sums *both[] = { &sums->sent, &sums->received };

	for (size_t i = 0; i < 2; i++) {
		free_table(&both[i]->outcomes);
		free_table(&both[i]->owners);
		free_table(&both[i]->stations);
	}
}

int faxctl_log(struct faxctl_command_line *cmd)
{
	static const struct option options[] = {
		{ "file", required_argument, NULL, 'f' },
		{ "since", required_argument, NULL, 's' },
		{ "until", required_argument, NULL, 'u' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *path = DEFAULT_TRANSFER_LOG;
	struct period period = { 0 };
	struct log_sums sums = { 0 };
	bool as_json = false, from_stdin;
	int option, error, status = FAXCTL_OK;
	FILE *file;

	while ((option = faxctl_getopt(cmd, ":h", options)) != -1) {
		switch (option) {
		case 'h':
			fputs(log_help, stdout);
			return FAXCTL_OK;
		case 'f':
			path = optarg;
			break;
		case 's':
		case 'u':
			if (!parse_date(optarg, option == 's' ? &period.since : &period.until))
				return faxctl_usage_error(cmd, "--%s takes YYYY-MM-DD, 'YYYY-MM-DD "
							  "HH:MM[:SS]' or YYYY-MM-DDTHH:MM:SSZ, not '%s'",
							  option == 's' ? "since" : "until", optarg);
			*(option == 's' ? &period.has_since : &period.has_until) = true;
			break;
		case 'j':
			as_json = true;
			break;
		default:
			return FAXCTL_USAGE;
		}
	}
	if (optind < cmd->argc)
		return faxctl_usage_error(cmd, "unexpected argument '%s'", cmd->argv[optind]);
	from_stdin = !strcmp(path, "-");
	file = from_stdin ? stdin : fopen(path, "re");
	if (!file) {
		error = errno;
		return faxctl_fail(error == ENOENT ? FAXCTL_NOT_FOUND :
				   error == EACCES ? FAXCTL_DENIED : FAXCTL_FAILED,
				   "cannot read the transfer log %s: %s%s", path, strerror(error),
				   error == ENOENT ? " (faxd writes it once a call has ended; see --file)" :
				   "");
	}
	error = read_log(file, &period, &sums);
	if (!from_stdin)
		fclose(file);
	if (error) {
		free_sums(&sums);
		return faxctl_fail(FAXCTL_FAILED, "cannot read the transfer log %s: %s", path,
				   strerror(-error));
	}
	if (sums.malformed)
		faxctl_fail(FAXCTL_OK, "%s: %" PRIu64 " malformed line%s ignored, the first is line %"
			    PRIu64 " (%s)", path, sums.malformed, sums.malformed == 1 ? "" : "s",
			    sums.first_malformed, sums.first_malformed_reason);
	if (as_json) {
		error = print_json(path, &sums);
	} else {
		error = print_direction("Sent", &sums.sent, true);
		if (!error) {
			putchar('\n');
			error = print_direction("Received", &sums.received, false);
		}
	}
	if (error)
		status = faxctl_fail(FAXCTL_FAILED, "out of memory");
	free_sums(&sums);
	return status;
}
