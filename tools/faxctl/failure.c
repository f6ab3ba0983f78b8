// SPDX-License-Identifier: GPL-2.0
/*
 * Every failure reaches the user as words on stderr and an exit status
 * (faxctl.1 lists them); a Win32 code is translated, never shown bare.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "faxctl.h"
#include "terminal_text.h"

/*
 * Messages quote what users typed and what the server or a file holds
 * (file names, port names, job text): the whole message goes through
 * terminal_text, so none of it can drive the terminal.
 */
void faxctl_vprint_text(FILE *out, const char *format, va_list args)
{
	char *message;
	int length = vasprintf(&message, format, args);

	if (length < 0) {
		fputs("(out of memory for the message)", out);
		return;
	}
	terminal_text_write(out, message, (size_t)length);
	free(message);
}

int faxctl_usage_error(const struct faxctl_command_line *cmd, const char *format, ...)
{
	va_list args;

	fprintf(stderr, "faxctl %s: ", cmd->name);
	va_start(args, format);
	faxctl_vprint_text(stderr, format, args);
	va_end(args);
	fprintf(stderr, " (see 'faxctl %s --help')\n", cmd->name);
	return FAXCTL_USAGE;
}

int faxctl_fail(int status, const char *format, ...)
{
	va_list args;

	fputs("faxctl: ", stderr);
	va_start(args, format);
	faxctl_vprint_text(stderr, format, args);
	va_end(args);
	fputc('\n', stderr);
	return status;
}

const char *faxctl_error_words(DWORD error)
{
	switch (error) {
	case ERROR_SUCCESS:
		return "no error was reported";
	case ERROR_FILE_NOT_FOUND:
		return "no such file";
	case ERROR_TOO_MANY_OPEN_FILES:
		return "too many open files";
	case ERROR_ACCESS_DENIED:
		return "permission denied (your fax rights, or the file's permissions, do not allow it)";
	case ERROR_INVALID_HANDLE:
		return "the fax server refused the handle";
	case ERROR_NOT_ENOUGH_MEMORY:
		return "out of memory";
	case ERROR_INVALID_DATA:
		return "not a document the fax server can send";
	case ERROR_BAD_UNIT:
		return "no such fax port";
	case ERROR_GEN_FAILURE:
		return "the fax driver reported a failure";
	case ERROR_NOT_SUPPORTED:
		return "not supported by this fax server";
	case ERROR_INVALID_PARAMETER:
		return "the fax server refused a value";
	case ERROR_DISK_FULL:
		return "the fax queue is full";
	case ERROR_REVISION_MISMATCH:
		return "the fax driver speaks another version of the interface than this faxctl";
	case RPC_S_SERVER_UNAVAILABLE:
		return "the fax server is not available (is the faxport module loaded?)";
	case ERROR_DEVICE_IN_USE:
		return "the port is busy (in a call, or it has a job)";
	}
	return "an unexpected error";
}

int faxctl_status_for_error(DWORD error)
{
	switch (error) {
	case RPC_S_SERVER_UNAVAILABLE:
	case ERROR_REVISION_MISMATCH:
		return FAXCTL_NO_SERVER;
	case ERROR_ACCESS_DENIED:
		return FAXCTL_DENIED;
	case ERROR_FILE_NOT_FOUND:
	case ERROR_BAD_UNIT:
		return FAXCTL_NOT_FOUND;
	case ERROR_INVALID_DATA:
		return FAXCTL_BAD_DATA;
	case ERROR_DEVICE_IN_USE:
		return FAXCTL_BUSY;
	}
	return FAXCTL_FAILED;
}

int faxctl_fail_api(const char *action, DWORD error)
{
	const char *words = faxctl_error_words(error);

	/* The number helps only with a code faxctl has no words for. */
	if (words == faxctl_error_words(0xFFFFFFFF))
		return faxctl_fail(faxctl_status_for_error(error), "%s: %s (Windows error %lu)",
				   action, words, (unsigned long)error);
	return faxctl_fail(faxctl_status_for_error(error), "%s: %s", action, words);
}
