/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The fax server connection: FaxConnectFaxServerA/W, FaxClose and
 * FaxAccessCheck.
 *
 * A server handle is an open /dev/faxport that made the API handshake.  The
 * driver computed its rights from the opener's credentials when it was
 * opened and keeps them; the library keeps nothing but the fd, and asks
 * the driver whenever it needs to know the rights.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <linux/faxport.h>

#include "faxport_client.h"

#include "win32/errno_to_win32.h"
#include "win32/handle_table.h"
#include "win32/last_error.h"
#include "winfax.h"
#include "win32/win32_strings.h"

/* ---- FaxConnectFaxServer --------------------------------------------- */

static bool ascii_equal_ignoring_case(const char *left, const char *right, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        unsigned char l = (unsigned char)left[i];
        unsigned char r = (unsigned char)right[i];

        if (l >= 'A' && l <= 'Z')
            l = (unsigned char)(l - 'A' + 'a');
        if (r >= 'A' && r <= 'Z')
            r = (unsigned char)(r - 'A' + 'a');
        if (l != r)
            return false;
    }
    return true;
}

static bool names_equal(const char *name, const char *other, size_t other_length)
{
    return strlen(name) == other_length && ascii_equal_ignoring_case(name, other, other_length);
}

/*
 * Whether MachineName names this machine.  Computer names compare without
 * regard to case, as on Windows, and may be written "\\name".  The host
 * name counts both in full and as its first label (the short name, the
 * nearest thing to a NetBIOS computer name).
 */
static bool names_local_machine(const char *machine_name)
{
    struct utsname system_names;
    const char *short_end;

    if (!machine_name)
        return true;
    if (machine_name[0] == '\\' && machine_name[1] == '\\')
        machine_name += 2;
    if (machine_name[0] == '\0' || strcmp(machine_name, ".") == 0 ||
        names_equal(machine_name, "localhost", strlen("localhost")))
        return true;
    if (uname(&system_names) != 0 || system_names.nodename[0] == '\0')
        return false;
    if (names_equal(machine_name, system_names.nodename, strlen(system_names.nodename)))
        return true;
    short_end = strchr(system_names.nodename, '.');
    return short_end && names_equal(machine_name, system_names.nodename,
                                    (size_t)(short_end - system_names.nodename));
}

/*
 * The Win32 code for a failure to open the server node or to make the
 * handshake.  Overrides of the general mapping:
 *  - no /dev/faxport (ENOENT: the module is not loaded; ENXIO/ENODEV: the
 *    node is stale or not a character device) and ENOTTY (the node is not
 *    a faxport server): the local fax server cannot be reached, which is
 *    what RPC_S_SERVER_UNAVAILABLE says on Windows too;
 *  - EINVAL from the handshake: the kernel speaks another uAPI version
 *    than the library was built for: ERROR_REVISION_MISMATCH.
 */
static DWORD connect_error_to_win32(int error_number)
{
    switch (error_number) {
    case -ENOENT:
    case -ENXIO:
    case -ENODEV:
    case -ENOTTY:
        return RPC_S_SERVER_UNAVAILABLE;
    case -EINVAL:
        return ERROR_REVISION_MISMATCH;
    default:
        return winfax_win32_error_from_errno(error_number);
    }
}

/* MachineName is already UTF-8 (or NULL). */
static BOOL connect_fax_server(const char *machine_name, LPHANDLE fax_handle)
{
    HANDLE handle;
    int server_fd;
    int error;

    /* Only the local fax server exists: there is no remote transport.
     * Windows gives RPC_S_SERVER_UNAVAILABLE for a server it cannot
     * reach, and an application cannot tell "no remote access" apart from
     * "unreachable" anyway. */
    if (!names_local_machine(machine_name))
        return winfax_fail(RPC_S_SERVER_UNAVAILABLE);

    server_fd = faxport_open_server();
    if (server_fd < 0)
        return winfax_fail(connect_error_to_win32(server_fd));
    error = winfax_handle_create(WINFAX_HANDLE_FAX_SERVER, server_fd, NULL, NULL, &handle);
    if (error) {
        close(server_fd);
        return winfax_fail_errno(error);
    }
    *fax_handle = handle;
    return TRUE;
}

BOOL WINFAX_CALL FaxConnectFaxServerA(LPCSTR MachineName, LPHANDLE FaxHandle)
{
    char *machine_name;
    BOOL connected;

    if (!FaxHandle)
        return winfax_fail(ERROR_INVALID_PARAMETER);
    if (!MachineName || winfax_ansi_is_utf8())
        return connect_fax_server(MachineName, FaxHandle);
    /* Host names are compared in UTF-8. */
    machine_name = winfax_ansi_to_utf8_alloc(MachineName);
    if (!machine_name)
        return winfax_fail(errno == ENOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_PARAMETER);
    connected = connect_fax_server(machine_name, FaxHandle);
    free(machine_name);
    return connected;
}

BOOL WINFAX_CALL FaxConnectFaxServerW(LPCWSTR MachineName, LPHANDLE FaxHandle)
{
    char *machine_name = NULL;
    BOOL connected;

    if (!FaxHandle)
        return winfax_fail(ERROR_INVALID_PARAMETER);
    if (MachineName) {
        machine_name = winfax_utf16_to_utf8_alloc(MachineName);
        /* A name that is not valid UTF-16 is a bad argument, not a
         * machine that cannot be reached. */
        if (!machine_name)
            return winfax_fail(errno == ENOMEM ? ERROR_NOT_ENOUGH_MEMORY
                                               : ERROR_INVALID_PARAMETER);
    }
    connected = connect_fax_server(machine_name, FaxHandle);
    free(machine_name);
    return connected;
}

/* ---- FaxClose ---------------------------------------------------------- */

/*
 * Closes a server or a port handle.  The value stops being valid at once;
 * the fd is closed when the last call still using it returns (see
 * handle_table.h), so an fd number is never closed twice or after the
 * process reused it.  Completion ports are not fax handles: CloseHandle
 * closes those, and FaxClose refuses them like any other value.
 */
BOOL WINFAX_CALL FaxClose(HANDLE FaxHandle)
{
    if (!winfax_handle_close(FaxHandle, WINFAX_HANDLE_KIND_BIT(WINFAX_HANDLE_FAX_SERVER) |
                                            WINFAX_HANDLE_KIND_BIT(WINFAX_HANDLE_FAX_PORT)))
        return winfax_fail(ERROR_INVALID_HANDLE);
    return TRUE;
}

/* ---- FaxAccessCheck ---------------------------------------------------- */

/*
 * Access masks are Windows ACCESS_MASKs: the seven fax rights in the low
 * bits, the standard rights in bits 16-20, and the generic rights in bits
 * 28-31.  FAX_READ, FAX_WRITE and FAX_ALL_ACCESS contain standard rights,
 * so those must mean something here.  The names are private (Wine's
 * headers may define the Win32 ones).
 */
#define ACCESS_DELETE          0x00010000u
#define ACCESS_READ_CONTROL    0x00020000u
#define ACCESS_WRITE_DAC       0x00040000u
#define ACCESS_WRITE_OWNER     0x00080000u
#define ACCESS_SYNCHRONIZE     0x00100000u
#define ACCESS_GENERIC_ALL     0x10000000u
#define ACCESS_GENERIC_EXECUTE 0x20000000u
#define ACCESS_GENERIC_WRITE   0x40000000u
#define ACCESS_GENERIC_READ    0x80000000u

#define FAX_SPECIFIC_RIGHTS    (FAX_JOB_SUBMIT | FAX_JOB_QUERY | FAX_CONFIG_QUERY | \
                                FAX_CONFIG_SET | FAX_PORT_QUERY | FAX_PORT_SET | \
                                FAX_JOB_MANAGE)

_Static_assert(FAX_SPECIFIC_RIGHTS == FAXPORT_RIGHTS_ALL,
               "the driver's rights are the FAX_* bits");
_Static_assert((FAX_ALL_ACCESS & ~FAX_SPECIFIC_RIGHTS) ==
               (ACCESS_DELETE | ACCESS_READ_CONTROL | ACCESS_WRITE_DAC |
                ACCESS_WRITE_OWNER | ACCESS_SYNCHRONIZE),
               "FAX_ALL_ACCESS is the fax rights plus the standard rights");

/*
 * The generic mapping: GENERIC_READ is FAX_READ, GENERIC_WRITE is
 * FAX_WRITE, GENERIC_EXECUTE is FAX_WRITE as well (submitting a fax is
 * what "running" the fax server means; its standard part, READ_CONTROL,
 * is the same), GENERIC_ALL is FAX_ALL_ACCESS.
 */
static DWORD expand_generic_rights(DWORD access_mask)
{
    DWORD specific = access_mask & ~(ACCESS_GENERIC_ALL | ACCESS_GENERIC_EXECUTE |
                                     ACCESS_GENERIC_WRITE | ACCESS_GENERIC_READ);

    if (access_mask & ACCESS_GENERIC_READ)
        specific |= FAX_READ;
    if (access_mask & (ACCESS_GENERIC_WRITE | ACCESS_GENERIC_EXECUTE))
        specific |= FAX_WRITE;
    if (access_mask & ACCESS_GENERIC_ALL)
        specific |= FAX_ALL_ACCESS;
    return specific;
}

/*
 * What a handle holds, as an ACCESS_MASK.  The standard rights are rights
 * over the fax server's security descriptor, which on Linux is the
 * driver's policy (module parameters, readable by all, writable by root):
 * READ_CONTROL and SYNCHRONIZE belong to every handle; DELETE, WRITE_DAC
 * and WRITE_OWNER to handles that hold every fax right, the server's
 * administrators.  So FAX_READ and FAX_WRITE are held exactly when their
 * fax rights are, and FAX_ALL_ACCESS exactly when all seven are.
 */
static DWORD held_access(uint32_t driver_rights)
{
    DWORD held = (DWORD)(driver_rights & FAX_SPECIFIC_RIGHTS) |
                 ACCESS_READ_CONTROL | ACCESS_SYNCHRONIZE;

    if ((driver_rights & FAX_SPECIFIC_RIGHTS) == FAX_SPECIFIC_RIGHTS)
        held |= ACCESS_DELETE | ACCESS_WRITE_DAC | ACCESS_WRITE_OWNER;
    return held;
}

/*
 * TRUE when the handle holds every right in AccessMask.  FALSE with
 * ERROR_SUCCESS when it does not (as the API documents), FALSE with an
 * error code when the check itself failed.  Bits that are no right of the
 * fax server (other specific bits, MAXIMUM_ALLOWED, ACCESS_SYSTEM_SECURITY)
 * are never held.  An empty mask asks for nothing and is held.
 */
BOOL WINFAX_CALL FaxAccessCheck(HANDLE FaxHandle, DWORD AccessMask)
{
    struct winfax_handle_ref ref;
    struct faxport_rights rights = { 0 };
    DWORD requested;
    int error;

    if (!winfax_handle_get(FaxHandle, WINFAX_HANDLE_FAX_SERVER, &ref))
        return winfax_fail(ERROR_INVALID_HANDLE);
    error = faxport_ioctl(ref.fd, FAXPORT_IOC_GET_RIGHTS, &rights);
    winfax_handle_put(&ref);
    if (error)
        return winfax_fail_errno(error);

    requested = expand_generic_rights(AccessMask);
    SetLastError(ERROR_SUCCESS);
    return (requested & ~held_access(rights.rights)) == 0;
}
