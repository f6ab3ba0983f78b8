// SPDX-License-Identifier: GPL-2.0
/* The connection to the local fax server, ports by number or name, events. */
#include <stdlib.h>
#include <string.h>

#include "faxctl.h"

int faxctl_connect(HANDLE *server)
{
	DWORD error;

	if (FaxConnectFaxServerA(NULL, server))
		return FAXCTL_OK;
	error = GetLastError();
	/* Rights are given after the open: a refused connection is the node's mode. */
	if (error == ERROR_ACCESS_DENIED)
		return faxctl_fail(FAXCTL_DENIED, "cannot connect to the fax server: "
				   "permission denied; " FAXCTL_FAX_GROUP_HINT);
	return faxctl_fail_api("cannot connect to the fax server", error);
}

/* SPEC is a DeviceId ("1") or a port's name ("faxport1"). */
int faxctl_find_port(HANDLE server, const char *spec, DWORD *device_id)
{
	PFAX_PORT_INFOA ports;
	DWORD count;
	unsigned long number;
	bool by_number = faxctl_parse_uint(spec, 0xFFFFFFFFUL, &number);

	if (!FaxEnumPortsA(server, &ports, &count))
		return faxctl_fail_api("cannot list the fax ports", GetLastError());
	for (DWORD i = 0; i < count; i++) {
		if (by_number ? ports[i].DeviceId == number :
		    ports[i].DeviceName && !strcmp(ports[i].DeviceName, spec)) {
			*device_id = ports[i].DeviceId;
			FaxFreeBuffer(ports);
			return FAXCTL_OK;
		}
	}
	FaxFreeBuffer(ports);
	return faxctl_fail(FAXCTL_NOT_FOUND,
			   "no fax port '%s' (see 'faxctl ports' for the ports there are)", spec);
}

int faxctl_open_events(HANDLE server, HANDLE *completion_port)
{
	*completion_port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
	if (!*completion_port)
		return faxctl_fail_api("cannot create a completion port for the events",
				       GetLastError());
	if (!FaxInitializeEventQueue(server, *completion_port, 0, NULL, 0)) {
		DWORD error = GetLastError();

		CloseHandle(*completion_port);
		return faxctl_fail_api("cannot subscribe to the fax server's events", error);
	}
	return FAXCTL_OK;
}
