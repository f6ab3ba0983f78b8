/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * winfax.h as the SDK header of a Windows program (MinGW-w64): every one of
 * the 56 functions is an import of WINFAX.dll whose type is its PFAX*
 * typedef (WINAPI), and none of libwinfax's own names or macros is there.
 * Built with -Werror, so a wrong prototype fails the build; linked with
 * MinGW's -lwinfax, so a name the import library lacks fails the link.
 * Run under Wine, it loads winfax.dll and so checks all 56 exports are
 * there.
 */
#include <windows.h>
#include <stdio.h>

#include "winfax.h"

#if !WINFAX_WINDOWS_TARGET
#error "a Windows compiler must select winfax.h's Windows mode"
#endif
#if defined(WINFAX_EVENT_NO_JOB) || defined(WINFAX_FEI_EVENTS_LOST)
#error "libwinfax-only constants in the Windows header"
#endif
#if defined(FaxClose) || defined(FaxSendDocumentA) || defined(FaxConnectFaxServerW)
#error "the last-error bridge macros are for Winelib only"
#endif

/* One member per export, typed by the header's own typedef: an import
 * whose declared type differs from its typedef is a compile error. */
struct winfax_imports {
    PFAXABORT FaxAbort;
    PFAXACCESSCHECK FaxAccessCheck;
    PFAXCLOSE FaxClose;
    PFAXCOMPLETEJOBPARAMSA FaxCompleteJobParamsA;
    PFAXCOMPLETEJOBPARAMSW FaxCompleteJobParamsW;
    PFAXCONNECTFAXSERVERA FaxConnectFaxServerA;
    PFAXCONNECTFAXSERVERW FaxConnectFaxServerW;
    PFAXENABLEROUTINGMETHODA FaxEnableRoutingMethodA;
    PFAXENABLEROUTINGMETHODW FaxEnableRoutingMethodW;
    PFAXENUMGLOBALROUTINGINFOA FaxEnumGlobalRoutingInfoA;
    PFAXENUMGLOBALROUTINGINFOW FaxEnumGlobalRoutingInfoW;
    PFAXENUMJOBSA FaxEnumJobsA;
    PFAXENUMJOBSW FaxEnumJobsW;
    PFAXENUMPORTSA FaxEnumPortsA;
    PFAXENUMPORTSW FaxEnumPortsW;
    PFAXENUMROUTINGMETHODSA FaxEnumRoutingMethodsA;
    PFAXENUMROUTINGMETHODSW FaxEnumRoutingMethodsW;
    PFAXFREEBUFFER FaxFreeBuffer;
    PFAXGETCONFIGURATIONA FaxGetConfigurationA;
    PFAXGETCONFIGURATIONW FaxGetConfigurationW;
    PFAXGETDEVICESTATUSA FaxGetDeviceStatusA;
    PFAXGETDEVICESTATUSW FaxGetDeviceStatusW;
    PFAXGETJOBA FaxGetJobA;
    PFAXGETJOBW FaxGetJobW;
    PFAXGETLOGGINGCATEGORIESA FaxGetLoggingCategoriesA;
    PFAXGETLOGGINGCATEGORIESW FaxGetLoggingCategoriesW;
    PFAXGETPAGEDATA FaxGetPageData;
    PFAXGETPORTA FaxGetPortA;
    PFAXGETPORTW FaxGetPortW;
    PFAXGETROUTINGINFOA FaxGetRoutingInfoA;
    PFAXGETROUTINGINFOW FaxGetRoutingInfoW;
    PFAXINITIALIZEEVENTQUEUE FaxInitializeEventQueue;
    PFAXOPENPORT FaxOpenPort;
    PFAXPRINTCOVERPAGEA FaxPrintCoverPageA;
    PFAXPRINTCOVERPAGEW FaxPrintCoverPageW;
    PFAXREGISTERROUTINGEXTENSIONW FaxRegisterRoutingExtensionW;
    PFAXREGISTERSERVICEPROVIDERW FaxRegisterServiceProviderW;
    PFAXSENDDOCUMENTA FaxSendDocumentA;
    PFAXSENDDOCUMENTFORBROADCASTA FaxSendDocumentForBroadcastA;
    PFAXSENDDOCUMENTFORBROADCASTW FaxSendDocumentForBroadcastW;
    PFAXSENDDOCUMENTW FaxSendDocumentW;
    PFAXSETCONFIGURATIONA FaxSetConfigurationA;
    PFAXSETCONFIGURATIONW FaxSetConfigurationW;
    PFAXSETGLOBALROUTINGINFOA FaxSetGlobalRoutingInfoA;
    PFAXSETGLOBALROUTINGINFOW FaxSetGlobalRoutingInfoW;
    PFAXSETJOBA FaxSetJobA;
    PFAXSETJOBW FaxSetJobW;
    PFAXSETLOGGINGCATEGORIESA FaxSetLoggingCategoriesA;
    PFAXSETLOGGINGCATEGORIESW FaxSetLoggingCategoriesW;
    PFAXSETPORTA FaxSetPortA;
    PFAXSETPORTW FaxSetPortW;
    PFAXSETROUTINGINFOA FaxSetRoutingInfoA;
    PFAXSETROUTINGINFOW FaxSetRoutingInfoW;
    PFAXSTARTPRINTJOBA FaxStartPrintJobA;
    PFAXSTARTPRINTJOBW FaxStartPrintJobW;
    PFAXUNREGISTERSERVICEPROVIDERW FaxUnregisterServiceProviderW;
};

static const struct winfax_imports imports = {
    FaxAbort,
    FaxAccessCheck,
    FaxClose,
    FaxCompleteJobParamsA,
    FaxCompleteJobParamsW,
    FaxConnectFaxServerA,
    FaxConnectFaxServerW,
    FaxEnableRoutingMethodA,
    FaxEnableRoutingMethodW,
    FaxEnumGlobalRoutingInfoA,
    FaxEnumGlobalRoutingInfoW,
    FaxEnumJobsA,
    FaxEnumJobsW,
    FaxEnumPortsA,
    FaxEnumPortsW,
    FaxEnumRoutingMethodsA,
    FaxEnumRoutingMethodsW,
    FaxFreeBuffer,
    FaxGetConfigurationA,
    FaxGetConfigurationW,
    FaxGetDeviceStatusA,
    FaxGetDeviceStatusW,
    FaxGetJobA,
    FaxGetJobW,
    FaxGetLoggingCategoriesA,
    FaxGetLoggingCategoriesW,
    FaxGetPageData,
    FaxGetPortA,
    FaxGetPortW,
    FaxGetRoutingInfoA,
    FaxGetRoutingInfoW,
    FaxInitializeEventQueue,
    FaxOpenPort,
    FaxPrintCoverPageA,
    FaxPrintCoverPageW,
    FaxRegisterRoutingExtensionW,
    FaxRegisterServiceProviderW,
    FaxSendDocumentA,
    FaxSendDocumentForBroadcastA,
    FaxSendDocumentForBroadcastW,
    FaxSendDocumentW,
    FaxSetConfigurationA,
    FaxSetConfigurationW,
    FaxSetGlobalRoutingInfoA,
    FaxSetGlobalRoutingInfoW,
    FaxSetJobA,
    FaxSetJobW,
    FaxSetLoggingCategoriesA,
    FaxSetLoggingCategoriesW,
    FaxSetPortA,
    FaxSetPortW,
    FaxSetRoutingInfoA,
    FaxSetRoutingInfoW,
    FaxStartPrintJobA,
    FaxStartPrintJobW,
    FaxUnregisterServiceProviderW,
};

int main(void)
{
    const void *const *slot = (const void *const *)&imports;
    size_t count = sizeof(imports) / sizeof(void *);
    size_t resolved = 0;

    for (size_t i = 0; i < count; i++)
        resolved += slot[i] != NULL;
    printf("1..2\n");
    printf("%s 1 - %u imports declared\n", count == 56 ? "ok" : "not ok", (unsigned)count);
    printf("%s 2 - %u imports resolved by the loader\n", resolved == 56 ? "ok" : "not ok",
           (unsigned)resolved);
    return resolved == 56 ? 0 : 1;
}
