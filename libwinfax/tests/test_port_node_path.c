/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The port node's path that FaxOpenPort opens: "/dev/faxport" and the
 * DeviceId in decimal, for the smallest, the digit-count boundaries and the
 * largest DeviceId, within the buffer the header sizes for it.
 */
#include <string.h>

#include "device/faxport_device.h"
#include "tap.h"

static const struct {
    uint32_t device_id;
    const char *path;
} cases[] = {
    { 0, "/dev/faxport0" },
    { 1, "/dev/faxport1" },
    { 9, "/dev/faxport9" },
    { 10, "/dev/faxport10" },
    { 1024, "/dev/faxport1024" },
    { 999999999, "/dev/faxport999999999" },
    { 1000000000, "/dev/faxport1000000000" },
    { UINT32_MAX, "/dev/faxport4294967295" },
};

int main(void)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char path[WINFAX_PORT_NODE_PATH_SIZE + 1];

        /* A guard byte after the buffer the header sizes: never written. */
        memset(path, 'x', sizeof(path));
        winfax_port_node_path(cases[i].device_id, path);
        ok(strcmp(path, cases[i].path) == 0 && path[WINFAX_PORT_NODE_PATH_SIZE] == 'x',
           "DeviceId %u: %s", (unsigned)cases[i].device_id, cases[i].path);
    }
    return tap_finish();
}
