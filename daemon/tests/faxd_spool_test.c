// SPDX-License-Identifier: GPL-2.0
/*
 * faxd_spool_test: the inbox's names and renames, in a temporary spool.
 * What a sender was told decides what the inbox says: a fax whose last
 * page was confirmed keeps its final name whatever happens to the call
 * afterwards (a line failure, faxd killed before the call's end); a fax
 * never confirmed becomes failed-. Every filed fax and .txt is 0640 (the
 * spool's group reads them), even from a umask of 0. Prints TAP.
 */
#include <errno.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../engine/log.h"
#include "../faxd/spool.h"
#include <tap.h>

static char spool_dir[] = "/tmp/faxd_spool_test.XXXXXX";

static bool exists(const char *path)
{
	struct stat info;

	return lstat(path, &info) == 0;
}

/* The .txt beside a .tif path. */
static char *txt_of(const char *tif_path)
{
	char *txt;

	if (asprintf(&txt, "%.*s.txt", (int)(strlen(tif_path) - strlen(".tif")), tif_path) < 0)
		return NULL;
	return txt;
}

/* Does the .txt beside @tif_path hold the line @line? */
static bool txt_says(const char *tif_path, const char *line)
{
	char *txt = txt_of(tif_path);
	char *text = NULL;
	size_t size = 0;
	bool found = false;
	FILE *file;

	file = txt ? fopen(txt, "re") : NULL;
	if (file) {
		ssize_t length;

		while (!found && (length = getline(&text, &size, file)) >= 0) {
			if (length > 0 && text[length - 1] == '\n')
				text[length - 1] = '\0';
			found = !strcmp(text, line);
		}
		fclose(file);
	}
	free(text);
	free(txt);
	return found;
}

/* A fax arriving on port 2: its .partial file with some bytes, as fax_call leaves it. */
static struct faxd_inbox_entry *arriving_fax(void)
{
	struct faxd_inbox_entry *entry = faxd_spool_new_entry(spool_dir, 2);
	FILE *file;

	if (!entry)
		return NULL;
	file = fopen(entry->partial_path, "wxe");
	if (!file || fputs("II*\0pages", file) < 0 || fclose(file)) {
		faxd_spool_free_entry(entry);
		return NULL;
	}
	entry->negotiated = true;
	snprintf(entry->negotiation.remote_ident, sizeof(entry->negotiation.remote_ident),
		 "+1 555 0100");
	return entry;
}

static struct faxd_call_report report_of(enum fax_call_outcome outcome, int pages)
{
	struct faxd_call_report report = {
		.role = FAX_CALL_RECEIVE,
		.line = FAXD_LINE_CONNECTED,
		.result = {
			.outcome = outcome,
			.t30_code = outcome == FAX_CALL_COMPLETED ? 0 : 48,
			.t30_text = outcome == FAX_CALL_COMPLETED ? "OK" : "line dropped",
			.pages_transferred = pages,
			.pages_total = pages,
		},
	};

	snprintf(report.result.remote_ident, sizeof(report.result.remote_ident),
		 "+1 555 0100");
	return report;
}

static void test_confirmed_fax_is_filed_at_once(void)
{
	struct faxd_inbox_entry *entry = arriving_fax();
	struct faxd_call_report confirmed = report_of(FAX_CALL_COMPLETED, 3);
	const char *filed = entry ? faxd_spool_file_confirmed(entry, &confirmed) : NULL;

	ok(filed && !strcmp(filed, entry->final_path) && exists(entry->final_path) &&
	   !exists(entry->partial_path) && entry->filed,
	   "the confirmed last page files the fax under its final name at once");
	ok(filed && txt_says(filed, "outcome: completed") && txt_says(filed, "pages: 3") &&
	   txt_says(filed, "remote_ident: +1 555 0100"),
	   "its .txt says completed, the pages and the far end");
	ok(filed && faxd_spool_file_confirmed(entry, &confirmed) == entry->final_path &&
	   exists(entry->final_path), "confirming again changes nothing");
	faxd_spool_free_entry(entry);
}

static void test_later_failure_does_not_unfile(void)
{
	struct faxd_inbox_entry *entry = arriving_fax();
	struct faxd_call_report confirmed = report_of(FAX_CALL_COMPLETED, 2);
	struct faxd_call_report dropped = report_of(FAX_CALL_DISCONNECTED, 2);
	const char *filed = NULL;

	if (entry && faxd_spool_file_confirmed(entry, &confirmed))
		filed = faxd_spool_file(entry, &dropped);
	ok(filed && !strcmp(filed, entry->final_path) && exists(entry->final_path) &&
	   !exists(entry->failed_path) && !exists(entry->partial_path),
	   "a line failure after the confirmation leaves the fax under its final name");
	ok(filed && txt_says(filed, "t30_code: 48"),
	   "the .txt is rewritten at the call's end");
	faxd_spool_free_entry(entry);
}

static void test_killed_after_confirmation(void)
{
	struct faxd_inbox_entry *entry = arriving_fax();
	struct faxd_call_report confirmed = report_of(FAX_CALL_COMPLETED, 1);
	bool filed = entry && faxd_spool_file_confirmed(entry, &confirmed);
	int recovered = faxd_spool_recover_partials(spool_dir, 2);

	/* The next engine of the port finds nothing to recover: no failed- copy. */
	ok(filed && recovered == 0 && exists(entry->final_path) && !exists(entry->failed_path),
	   "faxd killed after the confirmation: the fax stays filed, nothing becomes failed-");
	faxd_spool_free_entry(entry);
}

static void test_unconfirmed_failure_is_failed(void)
{
	struct faxd_inbox_entry *entry = arriving_fax();
	struct faxd_call_report dropped = report_of(FAX_CALL_DISCONNECTED, 1);
	const char *filed = entry ? faxd_spool_file(entry, &dropped) : NULL;

	ok(filed && !strcmp(filed, entry->failed_path) && !exists(entry->final_path) &&
	   txt_says(filed, "outcome: disconnected"),
	   "a call that fails before the last confirmation is filed as failed-");
	faxd_spool_free_entry(entry);
}

static void test_killed_before_confirmation(void)
{
	struct faxd_inbox_entry *entry = arriving_fax();
	int recovered = faxd_spool_recover_partials(spool_dir, 2);

	ok(entry && recovered == 1 && exists(entry->failed_path) &&
	   !exists(entry->partial_path) && !exists(entry->final_path) &&
	   txt_says(entry->failed_path, "outcome: interrupted"),
	   "faxd killed before the confirmation: the next engine files it as failed-");
	faxd_spool_free_entry(entry);
}

static void test_completed_call_without_early_filing(void)
{
	struct faxd_inbox_entry *entry = arriving_fax();
	struct faxd_call_report completed = report_of(FAX_CALL_COMPLETED, 2);
	const char *filed = entry ? faxd_spool_file(entry, &completed) : NULL;

	ok(filed && !strcmp(filed, entry->final_path) && !exists(entry->partial_path),
	   "a completed call not filed earlier is filed at its end");
	faxd_spool_free_entry(entry);
}

/*
 * A link under the .txt's temporary name (left by whoever could write the
 * inbox) is replaced, not followed: the file it points to keeps its bytes.
 */
static void test_temporary_txt_link_is_not_followed(void)
{
	struct faxd_inbox_entry *entry = arriving_fax();
	struct faxd_call_report confirmed = report_of(FAX_CALL_COMPLETED, 1);
	char *victim = NULL, *txt = entry ? txt_of(entry->final_path) : NULL;
	char *temporary = NULL, content[32] = "";
	const char *filed = NULL;
	FILE *file;

	if (txt && asprintf(&temporary, "%s.tmp", txt) < 0)
		temporary = NULL;
	if (asprintf(&victim, "%s/victim", spool_dir) < 0)
		victim = NULL;
	file = victim ? fopen(victim, "wxe") : NULL;
	if (file) {
		fputs("precious\n", file);
		fclose(file);
	}
	if (temporary && victim && !symlink(victim, temporary))
		filed = faxd_spool_file_confirmed(entry, &confirmed);
	file = victim ? fopen(victim, "re") : NULL;
	if (file) {
		if (!fgets(content, sizeof(content), file))
			content[0] = '\0';
		fclose(file);
	}
	ok(filed && !strcmp(content, "precious\n") && txt_says(filed, "outcome: completed"),
	   "a link at the .txt's temporary name is replaced, the file it points to untouched");
	faxd_spool_free_entry(entry);
	free(temporary);
	free(victim);
	free(txt);
}

static unsigned int filed_files, filed_files_0640;

static int count_mode(const char *path, const struct stat *info, int type, struct FTW *walk)
{
	(void)walk;
	if (type == FTW_F && !strstr(path, "/.partial-")) {
		filed_files++;
		if ((info->st_mode & 07777) == 0640)
			filed_files_0640++;
	}
	return 0;
}

static void test_filed_modes(void)
{
	char inbox[sizeof(spool_dir) + sizeof("/inbox")];

	snprintf(inbox, sizeof(inbox), "%s/inbox", spool_dir);
	nftw(inbox, count_mode, 8, FTW_PHYS);
	ok(filed_files >= 10 && filed_files_0640 == filed_files,
	   "every filed fax and .txt is mode 0640 (%u of %u), from a umask of 0",
	   filed_files_0640, filed_files);
}

static int remove_one(const char *path, const struct stat *info, int type, struct FTW *walk)
{
	(void)info;
	(void)type;
	(void)walk;
	return remove(path);
}

static void remove_spool(void)
{
	if (nftw(spool_dir, remove_one, 8, FTW_DEPTH | FTW_PHYS))
		fprintf(stderr, "cannot remove %s: %s\n", spool_dir, strerror(errno));
}

int main(void)
{
	faxd_log_setup("faxd_spool_test", false, LOG_ERR);
	/* The partial faxes (as libtiff makes them) 0666: filing must narrow them. */
	umask(0);
	if (!mkdtemp(spool_dir) || faxd_spool_prepare(spool_dir)) {
		printf("Bail out! cannot make a spool: %s\n", strerror(errno));
		return 1;
	}
	printf("TAP version 13\n");
	tap_plan(11);
	test_confirmed_fax_is_filed_at_once();
	test_later_failure_does_not_unfile();
	test_killed_after_confirmation();
	test_unconfirmed_failure_is_failed();
	test_killed_before_confirmation();
	test_completed_call_without_early_filing();
	test_temporary_txt_link_is_not_followed();
	test_filed_modes();
	remove_spool();
	return tap_finish();
}
