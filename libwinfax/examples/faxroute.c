/*
 * faxroute: a fax administration tool written the way a Windows 2000
 * program is, against winfax.h only. It lists a port's routing methods
 * (FaxEnumRoutingMethods, FaxGetRoutingInfo) and can point the port's
 * "store in a folder" method at another folder (FaxSetRoutingInfo,
 * FaxEnableRoutingMethod). It builds unchanged on Linux with
 * `cc faxroute.c $(pkg-config --cflags --libs winfax)`.
 *
 * usage: faxroute DEVICE_ID [FOLDER]
 * Exit status: 0 on success, 2 on errors (with the Win32 error code).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <winfax.h>

/* The GUID Windows gives "store in a folder"; libwinfax keeps it. */
#define STORE_IN_FOLDER_GUID "{92041a90-9af2-11d0-abf7-00c04fd91a4e}"

static int fail(const char *what)
{
	fprintf(stderr, "faxroute: %s failed: error %lu\n", what,
		(unsigned long)GetLastError());
	return 2;
}

static int list_methods(HANDLE port)
{
	PFAX_ROUTING_METHODA methods;
	DWORD count;

	if (!FaxEnumRoutingMethodsA(port, &methods, &count))
		return fail("FaxEnumRoutingMethods");
	for (DWORD i = 0; i < count; i++) {
		LPBYTE info;
		DWORD size;

		if (!FaxGetRoutingInfoA(port, methods[i].Guid, &info, &size)) {
			FaxFreeBuffer(methods);
			return fail("FaxGetRoutingInfo");
		}
		printf("%s %-3s %s (%s): '%s'\n", methods[i].Guid,
		       methods[i].Enabled ? "on" : "off", methods[i].FriendlyName,
		       methods[i].FunctionName, (const char *)info);
		FaxFreeBuffer(info);
	}
	FaxFreeBuffer(methods);
	return 0;
}

int main(int argc, char **argv)
{
	HANDLE server, port;
	int status;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: %s DEVICE_ID [FOLDER]\n", argv[0]);
		return 2;
	}
	if (!FaxConnectFaxServerA(NULL, &server))
		return fail("FaxConnectFaxServer");
	if (!FaxOpenPort(server, (DWORD)strtoul(argv[1], NULL, 10),
			 argc == 3 ? PORT_OPEN_MODIFY : PORT_OPEN_QUERY, &port))
		return fail("FaxOpenPort");
	if (argc == 3) {
		/* Windows keeps the folder as a string with its terminator. */
		if (!FaxSetRoutingInfoA(port, STORE_IN_FOLDER_GUID, (const BYTE *)argv[2],
					(DWORD)strlen(argv[2]) + 1))
			return fail("FaxSetRoutingInfo");
		if (!FaxEnableRoutingMethodA(port, STORE_IN_FOLDER_GUID, TRUE))
			return fail("FaxEnableRoutingMethod");
	}
	status = list_methods(port);
	FaxClose(port);
	FaxClose(server);
	return status;
}
