// SPDX-License-Identifier: GPL-2.0
/*
 * faxevents: print the fax server's events as they happen, one a line,
 * from the generic netlink family "faxport" (no privilege needed).
 * A gap in the sequence numbers (or ENOBUFS) is reported: events were lost.
 */
#include <errno.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/faxport.h>

static const char *const event_names[] = {
	[FAXPORT_EV_DIALING] = "DIALING",
	[FAXPORT_EV_SENDING] = "SENDING",
	[FAXPORT_EV_RECEIVING] = "RECEIVING",
	[FAXPORT_EV_COMPLETED] = "COMPLETED",
	[FAXPORT_EV_BUSY] = "BUSY",
	[FAXPORT_EV_NO_ANSWER] = "NO_ANSWER",
	[FAXPORT_EV_BAD_ADDRESS] = "BAD_ADDRESS",
	[FAXPORT_EV_NO_DIAL_TONE] = "NO_DIAL_TONE",
	[FAXPORT_EV_DISCONNECTED] = "DISCONNECTED",
	[FAXPORT_EV_FATAL_ERROR] = "FATAL_ERROR",
	[FAXPORT_EV_NOT_FAX_CALL] = "NOT_FAX_CALL",
	[FAXPORT_EV_RINGING] = "RINGING",
	[FAXPORT_EV_ABORTING] = "ABORTING",
	[FAXPORT_EV_ROUTING] = "ROUTING",
	[FAXPORT_EV_IDLE] = "IDLE",
	[FAXPORT_EV_FAXSVC_ENDED] = "FAXSVC_ENDED",
	[FAXPORT_EV_ANSWERED] = "ANSWERED",
	[FAXPORT_EV_JOB_QUEUED] = "JOB_QUEUED",
	[FAXPORT_EV_DELETED] = "DELETED",
	[FAXPORT_EV_INITIALIZING] = "INITIALIZING",
	[FAXPORT_EV_LINE_UNAVAILABLE] = "LINE_UNAVAILABLE",
	[FAXPORT_EV_FAXSVC_STARTED] = "FAXSVC_STARTED",
};

struct watch {
	unsigned long long last_seq;
	long remaining;		/* events still to print, or -1 for all */
};

static int on_event(struct nl_msg *msg, void *arg)
{
	struct nlattr *a[FAXPORT_NL_A_MAX + 1];
	struct watch *w = arg;
	unsigned long long seq, ts;
	__u32 id, device, job;
	const char *name = "?";
	char when[32];
	time_t secs;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, a, FAXPORT_NL_A_MAX, NULL) ||
	    !a[FAXPORT_NL_A_EVENT_ID] || !a[FAXPORT_NL_A_SEQ])
		return NL_SKIP;
	id = nla_get_u32(a[FAXPORT_NL_A_EVENT_ID]);
	device = a[FAXPORT_NL_A_DEVICE_ID] ? nla_get_u32(a[FAXPORT_NL_A_DEVICE_ID]) : 0;
	job = a[FAXPORT_NL_A_JOB_ID] ? nla_get_u32(a[FAXPORT_NL_A_JOB_ID]) : FAXPORT_NO_JOB;
	ts = a[FAXPORT_NL_A_TIMESTAMP] ? nla_get_u64(a[FAXPORT_NL_A_TIMESTAMP]) : 0;
	seq = nla_get_u64(a[FAXPORT_NL_A_SEQ]);
	if (w->last_seq && seq != w->last_seq + 1)
		printf("!! %llu events lost (sequence %llu -> %llu)\n",
		       seq - w->last_seq - 1, w->last_seq, seq);
	w->last_seq = seq;
	if (id < sizeof(event_names) / sizeof(event_names[0]) && event_names[id])
		name = event_names[id];
	secs = ts / 1000000000ULL;
	strftime(when, sizeof(when), "%H:%M:%S", gmtime(&secs));
	printf("%s.%03llu #%-5llu FEI_%-15s port %-3u", when,
	       (ts / 1000000ULL) % 1000, seq, name, device);
	if (job != FAXPORT_NO_JOB)
		printf(" job %u", job);
	printf("\n");
	fflush(stdout);
	if (w->remaining > 0)
		w->remaining--;
	return NL_OK;
}

int main(int argc, char **argv)
{
	struct watch w = { .remaining = -1 };
	struct nl_sock *sk;
	int group, err;

	if (argc == 2 && strcmp(argv[1], "--version") == 0) {
		printf("faxevents (winfax for Linux) %s\n", FAXPORT_VERSION);
		return 0;
	}
	if (argc > 2 || (argc == 2 && strcmp(argv[1], "--help") == 0)) {
		fprintf(stderr, "usage: %s [COUNT | --help | --version]\n"
			"Prints the fax server's events (all, or the next COUNT).\n",
			argv[0]);
		return argc == 2 ? 0 : 2;
	}
	if (argc == 2) {
		char *end;

		w.remaining = strtol(argv[1], &end, 10);
		if (*end || w.remaining <= 0) {
			fprintf(stderr, "faxevents: COUNT must be a positive number\n");
			return 2;
		}
	}
	sk = nl_socket_alloc();
	if (!sk || genl_connect(sk)) {
		fprintf(stderr, "faxevents: cannot open a generic netlink socket\n");
		return 1;
	}
	group = genl_ctrl_resolve_grp(sk, FAXPORT_GENL_NAME, FAXPORT_GENL_EVENTS_GROUP);
	if (group < 0) {
		fprintf(stderr, "faxevents: no netlink family '%s' (is faxport.ko loaded?)\n",
			FAXPORT_GENL_NAME);
		nl_socket_free(sk);
		return 1;
	}
	nl_socket_disable_seq_check(sk);
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, on_event, &w);
	if (nl_socket_add_membership(sk, group)) {
		fprintf(stderr, "faxevents: cannot join the events group\n");
		nl_socket_free(sk);
		return 1;
	}
	while (w.remaining != 0) {
		err = nl_recvmsgs_default(sk);
		if (err == -NLE_NOMEM) {
			printf("!! the socket overran: events were lost\n");
			fflush(stdout);
		} else if (err < 0 && err != -NLE_AGAIN) {
			fprintf(stderr, "faxevents: %s\n", nl_geterror(err));
			break;
		}
	}
	nl_socket_free(sk);
	return w.remaining == 0 ? 0 : 1;
}
