// SPDX-License-Identifier: GPL-2.0
/*
 * bench_handles: the cost of the handle operations a fax client makes most,
 * through libwinfax, each against the cheapest system calls of the same shape
 * measured in the same round:
 *
 *   open_close     FaxOpenPort + FaxClose      vs open + close of /dev/null
 *   connect_close  FaxConnectFaxServer + FaxClose  vs the same baseline
 *   get_port       FaxGetPort + FaxFreeBuffer  vs ioctl(FIONREAD) on a pipe
 *
 * Each round times 2000 of each, in alternating slices of 100 (so that a
 * noisy neighbour hits value and baseline alike); the reported numbers are
 * medians of the rounds.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/faxport.h>
#include <winfax.h>

#include "bench_report.h"
#include "faxport_client.h"

#define DEFAULT_ROUNDS 7
#define SLICES_PER_ROUND 20
#define OPS_PER_SLICE 100

typedef void batch_fn(void *context, int ops);

struct handles_context {
	int server_fd;		/* a raw server handle, for the breakdown */
	int port_fd;		/* a raw port handle (bound, QUERY), for the breakdown */
	char port_node[FAXPORT_PORT_NODE_PATH_SIZE];
	HANDLE server;
	HANDLE port;
	DWORD device_id;
	int pipe_read_fd;
};

static double ns_per_op(batch_fn *batch, void *context, int ops)
{
	uint64_t start = bench_now_ns();

	batch(context, ops);
	return (double)(bench_now_ns() - start) / ops;
}

static void open_close_dev_null(void *context, int ops)
{
	(void)context;
	for (int i = 0; i < ops; i++) {
		int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);

		if (fd < 0)
			bench_die("open /dev/null failed");
		close(fd);
	}
}

static void open_close_port(void *context, int ops)
{
	struct handles_context *handles = context;

	for (int i = 0; i < ops; i++) {
		HANDLE port;

		if (!FaxOpenPort(handles->server, handles->device_id, PORT_OPEN_QUERY, &port))
			bench_die("FaxOpenPort failed: error %lu", (unsigned long)GetLastError());
		if (!FaxClose(port))
			bench_die("FaxClose (port) failed: error %lu", (unsigned long)GetLastError());
	}
}

static void connect_close_server(void *context, int ops)
{
	(void)context;
	for (int i = 0; i < ops; i++) {
		HANDLE server;

		if (!FaxConnectFaxServerA(NULL, &server))
			bench_die("FaxConnectFaxServer failed: error %lu",
				  (unsigned long)GetLastError());
		if (!FaxClose(server))
			bench_die("FaxClose (server) failed: error %lu",
				  (unsigned long)GetLastError());
	}
}

/*
 * The breakdown of FaxOpenPort and FaxConnectFaxServer into the system
 * calls under them, made bare here on purpose (open(), ioctl(), no
 * faxport_client.h): it is the kernel's share the library's cost is
 * compared with, so nothing of the library's may be in it.
 */

/* The port node alone, then with the bind. */
static void open_close_port_node(void *context, int ops)
{
	struct handles_context *handles = context;

	for (int i = 0; i < ops; i++) {
		int fd = open(handles->port_node, O_RDWR | O_CLOEXEC);

		if (fd < 0)
			bench_die("open %s failed", handles->port_node);
		close(fd);
	}
}

static void open_bind_close_port_node(void *context, int ops)
{
	struct handles_context *handles = context;

	for (int i = 0; i < ops; i++) {
		struct faxport_port_bind bind = {
			.server_fd = handles->server_fd, .mode = FAXPORT_OPEN_QUERY,
		};
		int fd = open(handles->port_node, O_RDWR | O_CLOEXEC);

		if (fd < 0 || ioctl(fd, FAXPORT_IOC_PORT_BIND, &bind))
			bench_die("open + PORT_BIND of %s failed", handles->port_node);
		close(fd);
	}
}

static void open_api_close_server(void *context, int ops)
{
	(void)context;
	for (int i = 0; i < ops; i++) {
		struct faxport_api api = { .version = FAXPORT_API_VERSION };
		int fd = open("/dev/faxport", O_RDWR | O_CLOEXEC);

		if (fd < 0 || ioctl(fd, FAXPORT_IOC_API, &api))
			bench_die("open + FAXPORT_IOC_API of /dev/faxport failed");
		close(fd);
	}
}

static void port_get_ioctl(void *context, int ops)
{
	struct handles_context *handles = context;

	for (int i = 0; i < ops; i++) {
		struct faxport_port_info info;

		if (ioctl(handles->port_fd, FAXPORT_IOC_PORT_GET, &info))
			bench_die("FAXPORT_IOC_PORT_GET failed");
	}
}

static void fionread_pipe(void *context, int ops)
{
	struct handles_context *handles = context;

	for (int i = 0; i < ops; i++) {
		int queued;

		if (ioctl(handles->pipe_read_fd, FIONREAD, &queued))
			bench_die("FIONREAD failed");
	}
}

static void get_port(void *context, int ops)
{
	struct handles_context *handles = context;

	for (int i = 0; i < ops; i++) {
		PFAX_PORT_INFOA info;

		if (!FaxGetPortA(handles->port, &info))
			bench_die("FaxGetPort failed: error %lu", (unsigned long)GetLastError());
		FaxFreeBuffer(info);
	}
}

static DWORD first_device_id(HANDLE server)
{
	PFAX_PORT_INFOA ports;
	DWORD count, device_id;

	if (!FaxEnumPortsA(server, &ports, &count))
		bench_die("FaxEnumPorts failed: error %lu", (unsigned long)GetLastError());
	if (count == 0)
		bench_die("no fax port exists");
	device_id = ports[0].DeviceId;
	FaxFreeBuffer(ports);
	return device_id;
}

static void fill_measure(struct bench_measure *measure, const double *values,
			 const double *baselines, int rounds)
{
	double *ratios = malloc((size_t)rounds * sizeof(*ratios));

	if (!ratios)
		bench_die("out of memory");
	for (int i = 0; i < rounds; i++)
		ratios[i] = values[i] / baselines[i];
	measure->value = bench_median(values, (size_t)rounds);
	measure->baseline = bench_median(baselines, (size_t)rounds);
	measure->ratio = measure->value / measure->baseline;
	measure->rounds = rounds;
	bench_min_max(ratios, (size_t)rounds, &measure->ratio_min, &measure->ratio_max);
	free(ratios);
}

int main(void)
{
	int rounds = bench_rounds(DEFAULT_ROUNDS);
	struct handles_context handles = { 0 };
	double *results = calloc((size_t)rounds * 9, sizeof(*results));
	double *open_null = results, *open_port = results + rounds,
	       *connect = results + 2 * rounds, *fionread = results + 3 * rounds,
	       *getport = results + 4 * rounds, *node_open = results + 5 * rounds,
	       *node_bind = results + 6 * rounds, *raw_connect = results + 7 * rounds,
	       *raw_get = results + 8 * rounds;
	char *open_note, *connect_note, *get_note;
	int pipe_fds[2];
	int status = 0;

	if (!results)
		bench_die("out of memory");
	if (!FaxConnectFaxServerA(NULL, &handles.server))
		bench_die("FaxConnectFaxServer failed: error %lu (is faxport.ko loaded?)",
			  (unsigned long)GetLastError());
	handles.device_id = first_device_id(handles.server);
	if (!FaxOpenPort(handles.server, handles.device_id, PORT_OPEN_QUERY, &handles.port))
		bench_die("FaxOpenPort failed: error %lu", (unsigned long)GetLastError());
	if (pipe2(pipe_fds, O_CLOEXEC))
		bench_die("pipe failed");
	handles.pipe_read_fd = pipe_fds[0];
	/* The breakdown's own handles, made once and not measured. */
	handles.server_fd = faxport_open_server();
	if (handles.server_fd < 0)
		bench_die("cannot open %s: %s", FAXPORT_SERVER_NODE, strerror(-handles.server_fd));
	faxport_port_node_path(handles.device_id, handles.port_node);
	struct faxport_port_bind bind = { .server_fd = handles.server_fd, .mode = FAXPORT_OPEN_QUERY };
	int error;

	handles.port_fd = faxport_open_port_node(handles.device_id);
	error = handles.port_fd < 0 ? handles.port_fd
				    : faxport_ioctl(handles.port_fd, FAXPORT_IOC_PORT_BIND, &bind);
	if (error)
		bench_die("cannot bind %s: %s", handles.port_node, strerror(-error));

	/* One unmeasured batch of each: page faults, lazy binding, caches. */
	open_close_dev_null(&handles, 100);
	open_close_port(&handles, 100);
	connect_close_server(&handles, 100);
	fionread_pipe(&handles, 100);
	get_port(&handles, 100);

	/*
	 * Each round alternates small slices of every operation, so that a
	 * change in the host's load during the round hits all of them alike.
	 */
	for (int round = 0; round < rounds; round++) {
		for (int slice = 0; slice < SLICES_PER_ROUND; slice++) {
			open_null[round] += ns_per_op(open_close_dev_null, &handles, OPS_PER_SLICE);
			open_port[round] += ns_per_op(open_close_port, &handles, OPS_PER_SLICE);
			connect[round] += ns_per_op(connect_close_server, &handles, OPS_PER_SLICE);
			fionread[round] += ns_per_op(fionread_pipe, &handles, OPS_PER_SLICE);
			getport[round] += ns_per_op(get_port, &handles, OPS_PER_SLICE);
			node_open[round] += ns_per_op(open_close_port_node, &handles, OPS_PER_SLICE);
			node_bind[round] += ns_per_op(open_bind_close_port_node, &handles,
						      OPS_PER_SLICE);
			raw_connect[round] += ns_per_op(open_api_close_server, &handles,
							OPS_PER_SLICE);
			raw_get[round] += ns_per_op(port_get_ioctl, &handles, OPS_PER_SLICE);
		}
		open_null[round] /= SLICES_PER_ROUND;
		open_port[round] /= SLICES_PER_ROUND;
		connect[round] /= SLICES_PER_ROUND;
		fionread[round] /= SLICES_PER_ROUND;
		getport[round] /= SLICES_PER_ROUND;
		node_open[round] /= SLICES_PER_ROUND;
		node_bind[round] /= SLICES_PER_ROUND;
		raw_connect[round] /= SLICES_PER_ROUND;
		raw_get[round] /= SLICES_PER_ROUND;
	}

	struct bench_measure open_close = {
		.key = "open_close", .unit = "ns/op",
		.value_what = "FaxOpenPort(PORT_OPEN_QUERY) + FaxClose",
		.baseline_what = "open(\"/dev/null\") + close()",
		.goal_kind = BENCH_GOAL_AT_MOST, .goal = 1.5,
	};
	struct bench_measure connect_close = {
		.key = "connect_close", .unit = "ns/op",
		.value_what = "FaxConnectFaxServer + FaxClose",
		.baseline_what = "open(\"/dev/null\") + close()",
		.goal_kind = BENCH_GOAL_AT_MOST, .goal = 1.5,
	};
	struct bench_measure get_port_measure = {
		.key = "get_port", .unit = "ns/op",
		.value_what = "FaxGetPort + FaxFreeBuffer",
		.baseline_what = "ioctl(FIONREAD) on a pipe",
		.goal_kind = BENCH_GOAL_AT_MOST, .goal = 3,
	};
	fill_measure(&open_close, open_port, open_null, rounds);
	if (asprintf(&open_note, "breakdown (medians): open + close of the port node %.0f ns, "
		     "with FAXPORT_IOC_PORT_BIND %.0f ns", bench_median(node_open, (size_t)rounds),
		     bench_median(node_bind, (size_t)rounds)) < 0)
		bench_die("out of memory");
	open_close.note = open_note;
	if (asprintf(&connect_note, "breakdown (median): open + FAXPORT_IOC_API + close of "
		     "/dev/faxport %.0f ns", bench_median(raw_connect, (size_t)rounds)) < 0 ||
	    asprintf(&get_note, "breakdown (median): FAXPORT_IOC_PORT_GET alone %.0f ns",
		     bench_median(raw_get, (size_t)rounds)) < 0)
		bench_die("out of memory");
	connect_close.note = connect_note;
	get_port_measure.note = get_note;
	fill_measure(&connect_close, connect, open_null, rounds);
	fill_measure(&get_port_measure, getport, fionread, rounds);
	if (bench_report(&open_close) || bench_report(&connect_close) ||
	    bench_report(&get_port_measure))
		status = 1;

	FaxClose(handles.port);
	close(handles.port_fd);
	close(handles.server_fd);
	free(open_note);
	free(connect_note);
	free(get_note);
	FaxClose(handles.server);
	close(pipe_fds[0]);
	close(pipe_fds[1]);
	free(results);
	return status;
}
