/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Ports: FaxOpenPort, FaxEnumPortsA/W, FaxGetPortA/W, FaxSetPortA/W.
 *
 * A port handle is an open /dev/faxport<DeviceId> bound to the port with
 * FAXPORT_IOC_PORT_BIND.  The bind copies the server handle's rights into
 * the port handle, so a port handle keeps working after the server handle
 * it came from is closed.  The driver enforces the single PORT_OPEN_MODIFY
 * handle per port and every right; the library only translates.
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/faxport.h>

#include "faxport_client.h"

#include "win32/errno_to_win32.h"
#include "win32/handle_table.h"
#include "win32/last_error.h"
#include "win32/result_buffer.h"
#include "winfax.h"
#include "win32/win32_strings.h"
#include "fax_handle_errors.h"

/* The driver passes the Win32 values through unchanged. */
_Static_assert(PORT_OPEN_QUERY == FAXPORT_OPEN_QUERY, "PORT_OPEN_QUERY");
_Static_assert(PORT_OPEN_MODIFY == FAXPORT_OPEN_MODIFY, "PORT_OPEN_MODIFY");
_Static_assert(FPF_RECEIVE == FAXPORT_PORT_RECEIVE, "FPF_RECEIVE");
_Static_assert(FPF_SEND == FAXPORT_PORT_SEND, "FPF_SEND");
_Static_assert(FPF_VIRTUAL == FAXPORT_PORT_VIRTUAL, "FPF_VIRTUAL");

/* The A and W forms differ only in the type of their string pointers, so
 * one filler writes both through these offsets. */
#define PORT_INFO_SIZE sizeof(FAX_PORT_INFOA)
_Static_assert(sizeof(FAX_PORT_INFOA) == sizeof(FAX_PORT_INFOW), "A/W sizes");
_Static_assert(offsetof(FAX_PORT_INFOA, Priority) == offsetof(FAX_PORT_INFOW, Priority),
               "A/W layout");
_Static_assert(offsetof(FAX_PORT_INFOA, DeviceName) == offsetof(FAX_PORT_INFOW, DeviceName),
               "A/W layout");
_Static_assert(offsetof(FAX_PORT_INFOA, Tsid) == offsetof(FAX_PORT_INFOW, Tsid),
               "A/W layout");
_Static_assert(offsetof(FAX_PORT_INFOA, Csid) == offsetof(FAX_PORT_INFOW, Csid),
               "A/W layout");

/* A first guess at the number of ports, so that most listings take one
 * ioctl; the driver says how many there really are. */
#define PORT_LIST_INITIAL_CAPACITY 8

/* ---- results ------------------------------------------------------------ */

static void put_dword(unsigned char *entry, size_t offset, DWORD value)
{
    memcpy(entry + offset, &value, sizeof(value));
}

/* Fills one FAX_PORT_INFOA/W at entry (inside the builder's fixed area)
 * from the driver's view of a port.  The builder keeps the first error. */
static void fill_port_info(struct winfax_result_builder *builder, unsigned char *entry,
                           const struct faxport_port_info *info)
{
    put_dword(entry, offsetof(FAX_PORT_INFOA, SizeOfStruct), (DWORD)PORT_INFO_SIZE);
    put_dword(entry, offsetof(FAX_PORT_INFOA, DeviceId), info->device_id);
    put_dword(entry, offsetof(FAX_PORT_INFOA, State), info->state);
    put_dword(entry, offsetof(FAX_PORT_INFOA, Flags), info->flags);
    put_dword(entry, offsetof(FAX_PORT_INFOA, Rings), info->rings);
    put_dword(entry, offsetof(FAX_PORT_INFOA, Priority), info->priority);
    winfax_result_builder_add_string(builder, entry + offsetof(FAX_PORT_INFOA, DeviceName),
                                     info->name);
    winfax_result_builder_add_string(builder, entry + offsetof(FAX_PORT_INFOA, Tsid),
                                     info->tsid);
    winfax_result_builder_add_string(builder, entry + offsetof(FAX_PORT_INFOA, Csid),
                                     info->csid);
}

/*
 * The driver NUL-terminates every string it returns; terminating the last
 * byte again costs nothing and keeps a driver bug from becoming an
 * overread here.
 */
static void terminate_strings(struct faxport_port_info *info)
{
    info->name[sizeof(info->name) - 1] = '\0';
    info->number[sizeof(info->number) - 1] = '\0';
    info->tsid[sizeof(info->tsid) - 1] = '\0';
    info->csid[sizeof(info->csid) - 1] = '\0';
}

/* One block: count FAX_PORT_INFOs, then their strings.  NULL with the
 * last error set on failure. */
static void *build_port_infos(enum winfax_string_form form, struct faxport_port_info *infos,
                              uint32_t count)
{
    struct winfax_result_builder builder;
    unsigned char *entries;
    void *block;

    if (winfax_result_builder_init(&builder, form, (size_t)count * PORT_INFO_SIZE) != 0) {
        winfax_fail(winfax_result_error_to_win32(builder.error));
        winfax_result_builder_discard(&builder);
        return NULL;
    }
    entries = winfax_result_builder_fixed(&builder);
    for (uint32_t i = 0; i < count; i++) {
        terminate_strings(&infos[i]);
        fill_port_info(&builder, entries + (size_t)i * PORT_INFO_SIZE, &infos[i]);
    }
    block = winfax_result_builder_finish(&builder, NULL);
    if (!block)
        winfax_fail(winfax_result_error_to_win32(builder.error));
    return block;
}

/* ---- FaxOpenPort -------------------------------------------------------- */

/*
 * Overrides of the general errno mapping, as the API documents FaxOpenPort:
 *  - no node for the DeviceId (ENOENT), a port removed meanwhile (ENODEV,
 *    ENXIO), a node that is not a faxport port (ENOTTY: the bind ioctl is
 *    unknown to its driver, or it is no device at all): ERROR_BAD_UNIT;
 *  - a second PORT_OPEN_MODIFY handle (EBUSY): ERROR_INVALID_HANDLE.
 * EACCES (no FAX_PORT_QUERY; or PORT_OPEN_MODIFY without FAX_PORT_SET,
 * which this driver refuses at open rather than at FaxSetPort) is
 * ERROR_ACCESS_DENIED through the general mapping.
 */
static DWORD open_port_error_to_win32(int error_number)
{
    switch (error_number) {
    case -ENOENT:
    case -ENODEV:
    case -ENXIO:
    case -ENOTTY:
        return ERROR_BAD_UNIT;
    case -EBUSY:
        return ERROR_INVALID_HANDLE;
    default:
        return winfax_win32_error_from_errno(error_number);
    }
}

/* PORT_OPEN_QUERY, PORT_OPEN_MODIFY or both (MODIFY includes querying);
 * nothing else.  The driver's bind mode, or 0 for bad flags. */
static uint32_t bind_mode_for(DWORD flags)
{
    if (flags == 0 || (flags & ~(DWORD)(PORT_OPEN_QUERY | PORT_OPEN_MODIFY)))
        return 0;
    return (flags & PORT_OPEN_MODIFY) ? FAXPORT_OPEN_MODIFY : FAXPORT_OPEN_QUERY;
}

BOOL WINFAX_CALL FaxOpenPort(HANDLE FaxHandle, DWORD DeviceId, DWORD Flags,
                             LPHANDLE FaxPortHandle)
{
    struct winfax_handle_ref server;
    struct faxport_port_bind bind = { 0 };
    uint32_t mode = bind_mode_for(Flags);
    HANDLE port_handle;
    int port_fd;
    int error;

    if (!winfax_handle_get(FaxHandle, WINFAX_HANDLE_FAX_SERVER, &server))
        return winfax_fail(ERROR_INVALID_HANDLE);
    if (!FaxPortHandle || mode == 0) {
        winfax_handle_put(&server);
        return winfax_fail(ERROR_INVALID_PARAMETER);
    }
    /* DeviceIds start at 1; 0 is never a port. */
    if (DeviceId == 0) {
        winfax_handle_put(&server);
        return winfax_fail(ERROR_BAD_UNIT);
    }

    port_fd = faxport_open_port_node(DeviceId);
    error = port_fd < 0 ? port_fd : 0;
    if (!error) {
        bind.server_fd = server.fd;
        bind.mode = mode;
        error = faxport_ioctl(port_fd, FAXPORT_IOC_PORT_BIND, &bind);
        /* The node's name is the DeviceId, so the port bound must be the
         * one asked for; anything else is not the port the caller meant. */
        if (!error && bind.device_id != DeviceId)
            error = -ENODEV;
        if (error)
            close(port_fd);
    }
    if (error) {
        winfax_handle_put(&server);
        return winfax_fail(open_port_error_to_win32(error));
    }

    /* The port handle keeps the server reference: FaxGetDeviceStatus lists
     * the job queue, which only a server handle may, through the server
     * handle the port was opened with (its rights), even after a FaxClose
     * of that server handle. */
    error = winfax_handle_create_child(WINFAX_HANDLE_FAX_PORT, port_fd, &server, &port_handle);
    if (error) {
        winfax_handle_put(&server);
        close(port_fd);
        return winfax_fail_errno(error);
    }
    *FaxPortHandle = port_handle;
    return TRUE;
}

/* ---- FaxEnumPorts ------------------------------------------------------- */

/* Every port the driver has (at most FAXPORT_PORTS_MAX).  0 or a negative
 * errno. */
static int list_ports(int server_fd, struct faxport_port_info **infos_out, uint32_t *count_out)
{
    void *entries;
    int error = faxport_list(server_fd, FAXPORT_IOC_PORT_LIST, sizeof(struct faxport_port_info),
                             PORT_LIST_INITIAL_CAPACITY, FAXPORT_PORTS_MAX, &entries, count_out);

    if (!error)
        *infos_out = entries;
    return error;
}

/*
 * Both forms: the builder makes the strings UTF-8 or UTF-16.  The result
 * goes to *block and *count, which the callers copy to the application's
 * (typed) pointers: NULL and 0 on failure, which FaxFreeBuffer and a loop
 * over the result both handle.
 */
static BOOL enum_ports_into(HANDLE fax_handle, enum winfax_string_form form, bool outputs_given,
                            void **block, DWORD *count)
{
    struct winfax_handle_ref server;
    struct faxport_port_info *infos = NULL;
    uint32_t port_count = 0;
    int error;

    *block = NULL;
    *count = 0;
    if (!winfax_handle_get(fax_handle, WINFAX_HANDLE_FAX_SERVER, &server))
        return winfax_fail_unknown_handle(fax_handle);
    if (!outputs_given) {
        winfax_handle_put(&server);
        return winfax_fail(ERROR_INVALID_PARAMETER);
    }
    /* EACCES without FAX_PORT_QUERY: ERROR_ACCESS_DENIED. */
    error = list_ports(server.fd, &infos, &port_count);
    winfax_handle_put(&server);
    if (error)
        return winfax_fail_errno(error);
    *block = build_port_infos(form, infos, port_count);
    free(infos);
    if (!*block)
        return FALSE;
    *count = port_count;
    return TRUE;
}

/* Both entry points: *entries_out is the application's PFAX_PORT_INFOA or
 * _INFOW pointer, written when both outputs are given, also on failure
 * (NULL and 0, which FaxFreeBuffer and a loop over the result handle). */
static BOOL enum_ports(HANDLE fax_handle, enum winfax_string_form form, void *entries_out,
                       LPDWORD count_out)
{
    void *block;
    DWORD count;
    BOOL listed = enum_ports_into(fax_handle, form, entries_out && count_out, &block, &count);

    if (entries_out && count_out) {
        memcpy(entries_out, &block, sizeof(block));
        *count_out = count;
    }
    return listed;
}

BOOL WINFAX_CALL FaxEnumPortsA(HANDLE FaxHandle, PFAX_PORT_INFOA *PortInfo, LPDWORD PortsReturned)
{
    return enum_ports(FaxHandle, WINFAX_STRINGS_ANSI, PortInfo, PortsReturned);
}

BOOL WINFAX_CALL FaxEnumPortsW(HANDLE FaxHandle, PFAX_PORT_INFOW *PortInfo, LPDWORD PortsReturned)
{
    return enum_ports(FaxHandle, WINFAX_STRINGS_WIDE, PortInfo, PortsReturned);
}

/* ---- FaxGetPort --------------------------------------------------------- */

/* As enum_ports, for the one port of a port handle.  Microsoft's page
 * lists a NULL FaxPortHandle under ERROR_INVALID_PARAMETER, as it does for
 * FaxSetPort. */
static BOOL get_port(HANDLE port_handle, enum winfax_string_form form, bool output_given,
                     void **block)
{
    struct winfax_handle_ref port;
    struct faxport_port_info info = { 0 };
    int error;

    *block = NULL;
    if (!winfax_handle_get(port_handle, WINFAX_HANDLE_FAX_PORT, &port))
        return winfax_fail_unknown_handle(port_handle);
    if (!output_given) {
        winfax_handle_put(&port);
        return winfax_fail(ERROR_INVALID_PARAMETER);
    }
    error = faxport_ioctl(port.fd, FAXPORT_IOC_PORT_GET, &info);
    winfax_handle_put(&port);
    /* A removed port's handle: ENODEV, ERROR_BAD_UNIT (errno_to_win32.c). */
    if (error)
        return winfax_fail_errno(error);
    *block = build_port_infos(form, &info, 1);
    return *block != NULL;
}

BOOL WINFAX_CALL FaxGetPortA(HANDLE FaxPortHandle, PFAX_PORT_INFOA *PortInfo)
{
    void *block;
    BOOL got = get_port(FaxPortHandle, WINFAX_STRINGS_ANSI, PortInfo != NULL, &block);

    if (PortInfo)
        *PortInfo = block;
    return got;
}

BOOL WINFAX_CALL FaxGetPortW(HANDLE FaxPortHandle, PFAX_PORT_INFOW *PortInfo)
{
    void *block;
    BOOL got = get_port(FaxPortHandle, WINFAX_STRINGS_WIDE, PortInfo != NULL, &block);

    if (PortInfo)
        *PortInfo = block;
    return got;
}

/* ---- FaxSetPort --------------------------------------------------------- */

/*
 * Copies a station id given as UTF-8 into the driver's array.  NULL keeps
 * the port's current value (current_utf8), so a program may change just
 * the numbers.  Too long to fit is -EINVAL rather than a silent truncation;
 * the driver checks the rest (at most 20 printable ASCII characters).
 */
static int copy_station_id(char *destination, size_t destination_size, const char *utf8,
                           const char *current_utf8)
{
    const char *source = utf8 ? utf8 : current_utf8;
    size_t length = strlen(source);

    if (length >= destination_size)
        return -EINVAL;
    memcpy(destination, source, length + 1);
    return 0;
}

/*
 * The common part of FaxSetPortA/W, with the strings as UTF-8 (NULL: keep).
 * Only Flags, Rings, Priority, Tsid and Csid change; DeviceId, State and
 * DeviceName are read-only and ignored, as is FPF_VIRTUAL in Flags (a
 * property of the port that a program passes back from FaxGetPort).
 */
static BOOL set_port(HANDLE port_handle, DWORD size_of_struct, DWORD flags, DWORD rings,
                     DWORD priority, const char *tsid, const char *csid)
{
    struct winfax_handle_ref port;
    struct faxport_port_config config = { 0 };
    struct faxport_port_info current = { 0 };
    int error = 0;

    /* Fix the Win32 code of each step: the driver's EINVAL for bad values
     * is ERROR_INVALID_PARAMETER, EACCES (not a MODIFY handle, or no
     * FAX_PORT_SET) ERROR_ACCESS_DENIED, EBUSY (in a call, or a job on
     * the port) ERROR_DEVICE_IN_USE, ENODEV (removed) ERROR_BAD_UNIT. */
    if (!winfax_handle_get(port_handle, WINFAX_HANDLE_FAX_PORT, &port))
        return winfax_fail(ERROR_INVALID_HANDLE);
    if (size_of_struct != PORT_INFO_SIZE) {
        winfax_handle_put(&port);
        return winfax_fail(ERROR_INVALID_PARAMETER);
    }
    if (!tsid || !csid) {
        error = faxport_ioctl(port.fd, FAXPORT_IOC_PORT_GET, &current);
        terminate_strings(&current);
    }
    if (!error)
        error = copy_station_id(config.tsid, sizeof(config.tsid), tsid, current.tsid);
    if (!error)
        error = copy_station_id(config.csid, sizeof(config.csid), csid, current.csid);
    if (!error) {
        config.flags = flags & ~(DWORD)FPF_VIRTUAL;
        config.rings = rings;
        config.priority = priority;
        error = faxport_ioctl(port.fd, FAXPORT_IOC_PORT_SET, &config);
    }
    winfax_handle_put(&port);
    if (error)
        return winfax_fail_errno(error);
    return TRUE;
}

/* Every call checks its handle before its other arguments. */
static bool is_open_port_handle(HANDLE handle)
{
    struct winfax_handle_ref port;

    if (!winfax_handle_get(handle, WINFAX_HANDLE_FAX_PORT, &port))
        return false;
    winfax_handle_put(&port);
    return true;
}

BOOL WINFAX_CALL FaxSetPortA(HANDLE FaxPortHandle, const FAX_PORT_INFOA *PortInfo)
{
    char *tsid = NULL;
    char *csid = NULL;
    BOOL done;

    if (!is_open_port_handle(FaxPortHandle))
        return winfax_fail_unknown_handle(FaxPortHandle);
    if (!PortInfo)
        return winfax_fail(ERROR_INVALID_PARAMETER);
    if (winfax_ansi_is_utf8())
        return set_port(FaxPortHandle, PortInfo->SizeOfStruct, PortInfo->Flags, PortInfo->Rings,
                        PortInfo->Priority, PortInfo->Tsid, PortInfo->Csid);
    /* The locale's charset: a string that is not text in it is a bad
     * argument, as an invalid UTF-16 one is for the W form. */
    if (PortInfo->Tsid && !(tsid = winfax_ansi_to_utf8_alloc(PortInfo->Tsid)))
        return winfax_fail(errno == ENOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_PARAMETER);
    if (PortInfo->Csid && !(csid = winfax_ansi_to_utf8_alloc(PortInfo->Csid))) {
        free(tsid);
        return winfax_fail(errno == ENOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_PARAMETER);
    }
    done = set_port(FaxPortHandle, PortInfo->SizeOfStruct, PortInfo->Flags, PortInfo->Rings,
                    PortInfo->Priority, tsid, csid);
    free(tsid);
    free(csid);
    return done;
}

BOOL WINFAX_CALL FaxSetPortW(HANDLE FaxPortHandle, const FAX_PORT_INFOW *PortInfo)
{
    char *tsid = NULL;
    char *csid = NULL;
    BOOL done;

    if (!is_open_port_handle(FaxPortHandle))
        return winfax_fail_unknown_handle(FaxPortHandle);
    if (!PortInfo || PortInfo->SizeOfStruct != sizeof(FAX_PORT_INFOW))
        return winfax_fail(ERROR_INVALID_PARAMETER);
    /* A string that is not valid UTF-16 is a bad argument. */
    if (PortInfo->Tsid && !(tsid = winfax_utf16_to_utf8_alloc(PortInfo->Tsid)))
        return winfax_fail(errno == ENOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_PARAMETER);
    if (PortInfo->Csid && !(csid = winfax_utf16_to_utf8_alloc(PortInfo->Csid))) {
        free(tsid);
        return winfax_fail(errno == ENOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_PARAMETER);
    }
    done = set_port(FaxPortHandle, PortInfo->SizeOfStruct, PortInfo->Flags, PortInfo->Rings,
                    PortInfo->Priority, tsid, csid);
    free(tsid);
    free(csid);
    return done;
}
