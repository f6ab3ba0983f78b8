/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef LIBWINFAX_LAST_ERROR_H
#define LIBWINFAX_LAST_ERROR_H

#include "winfax.h"

/* Most API paths end with "set the code, return FALSE"; one call keeps the
 * two from drifting apart. */
static inline BOOL winfax_fail(DWORD error_code)
{
    SetLastError(error_code);
    return FALSE;
}

#endif
