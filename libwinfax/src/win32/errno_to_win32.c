/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * errno -> Win32 error code, for every fax function.
 *
 * The errnos come from three places: the faxport driver (each ioctl's
 * errors are listed in uapi/linux/faxport.h), open() of the device nodes,
 * and the library itself (the handle table, the result buffers, string
 * conversion).  Inside the library they travel as negative errnos, as the
 * kernel returns them; this is the one place they become Win32 codes.
 * Each row below says why it maps where it does.  Functions
 * that must give a different code because the fax API documents one apply
 * their override before calling this (see errno_to_win32.h).
 */
#include "errno_to_win32.h"

#include <errno.h>

#include "last_error.h"

DWORD winfax_win32_error_from_errno(int negative_errno)
{
    /* The rows name the errnos as errno.h does; a positive value (an
     * errno not negated on its way here) matches none and is
     * ERROR_GEN_FAILURE. */
    switch (-negative_errno) {
    case 0:
        return ERROR_SUCCESS;

    /* The handle's rights (fixed when it was opened) lack what the call
     * needs (EACCES from the driver), the caller lacks a capability
     * (EPERM), or a device node's permissions refuse the open (EACCES). */
    case EACCES:
    case EPERM:
        return ERROR_ACCESS_DENIED;

    /* An fd that is not the kind of faxport file the call needs (EBADF: a
     * port bound with something that is not a server handle), or one not
     * in the state the call needs (EBADFD: no API handshake yet, a port
     * file that is not a bound port handle).  The library only issues
     * calls on handles it created, so these mean the handle is not what it
     * should be: the application's view is an invalid handle. */
    case EBADF:
    case EBADFD:
        return ERROR_INVALID_HANDLE;

    /* The running driver does not know the request: it is older than the
     * library.  The function exists in the API but not in this kernel. */
    case ENOTTY:
        return ERROR_NOT_SUPPORTED;

    /* The kernel or the library ran out of memory.  EOVERFLOW is a result
     * larger than the library's ceiling for one buffer: it cannot be
     * handed out for the same reason. */
    case ENOMEM:
    case EOVERFLOW:
        return ERROR_NOT_ENOUGH_MEMORY;

    /* A value the driver rejects (a field out of range, unknown flags, a
     * string that is too long or not printable) is a bad argument. */
    case EINVAL:
    case ERANGE:
    case E2BIG:
        return ERROR_INVALID_PARAMETER;

    /* The driver could not read or write memory the library passed.  The
     * library passes only its own buffers, so this is not expected; Win32
     * reports bad buffers as ERROR_NOACCESS. */
    case EFAULT:
        return ERROR_NOACCESS;

    /* The port does not exist, or no longer does: the driver's ENODEV on a
     * handle of a removed port ("like a USB disconnect"), ENXIO from the
     * open of a node whose port is gone.  ERROR_BAD_UNIT ("the system
     * cannot find the device specified") is the code the fax API already
     * uses for an unknown DeviceId, so an application sees one code for
     * "no such port" whether the port never existed or was removed.  The
     * handle itself stays valid until FaxClose, which still succeeds:
     * ERROR_INVALID_HANDLE would wrongly tell the application that it
     * used a closed or forged handle. */
    case ENODEV:
    case ENXIO:
        return ERROR_BAD_UNIT;

    case ENOENT:
        return ERROR_FILE_NOT_FOUND;

    /* The port is in a call or has a job on it (FaxSetPort).  FaxOpenPort
     * overrides this: the API gives ERROR_INVALID_HANDLE for a second
     * PORT_OPEN_MODIFY handle. */
    case EBUSY:
        return ERROR_DEVICE_IN_USE;

    /* The process' fd table, the system's file table, or the library's
     * handle table is full. */
    case EMFILE:
    case ENFILE:
        return ERROR_TOO_MANY_OPEN_FILES;

    case EEXIST:
        return ERROR_ALREADY_EXISTS;

    /* The job queue is full (FaxSendDocument: the driver holds 4096 jobs).
     * Windows' queue lives in its spool folder, where "full" is a full
     * disk. */
    case ENOSPC:
        return ERROR_DISK_FULL;

    /* The caller has as many jobs queued as the driver lets one user have
     * (its user_job_limit); others may still submit. */
    case EDQUOT:
        return ERROR_NOT_ENOUGH_QUOTA;

    /* Text that cannot be converted: invalid UTF-8 from the kernel, in a
     * result.  (Invalid strings given by the application are
     * ERROR_INVALID_PARAMETER; the functions check those themselves.) */
    case EILSEQ:
        return ERROR_INVALID_DATA;

    /* EIO and anything without a row: the device failed in a way the API
     * has no better word for.  Never ERROR_SUCCESS, so a failing call can
     * never look like a success. */
    case EIO:
    default:
        return ERROR_GEN_FAILURE;
    }
}

BOOL winfax_fail_errno(int negative_errno)
{
    return winfax_fail(winfax_win32_error_from_errno(negative_errno));
}
