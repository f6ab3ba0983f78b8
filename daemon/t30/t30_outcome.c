// SPDX-License-Identifier: GPL-2.0
/*
 * The one table that decides how a T.30 completion code is reported.
 *
 * The outcomes are what a fax client can act on, so codes are grouped by
 * what the user should do next, not by where in T.30 they arose:
 *
 *  - COMPLETED: only T30_ERR_OK. spandsp reports it when every page was
 *    confirmed (sender) or the sender closed the call properly (receiver).
 *  - NO_FAX_ANSWER: nothing on the other end ever spoke T.30 (no CED/DIS/DCS
 *    before T0/T1): a voice line, a wrong number, a fax that did not pick
 *    up. Retrying later may help; it is Win32's "no answer"/"not a fax call".
 *  - DISCONNECTED: the far end ended the call on its own: a DCN where T.30
 *    expected something else, or the line dropped (T30_ERR_CALLDROPPED,
 *    which spandsp gives when the call is terminated mid-procedure, e.g.
 *    by fax_call_hangup()).
 *  - PROTOCOL_FAILURE: both ends were talking T.30 and could not finish:
 *    training failed at every rate, commands or responses went missing or
 *    were invalid, retries ran out, the far end cannot take this document
 *    (resolution, size) or refused an identity. Win32's fatal error.
 *  - CANNOT_READ_DOCUMENT / CANNOT_WRITE_OUTPUT: the TIFF problems spandsp
 *    reports (T30_ERR_FILEERROR ... T30_ERR_NOMEM) are about the document
 *    when sending and about the output file when receiving, so they are
 *    resolved by the role.
 *
 * Codes not in the table (a newer spandsp) are PROTOCOL_FAILURE: an unknown
 * ending must never read as success.
 */
#include "t30_outcome.h"

#include <spandsp.h>

enum outcome_class {
	CLASS_UNLISTED = 0,	/* zero, so a code missing from the table is caught */
	CLASS_COMPLETED,
	CLASS_NO_FAX_ANSWER,
	CLASS_DISCONNECTED,
	CLASS_PROTOCOL_FAILURE,
	CLASS_FILE,		/* the document (sending) or the output (receiving) */
};

static const unsigned char outcome_class_by_code[] = {
	[T30_ERR_OK] = CLASS_COMPLETED,

	/* Nobody answered with T.30. */
	[T30_ERR_CEDTONE] = CLASS_NO_FAX_ANSWER,
	[T30_ERR_T0_EXPIRED] = CLASS_NO_FAX_ANSWER,
	[T30_ERR_T1_EXPIRED] = CLASS_NO_FAX_ANSWER,

	/* Link problems once T.30 was running. */
	[T30_ERR_T3_EXPIRED] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_HDLC_CARRIER] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_CANNOT_TRAIN] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_OPER_INT_FAIL] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_INCOMPATIBLE] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_RX_INCAPABLE] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_TX_INCAPABLE] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_NORESSUPPORT] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_NOSIZESUPPORT] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_UNEXPECTED] = CLASS_PROTOCOL_FAILURE,

	/* Sender side. A DCN from the receiver is the receiver hanging up. */
	[T30_ERR_TX_BADDCS] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_TX_BADPG] = CLASS_DISCONNECTED,
	[T30_ERR_TX_ECMPHD] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_TX_GOTDCN] = CLASS_DISCONNECTED,
	[T30_ERR_TX_INVALRSP] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_TX_NODIS] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_TX_PHBDEAD] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_TX_PHDDEAD] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_TX_T5EXP] = CLASS_PROTOCOL_FAILURE,

	/*
	 * Receiver side. A lost carrier is a failure, not a hang-up: if the line
	 * really dropped, the line owner calls fax_call_hangup(), which ends
	 * the call as CALLDROPPED before T.30 could notice the carrier.
	 */
	[T30_ERR_RX_ECMPHD] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_RX_GOTDCS] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_RX_INVALCMD] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_RX_NOCARRIER] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_RX_NOEOL] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_RX_NOFAX] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_RX_T2EXPDCN] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_RX_T2EXPD] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_RX_T2EXPFAX] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_RX_T2EXPMPS] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_RX_T2EXPRR] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_RX_T2EXP] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_RX_DCNWHY] = CLASS_DISCONNECTED,
	[T30_ERR_RX_DCNDATA] = CLASS_DISCONNECTED,
	[T30_ERR_RX_DCNFAX] = CLASS_DISCONNECTED,
	[T30_ERR_RX_DCNPHD] = CLASS_DISCONNECTED,
	[T30_ERR_RX_DCNRRD] = CLASS_DISCONNECTED,
	[T30_ERR_RX_DCNNORTN] = CLASS_DISCONNECTED,

	/* TIFF problems: whose file depends on the role. */
	[T30_ERR_FILEERROR] = CLASS_FILE,
	[T30_ERR_NOPAGE] = CLASS_FILE,
	[T30_ERR_BADTIFF] = CLASS_FILE,
	[T30_ERR_BADPAGE] = CLASS_FILE,
	[T30_ERR_BADTAG] = CLASS_FILE,
	[T30_ERR_BADTIFFHDR] = CLASS_FILE,
	[T30_ERR_NOMEM] = CLASS_FILE,

	/* We gave up after our retries; the far end did not hang up. */
	[T30_ERR_RETRYDCN] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_CALLDROPPED] = CLASS_DISCONNECTED,

	/* Feature negotiation refused. */
	[T30_ERR_NOPOLL] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_IDENT_UNACCEPTABLE] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_SUB_UNACCEPTABLE] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_SEP_UNACCEPTABLE] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_PSA_UNACCEPTABLE] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_SID_UNACCEPTABLE] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_PWD_UNACCEPTABLE] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_TSA_UNACCEPTABLE] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_IRA_UNACCEPTABLE] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_CIA_UNACCEPTABLE] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_ISP_UNACCEPTABLE] = CLASS_PROTOCOL_FAILURE,
	[T30_ERR_CSA_UNACCEPTABLE] = CLASS_PROTOCOL_FAILURE,
};

_Static_assert(sizeof(outcome_class_by_code) == T30_ERR_CSA_UNACCEPTABLE + 1,
	       "the table covers every spandsp 0.0.6 completion code");

int t30_outcome_code_count(void)
{
	return (int)sizeof(outcome_class_by_code);
}

bool t30_outcome_code_is_listed(int t30_code)
{
	return t30_code >= 0 && t30_code < t30_outcome_code_count() &&
	       outcome_class_by_code[t30_code] != CLASS_UNLISTED;
}

enum fax_call_outcome t30_outcome_for_code(int t30_code, enum fax_call_role role)
{
	enum outcome_class class = CLASS_UNLISTED;

	if (t30_code >= 0 && t30_code < t30_outcome_code_count())
		class = outcome_class_by_code[t30_code];

	switch (class) {
	case CLASS_COMPLETED:
		return FAX_CALL_COMPLETED;
	case CLASS_NO_FAX_ANSWER:
		return FAX_CALL_NO_FAX_ANSWER;
	case CLASS_DISCONNECTED:
		return FAX_CALL_DISCONNECTED;
	case CLASS_FILE:
		return role == FAX_CALL_SEND ? FAX_CALL_CANNOT_READ_DOCUMENT
					     : FAX_CALL_CANNOT_WRITE_OUTPUT;
	case CLASS_PROTOCOL_FAILURE:
	case CLASS_UNLISTED:
		break;
	}
	return FAX_CALL_PROTOCOL_FAILURE;
}
