// SPDX-License-Identifier: GPL-2.0
/*
 * bad_documents: mutated TIFFs through FaxSendDocument, as a hostile or
 * careless application would submit them. Each must be refused with
 * ERROR_INVALID_DATA or accepted; the first KEEP accepted ones are left for
 * faxd to send (the others deleted), and each of those must end, sent or
 * failed, within a bound. Built with AddressSanitizer, as is the faxd under
 * test (tools/build-asan); bad_documents_test runs both and checks faxd.
 *
 * Usage: bad_documents [-n COUNT] [-k KEEP] [-r SEED] BASE.tif SCRATCH_DIR
 * Prints TAP (2 results) and a reliability row.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <linux/faxport.h>
#include <winfax.h>

#define KEEP_MAX 64
#define END_BOUND_S 300

struct buffer {
	unsigned char *bytes;
	size_t size;
};

static uint64_t rng_state;

static uint64_t next_random(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static size_t pick(size_t n)
{
	return n ? (size_t)(next_random() % n) : 0;
}

static int read_file(const char *path, struct buffer *out)
{
	FILE *f = fopen(path, "rb");
	long size;

	if (!f)
		return -1;
	if (fseek(f, 0, SEEK_END) || (size = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return -1;
	}
	out->size = (size_t)size;
	out->bytes = malloc(out->size);
	if (!out->bytes || fread(out->bytes, 1, out->size, f) != out->size) {
		fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

/*
 * A few mutations: most in the first bytes (header, IFD, tags: what a
 * parser trusts), some anywhere (the coded image), sometimes a truncation.
 */
static size_t mutate(const struct buffer *base, unsigned char *out)
{
	size_t size = base->size;
	unsigned int n = 1 + (unsigned int)pick(8);

	memcpy(out, base->bytes, size);
	while (n--) {
		size_t at = pick(2) ? pick(size < 512 ? size : 512) : pick(size);

		switch (pick(6)) {
		case 0:
			out[at] ^= (unsigned char)(1u << pick(8));
			break;
		case 1:
			out[at] = (unsigned char)next_random();
			break;
		case 2:
			out[at] = pick(2) ? 0x00 : 0xff;
			break;
		case 3: {
			/* A 32-bit field made huge or zero: counts, offsets. */
			uint32_t v = pick(2) ? 0xffffffffu : (uint32_t)next_random();

			if (at + 4 <= size)
				memcpy(out + at, &v, 4);
			break;
		}
		case 4:
			size = 8 + pick(size - 8);
			break;
		default: {
			/* A chunk copied over another place. */
			size_t from = pick(size), len = 1 + pick(64);

			if (from + len <= size && at + len <= size)
				memmove(out + at, out + from, len);
			break;
		}
		}
	}
	return size;
}

static int write_file(const char *path, const unsigned char *bytes, size_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	int ret = 0;

	if (fd < 0)
		return -1;
	if (write(fd, bytes, size) != (ssize_t)size)
		ret = -1;
	close(fd);
	return ret;
}

/* No retries: a failed job must end, not wait minutes for its next try. */
static int set_no_retries(void)
{
	struct faxport_api api = { .version = FAXPORT_API_VERSION };
	struct faxport_config config;
	int fd = open("/dev/faxport", O_RDWR | O_CLOEXEC);
	int ret = -1;

	if (fd < 0)
		return -1;
	if (!ioctl(fd, FAXPORT_IOC_API, &api) && !ioctl(fd, FAXPORT_IOC_CONFIG_GET, &config)) {
		config.retries = 0;
		ret = ioctl(fd, FAXPORT_IOC_CONFIG_SET, &config);
	}
	close(fd);
	return ret;
}

/* A job has ended when it left the queue or failed for good. */
static bool job_ended(HANDLE server, DWORD id, bool *failed)
{
	PFAX_JOB_ENTRYA job = NULL;
	bool ended;

	if (!FaxGetJobA(server, id, &job))
		return true;
	ended = job->QueueStatus & (JS_FAILED | JS_RETRIES_EXCEEDED);
	if (ended)
		*failed = true;
	FaxFreeBuffer(job);
	return ended;
}

int main(int argc, char **argv)
{
	unsigned int count = 2000, keep = 12, accepted = 0, refused = 0, other = 0;
	unsigned int kept = 0, ended = 0, failed_jobs = 0;
	DWORD kept_ids[KEEP_MAX];
	bool kept_done[KEEP_MAX] = { false };
	struct buffer base;
	unsigned char *mutated;
	FAX_JOB_PARAMA param;
	HANDLE server = NULL;
	char *path;
	time_t deadline;
	int opt;

	rng_state = (uint64_t)time(NULL) | 1;
	while ((opt = getopt(argc, argv, "n:k:r:")) != -1) {
		switch (opt) {
		case 'n':
			count = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		case 'k':
			keep = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		case 'r':
			rng_state = strtoull(optarg, NULL, 0) | 1;
			break;
		default:
			goto usage;
		}
	}
	if (argc - optind != 2 || keep > KEEP_MAX)
		goto usage;
	printf("1..2\n# seed %llu\n", (unsigned long long)rng_state);
	if (read_file(argv[optind], &base) || base.size < 16) {
		printf("not ok 1 - cannot read %s\n", argv[optind]);
		return 1;
	}
	if (asprintf(&path, "%s/mutated.tif", argv[optind + 1]) < 0)
		return 1;
	mutated = malloc(base.size);
	if (!mutated || set_no_retries() || !FaxConnectFaxServerA(NULL, &server)) {
		printf("not ok 1 - setup: error %u\n", GetLastError());
		return 1;
	}
	memset(&param, 0, sizeof(param));
	param.SizeOfStruct = sizeof(param);
	param.RecipientNumber = "3";
	param.ScheduleAction = JSA_NOW;

	for (unsigned int i = 0; i < count; i++) {
		size_t size = mutate(&base, mutated);
		DWORD id = 0, error;

		if (write_file(path, mutated, size))
			return 1;
		if (FaxSendDocumentA(server, path, &param, NULL, &id)) {
			accepted++;
			if (kept < keep)
				kept_ids[kept++] = id;
			else
				FaxAbort(server, id);
			continue;
		}
		error = GetLastError();
		if (error == ERROR_INVALID_DATA) {
			refused++;
		} else if (other++ < 5) {
			printf("# mutation %u refused with error %u, not ERROR_INVALID_DATA\n",
			       i, error);
		}
	}
	printf("# %u mutated TIFFs: %u accepted, %u refused with ERROR_INVALID_DATA, %u otherwise\n",
	       count, accepted, refused, other);
	printf("%sok 1 - each mutated TIFF is accepted or refused with ERROR_INVALID_DATA\n",
	       other ? "not " : "");

	deadline = time(NULL) + END_BOUND_S;
	while (ended < kept && time(NULL) < deadline) {
		for (unsigned int j = 0; j < kept; j++) {
			bool failed = false;

			if (kept_done[j] || !job_ended(server, kept_ids[j], &failed))
				continue;
			kept_done[j] = true;
			ended++;
			if (failed) {
				failed_jobs++;
				FaxAbort(server, kept_ids[j]);
			}
		}
		usleep(200000);
	}
	printf("%sok 2 - the %u accepted jobs faxd was given each ended within %d s (%u failed)\n",
	       ended == kept ? "" : "not ", kept, END_BOUND_S, failed_jobs);
	printf("# reliability: bad input | mutated TIFFs through FaxSendDocument, %u of the accepted ones sent by faxd built with AddressSanitizer | %u documents | %u refused (ERROR_INVALID_DATA), %u accepted, %u other errors; %u of %u jobs ended\n",
	       kept, count, refused, accepted, other, ended, kept);
	FaxClose(server);
	free(mutated);
	free(base.bytes);
	free(path);
	return other || ended != kept;
usage:
	fprintf(stderr, "usage: %s [-n COUNT] [-k KEEP<=%d] [-r SEED] BASE.tif SCRATCH_DIR\n",
		argv[0], KEEP_MAX);
	return 2;
}
