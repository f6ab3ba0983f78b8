/* SPDX-License-Identifier: GPL-2.0 */
/* How a spandsp T.30 completion code turns into a fax_call outcome. */
#ifndef FAXD_T30_OUTCOME_H
#define FAXD_T30_OUTCOME_H

#include "fax_call.h"

/*
 * The outcome of a call that T.30 ended with @t30_code (T30_ERR_*), seen from
 * @role. Never FAX_CALL_IN_PROGRESS; codes it does not know are failures.
 */
enum fax_call_outcome t30_outcome_for_code(int t30_code, enum fax_call_role role);

/* The number of T.30 completion codes spandsp 0.0.6 defines (0 .. count-1). */
int t30_outcome_code_count(void);

/* Whether the table names @t30_code explicitly (for tests: no code forgotten). */
bool t30_outcome_code_is_listed(int t30_code);

#endif
